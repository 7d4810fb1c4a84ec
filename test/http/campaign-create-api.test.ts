/**
 * Campaigns created and edited by an admin, without a deploy (POST /api/campaigns, GET …/definition),
 * over HTTP against Azurite: from a workbook written by another program (openpyxl) to a clerk's report
 * in the roll-up, with no file of the repository touched; updates (200), an update that would orphan
 * reports (409), bad workbooks answered with problems naming sheet, row and column, non-admins
 * refused; and the demo's four campaigns, two of them loaded from the workbooks under campaigns/.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CAMPAIGN_SHEET_NAMES,
  parseCampaignWorkbook,
  parseTemplateDefinition,
  type CampaignDefinition,
  type DefinitionSheets,
} from '../../shared/src';
import { readListSheets } from '../../functions/src/workbook/list-reader';
import { XLSX_CONTENT_TYPE } from '../../functions/src/workbook/xlsx-writer';
import { zipEntries } from '../fixtures/hostile';
import { writeZip } from '../fixtures/zip-writer';
import { call, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/programs');
const CREATED = 'openpyxl-campaign';

let stack: ApiTestStack;
const tokens: Record<'admin' | 'clerk' | 'reviewer', string> = { admin: '', clerk: '', reviewer: '' };

/** Every file under campaigns/ with its size and modification time. */
function repositoryCampaignFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = fs.statSync(p);
        out.push(`${path.relative(ROOT, p)} ${s.size} ${s.mtimeMs}`);
      }
    }
  };
  walk(path.join(ROOT, 'campaigns'));
  return out.sort();
}
let filesBefore: string[];

beforeAll(async () => {
  filesBefore = repositoryCampaignFiles();
  stack = await startApiTestStack();
  tokens.admin = await token('admin');
  tokens.clerk = await token('clerk', 'DV1');
  tokens.reviewer = await token('reviewer', 'VP');
}, 60_000);
afterAll(() => stack?.stop());

const postWorkbook = (bytes: Uint8Array, who = tokens.admin) =>
  call(stack.api, 'POST', '/campaigns', { token: who, body: bytes, contentType: XLSX_CONTENT_TYPE });

/** The results template, as an admin writes it in a definition workbook. */
const definitionSheets: Partial<DefinitionSheets> = {
  settings: [
    ['key', 'value'],
    ['template_id', 'results'],
    ['kind', 'results'],
    ['version', 1],
    ['title::vi', 'Báo cáo kết quả thử nghiệm'],
  ],
  fields: [
    ['section', 'section_title::vi', 'key', 'type', 'label::vi', 'required', 'min', 'rollup'],
    ['work', 'Kết quả', 'good_deeds', 'integer', 'Số việc tốt', 'x', 0, 'sum'],
    ['work', null, 'people_helped', 'integer', 'Số người được giúp đỡ', null, 0, 'sum'],
  ],
};

