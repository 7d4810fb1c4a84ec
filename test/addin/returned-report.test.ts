/**
 * A returned report's field comments reach the clerk's sheet: the reviewer returns a report over HTTP (Azurite)
 * with comments on a field and a table, and the clerk's pane reopens it through the API client and the
 * gateway into the office.js fake — the commented cells are highlighted and carry the comments as notes where
 * the host has notes (ExcelApi 1.18); on an older host, highlighted only, and the pane still lists them.
 */
import { campaignWithPeriods, COMMENTED_FILL, INPUT_FILL, LOOKS, type Template } from '../../shared/src';
import { ApiClient } from '../../addin/src/api/client';
import { officeExcelGateway as gateway } from '../../addin/src/excel/gateway';
import { reopenReport, type CampaignData } from '../../addin/src/taskpane/clerk-workflow';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { createFakeExcel } from '../support/fake-excel';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

const bundle = loadCampaignBundles().find((b) => b.campaign.id === CAMPAIGN)!;
const results = bundle.templates.find((t) => t.id === 'results') as Template;
const unit = bundle.units.find((u) => u.id === 'PC06')!;
const period = bundle.periods.find((p) => p.id === '2022-Q3')!;
const data: CampaignData = {
  campaign: campaignWithPeriods(bundle),
  units: bundle.units,
  templates: [results],
};

let stack: ApiTestStack;
let clerk: ApiClient;

beforeAll(async () => {
  stack = await startApiTestStack();
  const pc06 = await token('clerk', 'PC06');
  clerk = new ApiClient({ baseUrl: stack.api, getToken: () => pc06, lang: 'vi' });
  const submitted = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: pc06,
    json: resultsReport('PC06', '2022-Q3', { participants: 12_000 }),
  });
  expect(submitted.status).toBe(201);
  const returned = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/reviews`, {
    token: await token('reviewer', 'PX03'),
    json: {
      reviews: [
        {
          unitId: 'PC06',
          periodId: '2022-Q3',
          action: 'return',
          comment: 'Đề nghị rà soát lại.',
          fields: {
            participants: 'Số lượt tham gia cao bất thường, đề nghị kiểm tra.',
            models: 'Ghi rõ tên mô hình.',
          },
        },
      ],
    },
  });
  expect(returned.body.results[0].ok).toBe(true);
}, 60_000);
afterAll(() => {
  delete (globalThis as { Office?: unknown }).Office;
  return stack?.stop();
});

test('with notes (ExcelApi 1.18): the commented cells stand out and carry the comments', async () => {
  const fake = createFakeExcel();
  Object.assign(globalThis, { Excel: fake.Excel, Office: fake.Office });
  const r = await reopenReport(gateway, clerk, data, results, unit, period, 'vi');
  expect(r.reopened).toBe(true);
  const sheet = fake.sheet(r.sheetName);
  const participants = sheet.names.get('f_participants')!;
  expect(fake.value(r.sheetName, participants)).toBe(12_000);
  expect(fake.cell(r.sheetName, participants)?.fill).toBe(COMMENTED_FILL);
  expect(sheet.notes.get(participants)).toBe('Số lượt tham gia cao bất thường, đề nghị kiểm tra.');
  // The table's title carries its comment; an uncommented input keeps the input look and no note.
  expect([...sheet.notes.values()]).toContain('Ghi rõ tên mô hình.');
  const meetings = sheet.names.get('f_meetings_held')!;
  expect(fake.cell(r.sheetName, meetings)?.fill).toBe(INPUT_FILL);
  expect(sheet.notes.has(meetings)).toBe(false);
  expect(sheet.notes.size).toBe(2);
  // The input stays an input: the clerk can correct it on the protected sheet.
  expect(sheet.protected).toBe(true);
  expect(() => fake.type(r.sheetName, participants, 1200)).not.toThrow();
  // The pane's list: label, comment, cell.
  expect(r.comments).toEqual([
    {
      key: 'participants',
      label: 'Số lượt cán bộ, chiến sĩ tham gia',
      text: 'Số lượt tham gia cao bất thường, đề nghị kiểm tra.',
      cell: participants,
    },
    { key: 'models', label: expect.any(String), text: 'Ghi rõ tên mô hình.' },
  ]);
});

test('without notes (an older host): highlighted only, no note attempted, the comments still listed', async () => {
  const fake = createFakeExcel(['Sheet1'], { excelApi: '1.17' });
  Object.assign(globalThis, { Excel: fake.Excel, Office: fake.Office });
  const r = await reopenReport(gateway, clerk, data, results, unit, period, 'vi');
  const participants = fake.sheet(r.sheetName).names.get('f_participants')!;
  expect(fake.cell(r.sheetName, participants)?.fill).toBe(LOOKS.inputCommented.fill);
  expect(fake.sheet(r.sheetName).notes.size).toBe(0);
  expect(r.comments.map((c) => c.key)).toEqual(['participants', 'models']);
});

test('the fake is as strict as Excel: notes need ExcelApi 1.18, one cell, an unprotected sheet', async () => {
  const old = createFakeExcel(['S'], { excelApi: '1.17' });
  await expect(
    old.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').notes.add('A1', 'x');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
  const fake = createFakeExcel(['S']);
  await expect(
    fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').notes.add('A1:B2', 'x');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidCellAddress' });
  await expect(
    fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('S');
      s.protection.protect({});
      s.notes.add('A1', 'x');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidOperation' });
  expect(old.Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
  expect(fake.Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);
  expect(fake.Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
});
