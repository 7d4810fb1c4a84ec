/**
 * `npm run campaign -- export|publish` against a running API: a campaign exports as its workbook and
 * publishes back (updated), a new campaign from a workbook written by openpyxl is created, and a bad
 * workbook is refused with each problem's sheet, row and column on stderr (exit 1).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../scripts/campaign';
import { CAMPAIGN } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-cli-'));
const FIXTURES = path.resolve(__dirname, '../fixtures/programs');
let stack: ApiTestStack;
beforeAll(async () => {
  stack = await startApiTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    { TEMPLATE_API: stack.api, ...env },
    {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
    },
  );
  return { code, out, err };
}

test('export a campaign, publish it back: updated', async () => {
  const file = path.join(dir, 'lang-son.xlsx');
  const exported = await run(['export', CAMPAIGN, '--out', file]);
  expect(exported).toMatchObject({ code: 0, err: '' });
  expect(exported.out).toContain(`sổ phong trào “${CAMPAIGN}” (41 đơn vị,`);
  expect(fs.statSync(file).size).toBeGreaterThan(5000);
  expect(await run(['publish', file])).toMatchObject({
    code: 0,
    out: `Đã cập nhật phong trào “${CAMPAIGN}”.\n`,
  });
});

test('a new campaign from a workbook written by openpyxl: created', async () => {
  const r = await run(['publish', path.join(FIXTURES, 'openpyxl-campaign.xlsx')], { LANG: 'en_US.UTF-8' });
  expect(r).toMatchObject({ code: 0, out: 'Created campaign “openpyxl-campaign”.\n' });
});

test('a bad workbook: exit 1, each problem with its sheet, row and column', async () => {
  const file = path.join(FIXTURES, 'openpyxl-campaign-bad.xlsx');
  const r = await run(['publish', file]);
  expect(r.code).toBe(1);
  expect(r.err.split('\n')).toEqual([
    `campaign: “${file}” có 3 lỗi, chưa phát hành:`,
    '  Trang “settings”, dòng 7, cột B: Múi giờ “Mars/Olympus” không hợp lệ (ví dụ Asia/Ho_Chi_Minh).',
    '  Trang “calendar”, dòng 3, cột B: Loại kỳ “monthly” không hợp lệ (plan, quarter, half, year, interim, final).',
    '  Trang “units”, dòng 4, cột C: Khối “ministry” không hợp lệ (board, department, district, union, commune, agency, other).',
    '',
  ]);
});

test('bad arguments: exit 2 with the usage', async () => {
  const r = await run(['export', CAMPAIGN]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('npm run campaign -- export');
});
