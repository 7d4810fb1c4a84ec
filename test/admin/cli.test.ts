/**
 * `npm run template -- …`: bad definition workbooks are refused before anything is sent (exit 1, the
 * sheet, row and column on stderr); against a running API: publish, export, units and users.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { readWorkbookRows } from '../../scripts/lib/workbook-rows';
import { main } from '../../scripts/template';
import {
  definitionSheetModelsFromSheets,
  parseTemplateDefinition,
  parseUnitRows,
  parseUserRows,
  renderWithPlace,
  templateToDefinition,
  unitsSheetModel,
  unitsToRows,
  usersSheetModel,
  type DefinitionSheets,
  type Unit,
} from '../../shared/src';
import { call, CAMPAIGN, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { copySheets, langSon, makeRow, resultsV1, rowIndex, setCell, settingRow } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: (string | Record<string, string>)[]) {
  const argv = args.filter((a): a is string => typeof a === 'string');
  const env = Object.assign({}, ...args.filter((a) => typeof a !== 'string')) as Record<string, string>;
  let out = '';
  let err = '';
  const code = await main(
    argv,
    { TEMPLATE_API: 'http://127.0.0.1:9/api', ...env },
    {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
    },
  );
  return { code, out, err };
}

async function writeDefinition(name: string, sheets: Partial<DefinitionSheets>): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await renderWorkbook(definitionSheetModelsFromSheets(sheets)));
  return file;
}

const base = () => copySheets(templateToDefinition(resultsV1));

describe('bad definition workbooks: exit 1, the sheet, row and column on stderr, nothing sent', () => {
  const cases: [string, (s: DefinitionSheets) => void, RegExp][] = [
    [
      'unknown type',
      (s) => setCell(s, 'fields', rowIndex(s, 'fields', 'key', 'trainees'), 'type', 'số'),
      /Trang “fields”, dòng 11, cột E: Kiểu “số” không hợp lệ \(integer, decimal, percent, text, longtext, date, choice, boolean\)\./,
    ],
    [
      'missing key',
      (s) => setCell(s, 'fields', rowIndex(s, 'fields', 'key', 'posters'), 'key', null),
      /Trang “fields”, dòng \d+, cột D: Thiếu mã chỉ tiêu \(key\)\./,
    ],
    [
      'min > max',
      (s) => {
        const r = rowIndex(s, 'fields', 'key', 'forums_held');
        setCell(s, 'fields', r, 'min', 10);
        setCell(s, 'fields', r, 'max', 5);
      },
      /Trang “fields”, dòng \d+, cột I: Giá trị nhỏ nhất \(10\) lớn hơn giá trị lớn nhất \(5\)\./,
    ],
    [
      'a rule naming an unknown key',
      (s) => setCell(s, 'rules', 1, 'check', 'opinions_on_manners <= opinions_heard'),
      /Trang “rules”, dòng 2, cột B: Không có chỉ tiêu “opinions_heard” trong biểu mẫu\./,
    ],
    [
      'duplicate key',
      (s) => setCell(s, 'fields', rowIndex(s, 'fields', 'key', 'posters'), 'key', 'news_articles'),
      /Trang “fields”, dòng \d+, cột D: Mã “news_articles” đã dùng ở trang “fields”, dòng \d+/,
    ],
    [
      'bad version in settings',
      (s) => setCell(s, 'settings', settingRow(s, 'version'), 'value', 'hai'),
      /Trang “settings”, dòng 4, cột B: Phiên bản “hai” không hợp lệ/,
    ],
  ];
  test.each(cases)('%s', async (name, edit, expected) => {
    const sheets = base();
    edit(sheets);
    const file = await writeDefinition(`${name.replace(/\W+/g, '-')}.xlsx`, sheets);
    const r = await run('publish', file, '--campaign', CAMPAIGN);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/có 1 lỗi, chưa đăng/);
    expect(r.err).toMatch(expected);
    // the pure parser says the same
    const parsed = parseTemplateDefinition(sheets, { campaignId: CAMPAIGN });
    expect(parsed.ok ? [] : parsed.errors.map((e) => renderWithPlace(e))).toEqual([
      expect.stringMatching(expected),
    ]);
  });

  test('an empty workbook from `new` lists what to fill in', async () => {
    const file = path.join(dir, 'new.xlsx');
    expect((await run('new', file)).code).toBe(0);
    const r = await run('publish', file, '--campaign', CAMPAIGN);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Trang “settings”: Thiếu thiết lập “template_id”\./);
    // In English when LANG says so.
    const en = await run('publish', file, '--campaign', CAMPAIGN, { LANG: 'en_US.UTF-8' });
    expect(en.err).toMatch(/Sheet “settings”: Setting “template_id” is missing\./);
  });

  test('not a workbook, or bad arguments', async () => {
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a zip');
    expect(await run('publish', junk, '--campaign', CAMPAIGN)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/không phải là tệp Excel/),
    });
    expect((await run('publish', junk)).code).toBe(2);
    expect((await run('publish', 'x.json', '--campaign', CAMPAIGN)).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run('units', 'sideways', 'u.xlsx', '--campaign', CAMPAIGN)).code).toBe(2);
    expect((await run('--help')).out).toMatch(/^Usage: template publish/);
  });

  test('the API unreachable → exit 1 with the reason', async () => {
    const file = await writeDefinition('ok.xlsx', base());
    const r = await run('publish', file, '--campaign', CAMPAIGN);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot reach/);
  });
});

describe('against a running API', () => {
  let stack: ApiTestStack;
  let api: string;
  beforeAll(async () => {
    stack = await startApiTestStack();
    api = stack.host.url;
  }, 60_000);
  afterAll(() => stack?.stop());
  const cli = (...argv: string[]) => run(...argv, '--api', api);

  test('export a published version, edit it, check it (--dry-run), publish it; the same version again → 409 explained', async () => {
    const exported = path.join(dir, 'plan-v1.xlsx');
    const e = await cli('export', '--campaign', CAMPAIGN, '--template', 'plan', '--out', exported);
    expect(e).toMatchObject({ code: 0, err: '' });
    expect(e.out).toMatch(/phiên bản 1/);
    const rows = await readWorkbookRows(fs.readFileSync(exported));
    const sheets = Object.fromEntries(rows) as unknown as DefinitionSheets;
    const planV1 = langSon.templates.find((t) => t.id === 'plan')!;
    expect(parseTemplateDefinition(sheets, { campaignId: CAMPAIGN })).toEqual({ ok: true, template: planV1 });

    setCell(sheets, 'settings', settingRow(sheets, 'version'), 'value', 2);
    sheets.fields.push(
      makeRow('fields', {
        section: 'communication',
        key: 'planned_reportages',
        type: 'integer',
        'label::vi': 'Số phóng sự dự kiến',
        min: 0,
        rollup: 'sum',
      }),
    );
    const edited = await writeDefinition('plan-v2.xlsx', sheets);
    const dry = await cli('publish', edited, '--campaign', CAMPAIGN, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/hợp lệ — biểu mẫu “plan” phiên bản 2 \(Kế hoạch\)/);
    const dryEn = await run('publish', edited, '--campaign', CAMPAIGN, '--dry-run', '--api', api, {
      LANG: 'en_US.UTF-8',
    });
    expect(dryEn.out).toMatch(/: valid — template “plan” version 2 \(Plan\): 7 section\(s\)/);
    expect(
      (
        await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/plan/versions/2`, {
          token: await token('admin'),
        })
      ).status,
    ).toBe(404);

    const published = await cli('publish', edited, '--campaign', CAMPAIGN);
    expect(published).toMatchObject({ code: 0, err: '' });
    expect(published.out).toMatch(/Đã đăng biểu mẫu “plan” phiên bản 2/);
    const v2 = await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/plan/versions/2`, {
      token: await token('clerk', 'PC06'),
    });
    expect(
      v2.body.sections.flatMap((s: { fields: { key: string }[] }) => s.fields.map((f) => f.key)),
    ).toContain('planned_reportages');

    const again = await cli('publish', edited, '--campaign', CAMPAIGN);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/version_exists/);
    expect(again.err).toMatch(/sửa ô “version” ở trang settings thành 3/);

    // A key changing its type: 409 with the reason.
    setCell(sheets, 'settings', settingRow(sheets, 'version'), 'value', 3);
    setCell(sheets, 'fields', rowIndex(sheets, 'fields', 'key', 'planned_posters'), 'type', 'decimal');
    const incompatible = await cli(
      'publish',
      await writeDefinition('plan-v3.xlsx', sheets),
      '--campaign',
      CAMPAIGN,
    );
    expect(incompatible.code).toBe(1);
    expect(incompatible.err).toMatch(/incompatible_template/);
    expect(incompatible.err).toMatch(
      /planned_posters: Mã chỉ tiêu “planned_posters” có kiểu integer ở phiên bản \d; mã chỉ tiêu không được đổi kiểu/,
    );

    // The active version by default.
    const latest = await cli(
      'export',
      '--campaign',
      CAMPAIGN,
      '--template',
      'plan',
      '--out',
      path.join(dir, 'plan-latest.xlsx'),
    );
    expect(latest.out).toMatch(/phiên bản 2/);
    const missing = await cli(
      'export',
      '--campaign',
      CAMPAIGN,
      '--template',
      'plan',
      '--version',
      '7',
      '--out',
      path.join(dir, 'x.xlsx'),
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/404/);
  });

  test('units export, edit, import; a bad units sheet is refused with its cell', async () => {
    const file = path.join(dir, 'units.xlsx');
    const e = await cli('units', 'export', file, '--campaign', CAMPAIGN);
    expect(e.code).toBe(0);
    const rows = (await readWorkbookRows(fs.readFileSync(file))).get('units')!;
    const parsed = parseUnitRows(rows);
    expect(parsed).toEqual({ ok: true, records: langSon.units });

    const added: Unit = {
      id: 'PC10',
      name: 'Phòng Cảnh sát thi hành án hình sự',
      group: 'department',
      parentId: 'CAT',
      pilot: false,
      reports: true,
      activeFrom: '2022-07-01',
    };
    const editedFile = path.join(dir, 'units-edited.xlsx');
    fs.writeFileSync(editedFile, await renderWorkbook([unitsSheetModel([...langSon.units, added])]));
    const imported = await cli('units', 'import', editedFile, '--campaign', CAMPAIGN);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toMatch(/thêm: PC10/);
    const units = (await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: await token('admin') }))
      .body.units;
    expect(units.find((u: Unit) => u.id === 'PC10')).toEqual(added);

    const bad = unitsToRows([...langSon.units, added]);
    bad[bad.length - 1]![3] = 'phòng';
    bad[bad.length - 1]![7] = '31/02/2022';
    bad[2]![4] = 'NOWHERE';
    const badFile = path.join(dir, 'units-bad.xlsx');
    const model = unitsSheetModel([]);
    model.tables[0]!.rows = bad.slice(1);
    fs.writeFileSync(badFile, await renderWorkbook([model]));
    const refused = await cli('units', 'import', badFile, '--campaign', CAMPAIGN);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Trang “units”, dòng 43, cột D: Khối “phòng” không hợp lệ/);
    expect(refused.err).toMatch(/Trang “units”, dòng 43, cột H: “31\/02\/2022” không phải ngày/);
  });

  test('users import and export', async () => {
    const file = path.join(dir, 'users.xlsx');
    const records = [
      { userId: 'clerk-pc06@example.vn', roles: ['clerk' as const], unitId: 'PC06', name: 'Trần Văn An' },
      { userId: 'px03@example.vn', roles: ['reviewer' as const, 'admin' as const] },
    ];
    fs.writeFileSync(file, await renderWorkbook([usersSheetModel(records)]));
    const imported = await cli('users', 'import', file);
    expect(imported).toMatchObject({ code: 0, err: '' });
    const out = path.join(dir, 'users-out.xlsx');
    expect((await cli('users', 'export', out)).code).toBe(0);
    const back = parseUserRows((await readWorkbookRows(fs.readFileSync(out))).get('users')!);
    expect(back).toEqual({ ok: true, records });

    const bad = path.join(dir, 'users-bad.xlsx');
    fs.writeFileSync(
      bad,
      await renderWorkbook([usersSheetModel([{ userId: 'x', roles: ['clerk'] } as never])]),
    );
    const refused = await cli('users', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /Trang “users”, dòng 2, cột D: Cán bộ nhập liệu \(clerk\) phải gắn với một đơn vị/,
    );
  });
});
