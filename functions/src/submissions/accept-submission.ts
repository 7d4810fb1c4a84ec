/**
 * Accepting one submission, whatever it came as (a JSON body or an uploaded template workbook):
 * authorisation, period and unit, replay, template version, locked period, validation, then the
 * atomic accept. One path, so the two ways in cannot drift apart.
 */
import type { HttpResponseInit } from '@azure/functions';
import {
  attachCells,
  isActiveOn,
  isOnTime,
  normalizeSubmission,
  validateSubmission,
  type Period,
  type Submission,
  type Unit,
  type ValidationIssue,
  problem,
} from '../../../shared/src';
import type { Principal } from '../auth/principal';
import { withEffectiveLock, type CampaignContext } from '../catalog/lookups';
import { requireAllowed, type Call } from '../http/handler';
import { badRequest, HttpError, json } from '../http/responses';
import { contentHashOf, EntityTooLargeError, SubmissionIdReusedError } from '../storage/submission-store';

export interface AcceptOptions {
  /** Where each value came from in a worksheet: issue path (`values.key`, `unitId` …) → A1 cell. */
  cells?: Record<string, string>;
}

/**
 * A unit reports for a period only when it is active on the period's due date and the campaign had not ended
 * (docs/architecture.md "Units over time"): else 409, like a locked period — the request is well formed but the
 * registry's state refuses it. An admin may still back-fill.
 */
function refuseOutsideActiveTime(unit: Unit, period: Period, ctx: CampaignContext): void {
  if (period.afterEnd)
    throw new HttpError(
      409,
      problem('period_after_campaign_end', { periodId: period.id, endsOn: ctx.campaign.calendar.endsOn }),
    );
  if (isActiveOn(unit, period.due)) return;
  throw new HttpError(
    409,
    problem('unit_not_active', {
      unitId: unit.id,
      periodId: period.id,
      due: period.due,
      activeFrom: unit.activeFrom,
      activeUntil:
        unit.activeUntil !== undefined && period.due >= unit.activeUntil ? unit.activeUntil : undefined,
    }),
  );
}

export async function acceptSubmission(
  call: Call,
  principal: Principal,
  ctx: CampaignContext,
  body: Submission,
  options: AcceptOptions = {},
): Promise<HttpResponseInit> {
  const cells = options.cells ?? {};
  /** 400 naming the header value that is wrong, and its cell when the report came from a sheet. */
  const notInCampaign = (key: 'unitId' | 'periodId', code: 'unit_not_found' | 'period_not_found') => {
    const params = { [key]: body[key] };
    return badRequest(code, params, [
      problem(code, params, { path: key, key, ...(cells[key] ? { cell: cells[key] } : {}) }),
    ]);
  };
  requireAllowed(call, principal, {
    kind: 'submit',
    unitId: body.unitId,
    backfill: body.receivedAt !== undefined,
  });

  const calendarPeriod = ctx.periods.find((p) => p.id === body.periodId);
  if (!calendarPeriod) throw notInCampaign('periodId', 'period_not_found');
  // The effective lock (an admin's stored lock, else the calendar's) is read alongside the units.
  const [units, period] = await Promise.all([
    call.services.catalog.getUnits(ctx.campaign.id),
    withEffectiveLock(call.services, ctx.campaign.id, calendarPeriod),
  ]);
  const unit = units.find((u) => u.id === body.unitId);
  if (!unit) throw notInCampaign('unitId', 'unit_not_found');

  // The submissionId is bound to this unit, period and content in the whole campaign (one create on the
  // happy path, see SubmissionStore.claim). A true replay is answered from the stored receipt before
  // anything else can have changed since; the same id with anything different is 409.
  const submission: Submission = normalizeSubmission(body);
  const contentHash = contentHashOf(submission);
  const claim = await call.services.submissions.claim(
    ctx.campaign.id,
    body.submissionId,
    { unitId: body.unitId, periodId: body.periodId, contentHash },
    call.services.now(),
  );
  if (claim.kind === 'replay') return json(200, claim.receipt);
  if (claim.kind === 'reused') throw new SubmissionIdReusedError(body.submissionId, claim.differs);

  try {
    const versions = (await call.services.catalog.listTemplates(ctx.campaign.id)).filter(
      (t) => t.id === body.templateId,
    );
    const template = versions.find((t) => t.version === body.templateVersion);
    if (!template)
      throw badRequest('version_not_found', { templateId: body.templateId, version: body.templateVersion });
    if (template.kind !== period.templateKind)
      throw badRequest('wrong_template_kind', { kind: period.templateKind });
    const current = Math.max(...versions.map((t) => t.version));
    if (current > template.version) {
      throw new HttpError(
        409,
        problem('outdated_template', { templateId: template.id, sent: template.version, current }),
        { templateId: template.id, sentVersion: template.version, currentVersion: current },
      );
    }
    if (period.locked && !principal.roles.includes('admin')) {
      throw new HttpError(409, problem('period_locked', { periodId: period.id }));
    }
    if (!principal.roles.includes('admin')) refuseOutsideActiveTime(unit, period, ctx);

    const issues: ValidationIssue[] = attachCells(
      validateSubmission(template, submission, { maxNumber: call.services.settings.maxNumber }),
      cells,
    );
    if (issues.length) throw new HttpError(400, 'invalid_submission', issues);

    const receivedAt = (body.receivedAt ? new Date(body.receivedAt) : call.services.now()).toISOString();
    const onTime = isOnTime(receivedAt, period, ctx.campaign.timeZone);
    const { receipt, replayed } = await call.services.submissions.accept(ctx.campaign.id, submission, {
      receivedAt,
      onTime,
      contentHash,
    });
    return json(replayed ? 200 : 201, receipt);
  } catch (e) {
    // A refused report stored nothing: its id is free again for the corrected one.
    if (claim.etag && (e instanceof HttpError || e instanceof EntityTooLargeError))
      await call.services.submissions.release(ctx.campaign.id, body.submissionId, claim.etag);
    throw e;
  }
}
