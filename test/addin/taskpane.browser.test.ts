/**
 * The built task pane in real headless Chromium, against the local host and Azurite, with the
 * office.js fake injected in place of Excel: insert → a bad value → its Vietnamese error and cell →
 * fix → submit → receipt; then the API goes down, a submission waits, the API comes back and the
 * submission is delivered exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host';
import { startAddinServer, type AddinServer } from '../../scripts/addin-server';
import { buildAddin } from '../../scripts/build-addin';
import { call, CAMPAIGN, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(60_000);
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const describeIfChromium = haveChromium ? describe : describe.skip;
if (!haveChromium)
  console.warn(`Skipping the browser test: ${CHROMIUM} is not installed (apt-get install chromium).`);

let stack: ApiTestStack;
let host: LocalHost;
let addin: AddinServer;
let browser: Browser;
let page: Page;
let paneDir: string | undefined;
let clerk: string;

beforeAll(async () => {
  if (!haveChromium) return;
  stack = await startApiTestStack();
  host = stack.host;
  // Its own build, in a folder of its own: addin/dist belongs to `npm start` (and its test).
  paneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskpane-'));
  await buildAddin({ minify: false, outDir: paneDir });
  addin = await startAddinServer({
    port: 0,
    https: false,
    apiTarget: host.url.replace(/\/api$/, ''),
    root: paneDir,
  });
  const fakeScript = await esbuild.build({
    entryPoints: [path.join(__dirname, '..', 'support', 'fake-excel-browser.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
  });
  clerk = await token('clerk', 'PC06');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 380, height: 900 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  await page.addInitScript({ content: fakeScript.outputFiles[0]!.text });
  await page.goto(`${addin.url}/taskpane.html`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await addin?.close();
  await host?.close().catch(() => undefined);
  await stack?.stop();
  if (paneDir) fs.rmSync(paneDir, { recursive: true, force: true });
});

/** Evaluates in the page against the injected fake. */
function fake<T>(fn: string): Promise<T> {
  return page.evaluate(`(() => { const f = window.__fake; ${fn} })()`) as Promise<T>;
}

async function typeInto(key: string, value: string | number) {
  await fake(`const s = f.activeSheet(); f.type(s.name, s.names.get('f_${key}'), ${JSON.stringify(value)});`);
}

