/**
 * The history hints of one report, server side (docs/architecture.md, "Domain": history hints): the unit's
 * latest reports in the period's history periods (point reads, a few at a time), by the campaign's thresholds;
 * the test itself is shared/src/history-hints.ts.
 */
import { hintSettingsOf, historyPeriodsOf, type HistoryPoint, type Period } from '../../../shared/src';
import type { CampaignContext } from '../catalog/lookups';
import type { Services } from '../services';

/** The periods whose reports are the period's history, by the campaign's settings. */
export function historyPeriodsOfCampaign(ctx: CampaignContext, period: Period): Period[] {
  const settings = hintSettingsOf(ctx.campaign.hints);
  return settings.enabled ? historyPeriodsOf(period, ctx.periods, settings.lastPeriods) : [];
}

/** The unit's history for a period: its latest report in each history period, oldest first. */
export async function unitHistory(
  services: Services,
  ctx: CampaignContext,
  period: Period,
  unitId: string,
): Promise<HistoryPoint[]> {
  const periods = historyPeriodsOfCampaign(ctx, period);
  if (periods.length === 0) return [];
  const latest = await services.submissions.latestOfUnit(
    ctx.campaign.id,
    periods.map((p) => p.id),
    unitId,
  );
  return periods.flatMap((p) => {
    const s = latest.get(p.id);
    return s ? [{ periodId: p.id, values: s.values }] : [];
  });
}
