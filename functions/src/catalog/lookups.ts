/** Lookups every endpoint needs, answering 404 in the contract's shape when something is not there. */
import { expandCalendar, type Campaign, type Period } from '../../../shared/src';
import { notFound } from '../http/responses';
import type { Services } from '../services';

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
