/**
 * POST /api/campaigns/{campaignId}/reviews — reviewer or admin: several reviews at once,
 * `{ reviews: [{ unitId, periodId, action, comment?, fields?, revision? }] }` (1–100 items; each item as the body
 * of POST …/review, see review-post.ts).
 *
 * Per item, not all or nothing: the items live in different partitions (one per period), which no storage
 * transaction spans, and one report that changed meanwhile should not hold back the others. So a body that is
 * valid as a whole is answered 200 with one result per item, in order: `{ unitId, periodId, ok: true, revision,
 * review }` or `{ unitId, periodId, ok: false, status, error: { code, message, params?, details? } }` (409
 * `period_locked` for a reviewer in a locked period, 404 `nothing_to_review`, 409 `revision_conflict`, 400 for
 * unknown field keys) — the same codes the per-unit endpoint answers. A body that is not valid is 400 and
 * reviews nothing. Items run one after another (each is one guarded transaction). Storage that fails midway is
 * answered 503 for the whole call; the items before it stay reviewed, and sending the list again is harmless (a
 * review of the same revision is recorded again, with the same outcome).
 */
import { z } from 'zod';
import { BulkReviewSchema, languageFromHeader } from '../../../shared/src';
import { requireCampaign, withEffectiveLocks } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { HttpError, json } from '../http/responses';
import { RevisionConflictError } from '../storage/submission-store';
import { reviewReport } from '../submissions/review-report';

export const reviewsPost = endpoint(async (call) => {
  const { campaignId } = call.request.params as Record<string, string>;
  const principal = await allowed(call, { kind: 'review' });
  const lang = languageFromHeader(call.request.headers.get('accept-language'));
  const ctx = await requireCampaign(call.services, campaignId!).then((c) =>
    withEffectiveLocks(call.services, c),
  );
  const parsed = BulkReviewSchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);

  const results = [];
  for (const item of parsed.data.reviews) {
    const { unitId, periodId, ...action } = item;
    try {
      const period = ctx.periods.find((p) => p.id === periodId);
      if (!period) throw new HttpError(404, { code: 'period_not_found', params: { periodId } });
      const updated = await reviewReport(call, principal, ctx, period, unitId, action);
      results.push({ unitId, periodId, ok: true, revision: updated.revision, review: updated.review });
    } catch (e) {
      const failure =
        e instanceof HttpError
          ? e
          : e instanceof RevisionConflictError
            ? new HttpError(409, 'revision_conflict')
            : undefined;
      if (!failure) throw e; // storage unavailable and the like: the whole call is answered as such
      // The same error body the per-unit endpoint would answer, rendered in the caller's language.
      const body = failure.toResponse(lang).jsonBody as { error: unknown };
      results.push({ unitId, periodId, ok: false, status: failure.status, error: body.error });
    }
  }
  return json(200, {
    campaignId: ctx.campaign.id,
    reviewed: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
    results,
  });
});

registerHttp({
  name: 'reviews-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/reviews',
  handler: reviewsPost,
  doc: {
    summary: 'Several reviews at once, answered per item',
    description:
      'A body valid as a whole is answered 200 with one result per item, in order: `ok: true` with the review, or `ok: false` with the status and error the per-unit review would have answered',
    tag: 'reviews',
    access: { roles: ['reviewer', 'admin'] },
    body: {
      json: BulkReviewSchema,
      example: { reviews: [{ unitId: 'PC06', periodId: '2022-Q3', action: 'accept' }] },
    },
    responses: {
      200: {
        description: 'One result per item',
        json: z.looseObject({
          campaignId: z.string(),
          reviewed: z.number().int(),
          failed: z.number().int(),
          results: z.array(
            z.looseObject({
              unitId: z.string(),
              periodId: z.string(),
              ok: z.boolean(),
              status: z.number().int().optional(),
            }),
          ),
        }),
      },
    },
    errors: { 404: ['campaign_not_found'] },
  },
});
