/**
 * The pane's own state, as one hook: the settings (kept in the add-in's storage), the tab, and what
 * follows from the settings — the API client, the outbox, who is signed in and which tabs they get.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CampaignWithPeriods } from '../../../shared/src';
import { ApiClient } from '../api/client';
import { sessionSharer, writeCampaign } from '../custom-functions/session';
import { strings } from '../i18n/strings';
import { defaultStorage, SubmissionQueue } from '../queue/submission-queue';
import {
  currentToken,
  loadSettings,
  paneHost,
  readToken,
  saveSettings,
  signInModeHere,
  type Settings,
} from './settings';

export type Tab = 'report' | 'summary' | 'admin' | 'settings';

export function usePane() {
  const [settings, setSettings] = useState<Settings>(loadSettings);
  const [tab, setTab] = useState<Tab>(settings.token || settings.sso ? 'report' : 'settings');
  const [campaign, setCampaign] = useState<CampaignWithPeriods>();
  // The BAOCAO.* custom functions run in their own runtime: they find the API, the token and the language
  // in OfficeRuntime.storage (docs/architecture.md, "Custom functions"). Every token the pane uses is shared
  // there (a renewed SSO token too), best effort.
  const share = useMemo(() => sessionSharer(defaultStorage()), []);
  const api = useMemo(
    () =>
      new ApiClient({
        baseUrl: settings.apiBaseUrl,
        getToken: async () => {
          const token = await currentToken(settings);
          if (token) {
            const apiBaseUrl = new URL(settings.apiBaseUrl, globalThis.location?.href).href.replace(
              /\/$/,
              '',
            );
            share({ apiBaseUrl, token, lang: settings.lang }).catch(() => undefined);
          }
          return token;
        },
        lang: settings.lang,
      }),
    [settings, share],
  );
  // One outbox per API client; the clerk's session delivers what waits in it. The old one stops retrying.
  const queue = useMemo(
    () =>
      new SubmissionQueue({
        storage: defaultStorage(),
        send: (item) => api.submit(item.campaignId, item.submission),
        baseDelayMs: 2000,
        maxDelayMs: 30_000,
      }),
    [api],
  );
  useEffect(() => () => queue.dispose(), [queue]);

  // …and the campaign of the open tab.
  useEffect(() => {
    if (campaign) writeCampaign(defaultStorage(), campaign.id).catch(() => undefined);
  }, [campaign]);

  const who = readToken(settings.token) ?? { roles: [] };
  const save = useCallback((s: Settings) => {
    saveSettings(s);
    setSettings(s);
  }, []);
  const openSettings = useCallback(() => setTab('settings'), []);
  const onCampaign = useCallback((c: CampaignWithPeriods | undefined) => setCampaign(c), []);

  return {
    settings,
    save,
    t: strings(settings.lang),
    tab,
    setTab,
    openSettings,
    /** The campaign of the open tab (report or summary), for the header's mottos. */
    campaign,
    onCampaign,
    api,
    queue,
    who,
    signedIn: !!(settings.token || settings.sso),
    isReviewer: settings.sso || who.roles.some((r) => r === 'reviewer' || r === 'admin'),
    isAdmin: settings.sso || who.roles.includes('admin'),
    /** How the saved settings sign in here, and the pane's host (of NAA's default scope), for the settings. */
    signIn: { mode: signInModeHere(settings), host: paneHost() },
    /** A new token, address, language or sign-in starts every tab afresh (the key of the panels). */
    session: [
      settings.token,
      settings.apiBaseUrl,
      settings.lang,
      settings.sso,
      settings.ssoClientId,
      settings.ssoAuthority,
      settings.ssoScope,
    ].join('|'),
  };
}
