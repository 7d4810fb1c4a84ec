/**
 * The summary export at national scale (issue 18): the workbook of 10,000 units × 60 fields, built by
 * the export worker with the streaming writer (functions/src/workbook/summary-export.ts) from a
 * roll-up of generated reports, read back by another program — openpyxl, not our reader — for
 * its row count and totals, which are worked out here from the generated reports themselves.
 * Its memory and time are measured by the bench (scripts/bench/summary-export.ts), not asserted here.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sheetLabels } from '../../shared/src';
import { StorageUnavailableError } from '../../functions/src/storage/retry';
import { exportSummaryWorkbook } from '../../functions/src/workbook/summary-export';
import { azuriteConnectionString, freePort } from '../../scripts/lib/azurite';
import { readListSheets } from '../../functions/src/workbook/list-reader';
import { period as makePeriod } from '../support/fixtures';
import { largeRollup, largeSubmissions, largeTemplate, largeUnits } from '../support/large-rollup';

const run = promisify(execFile);
/** The system's Python, where python3-openpyxl is installed (.ci/run). */
const PYTHON = '/usr/bin/python3';
const hasOpenpyxl = (() => {
  try {
    require('node:child_process').execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const describeWithOpenpyxl = hasOpenpyxl ? describe : describe.skip;
if (!hasOpenpyxl)
  console.warn(`summary-export test skipped: ${PYTHON} has no openpyxl (apt install python3-openpyxl)`);

/** Reads the workbook in openpyxl's read-only mode and prints what the test checks, as JSON. */
const READ = `
import json, re, sys
from openpyxl import load_workbook
labels = json.loads(sys.argv[2])
wb = load_workbook(sys.argv[1], read_only=True)
out = {"sheets": wb.sheetnames}
matrix = wb.worksheets[1]
units, sums, total = 0, [0, 0, 0], None
for row in matrix.iter_rows(values_only=True):
    if isinstance(row[1], str) and re.fullmatch(r"U\\d{5}", row[1]):
        units += 1
        for k in range(3):
            sums[k] += row[3 + k] or 0
    elif row[2] == labels["total"]:
        total = list(row[3:6])
out["matrixUnits"], out["matrixSums"], out["matrixTotal"] = units, sums, total
totals = {}
for row in wb.worksheets[0].iter_rows(values_only=True):
    if isinstance(row[1], str) and row[1] in labels["fields"]:
        totals[row[1]] = row[3]
out["totals"] = totals
texts = wb.worksheets[-1]
out["textRows"] = sum(1 for row in texts.iter_rows(values_only=True) if isinstance(row[2], str) and re.fullmatch(r"U\\d{5}", row[2]))
print(json.dumps(out, ensure_ascii=False))
`;

describeWithOpenpyxl('the 10,000-unit summary workbook, read by openpyxl', () => {
  const UNITS = 10_000;
  const template = largeTemplate(60);
  const registry = largeUnits(UNITS);
  const period = makePeriod('2022-H1', '2022-06-15');
  const submissions = largeSubmissions(template, registry, period);
  const fields = template.sections.flatMap((s) => s.fields).filter((f) => f.type === 'integer');
  let dir: string;
  let read: {
    sheets: string[];
    matrixUnits: number;
    matrixSums: number[];
    matrixTotal: number[];
    totals: Record<string, number>;
    textRows: number;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-10000-'));
    const bytes = await exportSummaryWorkbook(
      { campaignId: 'large', period, templates: [template], units: registry, submissions },
      {
        campaign: {
          name: { vi: 'Phong trào toàn quốc' },
          organisation: 'Bộ Công an',
          timeZone: 'Asia/Ho_Chi_Minh',
        },
        period,
        generatedAt: '2022-06-20T03:00:00Z',
      },
      { now: new Date('2022-06-20T03:00:00Z') },
    );
    const file = path.join(dir, 'tong-hop-10000.xlsx');
    fs.writeFileSync(file, bytes);
    const labels = { total: sheetLabels('vi').total, fields: fields.slice(0, 3).map((f) => f.label.vi) };
    const { stdout } = await run(PYTHON, ['-c', READ, file, JSON.stringify(labels)], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    });
    read = JSON.parse(stdout) as typeof read;
  }, 300_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  /** A field's total worked out from the generated reports, not from the roll-up. */
  const sumOf = (key: string) => submissions.reduce((s, x) => s + (x.values[key] as number), 0);

  test('one row per unit in the matrix and in the texts', () => {
    expect(read.sheets.length).toBeGreaterThanOrEqual(4);
    expect(read.matrixUnits).toBe(UNITS);
    expect(read.textRows).toBe(UNITS);
  });

  test('the matrix columns add up to their total row and to the reports', () => {
    const expected = fields.slice(0, 3).map((f) => sumOf(f.key));
    expect(expected.every((n) => n > UNITS)).toBe(true);
    expect(read.matrixSums).toEqual(expected);
    expect(read.matrixTotal).toEqual(expected);
  });

  test('the totals sheet says the same totals', () => {
    for (const f of fields.slice(0, 3))
      expect([f.key, read.totals[f.label.vi]]).toEqual([f.key, sumOf(f.key)]);
  });
});

describe('the export worker', () => {
  const { template, registry, submissions, period } = largeRollup(300, 5);
  const input = { campaignId: 'large', period, templates: [template], units: registry, submissions };
  const context = {
    campaign: { name: { vi: 'Thử' }, organisation: 'Công an tỉnh', timeZone: 'Asia/Ho_Chi_Minh' },
    period,
  };

  test('an export over its time limit fails, and the next one gets a fresh worker', async () => {
    await expect(exportSummaryWorkbook(input, context, { now: new Date() }, 1)).rejects.toThrow(/over 1 ms/);
    const bytes = await exportSummaryWorkbook(input, context, { now: new Date() });
    // Read back by the API's own upload reader too (xlsx/zip.ts, xlsx/sheet.ts): its zip and XML are what it expects.
    const name = sheetLabels('vi').summaryMatrix;
    const matrix = (await readListSheets(bytes, { sheets: [name] }))[name]!;
    expect(matrix.filter((r) => /^U\d{5}$/.test(String(r[1] ?? ''))).length).toBe(300);
  }, 60_000);

  test('storage the worker cannot read is StorageUnavailableError (503), not a failed export', async () => {
    const nobody = await freePort(); // nothing listens there
    const reports = {
      storage: { connectionString: azuriteConnectionString(nobody), tablePrefix: '', storageTimeoutMs: 500 },
      campaignId: 'large',
      periodId: period.id,
    };
    const { submissions: _read, ...skeleton } = input;
    await expect(
      exportSummaryWorkbook({ ...skeleton, reports }, context, { now: new Date() }),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
  }, 60_000);
});
