/**
 * GET /api/campaigns/{campaignId}/progress[?from=&to=] — reviewer or admin: the standing office's progress,
 * every reporting unit × the periods from `from` to `to` (period ids or ISO dates, both optional) with the
 * unit's state in each, and counts per period (shared/src/progress.ts). The latest rows of each period's
 * partition are one range query each, a few periods at a time.
 */
import { z } from 'zod';
import {
  computeProgress,
  periodRange,
  ProgressAnswerSchema,
  type LatestOfPeriod,
  type StoredSubmission,
} from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { HttpError, json } from '../http/responses';

/** Periods read at once: a year of a campaign (4–5 periods) in one round, without flooding the account. */
const CONCURRENCY = 4;

export const progressGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-rollup' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!, { allUnits: true });
  const query = (name: 'from' | 'to') => {
    const v = call.request.query.get(name);
    return v === null ? undefined : v;
  };
  const range = periodRange(ctx.periods, query('from'), query('to'));
  if (!range.ok) throw new HttpError(400, range.problem);
  const { submissions } = call.services;
  const units = ctx.units;

  const latest = new Map<string, Map<string, LatestOfPeriod>>();
  const ids = range.periods.map((p) => p.id);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const periodId = ids[next++]!;
      const rows: StoredSubmission[] = await submissions.latest(ctx.campaign.id, periodId);
      latest.set(
        periodId,
        new Map(
          rows.map((s) => [
            s.unitId,
            { revision: s.revision, receivedAt: s.receivedAt, onTime: s.onTime, review: s.review },
          ]),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(CONCURRENCY, ids.length)) }, worker));

  const now = call.services.now();
  const office = units.find((u) => u.id === ctx.campaign.standingOffice);
  return json(200, {
    campaignId: ctx.campaign.id,
    timeZone: ctx.campaign.timeZone,
    now: now.toISOString(),
    standingOffice: {
      unitId: ctx.campaign.standingOffice,
      name: office?.name ?? ctx.campaign.standingOffice,
    },
    ...computeProgress({
      periods: range.periods,
      units,
      latest,
      now,
      timeZone: ctx.campaign.timeZone,
    }),
  });
});

registerHttp({
  name: 'progress-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/progress',
  handler: progressGet,
  doc: {
    summary: 'Every reporting unit × a range of periods, with counts',
    tag: 'roll-up',
    access: { roles: ['reviewer', 'admin'] },
    query: {
      from: { schema: z.string(), description: 'first period: its id or an ISO date (included)' },
      to: { schema: z.string(), description: 'last period: its id or an ISO date (included)' },
    },
    responses: {
      200: {
        description: 'The progress',
        json: ProgressAnswerSchema,
      },
    },
    errors: { 404: ['campaign_not_found'] },
  },
});
