/**
 * The Tổng hợp tab: the progress first (ProgressView.tsx), then the standing office's workflow
 * (use-summary.ts), its review queue, and the yearly ranking where the campaign has a scoring scheme.
 */
import { Badge, Button, Field, Text, Textarea } from '@fluentui/react-components';
import { localize } from '../../../shared/src';
import { ChoiceField } from './ChoiceField';
import type { PanelProps } from './panel-props';
import { ProgressView } from './ProgressView';
import { RankingView } from './RankingView';
import { ReviewQueue } from './ReviewQueue';
import { NoCampaigns, StatusArea } from './StatusArea';
import { useSummary, type SummaryOptions } from './use-summary';

export function SummaryPanel(props: PanelProps & Pick<SummaryOptions, 'onCampaign'>) {
  const { t, settings, onOpenSettings } = props;
  const lang = settings.lang;
  const s = useSummary(props);
  const { campaign, rollup, returning, task, actions } = s;
  const status = (
    <StatusArea task={task} t={t} lang={lang} testId="summary-status" onOpenSettings={onOpenSettings} />
  );
  if (!campaign)
    return (
      <div className="stack">
        {status}
        {s.loaded && !s.campaigns.length && <NoCampaigns t={t} />}
      </div>
    );
  const busy = !!task.busy;
  return (
    <div className="stack">
      {s.campaigns.length > 1 && (
        <ChoiceField
          label={t.campaign}
          value={s.campaignId}
          options={s.campaigns.map((c) => ({ value: c.id, label: localize(c.name, lang) }))}
          onChange={actions.chooseCampaign}
          testId="summary-campaign"
        />
      )}
      <ProgressView
        api={props.api}
        gateway={props.gateway}
        lang={lang}
        t={t}
        campaign={campaign}
        onOpenSettings={onOpenSettings}
      />
      <ChoiceField
        label={t.period}
        value={s.periodId}
        options={campaign.periods.map((p) => ({ value: p.id, label: localize(p.label, lang) }))}
        onChange={actions.choosePeriod}
        testId="summary-period"
      />
      <Button
        appearance="primary"
        disabled={busy || !s.period}
        onClick={actions.refresh}
        data-testid="refresh-summary"
      >
        {s.excel ? t.refreshSummary : t.loadReviews}
      </Button>
      <Button disabled={busy || !s.period} onClick={actions.downloadReport} data-testid="download-report">
        {t.downloadReport}
      </Button>
      {s.excel && (
        <Button
          disabled={busy || !s.period}
          onClick={actions.insertFreeReport}
          data-testid="insert-free-report"
        >
          {t.insertFreeReport}
        </Button>
      )}
      {status}
      <ReviewQueue api={props.api} campaign={campaign} t={t} lang={lang} onOpenSettings={onOpenSettings} />
      {campaign.scoring && (
        <RankingView
          api={props.api}
          gateway={props.gateway}
          lang={lang}
          t={t}
          campaign={campaign}
          onOpenSettings={onOpenSettings}
        />
      )}
      {rollup && rollup.completeness.missing.length > 0 && (
        <Text size={200}>{t.missingUnits(rollup.completeness.missing.length)}</Text>
      )}
      {rollup && (
        <ul className="units" data-testid="review-list">
          {rollup.units.map((u) => (
            <li key={u.unitId}>
              <div>
                <Text weight="semibold">{u.unitId}</Text> <Text size={200}>{u.name}</Text>
              </div>
              <div className="buttons">
                <Badge color={u.onTime ? 'success' : 'warning'}>{u.onTime ? t.onTime : t.late}</Badge>
                <Badge
                  color={
                    u.review.state === 'returned'
                      ? 'danger'
                      : u.review.state === 'accepted'
                        ? 'success'
                        : 'informative'
                  }
                >
                  {t.reviewState[u.review.state]}
                </Badge>
                <Button size="small" disabled={busy} onClick={() => actions.review(u.unitId, 'accept')}>
                  {t.accept}
                </Button>
                <Button size="small" onClick={() => actions.startReturn(u.unitId)}>
                  {t.returnForCorrection}
                </Button>
              </div>
              {returning?.unitId === u.unitId && (
                <div className="stack">
                  <Field label={t.returnComment}>
                    <Textarea
                      value={returning.comment}
                      onChange={(_, d) => actions.editReturn(u.unitId, d.value)}
                    />
                  </Field>
                  <Button
                    size="small"
                    appearance="primary"
                    disabled={busy || !returning.comment.trim()}
                    onClick={() => actions.review(u.unitId, 'return', returning.comment)}
                  >
                    {t.confirmReturn}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
