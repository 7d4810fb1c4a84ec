/** The task pane's settings, kept in the browser's storage of the add-in. */
import type { Language } from '../../../shared/src';
import { officeSignInHost } from '../office/office-host';
import { acquireToken, signInMode, type SignInMode } from '../office/sign-in';

export interface Settings {
  apiBaseUrl: string;
  token: string;
  lang: Language;
  /** Sign in with the Microsoft 365 account Office knows (NAA, else legacy SSO) instead of a pasted token. */
  sso: boolean;
  /** NAA: the app registration's client id; empty: legacy SSO only (docs/architecture.md, "Signing in"). */
  ssoClientId: string;
  /** NAA: the authority; empty: https://login.microsoftonline.com/common. */
  ssoAuthority: string;
  /** NAA: the API's scope; empty: api://<the pane's host>/<client id>/access_as_user. */
  ssoScope: string;
}

const KEY = 'nu-cuoi.settings.v1';
export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: '/api',
  token: '',
  lang: 'vi',
  sso: false,
  ssoClientId: '',
  ssoAuthority: '',
  ssoScope: '',
};

export function loadSettings(): Settings {
  try {
    return {
      ...DEFAULT_SETTINGS,
      ...(JSON.parse(globalThis.localStorage.getItem(KEY) ?? '{}') as Partial<Settings>),
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(s: Settings): void {
  globalThis.localStorage.setItem(KEY, JSON.stringify(s));
}

export interface TokenInfo {
  roles: string[];
  unitId?: string;
  name?: string;
}

/** What the token says about its holder, for display only (the server verifies it). */
export function readToken(token: string): TokenInfo | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = decodeURIComponent(
      [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json) as { roles?: string[]; unit?: string; name?: string };
    return {
      roles: claims.roles ?? [],
      ...(claims.unit ? { unitId: claims.unit } : {}),
      ...(claims.name ? { name: claims.name } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The pane's own host, the default scope's part (deploy/README.md, step 2). */
export function paneHost(): string {
  return globalThis.location?.host ?? '';
}

/** The bearer token: NAA or Office's legacy SSO where configured, else the pasted development token. */
export function currentToken(settings: Settings): Promise<string | undefined> {
  return acquireToken(settings, officeSignInHost, paneHost());
}

/** How this pane signs in with these settings here (shown in the settings). */
export function signInModeHere(settings: Settings): SignInMode {
  return signInMode(settings, officeSignInHost);
}
