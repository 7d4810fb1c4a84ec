/**
 * The MSAL part of signing in, built as its own script (`msal-naa.js`, scripts/build-addin.ts) and loaded by
 * `office-host.ts` only when the pane signs in with nested app authentication: the clerk's first load does not
 * carry MSAL (docs/architecture.md, "Signing in").
 * https://learn.microsoft.com/en-us/entra/msal/javascript/browser/initialization (createNestablePublicClientApplication)
 */
import { createNestablePublicClientApplication } from '@azure/msal-browser';
import type { NaaConfig, NestableApp } from './sign-in';

/** The global this script leaves for `office-host.ts`. */
export const MSAL_GLOBAL = 'nuCuoiMsal';

const api = {
  createNestable: (config: NaaConfig): Promise<NestableApp> =>
    createNestablePublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority },
    }),
};
export type MsalScriptApi = typeof api;

(globalThis as Record<string, unknown>)[MSAL_GLOBAL] = api;
