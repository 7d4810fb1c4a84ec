/**
 * Issue 15 over real HTTP (the local host, Azurite behind it): a unit reports on results v1, the admin
 * publishes the shipped results v2 (campaigns/…/results.v2.json), another unit reports on v2 in the same
 * period, and the roll-up joins them by key — shared keys summed, new keys from v2, the self-assessment
 * as a distribution over both scales, labels from v2 — in JSON, in the summary workbook and in the
 * narrative report. The Bắc Giang campaign the same way: `plan_issued` counts “yes” only and
 * `satisfaction_rate` is weighted by `satisfaction_surveys`.
 */
import { randomUUID } from 'node:crypto';
import * as XLSX from 'xlsx';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { call, CAMPAIGN, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { fetchBytes } from '../workbook/support';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};
const BAC_GIANG = 'bac-giang-nu-cuoi-cong-so';
const shipped = (campaignId: string, version: number) =>
  loadCampaignBundles()
    .find((b) => b.campaign.id === campaignId)!
    .templates.find((t) => t.id === 'results' && t.version === version)!;

beforeAll(async () => {
  // Only v1 at first: the test publishes v2 itself, after the v1 reports.
  stack = await startApiTestStack({ firstTemplateVersions: true });
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
}, 60_000);
afterAll(() => stack?.stop());

const submit = (
  campaignId: string,
  unitId: string,
  periodId: string,
  version: number,
  values: object,
  tables: object = {},
) =>
  call(api, 'POST', `/campaigns/${campaignId}/submissions`, {
    token: tokens.admin,
    json: {
      submissionId: randomUUID(),
      templateId: 'results',
      templateVersion: version,
      unitId,
      periodId,
      values,
      tables,
    },
  });
const publish = (campaignId: string, version: number) =>
  call(api, 'POST', `/campaigns/${campaignId}/templates`, {
    token: tokens.admin,
    json: shipped(campaignId, version),
  });

