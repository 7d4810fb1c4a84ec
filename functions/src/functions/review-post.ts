/**
 * POST /api/campaigns/{campaignId}/submissions/{unitId}/{periodId}/review — reviewer or admin: accept or return
 * `{ action, comment?, fields?, revision? }`. `fields` (with `return` only) comments on fields of the template
 * (key → text; keys must exist in the reviewed revision's template, ≤ 30, each ≤ 300 characters, NFC); the
 * clerk's calendar and sheet show them. A locked period (the effective lock: an admin's stored lock, else the
 * calendar's) is closed to every write but an admin's: a reviewer's accept or return there is refused 409
 * `period_locked` (the same rule and code as a clerk's submission). Several at once: reviews-post.ts.
 */
import { ReviewActionSchema, ReviewAnswerSchema } from '../../../shared/src';
import { requireCampaign, requirePeriod, withEffectiveLock } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { HttpError, json } from '../http/responses';
import { reviewReport } from '../submissions/review-report';

export const reviewPost = endpoint(async (call) => {
  const { unitId, periodId, campaignId } = call.request.params as Record<string, string>;
  const principal = await allowed(call, { kind: 'review' });
  const ctx = await requireCampaign(call.services, campaignId!);
  const period = await withEffectiveLock(call.services, ctx.campaign.id, requirePeriod(ctx, periodId!));
  if (period.locked && !principal.roles.includes('admin'))
    throw new HttpError(409, { code: 'period_locked', params: { periodId: period.id } });
  const parsed = ReviewActionSchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const updated = await reviewReport(call, principal, ctx, period, unitId!, parsed.data);
  return json(200, { unitId, periodId: period.id, revision: updated.revision, review: updated.review });
});

registerHttp({
  name: 'review-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/submissions/{unitId}/{periodId}/review',
  handler: reviewPost,
  doc: {
    summary: 'Accept or return a unit’s latest report',
    description: 'In a locked period only an admin may review (409 `period_locked`)',
    tag: 'reviews',
    access: { roles: ['reviewer', 'admin'] },
    body: { json: ReviewActionSchema, example: { action: 'return', comment: 'Please add the models' } },
    responses: { 200: { description: 'The review as stored', json: ReviewAnswerSchema } },
    errors: { 404: ['campaign_not_found', 'period_not_found', 'nothing_to_review'], 409: ['period_locked'] },
  },
});
