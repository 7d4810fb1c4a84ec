/**
 * The standing office's first screen in real headless Chromium (office.js fake, local host, Azurite),
 * with the function app's clock on 10/9/2022 09:00 in Vietnam: the units × periods of 2022 with the
 * states coloured, the counts per period, the overdue units with their contacts, a reminder copied to
 * the clipboard, the `mailto:` link where an address is known, and the “Tiến độ” sheet inserted with its
 * conditional formats. The picture is docs/pane-progress.png with UPDATE_DOCS=1, out/screenshots/ otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CONDITIONAL_LOOKS } from '../../shared/src';
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
let pane: PaneInBrowser;
let page: Page;

async function script() {
  const admin = await token('admin');
  const reviewer = await token('reviewer', 'PX03');
  const registry = await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: admin });
  const units = (registry.body.units as Record<string, unknown>[]).map((u) =>
    u.id === 'PC08'
      ? { ...u, contact: 'Đ/c Hoàng Văn Nam, 0912 345 678', email: 'pc08@congan.langson.gov.vn' }
      : u.id === 'PX01'
        ? { ...u, activeFrom: '2022-07-01' }
        : u,
  );
  expect(
    (await call(stack.api, 'PUT', `/campaigns/${CAMPAIGN}/units`, { token: admin, json: { units } })).status,
  ).toBe(200);
  const submit = async (unitId: string, periodId: string, receivedAt: string) => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: { ...resultsReport(unitId, periodId), receivedAt },
    });
    expect(r.status).toBe(201);
  };
  const review = async (unitId: string, periodId: string, action: 'accept' | 'return') => {
    const r = await call(
      stack.api,
      'POST',
      `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/review`,
      {
        token: reviewer,
        json: { action, ...(action === 'return' ? { comment: 'Bổ sung số liệu' } : {}) },
      },
    );
    expect(r.status).toBe(200);
  };
  await submit('PC06', '2022-Q1', '2022-03-10T09:00:00+07:00');
  await submit('PC08', '2022-Q1', '2022-03-20T09:00:00+07:00');
  await submit('PA08', '2022-Q1', '2022-03-14T09:00:00+07:00');
  await submit('PC06', '2022-H1', '2022-06-10T09:00:00+07:00');
  await submit('PA08', '2022-H1', '2022-06-20T09:00:00+07:00');
  await review('PC06', '2022-Q1', 'accept');
  await review('PA08', '2022-Q1', 'accept');
  await review('PC08', '2022-Q1', 'return');
}

beforeAll(async () => {
  if (!haveChromium) return;
  stack = await startApiTestStack();
  stack.services.now = () => new Date('2022-09-10T09:00:00+07:00');
  await script();
  pane = await startPaneInBrowser(stack.host.url, 'taskpane-progress-');
  page = await pane.openPane();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pane.addin.url });
}, 120_000);

afterAll(async () => {
  await pane?.close();
  await stack?.stop();
});

const cell = (unitId: string, periodId: string, column: number) =>
  page.getByTestId(`progress-${unitId}`).locator('td').nth(column);

describeIfChromium('the standing office’s first screen: the progress', () => {
  test('the year of the server’s date, the states coloured, the counts, the overdue units', async () => {
    await page.getByTestId('settings-token').fill(await token('reviewer', 'PX03'));
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-summary').click();
    const matrix = page.getByTestId('progress-matrix');
    await matrix.waitFor();
    expect(await page.getByTestId('progress-year').inputValue()).toBe('2022');
    await expectText(page.getByTestId('progress-as-of'), 'Tính đến ngày 10/09/2022');
    await page.setViewportSize({ width: 350, height: 900 });
    const headers = await matrix.locator('thead th').allTextContents();
    expect(headers).toEqual(['Đơn vị', 'Q1', 'H1', 'Q3', 'Y']);

    // Q1, H1, Q3, Y in that order.
    const states = async (unitId: string) =>
      page
        .getByTestId(`progress-${unitId}`)
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => td.dataset.state));
    expect(await states('PC06')).toEqual(['accepted', 'submitted', 'open', 'upcoming']);
    expect(await states('PC08')).toEqual(['returned', 'overdue', 'open', 'upcoming']);
    expect(await states('PA08')).toEqual(['accepted', 'submitted', 'open', 'upcoming']);
    expect(await states('PX01')).toEqual(['none', 'none', 'open', 'upcoming']);
    expect(await cell('PC08', '2022-H1', 1).textContent()).toBe('Quá hạn');
    // The colours are the sheet's (looks.ts), in the browser's rgb() words.
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await cell('PC08', '2022-H1', 1).evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(
      rgb(CONDITIONAL_LOOKS.bad.fill),
    );
    expect(await cell('PC06', '2022-Q1', 0).evaluate((td) => getComputedStyle(td).backgroundColor)).toBe(
      rgb(CONDITIONAL_LOOKS.good.fill),
    );

    const count = async (key: string) =>
      (await page.getByTestId(`count-${key}`).locator('td').allTextContents()).map(Number);
    expect(await count('expected')).toEqual([39, 39, 40, 40]);
    expect(await count('submitted')).toEqual([3, 2, 0, 0]);
    expect(await count('onTime')).toEqual([2, 1, 0, 0]);
    expect(await count('late')).toEqual([1, 1, 0, 0]);
    expect(await count('returned')).toEqual([1, 0, 0, 0]);
    expect(await count('accepted')).toEqual([2, 0, 0, 0]);
    expect(await count('missing')).toEqual([36, 37, 0, 0]);

    const pc08 = page.getByTestId('overdue-PC08');
    await expectText(pc08, 'Phòng Cảnh sát giao thông');
    await expectText(pc08, 'H1: quá hạn 88 ngày');
    await expectText(pc08, 'Đ/c Hoàng Văn Nam, 0912 345 678');
    await expectText(page.getByTestId('overdue-PC02'), 'Chưa có thông tin người liên hệ');
    expect(await page.getByTestId('overdue-PC06').count()).toBe(0);
    expect(await pc08.getByTestId('mail-reminder').getAttribute('href')).toMatch(
      /^mailto:pc08@congan\.langson\.gov\.vn\?subject=V%2Fv%20%C4%91%C3%B4n%20%C4%91%E1%BB%91c/,
    );
    expect(await page.getByTestId('overdue-PC02').getByTestId('mail-reminder').count()).toBe(0);

    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'pane-progress.png']
      : ['out', 'screenshots', 'pane-progress.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await page.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
  });

  test('a unit’s reminder and the one for all go to the clipboard', async () => {
    await page.getByTestId('overdue-PC08').getByTestId('copy-reminder').click();
    await expectText(page.getByTestId('progress-copied'), 'Đã sao chép lời nhắc (Phòng Cảnh sát giao thông)');
    const one = await page.evaluate(() => navigator.clipboard.readText());
    expect(one).toContain('V/v đôn đốc gửi báo cáo kết quả thực hiện Phong trào “Nụ cười chiến sĩ”');
    expect(one).toContain('Kính gửi: Phòng Cảnh sát giao thông');
    expect(one).toContain('- Báo cáo 6 tháng đầu năm 2022: hạn nộp 15/06/2022, đã quá hạn 88 ngày.');
    expect(one).toContain('Phòng Công tác Đảng và công tác chính trị');
    await page.getByTestId('copy-all').click();
    await until(async () =>
      (await page.evaluate(() => navigator.clipboard.readText())).includes('Các đơn vị có tên'),
    );
    const all = await page.evaluate(() => navigator.clipboard.readText());
    expect(all).toContain('còn 37 đơn vị chưa gửi báo cáo');
    expect(all).not.toContain('Phòng Quản lý xuất nhập cảnh:'); // PA08 is not late (nor PC06, nor PX01: Q3 is still open)
  });

  test('the Tiến độ sheet is inserted with the states coloured by conditional formats', async () => {
    await page.getByTestId('progress-insert-sheet').click();
    await expectText(page.getByTestId('progress-inserted'), 'Đã tạo trang “Tiến độ”');
    const sheet = await page.evaluate(() => {
      const f = (
        window as unknown as {
          __fake: {
            sheet(n: string): { conditionalFormats: unknown[]; cells: Map<string, { value: unknown }> };
          };
        }
      ).__fake;
      const s = f.sheet('Tiến độ');
      return { formats: s.conditionalFormats.length, title: s.cells.get('1:1')?.value };
    });
    expect(sheet).toEqual({ formats: 6, title: 'TIẾN ĐỘ NỘP BÁO CÁO' });
  });
});

describeIfChromium('the yearly ranking (bình xét thi đua) under the progress', () => {
  test('ranks the units per cluster for the year picked and inserts the Xếp hạng thi đua sheet', async () => {
    const section = page.getByTestId('ranking');
    await section.waitFor();
    await page.getByTestId('ranking-year').selectOption('2022');
    await page.getByTestId('load-ranking').click();
    await page.getByTestId('ranking-cluster').first().waitFor();
    const clusters = await page.getByTestId('ranking-cluster').locator('span, div').first().allTextContents();
    expect(clusters.join(' ')).toContain('Cụm, khối:');
    const lines = await page.getByTestId('ranking-unit').allTextContents();
    const rankOf = (name: string) => {
      const line = lines.find((l) => l.includes(name));
      if (!line) throw new Error(`${name} is not ranked: ${lines.slice(0, 5).join(' | ')}`);
      return Number(line.split('.')[0]);
    };
    // PC06 sent Q1 and H1 on time; PC08 sent Q1 late and nothing for H1 (the periods due by 10/9/2022).
    expect(rankOf('Phòng Cảnh sát quản lý hành chính về trật tự xã hội')).toBeLessThan(
      rankOf('Phòng Cảnh sát giao thông'),
    );
    expect(lines[0]).toMatch(/^1\. .+ — [\d.]+ điểm$/);

    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'pane-ranking.png']
      : ['out', 'screenshots', 'pane-ranking.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await section.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });

    await page.getByTestId('insert-ranking').click();
    await expectText(page.getByTestId('ranking-inserted'), 'Đã tạo trang “Xếp hạng thi đua”');
    const title = await page.evaluate(() => {
      const f = (
        window as unknown as {
          __fake: { sheet(n: string): { cells: Map<string, { value: unknown }> } };
        }
      ).__fake;
      return f.sheet('Xếp hạng thi đua').cells.get('1:1')?.value;
    });
    expect(title).toBe('BẢNG XẾP HẠNG THI ĐUA NĂM 2022');
  });
});

describeIfChromium('another year', () => {
  test('picking 2021 loads its periods only; a unit not yet active then is not listed', async () => {
    await page.getByTestId('progress-year').selectOption('2021');
    await until(
      async () =>
        (await page.getByTestId('progress-matrix').locator('thead th').allTextContents()).join(',') ===
        'Đơn vị,PLAN,H1,Q3,Y',
      'the periods of 2021',
    );
    expect(await page.getByTestId('progress-PX01').count()).toBe(0);
    expect(await page.getByTestId('progress-PC06').locator('td').first().getAttribute('data-state')).toBe(
      'overdue',
    );
    await expectText(page.getByTestId('overdue-PC06'), 'PLAN: quá hạn');
  });
});
