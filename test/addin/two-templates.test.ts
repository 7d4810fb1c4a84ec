/**
 * A clerk's workbook holds several template sheets: two periods of the same template, or a sheet
 * inserted again (as when moving to a new version). Excel wants every table name unique in the
 * workbook; the fake refuses a duplicate at sync, as Excel does, so this fails if the table names
 * of a template sheet do not carry the sheet's identity.
 */
import { buildTemplateSheet, readTemplateSheet } from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { officeExcelGateway as gateway } from '../../addin/src/excel/gateway';
import { createFakeExcel, type FakeExcel } from '../support/fake-excel';

const b = loadCampaignBundles().find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const results = b.templates.find((t) => t.id === 'results')!;
const plan = b.templates.find((t) => t.id === 'plan')!;
const unit = b.units.find((u) => u.id === 'PC06')!;
const q3 = b.periods.find((p) => p.id === '2022-Q3')!;
const q1 = b.periods.find((p) => p.id !== '2022-Q3' && p.templateKind === 'results')!;

let fake: FakeExcel;
beforeEach(() => {
  fake = createFakeExcel();
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
});

test('two periods, the same sheet twice and a plan: every insert lands, every table keeps its own name', async () => {
  const models = [
    buildTemplateSheet(results, { campaign: b.campaign, unit, period: q3 }),
    buildTemplateSheet(results, { campaign: b.campaign, unit, period: q1 }),
    buildTemplateSheet(results, { campaign: b.campaign, unit, period: q3 }),
    buildTemplateSheet(plan, { campaign: b.campaign, unit }),
  ];
  const names: string[] = [];
  for (const m of models) names.push(await gateway.insertSheet(m));
  expect(new Set(names).size).toBe(4);
  expect(names[2]).toBe(`${names[0]} (2)`);

  const tables = fake.sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase()));
  expect(tables.length).toBe(models.reduce((n, m) => n + m.tables.length, 0));
  expect(new Set(tables).size).toBe(tables.length);
  // Every sheet has its tables where the model put them, and reads back on its own.
  models.forEach((m, i) => {
    const sheet = fake.sheet(names[i]!);
    expect(sheet.tables.map((t) => t.address)).toEqual(
      m.tables.map((t) => expect.stringMatching(new RegExp(`^[A-Z]+${t.row}:`))),
    );
  });
  fake.type(names[2]!, models[2]!.names.find((n) => n.name === 'f_meetings_held')!.ref, 7);
  const read = await gateway.readSheet(names[2]);
  expect(readTemplateSheet(results, models[2]!.bindings, read.cellAt).values.meetings_held).toBe(7);
  const first = await gateway.readSheet(names[0]);
  expect(readTemplateSheet(results, models[0]!.bindings, first.cellAt).values.meetings_held).toBeUndefined();
});

test('a sheet renamed by hand keeps its tables; a new sheet of the old name gets other table names', async () => {
  const model = buildTemplateSheet(results, { campaign: b.campaign, unit, period: q3 });
  const first = await gateway.insertSheet(model);
  fake.sheet(first).name = 'Bản của tôi'; // what a clerk renaming the tab does
  fake.names.set(`t_models_clash`, 'A1'); // and a workbook-level name of their own
  const second = await gateway.insertSheet(model);
  expect(second).toBe(first);
  const all = fake.sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase()));
  expect(new Set(all).size).toBe(all.length);
  expect(fake.sheet(second).tables.map((t) => t.name)).toEqual(
    fake.sheet('Bản của tôi').tables.map((t) => `${t.name}_2`),
  );
});
