/**
 * .xlsx in and out over real HTTP (local host + Azurite): the blank template workbook, an upload of
 * a template filled by SheetJS, errors naming cells, and the summary workbook checked against the
 * submitted values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { main as rollupMain } from '../../scripts/rollup';
import { buildTemplateSheet } from '../../shared/src';
import { call, CAMPAIGN, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import {
  fetchBytes,
  fillWithSheetJs,
  langSon,
  namedCell,
  part,
  readBook,
  resultsV1,
  valueAt,
  XLSX_TYPE,
} from './support';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiTestStack({ firstTemplateVersions: true }); // its workbooks and redeploy start from v1
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.pc06 = await token('clerk', 'PC06');
  tokens.pc08 = await token('clerk', 'PC08');
}, 60_000);
afterAll(() => stack?.stop());

const templateUrl = (query: string) => `${api}/campaigns/${CAMPAIGN}/templates/results/versions/1${query}`;
const upload = (bytes: Uint8Array, t = tokens.pc06!, query = '') =>
  fetchBytes(`${api}/campaigns/${CAMPAIGN}/submissions${query}`, {
    method: 'POST',
    token: t,
    body: bytes,
    contentType: XLSX_TYPE,
  });
const blankTemplate = async (unitId = 'PC06', periodId = '2023-Q1') => {
  const r = await fetchBytes(templateUrl(`?format=xlsx&unitId=${unitId}&periodId=${periodId}`), {
    token: tokens.pc06,
  });
  expect(r.status).toBe(200);
  return r.bytes;
};
const latest = async (unitId: string, periodId: string) =>
  (
    await call(api, 'GET', `/campaigns/${CAMPAIGN}/submissions?periodId=${periodId}&unitId=${unitId}`, {
      token: tokens.admin,
    })
  ).body.submissions[0];

describe('GET …/templates/{t}/versions/{v}?format=xlsx', () => {
  test('a blank template workbook with the unit and period in its header', async () => {
    const r = await fetchBytes(templateUrl('?format=xlsx&unitId=PC06&periodId=2022-Q3'), {
      token: tokens.pc06,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="results-v1-PC06-2022-Q3.xlsx"');
    const book = readBook(r.bytes);
    expect(book.SheetNames).toEqual(['Báo cáo PC06 2022-Q3']);
    expect(valueAt(book, namedCell(book, 'meta_unit')!)).toBe('PC06');
    expect(valueAt(book, namedCell(book, 'meta_period')!)).toBe('2022-Q3');
    expect(valueAt(book, namedCell(book, 'meta_template')!)).toBe('results');
    expect(valueAt(book, namedCell(book, 'meta_version')!)).toBe(1);
    const fields = resultsV1.sections.flatMap((s) => s.fields);
    for (const f of fields) expect(namedCell(book, `f_${f.key}`)).toMatch(/^C\d+$/);
    expect(/<dataValidation /.test(part(book, 'xl/worksheets/sheet1.xml'))).toBe(true);

    // Without unit and period: both header cells are left to fill; the union's id becomes ASCII.
    const blank = await fetchBytes(templateUrl('?format=xlsx'), { token: tokens.pc06 });
    expect(blank.headers.get('content-disposition')).toBe('attachment; filename="results-v1.xlsx"');
    expect(valueAt(readBook(blank.bytes), namedCell(readBook(blank.bytes), 'meta_unit')!)).toBeUndefined();
    // The JSON answer is unchanged.
    const json = await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/1`, {
      token: tokens.pc06,
    });
    expect(json.body).toMatchObject({ id: 'results', version: 1 });
  });

  test('unknown unit or period, a wrong format → 400 in the contract’s shape; no token → 401', async () => {
    const unit = await fetchBytes(templateUrl('?format=xlsx&unitId=NOPE'), { token: tokens.pc06 });
    expect(unit.status).toBe(400);
    expect(unit.json.error).toMatchObject({
      code: 'unit_not_found',
      details: [{ path: 'unitId', key: 'unitId', code: 'unit_not_found' }],
    });
    const period = await fetchBytes(templateUrl('?format=xlsx&periodId=2099-Q9'), { token: tokens.pc06 });
    expect(period.status).toBe(400);
    expect(period.json.error.details[0].key).toBe('periodId');
    const plan = await fetchBytes(templateUrl('?format=xlsx&periodId=2021-PLAN'), { token: tokens.pc06 });
    expect(plan.status).toBe(400);
    expect((await fetchBytes(templateUrl('?format=pdf'), { token: tokens.pc06 })).status).toBe(400);
    expect((await fetchBytes(templateUrl('?format=xlsx'))).status).toBe(401);
    const missing = await fetchBytes(
      `${api}/campaigns/${CAMPAIGN}/templates/results/versions/9?format=xlsx`,
      {
        token: tokens.pc06,
      },
    );
    expect(missing.status).toBe(404);
  });
});

describe('POST …/submissions with an .xlsx body', () => {
  test('a template filled by SheetJS is accepted and stored as written; the same file again is a replay', async () => {
    const values = {
      meetings_held: 6,
      participants: 214,
      thematic_sessions: 2,
      models_built: 2,
      forums_held: 1,
      opinions_received: 35,
      opinions_on_manners: 9,
      id_cards_issued: 1400,
      charity_value_vnd: 12_500_000,
      self_assessment: 'Tốt',
      difficulties: '=1+1 là cách gọi vui của tổ ghép đôi',
    };
    const tables = {
      models: [
        { name: 'Tiếp dân niềm nở, hướng dẫn tận tình', slogan: '+84 912 345 678', start_date: '2023-01-09' },
        { name: 'Một cửa thân thiện', slogan: '@congan.langson', result: '-5 phút chờ đợi mỗi hồ sơ' },
      ],
    };
    const bytes = fillWithSheetJs(await blankTemplate('PC06', '2023-Q1'), { values, tables });
    const r = await upload(bytes);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ unitId: 'PC06', periodId: '2023-Q1', revision: 1 });
    const stored = await latest('PC06', '2023-Q1');
    expect(stored).toMatchObject({
      templateId: 'results',
      templateVersion: 1,
      submissionId: r.json.submissionId,
    });
    expect(stored.values).toEqual({ ...values, self_assessment: 'good' });
    expect(stored.tables.models).toEqual(tables.models);
    expect(stored.tables.good_deeds ?? []).toEqual([]);

    const again = await upload(bytes);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(r.json);
    // An explicit submissionId is the idempotency key instead.
    const id = '3b0d7a52-57e4-4c1e-9a0f-1c2d3e4f5a6b';
    const explicit = await upload(bytes, tokens.pc06, `?submissionId=${id}`);
    expect(explicit.status).toBe(201);
    expect(explicit.json).toMatchObject({ submissionId: id, revision: 2 });
    expect((await upload(bytes, tokens.pc06, '?submissionId=abc')).status).toBe(400);
  });

  test('a blank form: the unit and the period picked by name from its lists are uploaded as their ids', async () => {
    const r = await fetchBytes(templateUrl('?format=xlsx'), { token: tokens.pc06 });
    expect(r.status).toBe(200);
    const book = XLSX.read(r.bytes, { type: 'buffer' });
    const ws = book.Sheets[book.SheetNames[0]!]!;
    const picks = buildTemplateSheet(resultsV1, { campaign: langSon.campaign }).bindings.flatMap((b) =>
      b.kind === 'meta' && b.pick
        ? [{ key: b.key, at: XLSX.utils.encode_cell({ r: b.pick.row - 1, c: b.pick.col - 1 }) }]
        : [],
    );
    expect(picks.map((p) => p.key)).toEqual(['unitId', 'periodId']);
    // The lists offer names: the unit's and the period's as the registry and the calendar have them.
    const xml = part(readBook(r.bytes), 'xl/worksheets/sheet1.xml');
    for (const p of picks) expect(xml).toMatch(new RegExp(`<dataValidation type="list"[^>]*sqref="${p.at}"`));
    const unitName = langSon.units.find((u) => u.id === 'PC06')!.name;
    const periodLabel = langSon.periods.find((p) => p.id === '2023-Q3')!.label.vi;
    XLSX.utils.sheet_add_aoa(ws, [[unitName]], { origin: picks[0]!.at });
    XLSX.utils.sheet_add_aoa(ws, [[periodLabel]], { origin: picks[1]!.at });
    const filled = fillWithSheetJs(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer, {
      values: { meetings_held: 2, participants: 40, models_built: 1 },
    });
    const sent = await upload(filled);
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ unitId: 'PC06', periodId: '2023-Q3' });
  });

  test('invalid cells are refused with 400 and the cell named', async () => {
    const blank = await blankTemplate('PC06', '2023-H1');
    const book = readBook(blank);
    const r = await upload(
      fillWithSheetJs(blank, {
        values: {
          meetings_held: 'mười hai',
          participants: 40,
          models_built: 1,
          opinions_received: 3,
          opinions_on_manners: 9,
        },
        tables: { models: [{ slogan: 'Chưa đặt tên' }] },
      }),
    );
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_submission');
    const details = r.json.error.details as { key: string; cell?: string; path: string; message: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'meetings_held', cell: namedCell(book, 'f_meetings_held') }),
        expect.objectContaining({
          key: 'opinions_on_manners',
          cell: namedCell(book, 'f_opinions_on_manners'),
        }),
        // The first row under the models table's header, in its name column.
        expect.objectContaining({
          path: 'tables.models[0].name',
          cell: (() => {
            const t = buildTemplateSheet(resultsV1, { campaign: langSon.campaign }).bindings.find(
              (b) => b.kind === 'table' && b.key === 'models',
            )!;
            return `B${t.row}`;
          })(),
        }),
      ]),
    );
    for (const d of details) expect(d.message).toEqual(expect.any(String));
    expect(await latest('PC06', '2023-H1')).toBeUndefined();

    // A header left empty names its cell too.
    const noUnit = await upload(
      fillWithSheetJs((await fetchBytes(templateUrl('?format=xlsx'), { token: tokens.pc06 })).bytes, {
        values: { meetings_held: 1 },
        header: { periodId: '2023-H1' },
      }),
    );
    expect(noUnit.status).toBe(400);
    expect(noUnit.json.error.details).toEqual([
      expect.objectContaining({ key: 'unitId', cell: namedCell(book, 'meta_unit') }),
    ]);
  });

  test('same rules as JSON: another unit’s clerk → 403, outdated header → 400, not an xlsx → 400', async () => {
    const filled = fillWithSheetJs(await blankTemplate('PC06', '2023-Q3'), {
      values: { meetings_held: 1, participants: 20, models_built: 0 },
    });
    const other = await upload(filled, tokens.pc08);
    expect(other.status).toBe(403);
    const unknownVersion = await upload(fillWithSheetJs(filled, { header: { templateVersion: 4 } }));
    expect(unknownVersion.status).toBe(400);
    expect(unknownVersion.json.error.code).toBe('unknown_template');

    const garbage = await upload(Buffer.from('PK\u0003\u0004 không phải sổ tính'));
    expect(garbage.status).toBe(400);
    expect(garbage.json.error.code).toBe('not_xlsx');
    const text = await upload(Buffer.from('{"values":{}}'));
    expect(text.status).toBe(400);
    const notTemplate = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      notTemplate,
      XLSX.utils.aoa_to_sheet([
        ['Đơn vị', 'Số liệu'],
        ['PC06', 5],
      ]),
      'Số liệu',
    );
    const wrong = await upload(XLSX.write(notTemplate, { type: 'buffer', bookType: 'xlsx' }));
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('not_template_workbook');
    const pdf = await fetchBytes(`${api}/campaigns/${CAMPAIGN}/submissions`, {
      method: 'POST',
      token: tokens.pc06,
      body: Buffer.from('%PDF-1.4'),
      contentType: 'application/pdf',
    });
    expect(pdf.status).toBe(415);
    // An admin back-fills a paper report with ?receivedAt=; a clerk may not.
    expect((await upload(filled, tokens.pc06, '?receivedAt=2023-09-10T09:00:00%2B07:00')).status).toBe(403);
    const backfill = await upload(filled, tokens.admin, '?receivedAt=2023-09-10T09:00:00%2B07:00');
    expect(backfill.status).toBe(201);
    expect(backfill.json).toMatchObject({ onTime: true, receivedAt: '2023-09-10T02:00:00.000Z' });
  });
});

describe('GET …/periods/{p}/rollup?format=xlsx', () => {
  test('the summary workbook’s province totals equal the sum of what was submitted', async () => {
    const period = '2024-H1';
    const units = ['PC06', 'PC08', 'PA08', 'CATP', 'DTN', 'CAH-CAO-LOC'];
    const values = units.map((_, i) => ({
      meetings_held: 2 + i,
      participants: 45 * (i + 1),
      models_built: 1,
      id_cards_issued: 120 * i + 7,
      opinions_received: 30 + i,
      opinions_on_manners: i,
      difficulties: i === 0 ? '=SUM(A1:A9) không phải công thức' : `Khó khăn của đơn vị thứ ${i + 1}`,
    }));
    for (const [i, unitId] of units.entries()) {
      const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
        token: tokens.admin,
        json: {
          submissionId: `5d6c0a1e-0000-4000-8000-${String(i).padStart(12, '0')}`,
          templateId: 'results',
          templateVersion: 1,
          unitId,
          periodId: period,
          values: values[i],
          tables: { models: [{ name: `Mô hình “Nụ cười” ${unitId}`, slogan: '@nu_cuoi' }] },
          receivedAt: i === 5 ? '2024-06-20T09:00:00+07:00' : '2024-06-10T09:00:00+07:00',
        },
      });
      expect(r.status).toBe(201);
    }
    expect(
      (
        await fetchBytes(`${api}/campaigns/${CAMPAIGN}/periods/${period}/rollup?format=xlsx`, {
          token: tokens.pc06,
        })
      ).status,
    ).toBe(403);

    const r = await fetchBytes(`${api}/campaigns/${CAMPAIGN}/periods/${period}/rollup?format=xlsx`, {
      token: tokens.reviewer,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="tong-hop-${CAMPAIGN}-${period}.xlsx"`,
    );
    const book = readBook(r.bytes);
    expect(book.SheetNames.slice(0, 3)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Tiến độ nộp']);

    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Tổng hợp']!, { header: 1, defval: null });
    const fields = resultsV1.sections.flatMap((s) => s.fields);
    const totalOf = (key: string) =>
      rows.find((row) => row[1] === fields.find((f) => f.key === key)!.label.vi)![3];
    for (const key of [
      'meetings_held',
      'participants',
      'models_built',
      'id_cards_issued',
      'opinions_received',
    ]) {
      const sum = values.reduce((s, v) => s + (v[key as keyof (typeof values)[number]] as number), 0);
      expect([key, totalOf(key)]).toEqual([key, sum]);
    }
    const json = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${period}/rollup`, {
      token: tokens.reviewer,
    });
    expect(totalOf('participants')).toBe(json.body.totals.participants);
    // Completeness: 40 expected, 6 submitted, 5 on time, 1 late, 34 missing.
    const header = rows.findIndex((row) => row.includes('Đã nộp'));
    expect(rows[header + 1]!.filter((v) => typeof v === 'number')).toEqual([40, 6, 5, 1, 34]);

    // The units × fields matrix: one row per submitting unit, its figures as submitted.
    const matrix = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Theo đơn vị']!, {
      header: 1,
      defval: null,
    });
    const heading = matrix.findIndex((row) =>
      row.includes(fields.find((f) => f.key === 'participants')!.label.vi),
    );
    const col = matrix[heading]!.indexOf(fields.find((f) => f.key === 'participants')!.label.vi);
    for (const [i, unitId] of units.entries())
      expect(matrix.find((row) => row[1] === unitId)![col]).toBe(values[i]!.participants);

    // Text that looks like a formula is text in the summary too.
    const texts = book.SheetNames.indexOf('Nội dung báo cáo');
    const xml = part(book, `xl/worksheets/sheet${texts + 1}.xml`);
    expect(/<f[ >]/.test(xml)).toBe(false);
    const cells = Object.values(book.Sheets['Nội dung báo cáo']!) as XLSX.CellObject[];
    expect(cells.some((c) => c?.t === 's' && c.v === '=SUM(A1:A9) không phải công thức')).toBe(true);
  });
});

describe('a new template version', () => {
  test('an upload of the old version’s workbook → 409 outdated_template; the new workbook is accepted', async () => {
    const oldWorkbook = fillWithSheetJs(await blankTemplate('PC08', '2024-Q3'), {
      values: { meetings_held: 3, participants: 60, models_built: 0 },
    });
    const v2 = structuredClone(resultsV1);
    v2.version = 2;
    v2.sections[0]!.fields.push({
      key: 'online_sessions',
      type: 'integer',
      label: { vi: 'Số buổi sinh hoạt trực tuyến', en: 'Online sessions' },
      required: false,
      min: 0,
      rollup: 'sum',
    } as (typeof v2.sections)[number]['fields'][number]);
    const published = await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
      token: tokens.admin,
      json: v2,
    });
    expect(published.status).toBe(201);

    const outdated = await upload(oldWorkbook, tokens.pc08);
    expect(outdated.status).toBe(409);
    expect(outdated.json.error).toMatchObject({
      code: 'outdated_template',
      details: { templateId: 'results', sentVersion: 1, currentVersion: 2 },
    });
    const fresh = await fetchBytes(
      `${api}/campaigns/${CAMPAIGN}/templates/results/versions/2?format=xlsx&unitId=PC08&periodId=2024-Q3`,
      { token: tokens.pc08 },
    );
    const book = readBook(fresh.bytes);
    expect(valueAt(book, namedCell(book, 'meta_version')!)).toBe(2);
    const filled = fillWithSheetJs(
      fresh.bytes,
      { values: { meetings_held: 3, participants: 60, models_built: 0, online_sessions: 4 } },
      v2,
    );
    const accepted = await upload(filled, tokens.pc08);
    expect(accepted.status).toBe(201);
    expect((await latest('PC08', '2024-Q3')).values).toEqual({
      meetings_held: 3,
      participants: 60,
      models_built: 0,
      online_sessions: 4,
    });
  });
});

describe('npm run rollup (scripts/rollup.ts)', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };

  test('writes the summary workbook of a running API and prints a one-line summary', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollup-cli-'));
    try {
      const file = path.join(dir, 'nested', 'tong-hop.xlsx');
      const cap = io();
      // No --token: a development reviewer token is minted from the (default) settings.
      const code = await rollupMain(
        ['--campaign', CAMPAIGN, '--period', '2024-H1', '--out', file, '--api', api],
        {},
        cap.io,
      );
      expect([code, cap.err.join('')]).toEqual([0, '']);
      expect(cap.out.join('')).toMatch(/2024-H1 — 6\/40 units reported \(5 on time, 1 late, 34 missing\)/);
      const book = readBook(fs.readFileSync(file));
      expect(book.SheetNames[0]).toBe('Tổng hợp');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad arguments exit 2; an API that answers an error or is not there exits 1, on stderr', async () => {
    let cap = io();
    expect(await rollupMain(['--period', '2024-H1', '--out', 'x.xlsx'], {}, cap.io)).toBe(2);
    expect(cap.err.join('')).toMatch(/--campaign is required/);
    cap = io();
    expect(
      await rollupMain(['--campaign', CAMPAIGN, '--period', '2024-H1', '--out', 'x.csv'], {}, cap.io),
    ).toBe(2);
    cap = io();
    expect(await rollupMain(['--campaign', CAMPAIGN, '--nope'], {}, cap.io)).toBe(2);
    cap = io();
    const out = path.join(os.tmpdir(), `never-${process.pid}.xlsx`);
    expect(
      await rollupMain(
        ['--campaign', CAMPAIGN, '--period', '2099-Q9', '--out', out, '--api', api],
        {},
        cap.io,
      ),
    ).toBe(1);
    expect(cap.err.join('')).toMatch(/404/);
    expect(fs.existsSync(out)).toBe(false);
    cap = io();
    const clerk = await rollupMain(
      ['--campaign', CAMPAIGN, '--period', '2024-H1', '--out', out, '--api', api, '--token', tokens.pc06!],
      {},
      cap.io,
    );
    expect([clerk, /403/.test(cap.err.join(''))]).toEqual([1, true]);
    cap = io();
    expect(
      await rollupMain(
        ['--campaign', CAMPAIGN, '--period', '2024-H1', '--out', out, '--api', 'http://127.0.0.1:9/api'],
        {},
        cap.io,
      ),
    ).toBe(1);
    expect(cap.err.join('')).toMatch(/cannot reach/);
  });
});
