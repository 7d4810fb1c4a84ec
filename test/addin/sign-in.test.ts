/**
 * How the pane signs in (addin/src/office/sign-in.ts, docs/architecture.md "Signing in"): NAA where the host
 * has it and a client id is configured, else Office's legacy SSO, else the pasted token. Office is the fake
 * (its `Office.context.requirements`), OfficeRuntime.auth a stand-in with Office's error codes, and the MSAL
 * application an object throwing MSAL's own error classes. No network.
 */
import { BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { catalogue } from '../../shared/src';
import { officeSignInHost } from '../../addin/src/office/office-host';
import {
  acquireToken,
  naaToken,
  signInMode,
  signInProblem,
  ssoScope,
  SignInError,
  type NaaConfig,
  type NestableApp,
  type SignInHost,
  type SignInSettings,
} from '../../addin/src/office/sign-in';
import { problemOf, problemText } from '../../addin/src/taskpane/pane-problem';
import { strings } from '../../addin/src/i18n/strings';
import { createFakeExcel } from '../support/fake-excel';

const CLIENT = '11111111-2222-3333-4444-555555555555';
const base: SignInSettings = {
  sso: true,
  token: '',
  ssoClientId: CLIENT,
  ssoAuthority: '',
  ssoScope: '',
  lang: 'vi',
};

const g = globalThis as unknown as { Office?: unknown; OfficeRuntime?: unknown };

/** Office as the fake plays it, with OfficeRuntime.auth when `legacy` is given. */
function inOffice(options: { nestedAppAuth: boolean; legacy?: () => Promise<string> }) {
  g.Office = createFakeExcel(['Sheet1'], { nestedAppAuth: options.nestedAppAuth }).Office;
  if (options.legacy) g.OfficeRuntime = { auth: { getAccessToken: options.legacy } };
  else delete g.OfficeRuntime;
}

/** A stand-in for MSAL's nestable application: records the calls, answers as told. */
function msalApp(silent: () => Promise<string>, popup: () => Promise<string> = async () => 'popup-token') {
  const calls: string[] = [];
  const app: NestableApp = {
    acquireTokenSilent: async (r) => {
      calls.push(`silent ${r.scopes.join(' ')}`);
      return { accessToken: await silent() };
    },
    acquireTokenPopup: async (r) => {
      calls.push(`popup ${r.scopes.join(' ')}`);
      return { accessToken: await popup() };
    },
  };
  return { app, calls };
}

/** The real host's Office calls, with the MSAL application injected (no script to load in node). */
function host(app: NestableApp, configs: NaaConfig[] = []): SignInHost {
  return {
    ...officeSignInHost,
    nestableApp: async (config) => {
      configs.push(config);
      return app;
    },
  };
}

afterEach(() => {
  delete g.Office;
  delete g.OfficeRuntime;
});

describe('the decision: NAA → legacy SSO → the pasted token', () => {
  test('a host with NestedAppAuth 1.1 and a configured client id signs in with NAA', () => {
    inOffice({ nestedAppAuth: true, legacy: async () => 'legacy' });
    expect(signInMode(base, officeSignInHost)).toBe('naa');
  });

  test('without the requirement set, or without a client id, Office’s legacy SSO', () => {
    inOffice({ nestedAppAuth: false, legacy: async () => 'legacy' });
    expect(signInMode(base, officeSignInHost)).toBe('legacy');
    inOffice({ nestedAppAuth: true, legacy: async () => 'legacy' });
    expect(signInMode({ ...base, ssoClientId: ' ' }, officeSignInHost)).toBe('legacy');
  });

  test('neither (an older Office, a plain browser): the pasted token, else nobody', () => {
    inOffice({ nestedAppAuth: false });
    expect(signInMode({ ...base, token: 'dev' }, officeSignInHost)).toBe('token');
    expect(signInMode(base, officeSignInHost)).toBe('none');
    delete g.Office;
    expect(signInMode({ ...base, token: 'dev' }, officeSignInHost)).toBe('token');
  });

  test('SSO off: the pasted token even where NAA is there', () => {
    inOffice({ nestedAppAuth: true, legacy: async () => 'legacy' });
    expect(signInMode({ ...base, sso: false, token: 'dev' }, officeSignInHost)).toBe('token');
    expect(signInMode({ ...base, sso: false }, officeSignInHost)).toBe('none');
  });
});

describe('the token', () => {
  test('NAA: silently, for the API’s scope under the pane’s host, with the default authority', async () => {
    inOffice({ nestedAppAuth: true, legacy: async () => 'legacy' });
    const { app, calls } = msalApp(async () => 'silent-token');
    const configs: NaaConfig[] = [];
    await expect(acquireToken(base, host(app, configs), 'pane.example.vn')).resolves.toBe('silent-token');
    expect(calls).toEqual([`silent api://pane.example.vn/${CLIENT}/access_as_user`]);
    expect(configs).toEqual([{ clientId: CLIENT, authority: 'https://login.microsoftonline.com/common' }]);
  });

  test('NAA: the configured scope and authority win', async () => {
    inOffice({ nestedAppAuth: true });
    const { app, calls } = msalApp(async () => 'silent-token');
    const configs: NaaConfig[] = [];
    const settings = {
      ...base,
      ssoScope: 'api://reports.example.vn/access_as_user',
      ssoAuthority: 'https://login.microsoftonline.com/tenant-1',
    };
    await acquireToken(settings, host(app, configs), 'pane.example.vn');
    expect(calls).toEqual(['silent api://reports.example.vn/access_as_user']);
    expect(configs[0]!.authority).toBe('https://login.microsoftonline.com/tenant-1');
  });

  test('NAA: an InteractionRequiredAuthError from the silent call opens the popup', async () => {
    const { app, calls } = msalApp(async () => {
      throw new InteractionRequiredAuthError('interaction_required', 'AADSTS50058: no session');
    });
    await expect(naaToken(app, ['s'])).resolves.toBe('popup-token');
    expect(calls).toEqual(['silent s', 'popup s']);
  });

  test('NAA: any other silent failure is not hidden behind a popup', async () => {
    const { app, calls } = msalApp(async () => {
      throw new BrowserAuthError('no_network_connectivity', 'corr');
    });
    await expect(naaToken(app, ['s'])).rejects.toBeInstanceOf(BrowserAuthError);
    expect(calls).toEqual(['silent s']);
  });

  test('NAA: a blocked popup becomes the catalogue’s problem, in the pane’s language', async () => {
    inOffice({ nestedAppAuth: true });
    const { app } = msalApp(
      async () => {
        throw new InteractionRequiredAuthError('consent_required', 'corr');
      },
      async () => {
        throw new BrowserAuthError('popup_window_error', 'corr');
      },
    );
    const error = await acquireToken({ ...base, lang: 'en' }, host(app), 'h').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).problem).toEqual({ code: 'sign_in_popup_blocked' });
    expect((error as SignInError).message).toBe(catalogue('en').problems.sign_in_popup_blocked({}));
    // The pane shows it as a sign-in problem whose way out is the settings.
    const p = problemOf(error);
    expect(p).toMatchObject({ kind: 'sign-in', code: 'sign_in_popup_blocked' });
    expect(problemText(p, strings('en'))).toBe((error as SignInError).message);
  });

  test('legacy SSO: Office’s token; its error codes become problems', async () => {
    inOffice({ nestedAppAuth: false, legacy: async () => 'legacy-token' });
    await expect(acquireToken(base, officeSignInHost, 'h')).resolves.toBe('legacy-token');
    inOffice({
      nestedAppAuth: false,
      legacy: () => Promise.reject(Object.assign(new Error('consent'), { code: 13005 })),
    });
    await expect(acquireToken(base, officeSignInHost, 'h')).rejects.toMatchObject({
      problem: { code: 'sign_in_consent_required' },
    });
  });

  test('the pasted token, and SSO asked for where nothing can sign in', async () => {
    inOffice({ nestedAppAuth: false });
    await expect(acquireToken({ ...base, token: 'dev' }, officeSignInHost, 'h')).resolves.toBe('dev');
    await expect(acquireToken({ ...base, sso: false }, officeSignInHost, 'h')).resolves.toBeUndefined();
    await expect(acquireToken(base, officeSignInHost, 'h')).rejects.toMatchObject({
      problem: { code: 'sign_in_not_supported' },
      message: catalogue('vi').problems.sign_in_not_supported({}),
    });
  });
});

