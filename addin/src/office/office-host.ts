/**
 * The sign-in's side of Office (docs/architecture.md, "Signing in"): the only office.js calls outside
 * `excel/gateway.ts`, both about identity rather than the workbook — whether the host has nested app
 * authentication, and Office's legacy SSO token — and the on-demand load of the MSAL script.
 */
import type { MsalScriptApi } from './msal-entry';
import { NAA_REQUIREMENT, type NaaConfig, type NestableApp, type SignInHost } from './sign-in';

type OfficeRuntimeAuth = {
  getAccessToken(options: { allowSignInPrompt: boolean; allowConsentPrompt: boolean }): Promise<string>;
};

const MSAL_SCRIPT = 'msal-naa.js';
/** Kept in step with msal-entry.ts's MSAL_GLOBAL (a type-only import keeps MSAL out of this bundle). */
const MSAL_GLOBAL = 'nuCuoiMsal';

/**
 * `isSetSupported('NestedAppAuth', '1.1')`: false outside Office or when it cannot be asked.
 * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets
 */
function nestedAppAuth(): boolean {
  try {
    return (
      typeof Office !== 'undefined' &&
      Office.context?.requirements?.isSetSupported(NAA_REQUIREMENT.set, NAA_REQUIREMENT.version) === true
    );
  } catch {
    return false;
  }
}

function runtimeAuth(): OfficeRuntimeAuth | undefined {
  return (globalThis as { OfficeRuntime?: { auth?: OfficeRuntimeAuth } }).OfficeRuntime?.auth;
}

let msalScript: Promise<MsalScriptApi> | undefined;

/** Adds `<script src="msal-naa.js">` (next to the pane's page) once, and gives what it leaves behind. */
function loadMsal(): Promise<MsalScriptApi> {
  msalScript ??= new Promise<MsalScriptApi>((resolve, reject) => {
    const loaded = () => (globalThis as Record<string, unknown>)[MSAL_GLOBAL] as MsalScriptApi | undefined;
    const ready = loaded();
    if (ready) return resolve(ready);
    const script = document.createElement('script');
    script.src = new URL(MSAL_SCRIPT, globalThis.location.href).href;
    script.onload = () => {
      const api = loaded();
      if (api) resolve(api);
      else reject(new Error(`${MSAL_SCRIPT} did not register ${MSAL_GLOBAL}`));
    };
    script.onerror = () => {
      msalScript = undefined;
      reject(new Error(`${MSAL_SCRIPT} could not be loaded`));
    };
    document.head.appendChild(script);
  });
  return msalScript;
}

const apps = new Map<string, Promise<NestableApp>>();

export const officeSignInHost: SignInHost = {
  nestedAppAuth,
  legacySso: () => runtimeAuth() !== undefined,
  legacyToken: () => {
    const auth = runtimeAuth();
    if (!auth) return Promise.reject(new Error('OfficeRuntime.auth is missing'));
    // https://learn.microsoft.com/en-us/javascript/api/office-runtime/officeruntime.auth#office-runtime-officeruntime-auth-getaccesstoken-member(1)
    return auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
  },
  // One application per configuration, as MSAL expects one instance per client id.
  nestableApp: (config: NaaConfig) => {
    const key = `${config.clientId}|${config.authority}`;
    let app = apps.get(key);
    if (!app) {
      app = loadMsal().then((msal) => msal.createNestable(config));
      app.catch(() => apps.delete(key));
      apps.set(key, app);
    }
    return app;
  },
};
