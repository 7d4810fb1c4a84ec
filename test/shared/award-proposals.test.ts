/**
 * Proposed commendations (issue 15): results v2's `award_proposals` table is grouped by its award form,
 * so the summary lists the proposals form by form with a count per form, and the narrative report
 * gives the totals by form, then each form's proposals.
 */
import { buildNarrativeReport, buildSummarySheets, checkTemplate, documentText } from '../../shared/src';
import { demoLikeInput } from '../support/report-fixture';

const { input, rollup, bundle } = demoLikeInput('lang-son-nu-cuoi-chien-si', '2022-H1');
const table = rollup.tables.find((t) => t.key === 'award_proposals')!;
const forms = table.columns.find((c) => c.key === 'award_form')!.choices!;
const rows = rollup.tableRows.award_proposals!;
const formLabel = (value: unknown) => forms.find((f) => f.value === value)!.label.vi;

test('the demo-like period has proposals of several forms', () => {
  expect(table.groupBy).toBe('award_form');
  expect(rows.length).toBeGreaterThan(3);
  expect(new Set(rows.map((r) => r.award_form)).size).toBeGreaterThan(1);
});

test('the summary sheet lists them form by form, then the count per form and the total', () => {
  const sheet = buildSummarySheets(rollup, { campaign: bundle.campaign, period: input.period }).find(
    (s) => s.name === 'Đề nghị khen thưởng',
  )!;
  const list = sheet.tables.find((t) => t.name === 'tbl_list_award_proposals')!;
  const formColumn = list.header.indexOf('Hình thức khen thưởng');
  const order = forms.map((f) => f.label.vi);
  const listed = list.rows.map((r) => r[formColumn] as string);
  expect([...listed].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(listed);
  const counts = sheet.tables.find((t) => t.name === 'tbl_counts_award_proposals')!;
  expect(counts.rows).toEqual([
    ...forms.map((f, i) => [i + 1, f.label.vi, rows.filter((r) => r.award_form === f.value).length]),
    [null, 'Tổng cộng', rows.length],
  ]);
  expect(counts.row).toBeGreaterThan(list.row + list.rows.length);
  expect(sheet.cells.some((c) => c.value === 'Tổng số theo hình thức khen thưởng')).toBe(true);
});

test('the narrative report gives the totals by form, then each form’s proposals', () => {
  const text = documentText(buildNarrativeReport(input));
  const given = forms.filter((f) => rows.some((r) => r.award_form === f.value));
  const n = (value: string) => rows.filter((r) => r.award_form === value).length;
  expect(text).toContain(
    `Các đơn vị báo cáo ${rows.length} trường hợp, gồm: ${given.map((f) => `${f.label.vi}: ${n(f.value)} trường hợp`).join('; ')}. Cụ thể:`,
  );
  const at = given.map((f) => text.indexOf(`${f.label.vi} (${n(f.value)} trường hợp):`));
  expect(at.every((i) => i > 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  // Each proposal names the person or collective, with its kind in words, under its form.
  const first = rows.find((r) => r.award_form === given[0]!.value)!;
  const line = text.split('\n').find((l) => l.includes(`“${String(first.name)}”`))!;
  expect(line).toMatch(/Tập thể\/cá nhân: (Tập thể|Cá nhân)/);
  expect(line).not.toContain(formLabel(first.award_form));
});

test('a table grouped by a column that is not a choice is refused', () => {
  const problems = checkTemplate({
    sections: [],
    rules: [],
    tables: [{ key: 'awards', groupBy: 'name', columns: [{ key: 'name', type: 'text' }] }],
  });
  expect(problems.map((p) => [p.code, p.path])).toEqual([['group_by_not_choice', 'tables.0.groupBy']]);
});
