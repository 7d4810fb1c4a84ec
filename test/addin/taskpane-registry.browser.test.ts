/**
 * A large unit registry saved from the admin tab, in real headless Chromium (office.js fake, local host,
 * Azurite): a `units` sheet of 3,000 units, some listed before their parent, replacing the campaign's
 * registry. The pane sends PATCH requests of ≤ 1,000 units (shared/src/registry-import.ts) and its spinner
 * counts them; the registry stored is the sheet's, the units no longer listed removed.
 * The picture (the spinner mid-way) is docs/pane-registry-import.png with UPDATE_DOCS=1, out/screenshots/ otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Unit } from '../../shared/src';
import { call, CAMPAIGN, token } from '../support/api';
import {
  expectText,
  haveChromium,
  type PaneInBrowser,
  startPaneInBrowser,
  until,
} from '../support/pane-browser';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);
const describeIfChromium = haveChromium ? describe : describe.skip;
const OWN = 'pane-registry';
const N = 3000;

let stack: ApiTestStack;
let pane: PaneInBrowser;
let page: Page;
let admin: string;

function fake<T>(fn: string): Promise<T> {
  return page.evaluate(`(() => { const f = window.__fake; ${fn} })()`) as Promise<T>;
}

beforeAll(async () => {
  if (!haveChromium) return;
  stack = await startApiTestStack();
  admin = await token('admin');
  // A campaign of the test's own, with a small registry the sheet will replace.
  const { catalog } = stack.services;
  await catalog.putCampaign({ ...(await catalog.getCampaign(CAMPAIGN))!, id: OWN });
  for (const t of await catalog.listTemplates(CAMPAIGN)) await catalog.addTemplate({ ...t, campaignId: OWN });
  await catalog.putUnits(OWN, [
    { id: 'OLD-ROOT', name: 'Đơn vị cũ', group: 'board', pilot: false, reports: false },
    { id: 'OLD-1', name: 'Đơn vị cũ 1', group: 'commune', parentId: 'OLD-ROOT', pilot: false, reports: true },
  ]);
  pane = await startPaneInBrowser(stack.host.url, 'taskpane-registry-');
  page = await pane.openPane();
}, 120_000);

afterAll(async () => {
  await pane?.close();
  await stack?.stop();
});

describeIfChromium('a registry of 3,000 units from the admin tab', () => {
  test('sent in chunks with the spinner counting; the stored registry is the sheet', async () => {
    await page.getByTestId('settings-token').fill(admin);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('tab-admin').click();
    await until(
      async () => (await page.getByTestId('admin-campaign').locator(`option[value="${OWN}"]`).count()) > 0,
      'the campaign',
    );
    await page.getByTestId('admin-campaign').selectOption(OWN);
    await page.getByTestId('open-units').click();
    await expectText(page.getByTestId('admin-status'), 'Đã mở trang “units”');

    // The sheet: a root, 30 districts listed after their communes, 100 communes each (and the old rows cleared).
    const wanted: Unit[] = [
      { id: 'CAT', name: 'Công an tỉnh', group: 'board', pilot: false, reports: false },
    ];
    for (let h = 1; wanted.length < N; h++) {
      for (let x = 1; x <= 99 && wanted.length < N - 1; x++)
        wanted.push({
          id: `X${h}-${x}`,
          name: `Công an xã ${h}-${x}`,
          group: 'commune',
          parentId: `H${h}`,
          pilot: false,
          reports: true,
        });
      wanted.push({
        id: `H${h}`,
        name: `Công an huyện ${h}`,
        group: 'district',
        parentId: 'CAT',
        pilot: false,
        reports: true,
      });
    }
    const rows = wanted.map((u) => [u.id, u.name, u.group, u.parentId ?? '', u.reports ? '' : 'không']);
    await fake(`
      const s = f.sheet('units');
      const head = []; for (const [k, c] of s.cells) { const [r, col] = k.split(':').map(Number); if (r === 1) head[col] = c.value; }
      const col = (name) => String.fromCharCode(64 + head.indexOf(name));
      for (const [k] of [...s.cells]) { const [r, c] = k.split(':').map(Number); if (r > 1) f.type('units', String.fromCharCode(64 + c) + r, ''); }
      const rows = ${JSON.stringify(rows)};
      rows.forEach((row, i) => ['id', 'name', 'group', 'parent_id', 'reports'].forEach((name, j) => { if (row[j] !== '') f.type('units', col(name) + (i + 2), row[j]); }));
    `);

    // Every label the spinner shows, as the DOM changes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __labels: string[] }).__labels = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="busy"]')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('save-units').click();
    // The picture once the first request is done (the spinner says how far it is).
    const busy = async () =>
      (await page
        .getByTestId('busy')
        .textContent()
        .catch(() => '')) ?? '';
    await until(async () => /: [1-9][\d.]*\//.test(await busy()), 'the spinner past the first request');
    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'pane-registry-import.png']
      : ['out', 'screenshots', 'pane-registry-import.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await page.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
    await expectText(
      page.getByTestId('admin-status'),
      'Đã lưu 3.000 đơn vị; đã xóa 2 đơn vị không còn trong danh sách.',
    );

    const labels = await page.evaluate(() => (window as unknown as { __labels: string[] }).__labels);
    const counted = labels.filter((l) => l.startsWith('Đang lưu danh sách đơn vị:'));
    expect(counted[0]).toBe('Đang lưu danh sách đơn vị: 0/3.002…');
    expect(counted).toContain('Đang lưu danh sách đơn vị: 1.000/3.002…');
    // (The last count may be replaced by the notice before it is drawn.)
    const done = counted.map((l) => Number(/: ([\d.]+)\//.exec(l)![1]!.replace(/\./g, '')));
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThan(done[i - 1]!);

    const stored = (await call(stack.api, 'GET', `/campaigns/${OWN}/units`, { token: admin })).body
      .units as Unit[];
    expect([...stored].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...wanted].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const at = new Map(stored.map((u, i) => [u.id, i]));
    for (const u of stored) if (u.parentId) expect(at.get(u.parentId)!).toBeLessThan(at.get(u.id)!);
  });
});
