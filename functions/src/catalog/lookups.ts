/** Lookups every endpoint needs, answering 404 in the contract's shape when something is not there. */
import { type Campaign, type Period, type Scoring } from '../../../shared/src';
import { badRequest, notFound } from '../http/responses';
import type { Services } from '../services';
import type { CatalogueNeeds, CatalogueView } from './catalogue-cache';
import { effectiveLock } from '../storage/period-locks';

export interface CampaignContext {
  campaign: Campaign;
  periods: Period[];
}

/**
 * The campaign and what the endpoint needs of its catalogue (templates, the registry, a unit, a period's
 * stored lock), through the instance's catalogue cache (docs/architecture.md, "The catalogue cache").
 */
export async function requireCampaign(
  services: Services,
  campaignId: string,
  needs: CatalogueNeeds = {},
): Promise<CatalogueView> {
  const view = await services.catalogue.view(campaignId, needs);
  if (!view) throw notFound('campaign_not_found', { campaignId });
  return view;
}

export function requirePeriod(ctx: CampaignContext, periodId: string): Period {
  const period = ctx.periods.find((p) => p.id === periodId);
  if (!period) throw notFound('period_not_found', { periodId });
  return period;
}

/** The campaign's periods with their effective locks (stored by an admin, else the calendar's): one query. */
export async function withEffectiveLocks<C extends CampaignContext>(services: Services, ctx: C): Promise<C> {
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

/** The campaign's scoring scheme (bình xét thi đua); 404 `ranking_not_configured` without one. */
export function requireScoring(ctx: CampaignContext): Scoring {
  if (ctx.campaign.scoring === undefined)
    throw notFound('ranking_not_configured', { campaignId: ctx.campaign.id });
  return ctx.campaign.scoring;
}

/** A year of the campaign's calendar, from a path or query parameter; 400 `invalid_ranking_year` else. */
export function requireYear(ctx: CampaignContext, raw: string | null | undefined): number {
  const year = raw !== null && raw !== undefined && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  const { firstYear, lastYear } = ctx.campaign.calendar;
  if (!(year >= firstYear && year <= lastYear))
    throw badRequest('invalid_ranking_year', { value: raw ?? '' });
  return year;
}