describe('an admin creates a campaign from a workbook, with no deploy', () => {
  test('workbook → 201; its template published; a clerk reports; the roll-up counts it; campaigns/ untouched', async () => {
    const created = await postWorkbook(fs.readFileSync(path.join(FIXTURES, 'openpyxl-campaign.xlsx')));
    expect(created).toMatchObject({
      status: 201,
      body: { campaignId: CREATED, created: true, units: 3 },
    });
    const listed = await call(stack.api, 'GET', '/campaigns', { token: tokens.admin });
    const campaign = listed.body.campaigns.find((c: { id: string }) => c.id === CREATED);
    expect(campaign.periods.map((p: { id: string }) => p.id)).toEqual([
      '2024-H1',
      '2024-Y',
      '2025-SK',
      '2025-H1',
      '2025-Y',
      '2026-H1',
      '2026-Y',
    ]);
    // The recurring due day was typed 15/6; the one-off's is an Excel date.
    expect(campaign.periods[0]).toMatchObject({ due: '2024-06-15', kind: 'half' });
    expect(campaign.periods[2]).toMatchObject({ due: '2025-03-01', kind: 'interim' });

    const parsed = parseTemplateDefinition(definitionSheets, { campaignId: CREATED });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const published = await call(stack.api, 'POST', `/campaigns/${CREATED}/templates`, {
      token: tokens.admin,
      json: parsed.template,
    });
    expect(published).toMatchObject({ status: 201, body: { templateId: 'results', version: 1 } });
    // The interim review (sơ kết) is reported on a review template.
    const review = parseTemplateDefinition(
      {
        ...definitionSheets,
        settings: [
          ['key', 'value'],
          ['template_id', 'review'],
          ['kind', 'review'],
          ['version', 1],
          ['title::vi', 'Báo cáo sơ kết thử nghiệm'],
        ],
      },
      { campaignId: CREATED },
    );
    if (!review.ok) throw new Error(JSON.stringify(review.errors));
    expect(
      (
        await call(stack.api, 'POST', `/campaigns/${CREATED}/templates`, {
          token: tokens.admin,
          json: review.template,
        })
      ).status,
    ).toBe(201);

    const report = (periodId: string, goodDeeds: number) => ({
      submissionId: randomUUID(),
      templateId: periodId.endsWith('-SK') ? 'review' : 'results',
      templateVersion: 1,
      unitId: 'DV1',
      periodId,
      values: { good_deeds: goodDeeds, people_helped: 12 },
    });
    const sent = await call(stack.api, 'POST', `/campaigns/${CREATED}/submissions`, {
      token: tokens.clerk,
      json: report('2025-Y', 7),
    });
    expect(sent.status).toBe(201);
    const rollup = await call(stack.api, 'GET', `/campaigns/${CREATED}/periods/2025-Y/rollup`, {
      token: tokens.reviewer,
    });
    expect(rollup.status).toBe(200);
    expect(rollup.body.totals).toMatchObject({ good_deeds: 7, people_helped: 12 });
    // VP and DV1 report (the root only aggregates); DV1 from 1/7/2024 on.
    expect(rollup.body.completeness).toMatchObject({ expected: 2, submitted: 1 });
    expect(
      (
        await call(stack.api, 'POST', `/campaigns/${CREATED}/submissions`, {
          token: tokens.clerk,
          json: report('2025-SK', 3),
        })
      ).status,
    ).toBe(201);

    expect(repositoryCampaignFiles()).toEqual(filesBefore);
  });

  test('the campaign exports as its workbook; edited and posted again → 200', async () => {
    const exported = await call(stack.api, 'GET', `/campaigns/${CREATED}/definition`, {
      token: tokens.admin,
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain(XLSX_CONTENT_TYPE);
    const bytes = new Uint8Array(
      await (
        await fetch(`${stack.api}/campaigns/${CREATED}/definition`, {
          headers: { authorization: `Bearer ${tokens.admin}` },
        })
      ).arrayBuffer(),
    );
    const sheets = await readListSheets(bytes, { sheets: CAMPAIGN_SHEET_NAMES });
    const read = parseCampaignWorkbook(sheets);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.definition.campaign.name.vi).toBe('Phong trào thử nghiệm do openpyxl viết');
    expect(read.definition.units.map((u) => u.id)).toEqual(['ROOT', 'VP', 'DV1']);

    // The admin renames the campaign and adds a unit, as JSON this time.
    const json = (
      await call(stack.api, 'GET', `/campaigns/${CREATED}/definition?format=json`, {
        token: tokens.admin,
      })
    ).body as CampaignDefinition;
    json.campaign.name = { vi: 'Phong trào thử nghiệm (đã sửa)' };
    json.units.push({
      id: 'DV2',
      name: 'Đơn vị 2',
      group: 'agency',
      parentId: 'ROOT',
      pilot: false,
      reports: true,
    });
    const updated = await call(stack.api, 'POST', '/campaigns', { token: tokens.admin, json });
    expect(updated).toMatchObject({ status: 200, body: { campaignId: CREATED, created: false, units: 4 } });
    const units = await call(stack.api, 'GET', `/campaigns/${CREATED}/units`, { token: tokens.admin });
    expect(units.body.units.map((u: { id: string }) => u.id)).toContain('DV2');

    // Dropping periods nobody reported for is an update like any other: 2026 goes.
    json.campaign.calendar.lastYear = 2025;
    expect((await call(stack.api, 'POST', '/campaigns', { token: tokens.admin, json })).status).toBe(200);
  });

  test('an update that would drop a period with reports → 409 naming the period; nothing changes', async () => {
    const json = (
      await call(stack.api, 'GET', `/campaigns/${CREATED}/definition?format=json`, {
        token: tokens.admin,
      })
    ).body as CampaignDefinition;
    const before = json.campaign.name.vi;
    json.campaign.name = { vi: 'Không được lưu' };
    json.campaign.calendar.once = []; // 2025-SK has DV1's report
    json.campaign.calendar.firstYear = 2026; // and 2025-Y too
    json.campaign.calendar.lastYear = 2026;
    const r = await call(stack.api, 'POST', '/campaigns', { token: tokens.admin, json });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'period_has_reports',
      params: { periods: ['2025-SK', '2025-Y'] },
    });
    expect(r.body.error.message).toContain('2025-SK');
    const after = await call(stack.api, 'GET', `/campaigns/${CREATED}/definition?format=json`, {
      token: tokens.admin,
    });
    expect(after.body.campaign.name.vi).toBe(before);
  });
});

