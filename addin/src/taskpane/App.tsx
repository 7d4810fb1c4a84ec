/** The task pane: a header with the campaign's motto, and tabs for the report and the settings. */
import {
  FluentProvider,
  Tab,
  TabList,
  Text,
  webLightTheme,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CampaignWithPeriods } from '../../../shared/src';
import { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import { strings } from '../i18n/strings';
import { defaultStorage, SubmissionQueue } from '../queue/submission-queue';
import { ClerkPanel } from './ClerkPanel';
import { SettingsPanel } from './SettingsPanel';
import { SummaryPanel } from './SummaryPanel';
import { AdminPanel } from './AdminPanel';
import { ProblemBar } from './StatusArea';
import { currentToken, loadSettings, readToken, saveSettings, type Settings } from './settings';

export function App({ gateway }: { gateway: ExcelGateway }) {
  const [settings, setSettings] = useState<Settings>(loadSettings);
  const [tab, setTab] = useState<'report' | 'summary' | 'admin' | 'settings'>(
    settings.token || settings.sso ? 'report' : 'settings',
  );
  const [campaign, setCampaign] = useState<CampaignWithPeriods>();
  const t = strings(settings.lang);
  const api = useMemo(
    () =>
      new ApiClient({
        baseUrl: settings.apiBaseUrl,
        getToken: () => currentToken(settings),
        lang: settings.lang,
      }),
    [settings],
  );
  // One outbox per API client (token, address); the clerk's session delivers what waits in it.
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
  const who = readToken(settings.token) ?? { roles: [] };
  const isReviewer = settings.sso || who.roles.some((r) => r === 'reviewer' || r === 'admin');
  const isAdmin = settings.sso || who.roles.includes('admin');
  const onCampaign = useCallback((c: CampaignWithPeriods | undefined) => setCampaign(c), []);
  const onOpenSettings = useCallback(() => setTab('settings'), []);
  const panel = { api, gateway, settings, t, onOpenSettings };
  // A new token, address or language starts every tab afresh.
  const session = `${settings.token}|${settings.apiBaseUrl}|${settings.lang}|${settings.sso}`;

  return (
    <FluentProvider theme={webLightTheme}>
      <main className="pane">
        <header>
          <Text as="h1" size={500} weight="semibold">
            {t.appTitle}
          </Text>
          {campaign && (
            <div className="mottos" data-testid="mottos">
              {campaign.mottos.map((m) => (
                <div key={m.title}>
                  <strong>{m.title}:</strong> {m.text}
                </div>
              ))}
            </div>
          )}
          {who.name && <Text size={200}>{t.signedInAs(who.name)}</Text>}
        </header>
        {!gateway.available && (
          <ProblemBar problem={{ kind: 'no-excel' }} t={t} lang={settings.lang} testId="outside-excel" />
        )}
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)}>
          <Tab value="report" data-testid="tab-report">
            {t.tabReport}
          </Tab>
          {isReviewer && (
            <Tab value="summary" data-testid="tab-summary">
              {t.tabSummary}
            </Tab>
          )}
          {isAdmin && (
            <Tab value="admin" data-testid="tab-admin">
              {t.tabAdmin}
            </Tab>
          )}
          <Tab value="settings" data-testid="tab-settings">
            {t.tabSettings}
          </Tab>
        </TabList>
        {tab === 'settings' && (
          <SettingsPanel
            settings={settings}
            t={t}
            onSave={(s) => {
              saveSettings(s);
              setSettings(s);
            }}
          />
        )}
        {tab === 'admin' && <AdminPanel key={session} {...panel} />}
        {tab === 'summary' && <SummaryPanel key={session} {...panel} />}
        {tab === 'report' &&
          (settings.token || settings.sso ? (
            <ClerkPanel key={session} {...panel} queue={queue} who={who} onCampaign={onCampaign} />
          ) : (
            <MessageBar intent="warning">
              <MessageBarBody>{t.noToken}</MessageBarBody>
            </MessageBar>
          ))}
      </main>
    </FluentProvider>
  );
}
