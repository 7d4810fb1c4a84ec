/**
 * Interim and final reviews (sơ kết, tổng kết; issue 15) over real HTTP, the local host with Azurite
 * behind it: Bắc Giang's 2022 interim review takes the review template and refuses the results one, rolls
 * up like any period and drafts a report whose subject is “Sơ kết …”; the police campaign gets a review
 * period as data (its campaign.json with one more period, loaded as `npm start` loads it).
 */
import { randomUUID } from 'node:crypto';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { parseCampaignBundle } from '../../shared/src';
import { call, CAMPAIGN, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { saveCampaign } from '../../functions/src/catalog/campaign-writer';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};
const BAC_GIANG = 'bac-giang-nu-cuoi-cong-so';
const bundles = loadCampaignBundles();
const bacGiang = bundles.find((b) => b.campaign.id === BAC_GIANG)!;
const [unitA, unitB] = bacGiang.units.filter((u) => u.reports).map((u) => u.id) as [string, string];

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.clerkA = await token('clerk', unitA);
}, 60_000);
afterAll(() => stack?.stop());

const submit = (campaignId: string, body: Record<string, unknown>, t = tokens.admin) =>
  call(api, 'POST', `/campaigns/${campaignId}/submissions`, {
    token: t,
    json: { submissionId: randomUUID(), templateVersion: 1, ...body },
  });

describe('Bắc Giang: the 2022 interim review', () => {
  test('the calendar shows the interim and final reviews with the review template kind', async () => {
    const r = await call(api, 'GET', '/campaigns', { token: tokens.admin });
    const periods = r.body.campaigns.find((c: any) => c.id === BAC_GIANG).periods;
    expect(
      periods.filter((p: any) => p.templateKind === 'review').map((p: any) => [p.id, p.kind, p.due]),
    ).toEqual([
      ['2022-SK', 'interim', '2022-11-30'],
      ['2025-TK', 'final', '2025-10-31'],
    ]);
    const templates = await call(api, 'GET', `/campaigns/${BAC_GIANG}/templates`, { token: tokens.clerkA });
    expect(templates.body.templates.find((t: any) => t.kind === 'review')).toMatchObject({ id: 'review' });
  });

  test('a results report is refused there; the review report is accepted from the clerk', async () => {
    const wrong = await submit(
      BAC_GIANG,
      { templateId: 'results', templateVersion: 2, unitId: unitA, periodId: '2022-SK', values: {} },
      tokens.clerkA,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_template_kind');
    const ok = await submit(
      BAC_GIANG,
      {
        templateId: 'review',
        unitId: unitA,
        periodId: '2022-SK',
        values: {
          plan_issued: true,
          officials_total: 50,
          officials_committed: 48,
          satisfaction_surveys: 300,
          satisfaction_rate: 0.9,
          individuals_proposed: 1,
          self_assessment: 'outstanding',
          lessons: 'Người đứng đầu phải gương mẫu.',
        },
        tables: {
          exemplary_people: [
            { name: 'Nguyễn Thị Hoa', position: 'Chuyên viên', achievement: 'Tiếp dân niềm nở' },
          ],
        },
      },
      tokens.clerkA,
    );
    expect(ok.status).toBe(201);
    expect(
      (
        await submit(BAC_GIANG, {
          templateId: 'review',
          unitId: unitB,
          periodId: '2022-SK',
          values: {
            plan_issued: false,
            officials_total: 20,
            officials_committed: 20,
            satisfaction_surveys: 100,
            satisfaction_rate: 0.5,
            self_assessment: 'well_done',
          },
        })
      ).status,
    ).toBe(201);
  });

  test('it rolls up like any period, with its own fields and table', async () => {
    const r = await call(api, 'GET', `/campaigns/${BAC_GIANG}/periods/2022-SK/rollup`, {
      token: tokens.admin,
    });
    expect(r.status).toBe(200);
    expect(r.body.templateId).toBe('review');
    expect(r.body.totals).toMatchObject({
      plan_issued: 1,
      officials_total: 70,
      self_assessment: { counts: { outstanding: 1, well_done: 1, done: 0, not_done: 0 } },
    });
    expect(r.body.totals.satisfaction_rate).toBeCloseTo((270 + 50) / 400, 10);
    expect(r.body.tableRows.exemplary_people).toEqual([
      { unitId: unitA, name: 'Nguyễn Thị Hoa', position: 'Chuyên viên', achievement: 'Tiếp dân niềm nở' },
    ]);
  });

  test('the narrative report is a “Sơ kết” report', async () => {
    const r = await call(api, 'GET', `/campaigns/${BAC_GIANG}/periods/2022-SK/report?format=json`, {
      token: tokens.admin,
    });
    expect(r.status).toBe(200);
    const subject = r.body.blocks
      .filter((b: any) => b.kind === 'paragraph' && b.role === 'subject')
      .flatMap((b: any) => b.runs.map((x: any) => x.text));
    expect(subject).toEqual([`Sơ kết ${bacGiang.campaign.name.vi}`, 'năm 2022']);
    const text = JSON.stringify(r.body);
    expect(text).toContain('Người đứng đầu phải gương mẫu.');
    expect(text).toContain('Nguyễn Thị Hoa');
  });
});

describe('the police campaign: a review period added as data', () => {
  test('the admin adds an interim review to campaign.json; once loaded, units report on the review template', async () => {
    const police = bundles.find((b) => b.campaign.id === CAMPAIGN)!;
    const campaign = structuredClone(police.campaign);
    campaign.calendar.once.push({
      id: '2024-SK',
      kind: 'interim',
      slot: 'SK',
      year: 2024,
      label: { vi: 'Sơ kết 3 năm thực hiện Phong trào', en: 'Three-year interim review' },
      due: '2024-04-15',
      templateKind: 'review',
      locked: false,
    });
    // What `npm start` and scripts/load-campaigns.ts do with the edited folder (seed-campaigns.ts).
    const edited = parseCampaignBundle({ campaign, units: police.units, templates: police.templates });
    await saveCampaign(
      stack.services,
      { campaign: edited.campaign, units: edited.units },
      { keepRegistry: true },
    );

    const periods = (await call(api, 'GET', '/campaigns', { token: tokens.admin })).body.campaigns.find(
      (c: any) => c.id === CAMPAIGN,
    ).periods;
    expect(periods.find((p: any) => p.id === '2024-SK')).toMatchObject({
      kind: 'interim',
      templateKind: 'review',
    });
    const r = await submit(CAMPAIGN, {
      templateId: 'review',
      unitId: 'PC06',
      periodId: '2024-SK',
      values: { models_built: 3, procedures_simplified: 4, self_assessment: 'outstanding' },
    });
    expect(r.status).toBe(201);
    const rollup = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/2024-SK/rollup`, {
      token: tokens.admin,
    });
    expect(rollup.body.totals).toMatchObject({ models_built: 3, procedures_simplified: 4 });
  });
});
