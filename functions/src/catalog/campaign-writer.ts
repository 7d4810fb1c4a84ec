/**
 * Creating or updating a campaign and its unit registry: the one path for POST /api/campaigns and for
 * the campaigns loaded from the repository's campaigns/ folder (seed-campaigns.ts), so the demo's
 * campaigns are made the way an admin makes one (docs/architecture.md, "Campaigns").
 *
 * An update may change anything but may not orphan stored reports: a period that disappears from the
 * calendar while units have reported for it is refused with 409 `period_has_reports` (the admin keeps
 * it, and may lock it). The registry is written before the campaign, so a campaign is never listed
 * without its units.
 */
import { expandCalendar, problem, type CampaignDefinition } from '../../../shared/src';
import { HttpError } from '../http/responses';
import type { Services } from '../services';

export interface SaveCampaignOptions {
  /**
   * Keep a stored unit registry (the seed at start: an admin may have edited the registry since);
   * an admin's POST replaces it.
   */
  keepRegistry?: boolean;
}

/** At most this many removed periods are checked for reports at a time. */
const CHECK_CONCURRENCY = 8;

export async function saveCampaign(
  services: Services,
  def: CampaignDefinition,
  options: SaveCampaignOptions = {},
): Promise<{ created: boolean; unitsWritten: boolean }> {
  const { campaign, units } = def;
  const existing = await services.catalog.getCampaign(campaign.id);
  if (existing) {
    const kept = new Set(expandCalendar(campaign.calendar).map((p) => p.id));
    const removed = expandCalendar(existing.calendar)
      .map((p) => p.id)
      .filter((id) => !kept.has(id));
    const withReports: string[] = [];
    for (let i = 0; i < removed.length; i += CHECK_CONCURRENCY) {
      const batch = removed.slice(i, i + CHECK_CONCURRENCY);
      const answers = await Promise.all(batch.map((p) => services.submissions.hasReports(campaign.id, p)));
      batch.forEach((p, k) => answers[k] && withReports.push(p));
    }
    if (withReports.length)
      throw new HttpError(409, problem('period_has_reports', { periods: withReports }), {
        periods: withReports,
      });
  }
  let unitsWritten = false;
  if (!options.keepRegistry || (await services.catalog.getUnits(campaign.id)).length === 0) {
    await services.catalog.putUnits(campaign.id, units);
    unitsWritten = true;
  }
  await services.catalog.putCampaign(campaign);
  return { created: !existing, unitsWritten };
}