describe('bad campaign workbooks are answered with problems naming sheet, row and column', () => {
  test('a workbook written by openpyxl with three mistakes', async () => {
    const r = await postWorkbook(fs.readFileSync(path.join(FIXTURES, 'openpyxl-campaign-bad.xlsx')));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_body');
    expect(
      r.body.error.details.map((d: { sheet: string; row: number; column: string; code: string }) => [
        d.sheet,
        d.row,
        d.column,
        d.code,
      ]),
    ).toEqual([
      ['settings', 7, 'B', 'bad_time_zone'],
      ['calendar', 3, 'B', 'unknown_period_kind'],
      ['units', 4, 'C', 'bad_group'],
    ]);
    expect(r.body.error.details[1].message).toBe(
      'Loại kỳ “monthly” không hợp lệ (plan, quarter, half, year, interim, final).',
    );
  });

  test('JSON with a standing office that is not a unit → 400 with the path', async () => {
    const json = (
      await call(stack.api, 'GET', `/campaigns/lang-son-nu-cuoi-chien-si/definition?format=json`, {
        token: tokens.admin,
      })
    ).body as CampaignDefinition;
    json.campaign.id = 'json-thu-nghiem';
    json.campaign.standingOffice = 'KHONG-CO';
    const r = await call(stack.api, 'POST', '/campaigns', { token: tokens.admin, json });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([
      expect.objectContaining({ code: 'unknown_standing_office', path: 'campaign.standingOffice' }),
    ]);
  });

  test('a units sheet with a cell far down (row 900,000) → 413 before any list is built', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'openpyxl-campaign.xlsx'));
    const far = writeZip(
      zipEntries(bytes).map((e) =>
        e.name === 'xl/worksheets/sheet3.xml'
          ? {
              name: e.name,
              data: Buffer.from(e.data)
                .toString('utf8')
                .replace(
                  '</sheetData>',
                  '<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                ),
            }
          : e,
      ),
    );
    const r = await postWorkbook(far);
    expect(r).toMatchObject({ status: 413, body: { error: { code: 'workbook_too_large' } } });
  });

  test('a file that is not a workbook → 400 not_xlsx', async () => {
    const r = await postWorkbook(new TextEncoder().encode('not a zip'));
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'not_xlsx' } } });
  });
});

test('a clerk or a reviewer may not create or edit a campaign (403 admin_only)', async () => {
  const bytes = fs.readFileSync(path.join(FIXTURES, 'openpyxl-campaign.xlsx'));
  for (const who of [tokens.clerk, tokens.reviewer]) {
    const r = await postWorkbook(bytes, who);
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'admin_only' } } });
  }
  expect(
    (await call(stack.api, 'POST', '/campaigns', { body: bytes, contentType: XLSX_CONTENT_TYPE })).status,
  ).toBe(401);
});

