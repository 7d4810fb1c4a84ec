/** Lookups every endpoint needs, answering 404 in the contract's shape when something is not there. */
import { expandCalendar, type Campaign, type Period } from '../../../shared/src';
import { httpMessages } from '../http/messages';
import { notFound } from '../http/responses';
import type { Services } from '../services';

export interface CampaignContext {
  campaign: Campaign;
  periods: Period[];
}

export async function requireCampaign(services: Services, campaignId: string): Promise<CampaignContext> {
  const campaign = await services.catalog.getCampaign(campaignId);
  if (!campaign) throw notFound(httpMessages.campaignNotFound(campaignId));
  return { campaign, periods: expandCalendar(campaign.calendar) };
}

export function requirePeriod(ctx: CampaignContext, periodId: string): Period {
  const period = ctx.periods.find((p) => p.id === periodId);
  if (!period) throw notFound(httpMessages.periodNotFound(periodId));
  return period;
}
