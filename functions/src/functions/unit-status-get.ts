/**
 * GET /api/campaigns/{campaignId}/units/{unitId}/status — the unit's clerk, reviewer, admin: the unit's
 * calendar, every period of the campaign with its state (`upcoming`, `open`, `overdue`, `submitted`,
 * `returned`, `accepted`, or `not_expected` where the unit was not active on the due date or the campaign had
 * ended; shared/src/unit-calendar.ts), the latest receipt and review, and the effective
 * lock. The unit's latest row of each period is a point read, a few at a time.
 */
import {
  isExpectedToReport,
  type LatestOfPeriod,
  unitCalendar,
  UnitStatusAnswerSchema,
} from '../../../shared/src';
import { requireCampaign, withEffectiveLocks } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json, notFound } from '../http/responses';

export const unitStatusGet = endpoint(async (call) => {
  const { campaignId, unitId } = call.request.params as Record<string, string>;
  await allowed(call, { kind: 'read-submissions', unitId: unitId! });
  const ctx = await requireCampaign(call.services, campaignId!, { allUnits: true }).then((c) =>
    withEffectiveLocks(call.services, c),
  );
  const units = ctx.units;
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw notFound('unit_not_found', { unitId: unitId! });
  const latest = await call.services.submissions.latestOfUnit(
    ctx.campaign.id,
    ctx.periods.map((p) => p.id),
    unitId!,
  );
  const byPeriod = new Map<string, LatestOfPeriod>(
    [...latest].map(([periodId, s]) => [
      periodId,
      { revision: s.revision, receivedAt: s.receivedAt, onTime: s.onTime, review: s.review },
    ]),
  );
  const now = call.services.now();
  return json(200, {
    campaignId: ctx.campaign.id,
    unitId,
    timeZone: ctx.campaign.timeZone,
    now: now.toISOString(),
    periods: unitCalendar(ctx.periods, byPeriod, now, ctx.campaign.timeZone, (p) =>
      isExpectedToReport(unit, p),
    ),
  });
});

registerHttp({
  name: 'unit-status-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/units/{unitId}/status',
  handler: unitStatusGet,
  doc: {
    summary: 'A unit’s calendar: every period with its state',
    description:
      'States `upcoming` (due more than 30 days ahead), `open`, `overdue`, `submitted`, `returned`, `accepted`; days left in the campaign’s time zone, the latest receipt and review, the effective lock',
    tag: 'submissions',
    access: { roles: ['clerk', 'reviewer', 'admin'], clerkOwnUnit: true },
    responses: { 200: { description: 'The calendar', json: UnitStatusAnswerSchema } },
    errors: { 404: ['campaign_not_found', 'unit_not_found'] },
  },
});