test.each([
  [new BrowserAuthError('empty_window_error', 'corr'), 'sign_in_popup_blocked'],
  [new BrowserAuthError('user_cancelled', 'corr'), 'sign_in_cancelled'],
  [new InteractionRequiredAuthError('consent_required', 'corr'), 'sign_in_consent_required'],
  [
    new InteractionRequiredAuthError(
      'invalid_grant',
      'corr-1',
      'AADSTS65001: The user or administrator has not consented',
    ),
    'sign_in_consent_required',
  ],
  [
    new InteractionRequiredAuthError('invalid_grant', 'corr-2', '', '', '', '', '', '65001'),
    'sign_in_consent_required',
  ],
  [Object.assign(new Error('aborted'), { code: 13002 }), 'sign_in_cancelled'],
  [Object.assign(new Error('unsupported'), { code: 13000 }), 'sign_in_not_supported'],
  [Object.assign(new Error('platform'), { code: 13012 }), 'sign_in_not_supported'],
])('%s → %s', (error, code) => {
  expect(signInProblem(error).code).toBe(code);
});

test('an error nobody foresaw keeps its code for the admin', () => {
  expect(signInProblem(new BrowserAuthError('no_network_connectivity', 'corr'))).toEqual({
    code: 'sign_in_failed',
    params: { detail: 'no_network_connectivity' },
  });
  expect(signInProblem(Object.assign(new Error('x'), { code: 13007 })).params).toEqual({ detail: '13007' });
});

test('the default scope is the API’s (deploy/README.md, step 2); a configured one is kept as written', () => {
  expect(ssoScope({ ssoScope: '', ssoClientId: CLIENT }, 'h:3000')).toBe(
    `api://h:3000/${CLIENT}/access_as_user`,
  );
  expect(ssoScope({ ssoScope: ' api://x/y ', ssoClientId: CLIENT }, 'h')).toBe('api://x/y');
});
