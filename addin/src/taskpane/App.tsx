/**
 * The task pane: a header with the campaign's motto, and tabs for the report and the settings. The admin and
 * summary tabs load their code when opened (React.lazy; their chunks are split by scripts/build-addin.ts), so
 * the clerk's first screen does not download them (docs/architecture.md, "Add-in build").
 */
import { lazy, Suspense } from 'react';
import {
  FluentProvider,
  Tab,
  TabList,
  Text,
  webLightTheme,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import type { ExcelGateway } from '../excel/gateway';
import { ClerkPanel } from './ClerkPanel';
import { SettingsPanel } from './SettingsPanel';
import { ProblemBar } from './StatusArea';
import { usePane, type Tab as TabName } from './use-pane';

const AdminPanel = lazy(() => import('./AdminPanel.js').then((m) => ({ default: m.AdminPanel })));
const SummaryPanel = lazy(() => import('./SummaryPanel.js').then((m) => ({ default: m.SummaryPanel })));

export function App({ gateway }: { gateway: ExcelGateway }) {
  const pane = usePane();
  const { settings, t, tab, campaign, who, session } = pane;
  const panel = { api: pane.api, gateway, settings, t, onOpenSettings: pane.openSettings };

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
        <TabList selectedValue={tab} onTabSelect={(_, d) => pane.setTab(d.value as TabName)}>
          <Tab value="report" data-testid="tab-report">
            {t.tabReport}
          </Tab>
          {pane.isReviewer && (
            <Tab value="summary" data-testid="tab-summary">
              {t.tabSummary}
            </Tab>
          )}
          {pane.isAdmin && (
            <Tab value="admin" data-testid="tab-admin">
              {t.tabAdmin}
            </Tab>
          )}
          <Tab value="settings" data-testid="tab-settings">
            {t.tabSettings}
          </Tab>
        </TabList>
        {tab === 'settings' && (
          <SettingsPanel settings={settings} t={t} onSave={pane.save} signIn={pane.signIn} />
        )}
        <Suspense fallback={<Spinner size="small" />}>
          {tab === 'admin' && <AdminPanel key={session} {...panel} />}
          {tab === 'summary' && <SummaryPanel key={session} {...panel} onCampaign={pane.onCampaign} />}
        </Suspense>
        {tab === 'report' &&
          (pane.signedIn ? (
            <ClerkPanel key={session} {...panel} queue={pane.queue} who={who} onCampaign={pane.onCampaign} />
          ) : (
            <MessageBar intent="warning">
              <MessageBarBody>{t.noToken}</MessageBarBody>
            </MessageBar>
          ))}
      </main>
    </FluentProvider>
  );
}
