/**
 * How the pane gets its bearer token (docs/architecture.md, "Signing in"): the decision and the flows, with
 * Office and MSAL injected (`SignInHost`; the real one is `office-host.ts`), so tests drive them without Office.
 *
 * With SSO on, in this order:
 * 1. Nested app authentication (NAA) where the host has the `NestedAppAuth 1.1` requirement set and the admin
 *    configured a client id: MSAL's nestable public client application, `acquireTokenSilent`, then
 *    `acquireTokenPopup` when the silent call needs the user (Microsoft Learn, "Enable SSO in an Office Add-in
 *    using nested app authentication").
 * 2. Office's legacy SSO, `OfficeRuntime.auth.getAccessToken`, where Office has it.
 * 3. The pasted development token.
 * Without SSO, the pasted token. A failure becomes a `SignInError` carrying a catalogue problem.
 */
import { render, type Language, type Problem } from '../../../shared/src';
import { SignInError } from './sign-in-error';

export { SignInError };

/** What the admin configures for SSO (SettingsPanel.tsx); empty strings mean "the default". */
export interface SignInSettings {
  sso: boolean;
  /** The pasted development token. */
  token: string;
  /** The app registration's application (client) id: the add-in's and the API's (deploy/README.md, step 1). */
  ssoClientId: string;
  /** `https://login.microsoftonline.com/<tenant id>`; empty: `…/common`, as in Microsoft's sample. */
  ssoAuthority: string;
  /** The API's scope; empty: `api://<the pane's host>/<client id>/access_as_user` (deploy/README.md, step 2). */
  ssoScope: string;
  lang: Language;
}

/** The part of MSAL's `IPublicClientApplication` the pane uses (NAA supports both calls). */
export interface NestableApp {
  acquireTokenSilent(request: { scopes: string[] }): Promise<{ accessToken: string }>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<{ accessToken: string }>;
}

export interface NaaConfig {
  clientId: string;
  authority: string;
}

/** What the pane asks of Office and MSAL. */
export interface SignInHost {
  /** `Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')`. */
  nestedAppAuth(): boolean;
  /** Whether `OfficeRuntime.auth.getAccessToken` exists here. */
  legacySso(): boolean;
  legacyToken(): Promise<string>;
  /** MSAL's `createNestablePublicClientApplication` (loaded on demand). */
  nestableApp(config: NaaConfig): Promise<NestableApp>;
}

export type SignInMode = 'naa' | 'legacy' | 'token' | 'none';

export const NAA_REQUIREMENT = { set: 'NestedAppAuth', version: '1.1' } as const;
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/common';

/** Which way the token comes, from the settings and what the host offers. */
export function signInMode(
  settings: Pick<SignInSettings, 'sso' | 'token' | 'ssoClientId'>,
  host: Pick<SignInHost, 'nestedAppAuth' | 'legacySso'>,
): SignInMode {
  if (settings.sso) {
    if (settings.ssoClientId.trim() && host.nestedAppAuth()) return 'naa';
    if (host.legacySso()) return 'legacy';
  }
  return settings.token ? 'token' : 'none';
}

/** The scope asked for: the configured one, else the API's scope under the pane's host. */
export function ssoScope(
  settings: Pick<SignInSettings, 'ssoScope' | 'ssoClientId'>,
  paneHost: string,
): string {
  const configured = settings.ssoScope.trim();
  if (configured) return configured;
  return `api://${paneHost}/${settings.ssoClientId.trim()}/access_as_user`;
}

export function naaConfig(settings: Pick<SignInSettings, 'ssoClientId' | 'ssoAuthority'>): NaaConfig {
  return {
    clientId: settings.ssoClientId.trim(),
    authority: settings.ssoAuthority.trim() || DEFAULT_AUTHORITY,
  };
}

/** The bearer token, or undefined when nobody is signed in (no SSO, no pasted token). */
export async function acquireToken(
  settings: SignInSettings,
  host: SignInHost,
  paneHost: string,
): Promise<string | undefined> {
  const mode = signInMode(settings, host);
  try {
    switch (mode) {
      case 'naa': {
        const app = await host.nestableApp(naaConfig(settings));
        return await naaToken(app, [ssoScope(settings, paneHost)]);
      }
      case 'legacy':
        return await host.legacyToken();
      case 'token':
        return settings.token;
      case 'none':
        if (settings.sso) throw signInError({ code: 'sign_in_not_supported' }, settings.lang);
        return undefined;
    }
  } catch (e) {
    if (e instanceof SignInError) throw e;
    throw signInError(signInProblem(e), settings.lang);
  }
}

function signInError(problem: Problem, lang: Language): SignInError {
  return new SignInError(problem, render(problem, lang));
}

/** MSAL's pattern for NAA: silently, and with a popup only when the silent call needs the user. */
export async function naaToken(app: NestableApp, scopes: string[]): Promise<string> {
  try {
    return (await app.acquireTokenSilent({ scopes })).accessToken;
  } catch (e) {
    if (!needsInteraction(e)) throw e;
  }
  return (await app.acquireTokenPopup({ scopes })).accessToken;
}

/**
 * MSAL's InteractionRequiredAuthError (its `name`; the class is not imported, to keep MSAL out of the pane's
 * first load) and the error codes that say the user must act: sign in, consent.
 * https://learn.microsoft.com/en-us/entra/msal/javascript/browser/errors
 */
function needsInteraction(e: unknown): boolean {
  const { name, errorCode } = errorShape(e);
  return (
    name === 'InteractionRequiredAuthError' ||
    ['interaction_required', 'consent_required', 'login_required'].includes(errorCode)
  );
}

function errorShape(e: unknown): { name: string; errorCode: string; message: string; code: number } {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  return {
    name: text('name'),
    errorCode: text('errorCode'),
    // MSAL keeps the server's text (AADSTS…) in errorMessage and its number in errorNo.
    message:
      [text('message'), text('errorMessage'), text('errorNo') && `AADSTS${text('errorNo')}`]
        .filter(Boolean)
        .join(' ') || String(e),
    code: typeof o.code === 'number' ? o.code : Number(o.code ?? NaN),
  };
}

/**
 * An MSAL or Office error as a problem.
 * - MSAL (BrowserAuthError codes `popup_window_error`, `empty_window_error`, `user_cancelled`; Entra's
 *   AADSTS65001 is missing consent): https://learn.microsoft.com/en-us/entra/msal/javascript/browser/errors
 * - Office's getAccessToken (13000 not supported, 13002 aborted, 13005 no consent, 13012 not on this platform):
 *   https://learn.microsoft.com/en-us/office/dev/add-ins/develop/troubleshoot-sso-in-office-add-ins
 */
export function signInProblem(e: unknown): Problem {
  const { errorCode, message, code } = errorShape(e);
  if (errorCode === 'popup_window_error' || errorCode === 'empty_window_error')
    return { code: 'sign_in_popup_blocked' };
  if (errorCode === 'user_cancelled' || code === 13002) return { code: 'sign_in_cancelled' };
  if (errorCode === 'consent_required' || /AADSTS65001/.test(message) || code === 13005)
    return { code: 'sign_in_consent_required' };
  if (code === 13000 || code === 13012) return { code: 'sign_in_not_supported' };
  const detail = errorCode || (Number.isFinite(code) ? String(code) : '') || message.slice(0, 200);
  return { code: 'sign_in_failed', params: { detail } };
}
