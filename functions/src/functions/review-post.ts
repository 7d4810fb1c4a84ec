/**
 * POST /api/campaigns/{campaignId}/submissions/{unitId}/{periodId}/review — reviewer or admin: accept or return.
 * A locked period (the effective lock: an admin's stored lock, else the calendar's) is closed to every write but an admin's: a reviewer's accept or return there is
 * refused 409 `period_locked` (the same rule and code as a clerk's submission).
 */
import { nfc, ReviewActionSchema } from '../../../shared/src';
import { requireCampaign, requirePeriod, withEffectiveLock } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { HttpError, json, notFound } from '../http/responses';

export const reviewPost = endpoint(async (call) => {
  const { unitId, periodId, campaignId } = call.request.params as Record<string, string>;
  const principal = await allowed(call, { kind: 'review' });
  const ctx = await requireCampaign(call.services, campaignId!);
  const period = await withEffectiveLock(call.services, ctx.campaign.id, requirePeriod(ctx, periodId!));
  if (period.locked && !principal.roles.includes('admin'))
    throw new HttpError(409, { code: 'period_locked', params: { periodId: period.id } });
  const parsed = ReviewActionSchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const comment = parsed.data.comment !== undefined ? nfc(parsed.data.comment).trim() : undefined;
  const updated = await call.services.submissions.review(ctx.campaign.id, period.id, unitId!, {
    state: parsed.data.action === 'accept' ? 'accepted' : 'returned',
    ...(comment ? { comment } : {}),
    by: principal.name ?? principal.subject,
    at: call.services.now().toISOString(),
  });
  if (!updated) throw notFound('nothing_to_review', { unitId: unitId!, periodId: period.id });
  return json(200, { unitId, periodId: period.id, revision: updated.revision, review: updated.review });
});

registerHttp({
  name: 'review-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/submissions/{unitId}/{periodId}/review',
  handler: reviewPost,
});