describe('the police results template: v1 and v2 in one period', () => {
  const PERIOD = '2023-H1';
  let rollup: any;

  beforeAll(async () => {
    const v1 = await submit(CAMPAIGN, 'PC06', PERIOD, 1, {
      meetings_held: 3,
      participants: 60,
      models_built: 1,
      id_cards_issued: 900,
      self_assessment: 'good',
      difficulties: 'Thiếu máy lấy số tự động.',
    });
    expect(v1.status).toBe(201);
    expect((await publish(CAMPAIGN, 2)).status).toBe(201);
    const v2 = await submit(
      CAMPAIGN,
      'PC08',
      PERIOD,
      2,
      {
        meetings_held: 4,
        participants: 80,
        models_built: 2,
        id_cards_issued: 100,
        procedures_simplified: 5,
        movement_in_staff_ratings: false,
        self_assessment: 'outstanding',
        shortcomings: 'Hòm thư góp ý ít được sử dụng.',
        next_tasks: 'Tuyên truyền số điện thoại “Đường dây nóng”.',
        collectives_commended: 1,
        individuals_commended: 2,
        director_awards_individual: 2,
        chair_awards_collective: 1,
      },
      {
        award_proposals: [
          {
            name: 'Thiếu tá Lê Văn An',
            recipient_kind: 'individual',
            award_form: 'director',
            reason: 'Tiếp dân tận tình.',
          },
          {
            name: 'Đội Đăng ký xe',
            recipient_kind: 'collective',
            award_form: 'chair',
            reason: 'Không hồ sơ trễ hạn.',
          },
        ],
      },
    );
    expect(v2.status).toBe(201);
    const r = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup`, {
      token: tokens.reviewer,
    });
    expect(r.status).toBe(200);
    rollup = r.body;
  }, 60_000);

  test('shared keys are totalled across both versions, new keys come from v2', () => {
    expect(rollup.totals).toMatchObject({
      meetings_held: 7,
      participants: 140,
      id_cards_issued: 1000,
      procedures_simplified: 5,
      movement_in_staff_ratings: 0, // “Không” is not a yes
    });
    expect(Object.fromEntries(rollup.units.map((u: any) => [u.unitId, u.templateVersion]))).toEqual({
      PC06: 1,
      PC08: 2,
    });
  });

  test('labels come from v2; the self-assessment is a distribution over both scales', () => {
    const field = (key: string) => rollup.fields.find((f: any) => f.key === key);
    expect(field('id_cards_issued').label.vi).toBe('Số thẻ Căn cước đã cấp');
    expect(field('self_assessment')).toMatchObject({ rollup: 'distribution' });
    expect(rollup.totals.self_assessment).toEqual({
      counts: { outstanding: 1, well_done: 0, done: 0, not_done: 0, good: 1 },
    });
  });

  test('the summary workbook lists the distribution under the totals', async () => {
    const r = await fetchBytes(`${api}/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup?format=xlsx`, {
      token: tokens.reviewer,
    });
    expect(r.status).toBe(200);
    const book = XLSX.read(r.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Tổng hợp']!, {
      header: 1,
      blankrows: false,
    });
    const at = rows.findIndex((row) => row.includes('Số đơn vị theo từng mức lựa chọn'));
    expect(at).toBeGreaterThan(0);
    const lines = rows.slice(at + 2).map((row) => [row[2], row[3]]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['Hoàn thành xuất sắc nhiệm vụ', 1],
        ['Hoàn thành tốt nhiệm vụ', 0],
        ['Tốt', 1],
      ]),
    );
    // The period's data window is in the subtitle.
    expect(JSON.stringify(rows.slice(0, 5))).toContain('số liệu từ 01/01/2023 đến 14/06/2023');
  });

  test('proposed awards are listed by form with a count per form; awards received are totalled by form', async () => {
    expect(rollup.tableRows.award_proposals.map((r: any) => [r.unitId, r.award_form])).toEqual([
      ['PC08', 'director'],
      ['PC08', 'chair'],
    ]);
    expect(rollup.totals).toMatchObject({ director_awards_individual: 2, chair_awards_collective: 1 });
    const r = await fetchBytes(`${api}/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup?format=xlsx`, {
      token: tokens.reviewer,
    });
    const book = XLSX.read(r.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Đề nghị khen thưởng']!, {
      header: 1,
      blankrows: false,
    });
    const header = rows.find((row) => row.includes('Hình thức khen thưởng'))!;
    const form = header.indexOf('Hình thức khen thưởng');
    const at = rows.findIndex((row) => row.includes('Tổng số theo hình thức khen thưởng'));
    // The chair's certificate comes before the director's: the forms' order, not the order of entry.
    expect(rows.slice(rows.indexOf(header) + 1, at).map((row) => row[form])).toEqual([
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Giấy khen của Giám đốc Công an tỉnh',
    ]);
    expect(rows.slice(at + 2).map((row) => [row[1], row[2]])).toEqual([
      ['Bằng khen của Bộ trưởng Bộ Công an', 0],
      ['Bằng khen của Chủ tịch UBND tỉnh', 1],
      ['Giấy khen của Giám đốc Công an tỉnh', 1],
      ['Giấy khen của Thủ trưởng đơn vị', 0],
      ['Tổng cộng', 2],
    ]);
  });

  test('the narrative report quotes v1 difficulties and v2 shortcomings and next tasks', async () => {
    const r = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${PERIOD}/report?format=json`, {
      token: tokens.reviewer,
    });
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    const iii = text.indexOf('III. TỒN TẠI, HẠN CHẾ');
    const iv = text.indexOf('IV. PHƯƠNG HƯỚNG');
    const v = text.indexOf('V. ĐỀ XUẤT');
    const at = (s: string) => text.indexOf(s);
    expect(at('Hòm thư góp ý ít được sử dụng.')).toBeGreaterThan(iii);
    expect(at('Hòm thư góp ý ít được sử dụng.')).toBeLessThan(iv);
    expect(at('Thiếu máy lấy số tự động.')).toBeGreaterThan(iii);
    expect(at('Tuyên truyền số điện thoại')).toBeGreaterThan(iv);
    expect(at('Tuyên truyền số điện thoại')).toBeLessThan(v);
    expect(text).toContain('Số liệu tính từ ngày 01/01/2023 đến ngày 14/06/2023.');
    expect(text).toMatch(/Hoàn thành xuất sắc nhiệm vụ 1 đơn vị, Tốt 1 đơn vị/);
  });
});

describe('Bắc Giang: booleans counted as yes only, the satisfaction rate weighted by its surveys', () => {
  test('v1 and v2 reports roll up together', async () => {
    const PERIOD = '2023-Y';
    const units = loadCampaignBundles()
      .find((b) => b.campaign.id === BAC_GIANG)!
      .units.filter((u) => u.reports)
      .slice(0, 3)
      .map((u) => u.id);
    const [a, b, c] = units as [string, string, string];
    const base = { officials_total: 40, officials_committed: 30 };
    expect(
      (
        await submit(BAC_GIANG, a, PERIOD, 1, {
          ...base,
          plan_issued: true,
          satisfaction_surveys: 1000,
          satisfaction_rate: 0.95,
        })
      ).status,
    ).toBe(201);
    expect((await publish(BAC_GIANG, 2)).status).toBe(201);
    for (const [unit, values] of [
      [b, { ...base, plan_issued: false, satisfaction_surveys: 10, satisfaction_rate: 0.2 }],
      [c, { ...base, plan_issued: false, satisfaction_surveys: 90, satisfaction_rate: 0.5 }],
    ] as const)
      expect((await submit(BAC_GIANG, unit, PERIOD, 2, values)).status).toBe(201);
    const r = await call(api, 'GET', `/campaigns/${BAC_GIANG}/periods/${PERIOD}/rollup`, {
      token: tokens.admin,
    });
    expect(r.status).toBe(200);
    expect(r.body.totals.plan_issued).toBe(1);
    // (950 + 2 + 45) / 1100, not the plain average 0.55
    expect(r.body.totals.satisfaction_rate).toBeCloseTo(997 / 1100, 10);
    expect(r.body.fields.find((f: any) => f.key === 'satisfaction_rate')).toMatchObject({
      rollup: 'wavg',
      weight: 'satisfaction_surveys',
    });
  }, 60_000);
});
