/**
 * The built task pane in real headless Chromium, against the local host and Azurite, with the
 * office.js fake injected in place of Excel: insert → a bad value → its Vietnamese error and cell →
 * fix → submit → receipt; then the API goes down, a submission waits, the API comes back and the
 * submission is delivered exactly once. Then the pane on a bad day, each in a fresh page at 350×900:
 * an expired token, the pane opened outside Excel, the network and the server's storage failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host';
import { call, CAMPAIGN, token } from '../support/api';
import {
  CHROMIUM,
  expectText,
  haveChromium,
  type PaneInBrowser,
  startPaneInBrowser,
  until,
} from '../support/pane-browser';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(60_000);
const describeIfChromium = haveChromium ? describe : describe.skip;
if (!haveChromium)
  console.warn(`Skipping the browser test: ${CHROMIUM} is not installed (apt-get install chromium).`);

let stack: ApiTestStack;
let host: LocalHost;
let pane: PaneInBrowser;
let page: Page;
let clerk: string;

beforeAll(async () => {
  if (!haveChromium) return;
  stack = await startApiTestStack();
  host = stack.host;
  pane = await startPaneInBrowser(host.url, 'taskpane-');
  clerk = await token('clerk', 'PC06');
  page = await pane.openPane();
}, 120_000);

afterAll(async () => {
  await pane?.close();
  await host?.close().catch(() => undefined);
  await stack?.stop();
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
    await expectText(page.getByTestId('status-inserted'), 'Báo cáo PC06 2022-Q3');
    const sheet = await fake<{ name: string; protected: boolean }>(
      'const s = f.activeSheet(); return { name: s.name, protected: s.protected };',
    );
    expect(sheet).toEqual({ name: 'Báo cáo PC06 2022-Q3', protected: true });

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

    // The custom functions' session: the pane left the API, the token and the campaign where they read them
    // (OfficeRuntime.storage in Office; localStorage here, outside it).
    const session = await page.evaluate(() => ({
      session: JSON.parse(localStorage.getItem('nu-cuoi.functions.session.v1') ?? '{}') as Record<
        string,
        string
      >,
      campaign: localStorage.getItem('nu-cuoi.functions.campaign.v1'),
    }));
    expect(session.campaign).toBe(CAMPAIGN);
    expect(session.session.apiBaseUrl).toMatch(/^https?:\/\/[^/]+\/api$/);
    expect(session.session.lang).toBe('vi');
    expect(JSON.parse(atob(session.session.token!.split('.')[1]!)).unit).toBe('PX03');

    // “Mẫu báo cáo tự do”: a sheet of BAOCAO.* formulas on the chosen period.
    await page.getByTestId('insert-free-report').click();
    await expectText(page.getByTestId('summary-status'), 'Đã tạo trang “Mẫu báo cáo tự do”');
    const formulas = await fake<Record<string, string>>(
      `const out = {}; for (const [k, c] of f.sheet('Mẫu báo cáo tự do').cells) if (c.formula) out[k] = c.formula; return out;`,
    );
    expect(formulas['9:3']).toBe('=BAOCAO.TIENDO($C$5,"Phải nộp")');
    expect(Object.values(formulas).filter((x) => x.startsWith('=BAOCAO.TONG(')).length).toBeGreaterThan(30);
    expect(await fake<unknown>(`return f.sheet('Mẫu báo cáo tự do').cells.get('5:3').value;`)).toBe(
      '2022-Q3',
    );

    // The narrative report draft downloads as the server names it, and is a .docx (a zip).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-report').click(),
    ]);
    expect(download.suggestedFilename()).toBe('bao-cao-lang-son-nu-cuoi-chien-si-2022-Q3.docx');
    const saved = await download.path();
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    await expectText(page.getByTestId('summary-status'), 'Đã tải dự thảo báo cáo');

    const list = page.getByTestId('review-list');
    await list.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await list.locator('textarea').fill('Bổ sung số liệu tập huấn quý III');
    await list.getByRole('button', { name: 'Gửi trả lại' }).click();
    await expectText(page.getByTestId('summary-status'), 'PC06: Trả lại để sửa');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(clerk);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('unit-calendar').waitFor(); // the clerk's pane has loaded, as a user would see it
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
  test('an admin opens a campaign workbook, a bad period kind is pointed at, then the campaign is updated', async () => {
    const CA_MAU = 'ca-mau-phong-cach-cand';
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(await token('admin'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-campaign').selectOption(CA_MAU);
    await page.getByTestId('open-campaign').click();
    await expectText(page.getByTestId('admin-status'), 'Đã mở 3 trang của sổ phong trào');
    const find = (sheet: string, value: string) =>
      fake<string>(`for (const [k, c] of f.sheet('${sheet}').cells) if (c.value === ${JSON.stringify(value)}) {
        const [r, col] = k.split(':').map(Number); return String.fromCharCode(64 + col) + r; }`);
    const kind = await find('calendar', 'half');
    await fake(`f.type('calendar', '${kind}', 'monthly');`);
    const nameCell = await find('settings', 'name::vi');
    const nameValue = `B${nameCell.slice(1)}`;
    await fake(`f.type('settings', '${nameValue}', 'Cuộc vận động thử nghiệm trong Công an tỉnh Cà Mau');`);
    await page.getByTestId('publish-campaign').click();
    await expectText(
      page.getByTestId('admin-problems'),
      `Trang “calendar”, dòng ${kind.slice(1)}, cột ${kind[0]}`,
    );
    // The README's picture of the admin tab (UPDATE_DOCS=1), with the problem pointed at.
    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'taskpane-admin-campaign.png']
      : ['out', 'screenshots', 'taskpane-admin-campaign.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await page.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
    await fake(`f.type('calendar', '${kind}', 'half');`);
    await page.getByTestId('publish-campaign').click();
    await expectText(page.getByTestId('admin-status'), `Đã cập nhật phong trào “${CA_MAU}”`);
    const stored = await call(host.url, 'GET', `/campaigns/${CA_MAU}/definition?format=json`, {
      token: await token('admin'),
    });
    expect(stored.body.campaign.name.vi).toBe('Cuộc vận động thử nghiệm trong Công an tỉnh Cà Mau');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-campaign').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^phong-trao-ca-mau-phong-cach-cand.*\.xlsx$/);
    expect(
      fs
        .readFileSync(await download.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  }, 60_000);
});

describeIfChromium('the pane on a bad day', () => {
  /** A fresh pane (its own storage) at 350×900, already holding a token; with or without Excel. */
  async function openPane(options: { token: string; excel: boolean }): Promise<Page> {
    const p = await pane.browser.newPage({ viewport: { width: 350, height: 900 }, reducedMotion: 'reduce' });
    p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await p.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
    const settings = { apiBaseUrl: '/api', token: options.token, lang: 'vi', sso: false };
    await p.addInitScript({
      content: `localStorage.setItem('nu-cuoi.settings.v1', ${JSON.stringify(JSON.stringify(settings))});`,
    });
    if (options.excel) await p.addInitScript({ content: pane.fakeExcel });
    return p;
  }

  async function shoot(p: Page, name: string) {
    const shot = process.env.UPDATE_DOCS ? ['docs', name] : ['out', 'screenshots', name];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await p.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
  }

  const spinners = (p: Page) => p.locator('.fui-Spinner').count();

  test('an expired token: every tab says the session has expired and offers Settings; no spinner stays', async () => {
    const expired = await token('admin', undefined, '-1m');
    const p = await openPane({ token: expired, excel: true });
    try {
      await p.goto(`${pane.addin.url}/taskpane.html`);
      for (const tab of ['tab-report', 'tab-summary', 'tab-admin']) {
        await p.getByTestId(tab).click();
        const problem = p.locator('[data-kind="session"]');
        await expectText(problem, 'Phiên đăng nhập đã hết hạn');
        await expectText(problem, 'dán mã truy cập mới');
        expect(await problem.getByTestId('open-settings').textContent()).toBe('Mở Cài đặt');
        expect(await spinners(p)).toBe(0);
      }
      await p.getByTestId('tab-report').click();
      await p.locator('[data-kind="session"]').waitFor();
      await shoot(p, 'taskpane-expired.png');

      // The way out: Settings, a new token, and the report tab works again.
      await p.getByTestId('open-settings').click();
      await p.getByTestId('settings-token').fill(await token('admin'));
      await p.getByTestId('settings-save').click();
      await p.getByTestId('tab-report').click();
      await p.getByTestId('unit').waitFor();
      expect(await p.locator('[data-kind="session"]').count()).toBe(0);
    } finally {
      await p.close();
    }
  }, 60_000);

  test('the token expires before a submission: it waits in the outbox, and goes with the new token', async () => {
    const p = await openPane({ token: await token('clerk', 'PC08'), excel: true });
    await p.route('**/api/campaigns/*/submissions', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 401,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: JSON.stringify({
              error: {
                code: 'token_expired',
                message: 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.',
              },
            }),
          })
        : route.continue(),
    );
    try {
      await p.goto(`${pane.addin.url}/taskpane.html`);
      await p.getByTestId('period').selectOption('2022-Q3');
      await p.getByTestId('insert').click();
      await p.getByTestId('status-inserted').waitFor();
      const type = (key: string, value: number) =>
        p.evaluate(
          `(() => { const f = window.__fake; const s = f.activeSheet(); f.type(s.name, s.names.get('f_${key}'), ${value}); })()`,
        );
      await type('meetings_held', 2);
      await type('participants', 30);
      await type('models_built', 1);
      await p.getByTestId('submit').click();
      const queue = p.getByTestId('queue');
      await expectText(queue, '1 báo cáo đang chờ gửi');
      await expectText(queue, 'Phiên đăng nhập đã hết hạn');

      await p.unroute('**/api/campaigns/*/submissions');
      await queue.getByRole('button', { name: 'Mở Cài đặt' }).click();
      await p.getByTestId('settings-token').fill(await token('clerk', 'PC08'));
      await p.getByTestId('settings-save').click();
      await p.getByTestId('tab-report').click();
      await expectText(p.getByTestId('receipt'), 'Lần nộp 1');
      await p.getByTestId('queue').waitFor({ state: 'detached' });
    } finally {
      await p.close();
    }
  }, 60_000);

  test('outside Excel: the pane says to open it in Excel and its Excel actions are disabled', async () => {
    const errors: string[] = [];
    const p = await openPane({ token: await token('reviewer', 'PX03'), excel: false });
    p.on('pageerror', (e) => errors.push(e.message));
    try {
      await p.goto(`${pane.addin.url}/taskpane.html`);
      await expectText(p.getByTestId('outside-excel'), 'ngoài Excel');
      await expectText(p.getByTestId('outside-excel'), 'mở “Báo cáo thi đua” trong Excel');
      // What does not need Excel still works: the campaign loads, the period can be chosen.
      await p.getByTestId('period').waitFor();
      await expectText(p.getByTestId('mottos'), '5 xin');
      for (const action of ['insert', 'validate', 'submit'])
        expect(await p.getByTestId(action).isDisabled()).toBe(true);
      await shoot(p, 'taskpane-outside-excel.png');

      // The standing office can still see who reported and review, without writing sheets.
      await p.getByTestId('tab-summary').click();
      await p.getByTestId('summary-period').selectOption('2022-Q3');
      await expectText(p.getByTestId('refresh-summary'), 'Xem các báo cáo đã nộp');
      await p.getByTestId('refresh-summary').click();
      await expectText(p.getByTestId('summary-status'), 'đơn vị đã nộp');
      await p.getByTestId('review-list').waitFor();
      expect(await p.locator('text=Excel is not defined').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await p.close();
    }
  }, 60_000);

  test('the network, then the server’s storage fail: a Vietnamese message with “Thử lại”, which recovers', async () => {
    const p = await openPane({ token: clerk, excel: true });
    const languages: (string | undefined)[] = [];
    let failures = ['network', 'storage'];
    await p.route('**/api/campaigns', async (route) => {
      languages.push(route.request().headers()['accept-language']);
      const next = failures.shift();
      if (next === 'network') return route.abort('connectionrefused');
      if (next === 'storage')
        return route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' },
          body: JSON.stringify({
            error: {
              code: 'storage_unavailable',
              message: 'Hệ thống lưu trữ đang bận, vui lòng thử lại sau ít phút.',
            },
          }),
        });
      return route.continue();
    });
    try {
      await p.goto(`${pane.addin.url}/taskpane.html`);
      const problem = p.getByTestId('status-problem');
      await expectText(problem, 'Không kết nối được máy chủ.');
      await expectText(problem, 'kiểm tra kết nối mạng');
      expect(await spinners(p)).toBe(0);
      await shoot(p, 'taskpane-network.png');

      await problem.getByTestId('retry-step').click();
      await expectText(problem, 'Hệ thống lưu trữ của máy chủ đang bận.');
      await expectText(problem, 'đợi ít phút rồi bấm “Thử lại”');
      expect(await spinners(p)).toBe(0);
      await shoot(p, 'taskpane-storage-busy.png');

      await problem.getByTestId('retry-step').click();
      await p.getByTestId('unit').waitFor();
      expect(await p.getByTestId('status-problem').count()).toBe(0);
      expect(languages).toEqual(['vi', 'vi', 'vi']);
      failures = [];
    } finally {
      await p.close();
    }
  }, 60_000);
});

/** Waits (bounded) until the condition holds. */
