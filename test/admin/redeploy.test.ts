/**
 * Redeploying a template over HTTP (DESIGN §3 versioning): results v1 submitted by some units, v2
 * authored as a definition workbook edited from v1 (a field added, one retired, one relabelled) and
 * published; more units submit on v2 and a v1 sheet is refused as outdated; the roll-up joins both
 * versions by key and shows each unit's version, in JSON and in the summary workbook. Also: the
 * definition workbook of a published version, and a unit registered mid-year.
 */
import { randomUUID } from 'node:crypto';
import * as XLSX from 'xlsx';
import { readWorkbookRows } from '../../scripts/lib/workbook-rows';
import {
  parseTemplateDefinition,
  renderWithPlace,
  templateToDefinition,
  type DefinitionSheets,
  type Template,
  type Unit,
} from '../../shared/src';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { copySheets, makeRow, resultsV1, rowIndex, setCell, settingRow } from './support';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiTestStack({ firstTemplateVersions: true }); // its workbooks and redeploy start from v1
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  for (const unit of ['PC06', 'PC08', 'PA08', 'PX01', 'PV05']) tokens[unit] = await token('clerk', unit);
}, 60_000);
afterAll(() => stack?.stop());

const PERIOD = '2022-H1';
const NEW_LABEL = 'Số hội nghị, buổi sinh hoạt chính trị quán triệt đã tổ chức (kể cả trực tuyến)';

function submit(unitId: string, version: number, values: Record<string, unknown>) {
  const body = { ...resultsReport(unitId, PERIOD, values), templateVersion: version };
  return call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, { token: tokens[unitId], json: body });
}

/** v2 of the results template, authored as rows edited from v1's definition workbook. */
function resultsV2(): Template {
  const sheets: DefinitionSheets = copySheets(templateToDefinition(resultsV1));
  setCell(sheets, 'settings', settingRow(sheets, 'version'), 'value', 2);
  // relabel one
  setCell(sheets, 'fields', rowIndex(sheets, 'fields', 'key', 'meetings_held'), 'label::vi', NEW_LABEL);
  // retire one
  setCell(sheets, 'fields', rowIndex(sheets, 'fields', 'key', 'seminars_held'), 'retired', true);
  // add one, after the last field of the listening forum
  const after = rowIndex(sheets, 'fields', 'key', 'legal_info_citizens');
  sheets.fields.splice(
    after + 1,
    0,
    makeRow('fields', {
      section: 'listening_forum',
      key: 'mobile_service_sessions',
      type: 'integer',
      'label::vi': 'Số buổi làm thủ tục hành chính lưu động tại cơ sở',
      'label::en': 'Mobile administrative service sessions',
      min: 0,
      rollup: 'sum',
      'unit::vi': 'buổi',
    }),
  );
  const parsed = parseTemplateDefinition(sheets, { campaignId: CAMPAIGN });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => renderWithPlace(e)).join('\n'));
  return parsed.template;
}

