/** The standing office: refresh the summary sheets of a period, and accept or return units' reports. */
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  buildSummarySheets,
  currentPeriod,
  localize,
  samePeriodLastYear,
  type Rollup,
} from '../../../shared/src';
import { ChoiceField } from './ChoiceField';
import { useCampaigns, type PanelProps } from './panel-props';
import { readToken } from './settings';

export function SummaryPanel({ api, gateway, settings, t }: PanelProps) {
  const lang = settings.lang;
  const [campaignId, setCampaignId] = useState('');
  const [periodId, setPeriodId] = useState('');
  const [rollup, setRollup] = useState<Rollup>();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string }>();
  const [returning, setReturning] = useState<{ unitId: string; comment: string }>();

  const campaigns = useCampaigns(
    api,
    (list) => {
      // The standing office starts on the campaign it is the standing office of.
      const office = readToken(settings.token)?.unitId;
      const first = list.find((c) => c.standingOffice === office) ?? list[0];
      if (first) {
        setCampaignId(first.id);
        setPeriodId(currentPeriod(first.periods, new Date(), first.timeZone)?.id ?? '');
      }
    },
    (e) => setMessage({ intent: 'error', text: e.message }),
  );

  const campaign = campaigns.find((c) => c.id === campaignId);
  const period = campaign?.periods.find((p) => p.id === periodId);

  async function refresh() {
    if (!campaign || !period) return;
    setMessage(undefined);
    try {
      setBusy(t.fetchingRollup);
      const r = await api.rollup(campaign.id, period.id);
      setRollup(r);
      const previousPeriod = samePeriodLastYear(period, campaign.periods);
      const sheets = buildSummarySheets(r, {
        campaign,
        period,
        ...(previousPeriod ? { previousPeriod } : {}),
        lang,
        generatedAt: new Date().toISOString(),
      });
      setBusy(t.writingSheets(0, sheets.length));
      await gateway.writeSheets(sheets, (done, total) => setBusy(t.writingSheets(done, total)));
      setMessage({
        intent: 'success',
        text: t.summaryWritten(sheets.length, r.completeness.submitted, r.completeness.expected),
      });
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(undefined);
    }
  }

  async function review(unitId: string, action: 'accept' | 'return', comment?: string) {
    if (!campaign || !period) return;
    try {
      const r = await api.review(campaign.id, unitId, period.id, action, comment);
      setRollup(
        (old) =>
          old && {
            ...old,
            units: old.units.map((u) => (u.unitId === unitId ? { ...u, review: r.review } : u)),
          },
      );
      setMessage({ intent: 'success', text: t.reviewDone(unitId, t.reviewState[r.review.state]) });
      setReturning(undefined);
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    }
  }

  if (!campaign) return <Spinner label={t.loading} />;
  return (
    <div className="stack">
      {campaigns.length > 1 && (
        <ChoiceField
          label={t.campaign}
          value={campaignId}
          options={campaigns.map((c) => ({ value: c.id, label: localize(c.name, lang) }))}
          onChange={(id) => (setCampaignId(id), setPeriodId(''), setRollup(undefined))}
        />
      )}
      <ChoiceField
        label={t.period}
        value={periodId}
        options={campaign.periods.map((p) => ({ value: p.id, label: localize(p.label, lang) }))}
        onChange={(id) => (setPeriodId(id), setRollup(undefined))}
        testId="summary-period"
      />
      <Button
        appearance="primary"
        disabled={!!busy || !period}
        onClick={() => void refresh()}
        data-testid="refresh-summary"
      >
        {t.refreshSummary}
      </Button>
      {busy && <Spinner size="small" label={busy} />}
      {message && (
        <MessageBar intent={message.intent} data-testid="summary-status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
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
                <Button size="small" onClick={() => void review(u.unitId, 'accept')}>
                  {t.accept}
                </Button>
                <Button size="small" onClick={() => setReturning({ unitId: u.unitId, comment: '' })}>
                  {t.returnForCorrection}
                </Button>
              </div>
              {returning?.unitId === u.unitId && (
                <div className="stack">
                  <Field label={t.returnComment}>
                    <Textarea
                      value={returning.comment}
                      onChange={(_, d) => setReturning({ unitId: u.unitId, comment: d.value })}
                    />
                  </Field>
                  <Button
                    size="small"
                    appearance="primary"
                    disabled={!returning.comment.trim()}
                    onClick={() => void review(u.unitId, 'return', returning.comment)}
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