describeIfChromium('the clerk’s workflow in the task pane', () => {
  test('settings: the pane opens on settings without a token; a pasted token is kept', async () => {
    await page.getByTestId('settings-token').fill(clerk);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('unit').waitFor();
    await expectText(page.getByTestId('mottos'), '5 xin');
    expect(await page.getByTestId('unit').inputValue()).toBe('PC06');
    await page.getByTestId('period').selectOption('2022-Q3');
  });

  test('insert → bad value → Vietnamese error at its cell → fix → submit → receipt', async () => {
    await page.getByTestId('insert').click();
    await expectText(page.getByTestId('status-inserted'), 'results PC06 2022-Q3');
    const sheet = await fake<{ name: string; protected: boolean }>(
      'const s = f.activeSheet(); return { name: s.name, protected: s.protected };',
    );
    expect(sheet).toEqual({ name: 'results PC06 2022-Q3', protected: true });

    await typeInto('meetings_held', 3);
    await typeInto('participants', 'khoảng 40');
    await typeInto('models_built', 1);
    await page.getByTestId('validate').click();
    const issues = page.getByTestId('issues');
    await expectText(issues, '“Số lượt cán bộ, chiến sĩ tham gia” phải là số nguyên.');
    const participantsCell = await fake<string>(`return f.activeSheet().names.get('f_participants');`);
    await issues.getByText(`ô ${participantsCell}`).click();
    await until(
      async () =>
        (await fake<{ address: string } | undefined>('return f.selected;'))?.address === participantsCell,
    );
    expect(
      await fake<string>(
        `const s = f.activeSheet(); return s.cells.get('${participantsCell.slice(1)}:3').fill;`,
      ),
    ).toBe('#F8CBAD');

    await typeInto('participants', 45);
    await page.getByTestId('validate').click();
    await expectText(page.getByTestId('status'), 'Số liệu hợp lệ');
    await page.getByTestId('submit').click();
    const receipt = page.getByTestId('receipt');
    await expectText(receipt, 'Lần nộp 1');
    await expectText(receipt, 'Nộp muộn'); // 2022-Q3 was due on 15/9/2022
    const receiptCell = await fake<string>(
      `const s = f.activeSheet(); return f.value(s.name, s.names.get('meta_receipt'));`,
    );
    expect(receiptCell).toMatch(/^Lần nộp 1, nhận lúc .* — Nộp muộn$/);
    // The README's picture is refreshed on request (UPDATE_DOCS=1); otherwise the shot goes to out/.
    const shot = process.env.UPDATE_DOCS ? ['docs', 'taskpane.png'] : ['out', 'screenshots', 'taskpane.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await page.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
  }, 60_000);

  test('API down: the submission waits (1 waiting); API back: delivered exactly once', async () => {
    const port = host.port;
    await host.close();
    await typeInto('meetings_held', 5);
    await page.getByTestId('submit').click();
    await expectText(page.getByTestId('queue'), '1 báo cáo đang chờ gửi');
    const waiting = await page.evaluate(
      () => JSON.parse(localStorage.getItem('nu-cuoi.outbox.v1') ?? '[]').length,
    );
    expect(waiting).toBe(1);

    host = await startLocalHost({ port });
    await page.getByTestId('retry').click();
    await expectText(page.getByTestId('receipt'), 'Lần nộp 2');
    await page.getByTestId('queue').waitFor({ state: 'detached' });
    const revisions = await call(
      host.url,
      'GET',
      `/campaigns/${CAMPAIGN}/submissions/PC06/2022-Q3/revisions`,
      { token: await token('admin') },
    );
    expect(
      revisions.body.revisions.map((r: { revision: number; values: { meetings_held: number } }) => [
        r.revision,
        r.values.meetings_held,
      ]),
    ).toEqual([
      [1, 3],
      [2, 5],
    ]);
  }, 60_000);

  test('the standing office refreshes the summary sheets and returns the report; the clerk sees the comment', async () => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(await token('reviewer', 'PX03'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-summary').click();
    await page.getByTestId('summary-period').selectOption('2022-Q3');
    await page.getByTestId('refresh-summary').click();
    await expectText(page.getByTestId('summary-status'), '1/40 đơn vị đã nộp');
    const sheets = await fake<string[]>('return f.sheets.map((s) => s.name);');
    expect(sheets).toEqual(expect.arrayContaining(['Tổng hợp', 'Theo đơn vị', 'Tiến độ nộp']));
    expect(await fake<number>(`return f.sheet('Tiến độ nộp').charts.length;`)).toBe(1);

    const list = page.getByTestId('review-list');
    await list.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await list.locator('textarea').fill('Bổ sung số liệu tập huấn quý III');
    await list.getByRole('button', { name: 'Gửi trả lại' }).click();
    await expectText(page.getByTestId('summary-status'), 'PC06: Trả lại để sửa');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(clerk);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('period').selectOption('2022-Q3');
    await expectText(page.getByTestId('review-comment'), 'Bổ sung số liệu tập huấn quý III');
  }, 60_000);

  test('an admin opens the plan template’s definition, a bad type is pointed at, then v2 is published', async () => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(await token('admin'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-campaign').selectOption(CAMPAIGN);
    await until(
      async () => (await page.getByTestId('admin-template').locator('option[value="plan"]').count()) > 0,
      'the plan template',
    );
    await page.getByTestId('admin-template').selectOption('plan');
    await page.getByTestId('open-definition').click();
    await expectText(page.getByTestId('admin-status'), 'Đã mở 4 trang định nghĩa');
    const cellOf = (sheet: string, header: string, match: (row: unknown[]) => boolean) =>
      fake<string>(`
        const s = f.sheet('${sheet}');
        const rows = [];
        for (const [k, c] of s.cells) { const [r, col] = k.split(':').map(Number); (rows[r] ??= [])[col] = c.value; }
        const head = rows[1]; const col = head.indexOf('${header}');
        const r = rows.findIndex((row, i) => i > 1 && row && (${match.toString()})(row.slice(1)));
        return String.fromCharCode(64 + col) + r;`);
    // Version 2, a new field, and a mistake: a type that does not exist.
    const version = await cellOf('settings', 'value', (row) => row[0] === 'version');
    await fake(`f.type('settings', '${version}', 2);`);
    const lastField = await fake<number>(
      `let max = 0; for (const k of f.sheet('fields').cells.keys()) max = Math.max(max, Number(k.split(':')[0])); return max;`,
    );
    const newRow = lastField + 1;
    await fake(`const s = f.sheet('fields');
      const head = []; for (const [k, c] of s.cells) { const [r, col] = k.split(':').map(Number); if (r === 1) head[col] = c.value; }
      const at = (h) => String.fromCharCode(64 + head.indexOf(h)) + ${newRow};
      const prev = (h) => f.value('fields', String.fromCharCode(64 + head.indexOf(h)) + ${lastField});
      f.type('fields', at('section'), prev('section'));
      f.type('fields', at('key'), 'hotline_numbers');
      f.type('fields', at('type'), 'số');
      f.type('fields', at('label::vi'), 'Số đường dây nóng công khai');
      f.type('fields', at('rollup'), 'sum');`);
    await page.getByTestId('publish').click();
    const problems = page.getByTestId('admin-problems');
    await expectText(problems, `Trang “fields”, dòng ${newRow}`);
    await problems.locator('button, a').first().click();
    await until(
      async () => (await fake<{ sheet: string } | undefined>('return f.selected;'))?.sheet === 'fields',
      'the bad cell selected',
    );

    await fake(`const s = f.sheet('fields');
      const head = []; for (const [k, c] of s.cells) { const [r, col] = k.split(':').map(Number); if (r === 1) head[col] = c.value; }
      f.type('fields', String.fromCharCode(64 + head.indexOf('type')) + ${newRow}, 'integer');`);
    await page.getByTestId('publish').click();
    await expectText(page.getByTestId('admin-status'), 'Đã phát hành biểu mẫu “plan” phiên bản 2');
    const v2 = await call(host.url, 'GET', `/campaigns/${CAMPAIGN}/templates/plan/versions/2`, {
      token: await token('admin'),
    });
    expect(
      v2.body.sections.flatMap((x: { fields: { key: string }[] }) => x.fields.map((f) => f.key)),
    ).toContain('hotline_numbers');
  }, 60_000);

  test('an admin edits the unit registry and the user list as sheets', async () => {
    const headerOf = (sheet: string) =>
      fake<string[]>(
        `const h = []; for (const [k, c] of f.sheet('${sheet}').cells) { const [r, col] = k.split(':').map(Number); if (r === 1) h[col - 1] = c.value; } return h;`,
      );
    const letter = (header: string[], name: string) => String.fromCharCode(65 + header.indexOf(name));

    await page.getByTestId('open-units').click();
    await expectText(page.getByTestId('admin-status'), 'Đã mở trang “units”');
    const units = await headerOf('units');
    const pc08Row = await fake<number>(
      `for (const [k, c] of f.sheet('units').cells) if (c.value === 'PC08') return Number(k.split(':')[0]);`,
    );
    await fake(`f.type('units', '${letter(units, 'short_name')}${pc08Row}', 'CSGT');`);
    await page.getByTestId('save-units').click();
    await expectText(page.getByTestId('admin-status'), 'Đã lưu 41 đơn vị');
    const registry = await call(host.url, 'GET', `/campaigns/${CAMPAIGN}/units`, {
      token: await token('admin'),
    });
    expect(registry.body.units.find((u: { id: string }) => u.id === 'PC08').shortName).toBe('CSGT');

    await page.getByTestId('open-users').click();
    await expectText(page.getByTestId('admin-status'), 'Đã mở trang “users”');
    const users = await headerOf('users');
    await fake(`f.type('users', '${letter(users, 'user_id')}2', 'nguyen.van.a@congan.langson.gov.vn');
      f.type('users', '${letter(users, 'name')}2', 'Nguyễn Văn A');
      f.type('users', '${letter(users, 'roles')}2', 'clerk');
      f.type('users', '${letter(users, 'unit_id')}2', 'PC08');`);
    await page.getByTestId('save-users').click();
    await expectText(page.getByTestId('admin-status'), 'Đã lưu 1 người dùng');
    const list = await call(host.url, 'GET', '/users', { token: await token('admin') });
    expect(list.body.users).toEqual([
      expect.objectContaining({
        userId: 'nguyen.van.a@congan.langson.gov.vn',
        roles: ['clerk'],
        unitId: 'PC08',
        name: 'Nguyễn Văn A',
      }),
    ]);
  }, 60_000);
});

/** Waits (bounded) until the condition holds. */
async function until(condition: () => Promise<boolean>, what = 'condition', timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectText(locator: ReturnType<Page['getByTestId']>, text: string) {
  await locator.waitFor();
  try {
    await until(async () => ((await locator.textContent()) ?? '').includes(text), `“${text}”`);
  } catch {
    expect(await locator.textContent()).toContain(text); // fails with both texts shown
  }
}