describe('redeploying the results template', () => {
  let v2: Template;

  test('v1 reports come in from some units', async () => {
    expect((await submit('PC06', 1, { meetings_held: 2, participants: 40, seminars_held: 3 })).status).toBe(
      201,
    );
    expect((await submit('PC08', 1, { meetings_held: 5, participants: 100, seminars_held: 4 })).status).toBe(
      201,
    );
  });

  test('v2, built from the v1 definition workbook, is published through the API', async () => {
    v2 = resultsV2();
    expect(v2.version).toBe(2);
    const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, { token: tokens.admin, json: v2 });
    expect(r).toMatchObject({ status: 201, body: { templateId: 'results', version: 2 } });
    const active = await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates`, { token: tokens.PA08 });
    expect(active.body.templates.find((t: Template) => t.id === 'results').version).toBe(2);
    // Publishing the same version again, or a change of a key's type, is refused with 409.
    const again = await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
      token: tokens.admin,
      json: v2,
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'version_exists' } } });
    const sheets = copySheets(templateToDefinition(v2));
    setCell(sheets, 'settings', settingRow(sheets, 'version'), 'value', 3);
    setCell(sheets, 'fields', rowIndex(sheets, 'fields', 'key', 'posters'), 'type', 'text');
    const bad = parseTemplateDefinition(sheets, { campaignId: CAMPAIGN });
    expect(bad.ok).toBe(true);
    const refused = await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
      token: tokens.admin,
      json: bad.ok && bad.template,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('incompatible_template');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({
        code: 'key_type_changed',
        key: 'posters',
        params: expect.objectContaining({ before: 'integer', version: 2 }),
        message: expect.stringContaining('không được đổi kiểu'),
      }),
    ]);
  });

  test('more units submit on v2; a unit still holding a v1 sheet is told the template was updated', async () => {
    expect(
      (await submit('PA08', 2, { meetings_held: 1, participants: 30, mobile_service_sessions: 6 })).status,
    ).toBe(201);
    const outdated = await submit('PX01', 1, { meetings_held: 3, participants: 50, seminars_held: 9 });
    expect(outdated.status).toBe(409);
    expect(outdated.body.error).toMatchObject({
      code: 'outdated_template',
      details: { templateId: 'results', sentVersion: 1, currentVersion: 2 },
    });
    expect(outdated.body.error.message).toMatch(/phiên bản 2/);
    // The retired field is no longer asked for: a v2 report giving it is refused.
    const retired = await submit('PX01', 2, { meetings_held: 3, participants: 50, seminars_held: 9 });
    expect(retired.status).toBe(400);
    expect(retired.body.error.details.map((d: { key: string }) => d.key)).toContain('seminars_held');
    expect(
      (await submit('PX01', 2, { meetings_held: 3, participants: 50, mobile_service_sessions: 2 })).status,
    ).toBe(201);
  });

  test('the roll-up totals every key across both versions, with each unit’s template version', async () => {
    const r = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup`, {
      token: tokens.reviewer,
    });
    expect(r.status).toBe(200);
    const rollup = r.body;
    expect(rollup.totals).toMatchObject({
      meetings_held: 2 + 5 + 1 + 3, // shared by v1 and v2
      participants: 40 + 100 + 30 + 50,
      models_built: 4,
      mobile_service_sessions: 6 + 2, // new in v2
      seminars_held: 3 + 4, // retired in v2: v1 data kept
    });
    const versions = Object.fromEntries(
      rollup.units.map((u: { unitId: string; templateVersion: number }) => [u.unitId, u.templateVersion]),
    );
    expect(versions).toEqual({ PC06: 1, PC08: 1, PA08: 2, PX01: 2 });
    const fields = Object.fromEntries(rollup.fields.map((f: { key: string }) => [f.key, f]));
    expect(fields.meetings_held.label.vi).toBe(NEW_LABEL); // the newest version's label
    expect(fields.seminars_held.retired).toBe(true);
    expect(fields.mobile_service_sessions).toMatchObject({ section: 'listening_forum', retired: false });
    expect(rollup.completeness.submitted).toBe(4);
  });

  test('the summary workbook shows the template version of each unit', async () => {
    const r = await fetch(`${api}/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup?format=xlsx`, {
      headers: { authorization: `Bearer ${tokens.reviewer}` },
    });
    expect(r.status).toBe(200);
    const book = XLSX.read(new Uint8Array(await r.arrayBuffer()), { type: 'array' });
    const matrix = book.Sheets['Theo đơn vị'];
    expect(matrix).toBeDefined();
    const matrixRows = XLSX.utils.sheet_to_json<unknown[]>(matrix!, { header: 1, blankrows: false });
    const fieldsHeader = matrixRows.find((row) => row.includes('Mã đơn vị'))!;
    expect(fieldsHeader).toContain('Số buổi làm thủ tục hành chính lưu động tại cơ sở'); // the new field
    expect(fieldsHeader).toContain(NEW_LABEL); // relabelled
    // Each unit's version is in the completeness list.
    const completeness = book.Sheets['Tiến độ nộp'];
    expect(completeness).toBeDefined();
    const rows = XLSX.utils.sheet_to_json<unknown[]>(completeness!, { header: 1, blankrows: false });
    const headerAt = rows.findIndex((row) => row.includes('Phiên bản biểu mẫu'));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    const header = rows[headerAt]!;
    const unitCol = header.indexOf('Mã đơn vị');
    const versionCol = header.indexOf('Phiên bản biểu mẫu');
    const byUnit = Object.fromEntries(
      rows
        .slice(headerAt + 1)
        .filter(
          (row) =>
            typeof row[unitCol] === 'string' &&
            /^P[A-Z]\d\d$/.test(row[unitCol] as string) &&
            row[versionCol] !== undefined,
        )
        .map((row) => [row[unitCol], row[versionCol]]),
    );
    expect(byUnit).toEqual({ PC06: 1, PC08: 1, PA08: 2, PX01: 2 });
  });

  test('the definition workbook of v2 reads back as v2, and edits into v3', async () => {
    const r = await fetch(`${api}/campaigns/${CAMPAIGN}/templates/results/versions/2/definition`, {
      headers: { authorization: `Bearer ${tokens.PC06}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(r.headers.get('content-disposition')).toMatch(
      /dinh-nghia-lang-son-nu-cuoi-chien-si-results-v2\.xlsx/,
    );
    const book = await readWorkbookRows(new Uint8Array(await r.arrayBuffer()));
    expect([...book.keys()]).toEqual(['settings', 'fields', 'tables', 'rules']);
    const sheets = Object.fromEntries(book) as unknown as DefinitionSheets;
    const parsed = parseTemplateDefinition(sheets, { campaignId: CAMPAIGN });
    expect(parsed).toEqual({ ok: true, template: v2 });

    const missing = await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/9/definition`, {
      token: tokens.PC06,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('version_not_found');
    expect(
      (
        await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/x/definition`, {
          token: tokens.PC06,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/2/definition`)).status,
    ).toBe(401);
  });
});

describe('the roll-up follows the registry of the period', () => {
  test('a unit added with activeFrom mid-year is expected from its first period only', async () => {
    const before = (await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin })).body
      .units as Unit[];
    const added: Unit = {
      id: 'PC10',
      name: 'Phòng Cảnh sát thi hành án hình sự và hỗ trợ tư pháp',
      group: 'department',
      parentId: 'CAT',
      pilot: false,
      reports: true,
      activeFrom: '2022-07-01',
    };
    const put = await call(api, 'PUT', `/campaigns/${CAMPAIGN}/units`, {
      token: tokens.admin,
      json: { units: [...before, added] },
    });
    expect(put.status).toBe(200);
    const after = (await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.PC06 })).body
      .units as Unit[];
    expect(after.find((u) => u.id === 'PC10')).toEqual(added); // the registry keeps activeFrom

    const rollupOf = async (periodId: string) =>
      (
        await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${periodId}/rollup`, {
          token: tokens.reviewer,
        })
      ).body;
    const h1 = await rollupOf('2022-H1'); // due 15/06/2022: before PC10 existed
    const q3 = await rollupOf('2022-Q3'); // due 15/09/2022: PC10's first period
    expect(h1.completeness.missing).not.toContain('PC10');
    expect(q3.completeness.missing).toContain('PC10');
    const expectedBefore = before.filter((u) => u.reports).length;
    expect(h1.completeness.expected).toBe(expectedBefore);
    expect(q3.completeness.expected).toBe(expectedBefore + 1);

    // PC10 reports for Q3 and counts as submitted.
    const pc10 = await token('clerk', 'PC10');
    const report = { ...resultsReport('PC10', '2022-Q3'), templateVersion: 2, submissionId: randomUUID() };
    expect(
      (await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, { token: pc10, json: report })).status,
    ).toBe(201);
    const q3After = await rollupOf('2022-Q3');
    expect(q3After.completeness.missing).not.toContain('PC10');
    expect(q3After.units.find((u: { unitId: string }) => u.unitId === 'PC10').templateVersion).toBe(2);
  });
});
