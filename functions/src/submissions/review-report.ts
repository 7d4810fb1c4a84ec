/**
 * Accepting or returning one unit's report, whatever the way in (POST …/review for one, POST …/reviews for
 * several): the lock, the revision reviewed, field comments checked against that revision's template, then the
 * store's guarded review. One path, so the two endpoints cannot drift apart.
 */
import {
  nfc,
  normalizeReviewFields,
  problem,
  reviewFieldProblems,
  type Period,
  type ReviewAction,
  type StoredSubmission,
} from '../../../shared/src';
import type { Principal } from '../auth/principal';
import { requireCampaign, type CampaignContext } from '../catalog/lookups';
import type { Call } from '../http/handler';
import { badRequest, HttpError, notFound } from '../http/responses';
import { RevisionConflictError } from '../storage/submission-store';

/**
 * Reviews the unit's latest revision of `period` (its effective lock already applied). Throws HttpError:
 * 409 `period_locked` (not an admin), 404 `nothing_to_review`, 409 `revision_conflict`, 400 for field
 * comments on keys the template does not have.
 */
export async function reviewReport(
  call: Call,
  principal: Principal,
  ctx: CampaignContext,
  period: Period,
  unitId: string,
  action: ReviewAction,
): Promise<StoredSubmission> {
  if (period.locked && !principal.roles.includes('admin'))
    throw new HttpError(409, problem('period_locked', { periodId: period.id }));
  const comment = action.comment !== undefined ? nfc(action.comment).trim() : undefined;
  const fields = action.action === 'return' ? normalizeReviewFields(action.fields) : undefined;
  let revision = action.revision;
  if (fields) {
    // Field comments are about the revision reviewed: its template must have the keys.
    const [latest] = await call.services.submissions.latest(ctx.campaign.id, period.id, unitId);
    if (!latest) throw notFound('nothing_to_review', { unitId, periodId: period.id });
    if (revision !== undefined && revision !== latest.revision)
      throw new RevisionConflictError(revision, latest.revision);
    revision = latest.revision;
    const template = (
      await requireCampaign(call.services, ctx.campaign.id, { templates: true })
    ).templates.find((t) => t.id === latest.templateId && t.version === latest.templateVersion);
    const unknown = template ? reviewFieldProblems(template, fields) : [];
    if (unknown.length) throw badRequest('invalid_body', undefined, unknown);
  }
  const updated = await call.services.submissions.review(ctx.campaign.id, period.id, unitId, {
    state: action.action === 'accept' ? 'accepted' : 'returned',
    ...(comment ? { comment } : {}),
    ...(fields ? { fields } : {}),
    ...(revision !== undefined ? { revision } : {}),
    by: principal.name ?? principal.subject,
    at: call.services.now().toISOString(),
  });
  if (!updated) throw notFound('nothing_to_review', { unitId, periodId: period.id });
  return updated;
}
