/**
 * The settings' sign-in in the built pane, in headless Chromium with the office.js fake (docs/architecture.md,
 * "Signing in"): the pane says how it signs in on this computer — NAA where the fake plays a host with the
 * NestedAppAuth 1.1 set, nobody where the host has neither NAA nor Office's legacy SSO — and SSO asked for
 * where nothing can sign in is a sign-in problem with the way to Settings, before any request leaves.
 * No API runs: no request must reach one. MSAL is its own script, which neither page loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { catalogue } from '../../shared/src';
import { CHROMIUM, haveChromium, startPaneInBrowser, type PaneInBrowser } from '../support/pane-browser';

jest.setTimeout(60_000);
const describeIfChromium = haveChromium ? describe : describe.skip;
if (!haveChromium)
  console.warn(`Skipping the browser test: ${CHROMIUM} is not installed (apt-get install chromium).`);

let pane: PaneInBrowser;
const apiRequests: string[] = [];
/** Every script the pages asked for, by path. */
const scripts: string[] = [];
const vi = catalogue('vi');

beforeAll(async () => {
  if (!haveChromium) return;
  // A closed port: the pane must not need the API for any of this.
  pane = await startPaneInBrowser('http://127.0.0.1:9/api', 'taskpane-sign-in-');
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

async function openPane(options: { nestedAppAuth: boolean; settings: object }): Promise<Page> {
  const p = await pane.browser.newPage({ viewport: { width: 350, height: 900 }, reducedMotion: 'reduce' });
  p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  p.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/')) apiRequests.push(r.url());
    if (pathname.endsWith('.js')) scripts.push(pathname);
  });
  await p.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  await p.addInitScript({
    content: `window.__fakeOptions = ${JSON.stringify({ nestedAppAuth: options.nestedAppAuth })};
      localStorage.setItem('nu-cuoi.settings.v1', ${JSON.stringify(JSON.stringify(options.settings))});`,
  });
  await p.addInitScript({ content: pane.fakeExcel });
  await p.goto(`${pane.addin.url}/taskpane.html`);
  return p;
}

const mode = (p: Page) => p.getByTestId('settings-sign-in-mode').textContent();

describeIfChromium('signing in, as the settings show it', () => {
  test('a host with NAA: SSO on and a client id sign in with NAA; the default scope is shown', async () => {
    const p = await openPane({ nestedAppAuth: true, settings: { sso: false, token: '' } });
    expect(await mode(p)).toContain(vi.pane.signInModes.none);
    await expect(p.getByTestId('settings-sso-client-id').count()).resolves.toBe(0);
    await p.getByTestId('settings-sso').click();
    await p.getByTestId('settings-sso-client-id').fill('11111111-2222-3333-4444-555555555555');
    const host = new URL(pane.addin.url).host;
    await p
      .getByText(
        vi.pane.settingsSsoScopeHint(`api://${host}/11111111-2222-3333-4444-555555555555/access_as_user`),
      )
      .waitFor();
    await p.getByTestId('settings-save').click();
    await p.getByTestId('settings-sign-in-mode').getByText(vi.pane.signInModes.naa).waitFor();
    const shot = process.env.UPDATE_DOCS
      ? ['docs', 'taskpane-sign-in.png']
      : ['out', 'screenshots', 'taskpane-sign-in.png'];
    fs.mkdirSync(path.join(__dirname, '..', '..', ...shot.slice(0, -1)), { recursive: true });
    await p.screenshot({ path: path.join(__dirname, '..', '..', ...shot) });
    await p.close();
  });

  test('a host without NAA or legacy SSO: SSO asked for is a sign-in problem pointing to Settings', async () => {
    const p = await openPane({
      nestedAppAuth: false,
      settings: { sso: true, token: '', ssoClientId: '11111111-2222-3333-4444-555555555555' },
    });
    const problem = p.getByText(vi.problems.sign_in_not_supported({}));
    await problem.first().waitFor();
    await p.getByTestId('open-settings').first().click();
    expect(await mode(p)).toContain(vi.pane.signInModes.none);
    expect(apiRequests).toEqual([]);
    await p.close();
  });

  test('MSAL is a script of its own that neither page loaded (neither signed in with NAA)', async () => {
    expect(scripts).toContain('/taskpane.js');
    expect(scripts).not.toContain('/msal-naa.js');
    const text = async (file: string) => {
      const res = await fetch(`${pane.addin.url}/${file}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    // MSAL's controller for nested apps, by its class name (the test build is not minified).
    expect(await text('msal-naa.js')).toContain('NestedAppAuthController');
    expect(await text('taskpane.js')).not.toContain('NestedAppAuthController');
  });
});
