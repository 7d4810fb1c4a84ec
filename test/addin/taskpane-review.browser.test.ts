/**
 * The standing office's review queue and the clerk's side of it, in real headless Chromium (office.js fake,
 * local host, Azurite), after a scripted history with the function app's clock on 12/9/2022: the queue with
 * what changed and the hints from history, two reports accepted at once, one returned with a comment on a field;
 * then the clerk reopens it — the commented cell highlighted with its note, the comments listed — and submits a
 * flagged figure anyway, with an explanation the reviewer sees.
 * The picture is docs/pane-review-queue.png with UPDATE_DOCS=1, out/screenshots/ otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import {
  expectText,
  haveChromium,
  type PaneInBrowser,
  startPaneInBrowser,
  until,
} from '../support/pane-browser';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(90_000);
const describeIfChromium = haveChromium ? describe : describe.skip;

let stack: ApiTestStack;
let pane: PaneInBrowser;
let page: Page;

async function script(admin: string, reviewer: string) {
  const submit = async (unitId: string, periodId: string, values: Record<string, unknown>, extra = {}) => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: { ...resultsReport(unitId, periodId, values), ...extra },
    });
    expect(r.status).toBe(201);
  };
  const accept = async (unitId: string, periodId: string) => {
    const r = await call(
      stack.api,
      'POST',
      `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/review`,
      {
        token: reviewer,
        json: { action: 'accept' },
      },
    );
    expect(r.status).toBe(200);
  };
  // PC06's history: ≈ 400 participants a quarter, accepted.
  await submit('PC06', '2021-Q3', { participants: 400 }, { receivedAt: '2021-09-10T09:00:00+07:00' });
  await submit('PC06', '2022-Q1', { participants: 420 }, { receivedAt: '2022-03-10T09:00:00+07:00' });
  await accept('PC06', '2021-Q3');
  await accept('PC06', '2022-Q1');
  // Waiting: PA01's first six-month report (late), PC08's second revision, PC06's 12,000 after an accepted 40.
  await submit('PA01', '2022-H1', { meetings_held: 4 }, { receivedAt: '2022-06-20T09:00:00+07:00' });
  await submit('PC08', '2022-Q3', { meetings_held: 2 }, { receivedAt: '2022-09-05T09:00:00+07:00' });
  await submit('PC08', '2022-Q3', { meetings_held: 5 }, { receivedAt: '2022-09-06T09:00:00+07:00' });
  await submit('PC06', '2022-Q3', { participants: 40 }, { receivedAt: '2022-09-07T09:00:00+07:00' });
  await accept('PC06', '2022-Q3');
  await submit(
    'PC06',
    '2022-Q3',
    { participants: 12_000 },
    {
      receivedAt: '2022-09-08T09:00:00+07:00',
      explanation: 'Hội nghị trực tuyến toàn tỉnh, có cả gia đình cán bộ tham dự.',
    },
  );
}

beforeAll(async () => {
  if (!haveChromium) return;
  stack = await startApiTestStack();
  stack.services.now = () => new Date('2022-09-12T09:00:00+07:00');
  await script(await token('admin'), await token('reviewer', 'PX03'));
  pane = await startPaneInBrowser(stack.host.url, 'taskpane-review-');
  page = await pane.openPane();
}, 120_000);

afterAll(async () => {
  await pane?.close();
  await stack?.stop();
});

function fake<T>(fn: string): Promise<T> {
  return page.evaluate(`(() => { const f = window.__fake; ${fn} })()`) as Promise<T>;
}
const signIn = async (t: string) => {
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('settings-token').fill(t);
  await page.getByTestId('settings-save').click();
};
const entry = (unitId: string, periodId: string) => page.getByTestId(`queue-${unitId}-${periodId}`);

describeIfChromium('the reviewer’s queue', () => {
  test('waiting reports, earliest first, with changes, hints and the unit’s explanation', async () => {
    await signIn(await token('reviewer', 'PX03'));
    await page.getByTestId('tab-summary').click();
    await page.getByTestId('load-queue').click();
    await expectText(page.getByTestId('queue-status'), '3 báo cáo chờ duyệt');
    const order = await page
      .getByTestId('review-queue')
      .locator('li[data-testid^="queue-"]')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.testid));
    expect(order).toEqual(['queue-PA01-2022-H1', 'queue-PC08-2022-Q3', 'queue-PC06-2022-Q3']);
    await expectText(entry('PA01', '2022-H1'), 'Lần nộp đầu tiên của kỳ này.');
    await expectText(entry('PA01', '2022-H1'), 'Nộp muộn');
    await expectText(entry('PC08', '2022-Q3'), 'Thay đổi so với lần 1:');
    await expectText(entry('PC08', '2022-Q3'), '→ 5');
    const pc06 = entry('PC06', '2022-Q3');
    await expectText(pc06, 'Thay đổi so với lần 1 đã duyệt:');
    await expectText(pc06, 'Số lượt cán bộ, chiến sĩ tham gia: 40 → 12.000');
    await expectText(
      pc06.getByTestId('queue-flags'),
      'Giá trị 12.000 của “Số lượt cán bộ, chiến sĩ tham gia” cao bất thường so với các kỳ trước (≈ 410).',
    );
    await expectText(pc06, 'Giải trình của đơn vị: Hội nghị trực tuyến toàn tỉnh');
    // What the reviewer sees: the queue, two reports ticked.
    await entry('PA01', '2022-H1').getByTestId('queue-select').click();
    await entry('PC08', '2022-Q3').getByTestId('queue-select').click();
    await expectText(page.getByTestId('accept-selected'), 'Duyệt 2 báo cáo đã chọn');
    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'pane-review-queue.png']
      : ['out', 'screenshots', 'pane-review-queue.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await page.getByTestId('review-queue').screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
  });

  test('two accepted at once; one returned with a comment on a field', async () => {
    await page.getByTestId('accept-selected').click();
    await expectText(page.getByTestId('queue-status'), 'Đã duyệt 2 báo cáo');
    await until(async () => (await entry('PC08', '2022-Q3').count()) === 0, 'the accepted reports leave');
    expect(await entry('PA01', '2022-H1').count()).toBe(0);
    const stored = await call(
      stack.api,
      'GET',
      `/campaigns/${CAMPAIGN}/submissions?periodId=2022-Q3&unitId=PC08`,
      {
        token: await token('admin'),
      },
    );
    expect(stored.body.submissions[0].review).toMatchObject({ state: 'accepted', revision: 2 });

    const pc06 = entry('PC06', '2022-Q3');
    await pc06.getByTestId('queue-return').click();
    const form = pc06.getByTestId('queue-return-form');
    await form.locator('textarea').first().fill('Đề nghị rà soát lại số lượt tham gia.');
    await pc06
      .getByTestId('field-comment-participants')
      .fill('Số lượt tham gia gấp 30 lần các quý trước, đề nghị kiểm tra.');
    await pc06.getByTestId('queue-confirm-return').click();
    await expectText(page.getByTestId('queue-status'), 'Đã trả lại báo cáo của PC06');
    await until(async () => (await entry('PC06', '2022-Q3').count()) === 0, 'the returned report leaves');
  });
});

describeIfChromium(
  'the clerk reopens the returned report, and submits a flagged figure with an explanation',
  () => {
    test('the commented cell is highlighted, carries the note, and the pane lists the comment', async () => {
      await signIn(await token('clerk', 'PC06'));
      await page.getByTestId('tab-report').click();
      const row = page.getByTestId('calendar-2022-Q3');
      await expectText(row, 'Trả lại để sửa');
      await expectText(row.getByTestId('calendar-field-comments'), 'Có ý kiến về 1 chỉ tiêu');
      await row.getByTestId('calendar-open').click();
      await expectText(page.getByTestId('status-inserted'), '1 chỉ tiêu có ý kiến được tô màu xanh');
      await expectText(page.getByTestId('reviewer-comments'), 'Số lượt cán bộ, chiến sĩ tham gia');
      await expectText(page.getByTestId('reviewer-comments'), 'gấp 30 lần các quý trước');
      const cell = await fake<{ note: string; fill: string; value: unknown }>(
        "const s = f.activeSheet(); const ref = s.names.get('f_participants'); " +
          'return { note: s.notes.get(ref), fill: f.cell(s.name, ref).fill, value: f.value(s.name, ref) };',
      );
      expect(cell).toEqual({
        note: 'Số lượt tham gia gấp 30 lần các quý trước, đề nghị kiểm tra.',
        fill: '#BDD7EE',
        value: 12_000,
      });
    });

    test('a figure far from history warns before submitting; the clerk submits anyway with an explanation', async () => {
      await page.getByTestId('submit').click();
      const hints = page.getByTestId('hints');
      await expectText(hints, 'cao bất thường so với các kỳ trước (≈ 410)');
      expect(await page.getByTestId('submit-anyway').isDisabled()).toBe(true); // an explanation first
      await page
        .getByTestId('explanation')
        .fill('Đã kiểm tra: hội nghị trực tuyến có cả gia đình cán bộ dự.');
      const shot = process.env.UPDATE_DOCS
        ? ['docs', 'pane-hints.png']
        : ['out', 'screenshots', 'pane-hints.png'];
      fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
      await until(async () => !(await page.getByTestId('submit-anyway').isDisabled()), 'the button enabled');
      await hints.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(__dirname, '..', '..', ...shot), animations: 'disabled' });
      await page.getByTestId('submit-anyway').click();
      await expectText(page.getByTestId('receipt'), 'Lần nộp 3');
      const stored = await call(
        stack.api,
        'GET',
        `/campaigns/${CAMPAIGN}/submissions?periodId=2022-Q3&unitId=PC06`,
        {
          token: await token('reviewer', 'PX03'),
        },
      );
      expect(stored.body.submissions[0]).toMatchObject({
        revision: 3,
        explanation: 'Đã kiểm tra: hội nghị trực tuyến có cả gia đình cán bộ dự.',
      });
    });
  },
);
