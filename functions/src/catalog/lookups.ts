/** Lookups every endpoint needs, answering 404 in the contract's shape when something is not there. */
import { expandCalendar, type Campaign, type Period } from '../../../shared/src';
import { notFound } from '../http/responses';
import type { Services } from '../services';
import { effectiveLock } from '../storage/period-locks';

export interface CampaignContext {
  campaign: Campaign;
  periods: Period[];
}

export async function requireCampaign(services: Services, campaignId: string): Promise<CampaignContext> {
  const campaign = await services.catalog.getCampaign(campaignId);
  if (!campaign) throw notFound('campaign_not_found', { campaignId });
  return { campaign, periods: expandCalendar(campaign.calendar) };
}

export function requirePeriod(ctx: CampaignContext, periodId: string): Period {
  const period = ctx.periods.find((p) => p.id === periodId);
  if (!period) throw notFound('period_not_found', { periodId });
  return period;
}

/** The campaign's periods with their effective locks (stored by an admin, else the calendar's): one query. */
export async function withEffectiveLocks(services: Services, ctx: CampaignContext): Promise<CampaignContext> {
  const stored = await services.locks.list(ctx.campaign.id);
  return { ...ctx, periods: ctx.periods.map((p) => effectiveLock(p, stored)) };
}

/** One period with its effective lock: a point read. */
export async function withEffectiveLock(
  services: Services,
  campaignId: string,
  period: Period,
): Promise<Period> {
  const lock = await services.locks.get(campaignId, period.id);
  return lock === undefined ? period : { ...period, locked: lock.locked };
}
