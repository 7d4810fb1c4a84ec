/**
 * The built task pane in headless Chromium with the office.js fake injected, for the browser tests: its
 * own build in a folder of its own (addin/dist belongs to `npm start`), the add-in server proxying /api to
 * a running API, and Debian's Chromium with the flags this machine needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startAddinServer, type AddinServer } from '../../scripts/addin-server';
import { buildAddin } from '../../scripts/build-addin';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);

export interface PaneInBrowser {
  addin: AddinServer;
  browser: Browser;
  /** The office.js fake, bundled for the page (`window.__fake`). */
  fakeExcel: string;
  /** A page on the task pane at task-pane width, Excel faked, office.js's CDN refused. */
  openPane(): Promise<Page>;
  close(): Promise<void>;
}

export async function startPaneInBrowser(apiUrl: string, folderPrefix: string): Promise<PaneInBrowser> {
  const paneDir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  await buildAddin({ minify: false, outDir: paneDir });
  const addin = await startAddinServer({
    port: 0,
    https: false,
    apiTarget: apiUrl.replace(/\/api$/, ''),
    root: paneDir,
  });
  const fakeScript = await esbuild.build({
    entryPoints: [path.join(__dirname, 'fake-excel-browser.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
  });
  const fakeExcel = fakeScript.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    addin,
    browser,
    fakeExcel,
    async openPane() {
      const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
      await page.addInitScript({ content: fakeExcel });
      await page.goto(`${addin.url}/taskpane.html`);
      return page;
    },
    async close() {
      await browser.close();
      await addin.close();
      fs.rmSync(paneDir, { recursive: true, force: true });
      fs.rmSync(`${paneDir}-maps`, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` until it holds, or fails naming `what` after `timeoutMs`. */
export async function until(condition: () => Promise<boolean>, what = 'condition', timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the element's text contains `text`; on timeout, fails with both texts shown. */
export async function expectText(locator: Locator, text: string) {
  await locator.waitFor();
  try {
    await until(async () => ((await locator.textContent()) ?? '').includes(text), `“${text}”`);
  } catch {
    expect(await locator.textContent()).toContain(text);
  }
}
