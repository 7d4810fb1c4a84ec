/** The shared finish step: every layout decision, taken once for both renderers. */
import {
  buildSummarySheets,
  columnLetter,
  buildTemplateSheet,
  computeRollup,
  emptySheet,
  finishSheet,
  LOOKS,
  NUMBER_FORMATS,
  workbookTableName,
  type FinishedSheet,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { isValidExcelName } from '../support/fake-excel';

const b = loadCampaignBundles().find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const results = b.templates.find((t) => t.id === 'results')!;
const unit = b.units.find((u) => u.id === 'PC06')!;
const q3 = b.periods.find((p) => p.id === '2022-Q3')!;
const template = finishSheet(buildTemplateSheet(results, { campaign: b.campaign, unit, period: q3 }));

function coverage(f: FinishedSheet): Map<string, number> {
  const count = new Map<string, number>();
  for (const a of f.areas)
    for (let r = a.top; r <= a.bottom; r++)
      for (let k = a.left; k <= a.right; k++) count.set(`${r}:${k}`, (count.get(`${r}:${k}`) ?? 0) + 1);
  return count;
}

test('areas never overlap, and every written cell has a look', () => {
  const count = coverage(template);
  expect([...count.values()].every((n) => n === 1)).toBe(true);
  for (const c of template.cells) expect(count.get(`${c.row}:${c.col}`)).toBe(1);
  for (const t of template.tables)
    for (let r = t.row; r <= t.lastRow; r++)
      for (let k = t.col; k <= t.lastCol; k++) expect(count.get(`${r}:${k}`)).toBe(1);
});

test('inputs are the only unlocked areas; STT numbers are centred; labels bordered', () => {
  const unlocked = template.areas.filter((a) => !a.locked);
  expect(unlocked.length).toBeGreaterThan(20);
  expect(unlocked.every((a) => a.look.fill === LOOKS.input.fill)).toBe(true);
  const stt = template.areas.find(
    (a) => a.left === 1 && template.cells.some((c) => c.row === a.top && c.col === 1 && c.value === 1),
  )!;
  expect(stt.look.horizontal).toBe('center');
  expect(stt.look.border.top).toEqual(LOOKS.label.border.top);
});

test('whole numbers on read-only cells lose the decimal format’s trailing separator; inputs keep it', () => {
  const sheet = emptySheet('x', 'summary');
  sheet.cells.push({ row: 1, col: 1, value: 1400, numberFormat: NUMBER_FORMATS.decimal });
  sheet.cells.push({ row: 1, col: 2, value: 12.5, numberFormat: NUMBER_FORMATS.decimal });
  sheet.cells.push({ row: 1, col: 3, value: 1400, numberFormat: NUMBER_FORMATS.decimal, unlocked: true });
  sheet.tables.push({
    name: 't',
    row: 3,
    col: 1,
    header: ['a'],
    rows: [[2], [2.5]],
    numberFormats: [NUMBER_FORMATS.decimal],
  });
  const f = finishSheet(sheet);
  expect(f.cells.map((c) => c.numberFormat)).toEqual([
    NUMBER_FORMATS.integer,
    NUMBER_FORMATS.decimal,
    NUMBER_FORMATS.decimal,
  ]);
  expect(f.tables[0]!.numberFormats).toEqual([[NUMBER_FORMATS.integer], [NUMBER_FORMATS.decimal]]);
});

test('a choice with a comma stays one choice: labels in a hidden column, the validation points there', () => {
  const sheet = emptySheet('Chọn', 'template');
  sheet.columns = [{ width: 10 }, { width: 10 }];
  const list = ['Tốt, đạt', 'Khá', 'x'.repeat(300)];
  for (const ref of ['B2', 'B3'])
    sheet.validations.push({
      ref,
      type: 'list',
      operator: 'between',
      list,
      prompt: { title: 'T'.repeat(40), message: 'M'.repeat(300) },
      error: { title: 'E', message: 'e' },
    });
  const f = finishSheet(sheet);
  expect(f.columns[2]).toEqual({ width: 24, hidden: true });
  expect(f.cells.filter((c) => c.col === 3).map((c) => c.value)).toEqual(list); // written once, shared
  expect(f.validations.map((v) => v.list)).toEqual([
    { ref: 'C1:C3', formula: '$C$1:$C$3' },
    { ref: 'C1:C3', formula: '$C$1:$C$3' },
  ]);
  expect(f.validations[0]!.prompt.title).toHaveLength(32);
  expect(f.validations[0]!.prompt.message).toHaveLength(255);
});

test('table names: valid Excel names, unique across the sheets of a workbook and across template sheets', () => {
  const names = [
    ...template.tables,
    ...finishSheet(
      buildTemplateSheet(results, { campaign: b.campaign, unit, period: q3 }),
      'Báo cáo PC06 2022-Q3 (2)',
    ).tables,
    ...finishSheet(buildTemplateSheet(results, { campaign: b.campaign, unit })).tables,
  ].map((t) => t.name.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
  expect(names.every(isValidExcelName)).toBe(true);
  // Sheet names that fold alike (case, accents, punctuation) still give different names.
  const folded = ['Tổng hợp', 'Tong hop', 'Tổng-hợp', '2022 Q3', 'đ'].map((s) => workbookTableName(s, 'tbl'));
  expect(new Set(folded.map((n) => n.toLowerCase())).size).toBe(folded.length);
  expect(folded.every(isValidExcelName)).toBe(true);
});

test('summary sheets: frozen panes, charts from the table, every text XML-legal', () => {
  const period = b.periods.find((p) => p.id === '2022-H1')!;
  const rollup = computeRollup({
    campaignId: b.campaign.id,
    period,
    templates: [results],
    units: b.units,
    submissions: [],
  });
  const finished = buildSummarySheets(rollup, {
    campaign: { ...b.campaign, organisation: 'A\uFFFFB' },
    period,
  }).map((s) => finishSheet(s));
  expect(finished[1]!.freeze).toEqual({ rows: expect.any(Number), cols: 3 });
  const groups = finished[2]!.tables.find((t) => t.modelName === 'tbl_completeness_groups')!;
  // The chart's source: the group table from its first column to its last series column, header included.
  expect(finished[2]!.charts.map((c) => c.source)).toEqual([
    `${columnLetter(groups.col)}${groups.row}:${columnLetter(groups.col + 4)}${groups.lastRow}`,
  ]);
  expect(finished.flatMap((s) => s.cells).some((c) => c.value === 'A\uFFFDB')).toBe(true);
  expect(
    finished.flatMap((s) => s.cells).some((c) => typeof c.value === 'string' && c.value.includes('\uFFFF')),
  ).toBe(false);
});
