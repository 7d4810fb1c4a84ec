/** The task pane's settings, kept in the browser's storage of the add-in. */
import type { Language } from '../../../shared/src';

export interface Settings {
  apiBaseUrl: string;
  token: string;
  lang: Language;
  /** Use Office SSO (OfficeRuntime.auth.getAccessToken) instead of a pasted token. */
  sso: boolean;
}

const KEY = 'nu-cuoi.settings.v1';
export const DEFAULT_SETTINGS: Settings = { apiBaseUrl: '/api', token: '', lang: 'vi', sso: false };

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

/** The bearer token: Office SSO where configured, else the pasted development token. */
export async function currentToken(settings: Settings): Promise<string | undefined> {
  if (settings.sso) {
    const runtime = (
      globalThis as { OfficeRuntime?: { auth?: { getAccessToken(o: object): Promise<string> } } }
    ).OfficeRuntime;
    if (runtime?.auth)
      return runtime.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
  }
  return settings.token || undefined;
}
