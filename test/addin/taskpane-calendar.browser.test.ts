/**
 * The clerk's first screen in real headless Chromium (office.js fake, local host, Azurite), with the
 * function app's clock on 10/9/2022 09:00 in Vietnam: the unit's calendar with due dates, countdowns and
 * states after scripted submissions and reviews; the period picker on the first overdue period; one click
 * to insert a template or reopen a returned report; a report waiting in the outbox counted in. Then the
 * summary tab's defaults (the reviewer's campaign, the latest period with reports, its mottos) and an
 * admin locking and unlocking a period from the admin tab.
 * The picture is docs/taskpane-calendar.png with UPDATE_DOCS=1, out/screenshots/ otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import {
  expectText,
  haveChromium,
  type PaneInBrowser,
  startPaneInBrowser,
  until,
} from '../support/pane-browser';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(60_000);
const describeIfChromium = haveChromium ? describe : describe.skip;

let stack: ApiTestStack;
let host: LocalHost;
let pane: PaneInBrowser;
let page: Page;

async function script(admin: string, reviewer: string) {
  const submit = async (body: Record<string, unknown>) => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: body,
    });
    expect(r.status).toBe(201);
  };
  const review = async (periodId: string, action: 'accept' | 'return', comment?: string) => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PC06/${periodId}/review`, {
      token: reviewer,
      json: { action, ...(comment ? { comment } : {}) },
    });
    expect(r.status).toBe(200);
  };
  await submit({
    ...resultsReport('PC06', '2021-PLAN'),
    templateId: 'plan',
    templateVersion: 1,
    values: { registration_date: '2021-05-20', officer_count: 35 },
    tables: {},
    receivedAt: '2021-05-25T09:00:00+07:00',
  });
  for (const [periodId, receivedAt] of [
    ['2021-H1', '2021-06-10T09:00:00+07:00'],
    ['2021-Q3', '2021-09-13T09:00:00+07:00'],
    ['2021-Y', '2021-11-16T09:00:00+07:00'],
  ] as const)
    await submit({ ...resultsReport('PC06', periodId), receivedAt });
  await submit({
    ...resultsReport('PC06', '2022-Q1', { meetings_held: 7 }),
    receivedAt: '2022-03-12T09:00:00+07:00',
  });
  for (const periodId of ['2021-PLAN', '2021-H1', '2021-Q3', '2021-Y']) await review(periodId, 'accept');
  await review('2022-Q1', 'return', 'Đề nghị bổ sung số liệu tập huấn quý I');
}

beforeAll(async () => {
  if (!haveChromium) return;
  stack = await startApiTestStack();
  host = stack.host;
  stack.services.now = () => new Date('2022-09-10T09:00:00+07:00');
  await script(await token('admin'), await token('reviewer', 'PX03'));
  pane = await startPaneInBrowser(host.url, 'taskpane-calendar-');
  page = await pane.openPane();
}, 120_000);

afterAll(async () => {
  await pane?.close();
  await host?.close().catch(() => undefined);
  await stack?.stop();
});

function fake<T>(fn: string): Promise<T> {
  return page.evaluate(`(() => { const f = window.__fake; ${fn} })()`) as Promise<T>;
}

const row = (periodId: string) => page.getByTestId(`calendar-${periodId}`);

describeIfChromium('the clerk’s first screen: the unit’s calendar', () => {
  test('due dates with countdowns, states, the picker on the first overdue period', async () => {
    await page.getByTestId('settings-token').fill(await token('clerk', 'PC06'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-report').click();
    const calendar = page.getByTestId('unit-calendar');
    await expectText(calendar, 'Báo cáo của đơn vị');
    await expectText(row('2022-Q3'), 'Hạn nộp: 15/09/2022 · còn 4 ngày');
    await expectText(row('2022-Q3'), 'Đang mở');
    await expectText(row('2022-H1'), 'quá hạn 88 ngày');
    await expectText(row('2022-H1'), 'Quá hạn');
    await expectText(row('2022-Q1'), 'Trả lại để sửa');
    await expectText(row('2022-Q1'), 'Đề nghị bổ sung số liệu tập huấn quý I');
    await expectText(row('2022-Q1'), 'Mở lại để sửa');
    await expectText(row('2021-Y'), 'Đã duyệt');
    await expectText(row('2021-Y'), 'Nộp muộn');
    await expectText(row('2022-Y'), 'Chưa đến kỳ');
    // Only the next upcoming period is listed, not every later one.
    expect(await row('2023-Q1').count()).toBe(0);
    // Newest first.
    const order = await calendar.locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.testid));
    expect(order.slice(0, 3)).toEqual(['calendar-2022-Y', 'calendar-2022-Q3', 'calendar-2022-H1']);
    // The period picker starts on the first overdue period.
    await until(
      async () => (await page.getByTestId('period').inputValue()) === '2022-H1',
      'the default period',
    );
    await page.getByTestId('unit').waitFor();
    // PC06 reports in one campaign only: no campaign picker (an admin chooses between two).
    expect(await page.getByTestId('campaign').count()).toBe(0);
    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'taskpane-calendar.png']
      : ['out', 'screenshots', 'taskpane-calendar.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await page.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
  });

  test('one click reopens the returned report with its values', async () => {
    await row('2022-Q1').getByTestId('calendar-open').click();
    await expectText(page.getByTestId('status-inserted'), 'Đã mở lại báo cáo đã nộp');
    const sheet = await fake<{ name: string; meetings: unknown }>(
      "const s = f.activeSheet(); return { name: s.name, meetings: f.value(s.name, s.names.get('f_meetings_held')) };",
    );
    expect(sheet).toEqual({ name: 'Báo cáo PC06 2022-Q1', meetings: 7 });
    expect(await page.getByTestId('period').inputValue()).toBe('2022-Q1');
  });

  test('one click inserts a blank template; a report waiting in the outbox counts as sent', async () => {
    await row('2022-Q3').getByTestId('calendar-open').click();
    await expectText(page.getByTestId('status-inserted'), 'Báo cáo PC06 2022-Q3');
    for (const [key, value] of [
      ['meetings_held', 3],
      ['participants', 45],
      ['models_built', 1],
    ] as const)
      await fake(`const s = f.activeSheet(); f.type(s.name, s.names.get('f_${key}'), ${value});`);
    const port = host.port;
    await host.close();
    await page.getByTestId('submit').click();
    await expectText(page.getByTestId('queue'), '1 báo cáo đang chờ gửi');
    await expectText(row('2022-Q3'), 'Đang chờ gửi');
    host = await startLocalHost({ port });
    await page.getByTestId('retry').click();
    await expectText(page.getByTestId('receipt'), 'Lần nộp 1');
    await expectText(row('2022-Q3'), 'Đã nộp, chờ duyệt');
    await expectText(row('2022-Q3'), 'Đúng hạn');
  });
});

describeIfChromium('the summary tab’s defaults', () => {
  test('the reviewer’s own campaign and its latest period with reports; the mottos follow the campaign', async () => {
    // A report in a recent period (by the real clock the pane goes by).
    const recent = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: await token('admin'),
      json: { ...resultsReport('PC08', '2025-H1'), receivedAt: '2025-06-10T09:00:00+07:00' },
    });
    expect(recent.status).toBe(201);

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(await token('reviewer', 'PX03'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-summary').click();
    await until(
      async () => (await page.getByTestId('summary-period').inputValue()) === '2025-H1',
      'the latest period with reports',
    );
    await expectText(page.getByTestId('mottos'), '5 xin');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(await token('admin'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-summary').click();
    await page.getByTestId('summary-campaign').selectOption('bac-giang-nu-cuoi-cong-so');
    await expectText(page.getByTestId('mottos'), '4 xin');
    expect(await page.getByTestId('mottos').textContent()).not.toContain('5 xin');
  });
});

describeIfChromium('locking a period from the admin tab', () => {
  const signIn = async (t: string) => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-token').fill(t);
    await page.getByTestId('settings-save').click();
  };
  const lockedInApi = async () => {
    const r = await call(stack.api, 'GET', '/campaigns', { token: await token('clerk', 'PC06') });
    const c = r.body.campaigns.find((x: { id: string }) => x.id === CAMPAIGN);
    return c.periods.find((p: { id: string }) => p.id === '2022-H1').locked as boolean;
  };

  test('the admin locks a period; the clerk sees it locked; the admin unlocks it', async () => {
    const admin = await token('admin');
    const clerk = await token('clerk', 'PC06');
    await signIn(admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-campaign').selectOption(CAMPAIGN);
    await page.getByTestId('lock-period').selectOption('2022-H1');
    expect(await page.getByTestId('lock').isDisabled()).toBe(true); // a reason first
    await page.getByTestId('lock-reason').fill('Đã tổng hợp báo cáo 6 tháng');
    await page.getByTestId('lock').click();
    await expectText(page.getByTestId('admin-status'), 'Đã khóa sổ kỳ “2022-H1”');
    expect(await lockedInApi()).toBe(true);
    expect(await page.getByTestId('unlock').isDisabled()).toBe(true); // the reason was used

    await signIn(clerk);
    await page.getByTestId('tab-report').click();
    await expectText(row('2022-H1'), 'Đã khóa sổ');
    expect(await row('2022-H1').getByTestId('calendar-open').count()).toBe(0);

    await signIn(admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-campaign').selectOption(CAMPAIGN);
    await page.getByTestId('lock-period').selectOption('2022-H1');
    await page.getByTestId('lock-reason').fill('Mở lại cho PC06 nộp bổ sung');
    await page.getByTestId('unlock').click();
    await expectText(page.getByTestId('admin-status'), 'Đã mở khóa kỳ “2022-H1”');
    expect(await lockedInApi()).toBe(false);
  });
});
