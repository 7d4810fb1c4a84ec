/** The Quản trị tab: renders the admin's workflow (use-admin.ts). */
import { Button, Field, Input, Link, Text } from '@fluentui/react-components';
import { localize, renderWithPlace } from '../../../shared/src';
import { ChoiceField } from './ChoiceField';
import type { PanelProps } from './panel-props';
import { NoCampaigns, StatusArea } from './StatusArea';
import { useAdmin } from './use-admin';

export function AdminPanel(props: PanelProps) {
  const { t, settings, onOpenSettings } = props;
  const lang = settings.lang;
  const s = useAdmin(props);
  const { task, actions } = s;
  const status = (
    <StatusArea task={task} t={t} lang={lang} testId="admin-status" onOpenSettings={onOpenSettings} />
  );
  if (!s.campaigns.length)
    return (
      <div className="stack">
        {status}
        {s.loaded && <NoCampaigns t={t} />}
      </div>
    );
  const off = !!task.busy || !s.excel;
  return (
    <div className="stack">
      <ChoiceField
        label={t.campaign}
        value={s.campaignId}
        options={s.campaigns.map((c) => ({ value: c.id, label: localize(c.name, lang) }))}
        onChange={actions.chooseCampaign}
        testId="admin-campaign"
      />
      <div className="buttons">
        <Button disabled={off} onClick={actions.openCampaign} data-testid="open-campaign">
          {t.openCampaign}
        </Button>
        <Button
          appearance="primary"
          disabled={off}
          onClick={actions.publishCampaign}
          data-testid="publish-campaign"
        >
          {t.publishCampaign}
        </Button>
        <Button disabled={!!task.busy} onClick={actions.downloadCampaign} data-testid="download-campaign">
          {t.downloadCampaign}
        </Button>
      </div>
      <ChoiceField
        label={t.template}
        value={s.templateId}
        options={s.templates.map((x) => ({
          value: x.id,
          label: `${localize(x.title, lang)} (v${x.version})`,
        }))}
        onChange={actions.chooseTemplate}
        testId="admin-template"
      />
      <div className="buttons">
        <Button disabled={off || !s.template} onClick={actions.openDefinition} data-testid="open-definition">
          {t.openDefinition}
        </Button>
        <Button appearance="primary" disabled={off} onClick={actions.publish} data-testid="publish">
          {t.publish}
        </Button>
      </div>
      <div className="buttons">
        <Button disabled={off} onClick={actions.openUnits} data-testid="open-units">
          {t.openUnits}
        </Button>
        <Button disabled={off} onClick={actions.saveUnits} data-testid="save-units">
          {t.saveUnits}
        </Button>
      </div>
      <div className="buttons">
        <Button disabled={off} onClick={actions.openUsers} data-testid="open-users">
          {t.openUsers}
        </Button>
        <Button disabled={off} onClick={actions.saveUsers} data-testid="save-users">
          {t.saveUsers}
        </Button>
      </div>
      <section className="stack" data-testid="period-locks">
        <Text as="h2" size={400} weight="semibold">
          {t.periodLocks}
        </Text>
        <ChoiceField
          label={t.period}
          value={s.lockPeriod?.id ?? ''}
          options={s.periods.map((p) => ({
            value: p.id,
            label: `${localize(p.label, lang)}${p.locked ? ` — ${t.periodLocked}` : ''}`,
          }))}
          onChange={actions.chooseLockPeriod}
          testId="lock-period"
        />
        <Field label={t.lockReason}>
          <Input
            value={s.lockReason}
            onChange={(_, d) => actions.editLockReason(d.value)}
            data-testid="lock-reason"
          />
        </Field>
        <div className="buttons">
          <Button
            appearance="primary"
            disabled={!!task.busy || !s.lockPeriod || s.lockPeriod.locked || !s.lockReason.trim()}
            onClick={() => actions.setLock(true)}
            data-testid="lock"
          >
            {t.lockPeriod}
          </Button>
          <Button
            disabled={!!task.busy || !s.lockPeriod?.locked || !s.lockReason.trim()}
            onClick={() => actions.setLock(false)}
            data-testid="unlock"
          >
            {t.unlockPeriod}
          </Button>
        </div>
      </section>
      {status}
      {s.sheetProblems.length > 0 && (
        <ul className="issues" data-testid="admin-problems">
          {s.sheetProblems.map((p, i) => (
            <li key={i}>
              {s.excel && p.row !== null && p.column !== null ? (
                <Link onClick={() => actions.goTo(p)}>{renderWithPlace(p, lang)}</Link>
              ) : (
                renderWithPlace(p, lang)
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