describe('the demo: four campaigns, two made from workbooks under campaigns/', () => {
  test('GET /campaigns lists the four', async () => {
    const r = await call(stack.api, 'GET', '/campaigns', { token: await token('admin') });
    const ids = r.body.campaigns.map((c: { id: string }) => c.id);
    for (const id of [
      'bac-giang-nu-cuoi-cong-so',
      'ca-mau-phong-cach-cand',
      'lang-son-nu-cuoi-chien-si',
      'lang-son-van-hoa-cong-so',
    ])
      expect(ids).toContain(id);
    const caMau = r.body.campaigns.find((c: { id: string }) => c.id === 'ca-mau-phong-cach-cand');
    expect(caMau).toMatchObject({ standingOffice: 'PX13', organisation: 'Công an tỉnh Cà Mau' });
    expect(caMau.mottos).toEqual([
      { title: '4 biết', text: 'Biết chào, biết cười, biết cảm ơn, biết xin lỗi' },
      { title: 'Khẩu hiệu', text: 'Mỗi ngày làm một việc tốt vì dân' },
    ]);
  });

  /** Each figure the seeds report has a field (seed 002: Cà Mau police; seed 004: Lạng Sơn civil service). */
  const EXPECTED_KEYS: Record<string, string[]> = {
    'ca-mau-phong-cach-cand': [
      'officers_trained', // 650 CBCS tập huấn
      'criteria_issued', // 4 tiêu chí
      'thematic_topics', // 2 chuyên đề
      'resolutions_issued', // 3 nghị quyết
      'forums_held', // diễn đàn “Công an nhân dân lắng nghe ý kiến nhân dân”
      'opinions_received', // 7.139 ý kiến
      'opinions_on_manners', // 1.250 về lễ tiết, tác phong
      'dan_van_kheo_models', // 148 mô hình dân vận khéo
      'collectives_commended', // 585 tập thể
      'individuals_commended', // 1.243 cá nhân
      'director_certificates_collective', // Giấy khen của Giám đốc: 20 tập thể
      'director_certificates_individual', // … 92 cá nhân
      'crime_reduction_rate', // giảm 9,24% số vụ
      'case_clearance_rate', // 87,76%
    ],
    'lang-son-van-hoa-cong-so': [
      ...['dissemination', 'rules', 'admin_reform', 'it', 'green_office', 'emulation'].flatMap((c) => [
        `agency_${c}_met`,
        `agency_${c}_breaches`,
      ]),
      ...['discipline', 'expertise', 'dedication', 'conduct', 'ethics', 'attire', 'emulation'].flatMap(
        (c) => [`staff_${c}_met`, `staff_${c}_breaches`],
      ),
    ],
  };

  test('seed 002’s own figures (its three-year review) go in, roll up and make a report', async () => {
    const admin = await token('admin');
    const values = {
      officers_trained: 650,
      criteria_issued: 4,
      thematic_topics: 2,
      resolutions_issued: 3,
      forums_held: 1,
      opinions_received: 7139,
      opinions_on_manners: 1250,
      dan_van_kheo_models: 148,
      collectives_commended: 585,
      individuals_commended: 1243,
      director_certificates_collective: 20,
      director_certificates_individual: 92,
      crime_reduction_rate: 0.0924,
      case_clearance_rate: 0.8776,
    };
    const sent = await call(stack.api, 'POST', '/campaigns/ca-mau-phong-cach-cand/submissions', {
      token: admin,
      json: {
        submissionId: randomUUID(),
        templateId: 'review',
        templateVersion: 1,
        unitId: 'PX13',
        periodId: '2020-SK',
        values,
        receivedAt: '2020-02-10T03:00:00Z',
      },
    });
    expect(sent).toMatchObject({ status: 201, body: { onTime: true } });
    const rollup = await call(stack.api, 'GET', '/campaigns/ca-mau-phong-cach-cand/periods/2020-SK/rollup', {
      token: admin,
    });
    expect(rollup.body.totals).toMatchObject({ opinions_received: 7139, dan_van_kheo_models: 148 });
    // Every unit of the seed was expected then (the district police ended in 2025).
    expect(rollup.body.completeness).toMatchObject({ expected: 12, submitted: 1 });
    const report = await call(
      stack.api,
      'GET',
      '/campaigns/ca-mau-phong-cach-cand/periods/2020-SK/report?format=json',
      {
        token: admin,
      },
    );
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain('7.139');
  });

  test('seed 004: the standing office reports met / not met with breaches; the roll-up and the report follow', async () => {
    const clerk = await token('clerk', 'SNV-LANGSON');
    const values: Record<string, string | number> = {};
    for (const key of EXPECTED_KEYS['lang-son-van-hoa-cong-so']!)
      values[key] = key.endsWith('_met') ? (key === 'staff_attire_met' ? 'not_met' : 'met') : 0;
    values.staff_attire_breaches = 2;
    const sent = await call(stack.api, 'POST', '/campaigns/lang-son-van-hoa-cong-so/submissions', {
      token: clerk,
      json: {
        submissionId: randomUUID(),
        templateId: 'results',
        templateVersion: 1,
        unitId: 'SNV-LANGSON',
        periodId: '2024-Y',
        values,
      },
    });
    expect(sent.status).toBe(201);
    const admin = await token('admin');
    const rollup = await call(stack.api, 'GET', '/campaigns/lang-son-van-hoa-cong-so/periods/2024-Y/rollup', {
      token: admin,
    });
    expect(rollup.body.totals).toMatchObject({ staff_attire_breaches: 2, agency_it_breaches: 0 });
    const report = await call(
      stack.api,
      'GET',
      '/campaigns/lang-son-van-hoa-cong-so/periods/2024-Y/report?format=json',
      { token: admin },
    );
    expect(report.status).toBe(200);
  });

  test.each(Object.entries(EXPECTED_KEYS))(
    '%s: every figure of the seed has a field',
    async (campaignId, keys) => {
      const r = await call(stack.api, 'GET', `/campaigns/${campaignId}/templates`, {
        token: await token('admin'),
      });
      expect(r.status).toBe(200);
      const fields = r.body.templates.flatMap((t: { sections: { fields: { key: string }[] }[] }) =>
        t.sections.flatMap((s) => s.fields.map((f) => f.key)),
      );
      expect(fields).toEqual(expect.arrayContaining(keys));
    },
  );
});
