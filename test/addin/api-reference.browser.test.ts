/**
 * The API reference page served by the add-in's development server (scripts/addin-server.ts), in headless
 * Chromium against the local stack: it renders every operation of GET /api/openapi.json, and asks nothing
 * of any other origin (no CDN). `KEEP_SCREENSHOT=<file.png>` keeps a picture of it.
 */
import type { Page } from 'playwright-core';
import { call } from '../support/api';
import { haveChromium, startPaneInBrowser, type PaneInBrowser } from '../support/pane-browser';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(180_000);
const maybe = haveChromium ? test : test.skip;

let stack: ApiTestStack;
let pane: PaneInBrowser;
beforeAll(async () => {
  stack = await startApiTestStack();
  if (haveChromium) pane = await startPaneInBrowser(stack.api, 'api-reference-');
});
afterAll(async () => {
  await pane?.close();
  await stack?.stop();
});

maybe('renders every operation of the document, from its own origin only', async () => {
  const doc = (await call(stack.api, 'GET', '/openapi.json')).body;
  const operations = Object.values(doc.paths as Record<string, object>).reduce(
    (n, item) => n + Object.keys(item).length,
    0,
  );
  const page: Page = await pane.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(pane.addin.url)) elsewhere.push(r.url());
  });
  await page.goto(`${pane.addin.url}/api-reference.html`);
  await page.waitForSelector('.operation');
  expect(await page.locator('.operation').count()).toBe(operations);
  expect(await page.locator('#op-submissions-post h3').innerText()).toContain(
    '/campaigns/{campaignId}/submissions',
  );
  expect(elsewhere).toEqual([]);
  if (process.env.KEEP_SCREENSHOT) await page.screenshot({ path: process.env.KEEP_SCREENSHOT });
  await page.close();
});
