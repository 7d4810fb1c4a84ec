/**
 * The clerk's steps over the gateway (with the office.js fake) and a stub of the API's template
 * lookup: reading a sheet of an older template version and moving its values to the new version by key.
 */
import { parseTemplate, type CampaignWithPeriods, type Template } from '../../shared/src';
import type { ApiClient } from '../../addin/src/api/client';
import { officeExcelGateway as gateway } from '../../addin/src/excel/gateway';
import {
  checkSheet,
  insertTemplate,
  submissionFrom,
  templateForPeriod,
  type CampaignData,
} from '../../addin/src/taskpane/clerk-workflow';
import { campaignWithPeriods } from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { createFakeExcel, type FakeExcel } from '../support/fake-excel';

const bundle = loadCampaignBundles().find((b) => b.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const v1 = bundle.templates.find((t) => t.id === 'results')!;
const v2: Template = (() => {
  const input = structuredClone(v1) as Template;
  input.version = 2;
  input.sections[0]!.fields.unshift({
    key: 'hotline_calls',
    type: 'integer',
    label: { vi: 'Số cuộc gọi đường dây nóng' },
    required: false,
    min: 0,
    rollup: 'sum',
    retired: false,
  });
  const forums = input.sections.flatMap((s) => s.fields).find((f) => f.key === 'forums_held')!;
  forums.retired = true;
  return parseTemplate(input);
})();
const campaign: CampaignWithPeriods = campaignWithPeriods(bundle);
const unit = bundle.units.find((u) => u.id === 'PC08')!;
const period = bundle.periods.find((p) => p.id === '2023-Q1')!;

/** Only what checkSheet needs from the API: fetching an older template version. */
const api = {
  templateVersion: async (_c: string, id: string, version: number) => {
    const t = [v1, v2].find((x) => x.id === id && x.version === version);
    if (!t) throw new Error('404');
    return t;
  },
} as unknown as ApiClient;

let fake: FakeExcel;
beforeEach(() => {
  fake = createFakeExcel();
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
});

test('a v1 sheet is read after the template moved to v2, and its values move to a v2 sheet by key', async () => {
  const v1Data: CampaignData = { campaign, units: bundle.units, templates: [v1] };
  const oldSheet = await insertTemplate(gateway, v1Data, v1, unit, period, 'vi');
  const names = fake.sheet(oldSheet).names;
  fake.type(oldSheet, names.get('f_meetings_held')!, 2);
  fake.type(oldSheet, names.get('f_participants')!, 60);
  fake.type(oldSheet, names.get('f_models_built')!, 1);
  fake.type(oldSheet, names.get('f_forums_held')!, 3);
  fake.type(oldSheet, names.get('f_difficulties')!, 'Thiếu kinh phí');

  // Later the pane knows only the active version (v2): the v1 sheet is still read, via the API.
  const data: CampaignData = { campaign, units: bundle.units, templates: [v2] };
  const check = await checkSheet(gateway, api, data, 'vi', oldSheet);
  if (!check.ok) throw new Error('not read');
  expect(check.template.version).toBe(1);
  expect(check.issues).toEqual([]);
  expect(submissionFrom(check)).toMatchObject({
    templateId: 'results',
    templateVersion: 1,
    unitId: 'PC08',
    periodId: '2023-Q1',
  });

  const newest = templateForPeriod(data, period)!;
  expect(newest.version).toBe(2);
  const newSheet = await insertTemplate(gateway, data, newest, unit, period, 'vi', check.draft);
  const moved = await checkSheet(gateway, api, data, 'vi', newSheet);
  if (!moved.ok) throw new Error('not read');
  expect(moved.template.version).toBe(2);
  // Every value whose key is still asked for moved; the retired field is not asked for any more.
  expect(moved.draft.values).toEqual({
    meetings_held: 2,
    participants: 60,
    models_built: 1,
    difficulties: 'Thiếu kinh phí',
  });
  expect(fake.sheet(newSheet).names.has('f_forums_held')).toBe(false);
  expect(fake.sheet(newSheet).names.has('f_hotline_calls')).toBe(true);
});

test('a sheet that is not a template sheet is said to be so', async () => {
  const data: CampaignData = { campaign, units: bundle.units, templates: [v2] };
  fake.type('Sheet1', 'A1', 'Bảng kê tự lập');
  expect(await checkSheet(gateway, api, data, 'vi', 'Sheet1')).toEqual({
    ok: false,
    reason: 'not_a_template',
  });
});
