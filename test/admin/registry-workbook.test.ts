/**
 * The unit registry with the columns of units over time (successors, valid_until version rows) through every
 * way an admin edits it: a workbook written by openpyxl read by the command line's reader, our .xlsx writer
 * and back, and the add-in's admin tab (the gateway on the office.js fake: write the sheet, read it back).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseUnitRows, unitsSheetModel, unitsToRows, type Unit } from '../../shared/src';
import { officeExcelGateway as gateway } from '../../addin/src/excel/gateway';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { readWorkbookRows } from '../../scripts/lib/workbook-rows';
import { createFakeExcel } from '../support/fake-excel';

const bacGiang = loadCampaignBundles().find((b) => b.campaign.id === 'bac-giang-nu-cuoi-cong-so')!;

/** A registry using every column of units over time. */
const registry: Unit[] = [
  ...bacGiang.units.map((u) =>
    u.id === 'H-YEN-DUNG' ? { ...u, activeUntil: '2024-12-01', successors: ['TP-BAC-GIANG'] } : u,
  ),
  {
    id: 'DEMO-1',
    name: 'Đơn vị (minh hoạ) 1',
    group: 'commune',
    parentId: 'UBND',
    pilot: false,
    reports: true,
    activeFrom: '2022-01-01',
    history: [
      { until: '2023-01-01', name: 'Đội (minh hoạ)', group: 'other', parentId: 'H-YEN-DUNG' },
      { until: '2024-01-01', name: 'Tổ (minh hoạ)', shortName: 'Tổ', group: 'union' },
    ],
  },
];

test('a workbook written by openpyxl: dates as Excel dates, version rows, successors, columns in its own order', async () => {
  const bytes = fs.readFileSync(path.join(__dirname, '../fixtures/programs/openpyxl-registry.xlsx'));
  const rows = (await readWorkbookRows(bytes)).get('units')!;
  const parsed = parseUnitRows(rows);
  expect(parsed).toEqual({
    ok: true,
    records: [
      { id: 'CAT', name: 'Công an tỉnh', group: 'board', pilot: false, reports: false },
      {
        id: 'CAH-A',
        name: 'Công an huyện A',
        shortName: 'CAH A',
        group: 'district',
        parentId: 'CAT',
        pilot: false,
        reports: true,
        activeUntil: '2025-03-01',
        successors: ['XA-1', 'XA-2'],
      },
      expect.objectContaining({ id: 'XA-1', activeFrom: '2025-03-01', group: 'commune' }),
      expect.objectContaining({ id: 'XA-2', activeFrom: '2025-03-01', reports: true }),
      {
        id: 'TX-B',
        name: 'UBND thị xã B',
        group: 'district',
        parentId: 'CAT',
        pilot: false,
        reports: true,
        history: [
          {
            until: '2024-02-01',
            name: 'UBND huyện B',
            shortName: 'Huyện B',
            group: 'district',
            parentId: 'CAT',
          },
          { until: '2022-01-01', name: 'Đội B', group: 'other', parentId: 'CAH-A' },
        ],
      },
    ],
  });
});

test('our .xlsx writer and the command line’s reader: the registry comes back unchanged', async () => {
  const bytes = await renderWorkbook([unitsSheetModel(registry)]);
  const rows = (await readWorkbookRows(bytes)).get('units')!;
  const parsed = parseUnitRows(rows);
  expect(parsed.ok).toBe(true);
  // Versions come back newest first (the order the sheet lists them in).
  const sorted = (units: Unit[]) =>
    units.map((u) =>
      u.history ? { ...u, history: [...u.history].sort((a, b) => a.until.localeCompare(b.until)) } : u,
    );
  expect(sorted(parsed.ok ? parsed.records : [])).toEqual(sorted(registry));
});

test('the admin tab: the units sheet written into the workbook and read back keeps the new columns', async () => {
  const fake = createFakeExcel();
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  await gateway.writeSheets([unitsSheetModel(registry)]);
  const { units: sheet } = await gateway.readSheets(['units']);
  const parsed = parseUnitRows(sheet!.rows);
  expect(parsed.ok && parsed.records.find((u) => u.id === 'DEMO-1')?.history).toHaveLength(2);
  expect(parsed.ok && parsed.records.find((u) => u.id === 'H-YEN-DUNG')?.successors).toEqual([
    'TP-BAC-GIANG',
  ]);
  expect(parsed.ok && parsed.records.find((u) => u.id === 'H-VIET-YEN')?.history).toEqual([
    expect.objectContaining({ until: '2024-02-01', name: 'UBND huyện Việt Yên' }),
  ]);
});

describe('version rows and successors in the sheet: problems placed on their row and column', () => {
  const header = unitsToRows([])[0]!;
  const col = (name: string) => header.indexOf(name);
  const row = (cells: Record<string, unknown>) => header.map((h) => (cells[String(h)] ?? null) as never);
  const problems = (rows: unknown[][]) => {
    const r = parseUnitRows([header, ...(rows as never[][])]);
    return r.ok ? [] : r.errors.map((e) => [e.row, e.column, e.code]);
  };
  const letter = (name: string) => String.fromCharCode(65 + col(name));
  const root = row({ id: 'R', name: 'Gốc', group: 'board' });

  test('a version row fills only the version’s columns, names a unit listed, and one date once', () => {
    expect(
      problems([
        root,
        row({ id: 'A', name: 'A', group: 'other', parent_id: 'R' }),
        row({ id: 'A', name: 'A cũ', group: 'other', valid_until: '2022-01-01', active_until: '2023-01-01' }),
        row({ id: 'A', name: 'A cũ hơn', group: 'other', valid_until: '01/01/2022' }),
        row({ id: 'Z', name: 'Z cũ', group: 'other', valid_until: '2022-01-01' }),
      ]),
    ).toEqual([
      [4, letter('active_until'), 'version_row_column'],
      [5, letter('valid_until'), 'duplicate_version'],
      [6, 'A', 'version_without_unit'],
    ]);
  });

  test('successors: listed, not the unit itself, no loop', () => {
    expect(
      problems([root, row({ id: 'A', name: 'A', group: 'other', parent_id: 'R', successors: 'A, NOPE' })]),
    ).toEqual([
      [3, letter('successors'), 'self_successor'],
      [3, letter('successors'), 'unknown_successor'],
    ]);
    expect(
      problems([
        root,
        row({ id: 'A', name: 'A', group: 'other', parent_id: 'R', successors: 'B' }),
        row({ id: 'B', name: 'B', group: 'other', parent_id: 'R', successors: 'A' }),
      ]),
    ).toEqual([[3, letter('successors'), 'successor_cycle']]);
  });

  test('a loop of parents in an earlier version is named on the unit’s row', () => {
    expect(
      problems([
        root,
        row({ id: 'A', name: 'A', group: 'other', parent_id: 'B' }),
        row({ id: 'B', name: 'B', group: 'other', parent_id: 'R' }),
        row({ id: 'B', name: 'B cũ', group: 'other', parent_id: 'A', valid_until: '2022-01-01' }),
      ]),
    ).toEqual([[3, letter('parent_id'), 'parent_cycle']]);
  });
});
