/**
 * The Excel gateway against the faithful office.js fake: what lands in the workbook, what stays
 * locked, and how many context.sync() calls each action costs.
 */
import {
  buildTemplateSheet,
  readTemplateSheet,
  normalizeSubmission,
  validateSubmission,
  attachCells,
  workbookTableName,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import {
  connectExcel,
  ExcelUnavailableError,
  noExcelGateway,
  officeExcelGateway as gateway,
} from '../../addin/src/excel/gateway';
import { createFakeExcel, type FakeExcel } from '../support/fake-excel';

const b = loadCampaignBundles().find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const results = b.templates.find((t) => t.id === 'results')!;
const unit = b.units.find((u) => u.id === 'PC06')!;
const period = b.periods.find((p) => p.id === '2022-Q3')!;
const model = buildTemplateSheet(results, { campaign: b.campaign, unit, period });
const ref = (key: string) => model.names.find((n) => n.name === `f_${key}`)!.ref;

let fake: FakeExcel;
beforeEach(() => {
  fake = createFakeExcel();
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
});

test('insert: a protected sheet from the model, in two syncs, whatever the template’s size', async () => {
  const name = await gateway.insertSheet(model);
  expect(fake.stats.syncs).toBe(2);
  expect(name).toBe('Báo cáo PC06 2022-Q3');
  const sheet = fake.sheet(name);
  expect(sheet.protected).toBe(true);
  expect(fake.activeSheet()?.name).toBe(name);
  expect([...sheet.names.keys()]).toEqual(model.names.map((n) => n.name));
  expect(sheet.names.get('f_participants')).toBe(ref('participants'));
  expect(sheet.validations).toHaveLength(model.validations.length);
  // Table names carry the sheet's identity (Excel wants them unique in the workbook).
  expect(sheet.tables.map((t) => t.name)).toEqual([
    workbookTableName(name, 't_models'),
    workbookTableName(name, 't_good_deeds'),
  ]);
  expect(fake.value(name, 'J2')).toBe('PC06'); // the hidden identifier column
  expect(Math.max(...fake.stats.requestBytes)).toBeLessThan(4 * 1024 * 1024);
});

test('only input cells can be typed into; labels and the header are locked', async () => {
  const name = await gateway.insertSheet(model);
  expect(() => fake.type(name, ref('participants'), 40)).not.toThrow();
  expect(() => fake.type(name, 'B1', 'x')).toThrow(/locked/);
  expect(() => fake.type(name, 'C7', 'PC08')).toThrow(/locked/); // the unit
  const models = model.tables.find((t) => t.name === 't_models')!;
  expect(() => fake.type(name, `B${models.row + 1}`, 'Mô hình mới')).not.toThrow();
});

test('a second insert of the same sheet gets a free name', async () => {
  await gateway.insertSheet(model);
  expect(await gateway.insertSheet(model)).toBe('Báo cáo PC06 2022-Q3 (2)');
});

test('read: everything in one sync, back through the shared reader and validation', async () => {
  const name = await gateway.insertSheet(model);
  fake.type(name, ref('meetings_held'), 4);
  fake.type(name, ref('participants'), '1.250');
  fake.type(name, ref('models_built'), 2);
  fake.type(name, ref('opinions_received'), 10);
  fake.type(name, ref('opinions_on_manners'), 12);
  fake.type(name, ref('difficulties'), '=không phải công thức');
  fake.resetStats();
  const values = await gateway.readSheet(name);
  expect(fake.stats.syncs).toBe(1);
  const draft = readTemplateSheet(results, model.bindings, values.cellAt);
  expect(draft).toMatchObject({
    unitId: 'PC06',
    periodId: '2022-Q3',
    templateId: 'results',
    templateVersion: 1,
  });
  expect(draft.values).toMatchObject({
    meetings_held: 4,
    participants: 1250,
    models_built: 2,
    difficulties: '=không phải công thức',
  });
  const issues = attachCells(validateSubmission(results, normalizeSubmission(draft)), draft.cells);
  expect(issues.map((i) => [i.key, i.cell])).toEqual([['opinions_on_manners', ref('opinions_on_manners')]]);
});

test('marking invalid cells on the protected sheet: two syncs, protection restored, old marks cleared', async () => {
  const name = await gateway.insertSheet(model);
  fake.resetStats();
  await gateway.markInvalidCells(name, [ref('participants')], []);
  expect(fake.stats.syncs).toBe(2);
  const cell = (r: string) => fake.sheet(name).cells.get(`${r.slice(1)}:3`)!;
  expect(cell(ref('participants')).fill).toBe('#F8CBAD');
  await gateway.markInvalidCells(name, [], [ref('participants')]);
  expect(cell(ref('participants')).fill).toBe('#FFF2CC');
  expect(fake.sheet(name).protected).toBe(true);
});

test('writing the receipt into the protected sheet, and selecting a cell', async () => {
  const name = await gateway.insertSheet(model);
  const receipt = model.names.find((n) => n.name === 'meta_receipt')!.ref;
  await gateway.writeCell(name, receipt, 'Lần nộp 1 — 10/09/2022 09:00 — đúng hạn');
  expect(fake.value(name, receipt)).toBe('Lần nộp 1 — 10/09/2022 09:00 — đúng hạn');
  expect(fake.sheet(name).protected).toBe(true);
  await gateway.selectCell(name, ref('trainees'));
  expect(fake.selected).toEqual({ sheet: name, address: ref('trainees') });
});

test('readSheets: several sheets in one sync, rows from A1, a missing or empty sheet is undefined', async () => {
  fake.type('Sheet1', 'B2', 'key');
  fake.type('Sheet1', 'C3', 42);
  fake.resetStats();
  const read = await gateway.readSheets(['Sheet1', 'fields']);
  expect(fake.stats.syncs).toBe(1);
  expect(read.fields).toBeUndefined();
  expect(read.Sheet1!.rows).toEqual([
    ['', '', ''],
    ['', 'key', ''],
    ['', '', 42],
  ]);
});

describe('where the pane runs: the gateway knows, and never fails with “Excel is not defined”', () => {
  const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
  afterEach(() => {
    delete g.Office;
  });

  test('without Excel every action rejects with ExcelUnavailableError', async () => {
    delete g.Excel;
    await expect(gateway.insertSheet(model)).rejects.toBeInstanceOf(ExcelUnavailableError);
    await expect(gateway.readSheet()).rejects.toBeInstanceOf(ExcelUnavailableError);
    await expect(noExcelGateway.selectCell('a', 'A1')).rejects.toBeInstanceOf(ExcelUnavailableError);
    expect(noExcelGateway.available).toBe(false);
  });

  test('office.js absent: an Excel API present (the fake) is Excel, none is not', async () => {
    expect((await connectExcel()).available).toBe(true);
    delete g.Excel;
    expect(await connectExcel()).toBe(noExcelGateway);
  });

  test('office.js present: its host says — Excel, another application, or a plain browser', async () => {
    const office = (host: string | null) => ({ onReady: () => Promise.resolve({ host, platform: null }) });
    g.Office = office('Excel');
    expect(await connectExcel()).toBe(gateway);
    g.Office = office('Word');
    expect(await connectExcel()).toBe(noExcelGateway);
    g.Office = office(null);
    expect(await connectExcel()).toBe(noExcelGateway);
  });
});
