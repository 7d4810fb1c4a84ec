/**
 * A third reader: LibreOffice Calc converts the summary workbook to CSV (its first sheet, values as
 * shown) and the province totals must be there. Needs `soffice` (Debian: libreoffice-calc); CI
 * installs it, and without it this suite is skipped with a message saying so.
 */
import { soffice, sofficeConvert } from '../support/libreoffice';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildSummarySheets,
  computeRollup,
  samePeriodLastYear,
  type StoredSubmission,
} from '../../shared/src';
import { renderWorkbookStreamed } from '../../functions/src/workbook/stream-writer';
import { langSon, resultsV1 } from './support';

const describeWithSoffice = soffice ? describe : describe.skip;
if (!soffice) {
  console.warn(
    'SKIPPED the LibreOffice check: `soffice` is not on PATH (apt-get install -y libreoffice-calc).',
  );
}

/** RFC 4180 CSV (quotes doubled inside quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** “1,087,500,217.5” (LibreOffice shows the number format in the CSV) → 1087500217.5. */
const number = (shown: string | undefined) => (shown ? Number(shown.replace(/,/g, '')) : NaN);

describeWithSoffice('LibreOffice reads the summary workbook', () => {
  const period = langSon.periods.find((p) => p.id === '2022-H1')!;
  const previousPeriod = samePeriodLastYear(period, langSon.periods)!;
  const reporting = langSon.units.filter((u) => u.reports);
  const stored = (unitId: string, i: number, periodId: string): StoredSubmission => ({
    submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    templateId: 'results',
    templateVersion: 1,
    unitId,
    periodId,
    values: {
      meetings_held: 2 + (i % 5),
      participants: 40 + 13 * i,
      id_cards_issued: 35 * i,
      trainees: 120 + i,
      charity_value_vnd: 2_500_000.5 * i,
    },
    tables: {},
    revision: 1,
    receivedAt: '2022-06-10T02:00:00.000Z',
    onTime: i % 6 !== 5,
    review: { state: 'pending' },
  });
  const current = reporting.slice(0, 33).map((u, i) => stored(u.id, i, period.id));
  const rollup = computeRollup({
    campaignId: langSon.campaign.id,
    period,
    templates: [resultsV1],
    units: langSon.units,
    submissions: current,
    previousPeriod,
    previousSubmissions: reporting.slice(0, 25).map((u, i) => stored(u.id, i, previousPeriod.id)),
  });
  let dir: string;
  let csv: string[][];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-summary-'));
    const file = path.join(dir, 'tong-hop.xlsx');
    const sheets = buildSummarySheets(rollup, {
      campaign: langSon.campaign,
      period,
      previousPeriod,
      generatedAt: '2022-06-20T03:00:00Z',
    });
    // The streaming writer: what the summary export answers (functions/src/workbook/summary-export.ts).
    fs.writeFileSync(file, await renderWorkbookStreamed(sheets));
    await sofficeConvert([file], 'csv:Text - txt - csv (StarCalc):44,34,76', dir);
    csv = parseCsv(fs.readFileSync(path.join(dir, 'tong-hop.csv'), 'utf8'));
  }, 100_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test('the province totals, the same period last year and the change are in the CSV', () => {
    expect(csv[0]![0]).toBe('CÔNG AN TỈNH LẠNG SƠN');
    const fields = resultsV1.sections.flatMap((s) => s.fields);
    const row = (key: string) => csv.find((r) => r[1] === fields.find((f) => f.key === key)!.label.vi)!;
    const sum = (list: StoredSubmission[], key: string) =>
      list.reduce((s, x) => s + ((x.values[key] as number | undefined) ?? 0), 0);
    const previous = reporting.slice(0, 25).map((u, i) => stored(u.id, i, previousPeriod.id));
    for (const key of ['meetings_held', 'participants', 'id_cards_issued', 'trainees', 'charity_value_vnd']) {
      const r = row(key);
      expect([key, number(r[3])]).toEqual([key, Number(sum(current, key).toFixed(2))]);
      expect([key, number(r[4])]).toEqual([key, Number(sum(previous, key).toFixed(2))]);
      expect(number(r[5])).toBeCloseTo(sum(current, key) - sum(previous, key), 1);
      expect(r[3]).not.toMatch(/\.$/); // no dangling decimal separator on whole numbers
    }
    expect(row('participants')[2]).toBe('lượt');
    expect(row('id_cards_issued')[3]).toBe(sum(current, 'id_cards_issued').toLocaleString('en-US'));
  });

  test('completeness: expected, submitted, on time, late, missing', () => {
    const header = csv.findIndex((r) => r.includes('Đã nộp'));
    const c = rollup.completeness;
    expect(csv[header + 1]!.filter(Boolean).map(number)).toEqual([
      c.expected,
      c.submitted,
      c.onTime,
      c.late,
      c.missing.length,
    ]);
    expect([c.expected, c.submitted]).toEqual([40, 33]);
  });
});
