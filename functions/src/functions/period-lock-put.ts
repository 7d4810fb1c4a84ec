/**
 * PUT /api/campaigns/{campaignId}/periods/{periodId}/lock — admin: `{ locked, reason }` locks or unlocks a
 * period. The state is stored with who and when, and every change is kept as an audit row
 * (storage/period-locks.ts); it overrides the calendar's static lock. In a locked period only an admin
 * may submit or review (409 `period_locked`).
 */
import { LockBodySchema, nfc, PeriodLockAnswerSchema } from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';

export const periodLockPut = endpoint(async (call) => {
  const { campaignId, periodId } = call.request.params as Record<string, string>;
  const principal = await allowed(call, { kind: 'lock-period' });
  const ctx = await requireCampaign(call.services, campaignId!);
  const period = requirePeriod(ctx, periodId!);
  const parsed = LockBodySchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const lock = await call.services.locks.set(ctx.campaign.id, {
    periodId: period.id,
    locked: parsed.data.locked,
    reason: nfc(parsed.data.reason),
    by: principal.name ?? principal.subject,
    at: call.services.now().toISOString(),
  });
  return json(200, { campaignId: ctx.campaign.id, ...lock, calendarLocked: period.locked });
});

registerHttp({
  name: 'period-lock-put',
  methods: ['PUT'],
  route: 'campaigns/{campaignId}/periods/{periodId}/lock',
  handler: periodLockPut,
  doc: {
    summary: 'Lock or unlock a period',
    description:
      'Stored with who and when, every change kept; overrides the calendar’s lock. In a locked period only an admin may submit or review',
    tag: 'campaigns',
    access: { roles: ['admin'] },
    body: { json: LockBodySchema, example: { locked: false, reason: 'Reopened for corrections' } },
    responses: { 200: { description: 'The lock as stored', json: PeriodLockAnswerSchema } },
    errors: { 404: ['campaign_not_found', 'period_not_found'] },
  },
});
