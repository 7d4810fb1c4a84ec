/**
 * Accepting one submission, whatever it came as (a JSON body or an uploaded template workbook):
 * authorisation, replay, period and unit, template version, locked period, validation, then the
 * atomic accept. One path, so the two ways in cannot drift apart.
 *
 * One round trip before the write (docs/architecture.md, "Accepting a report"): the submissionId's claim,
 * the catalogue (validated by its stamp, from memory when warm) and the unit's latest row (a point read
 * when the store holds no hint) are read in parallel; then the one transaction.
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
import type { CatalogueView } from '../catalog/catalogue-cache';
import { requireAllowed, type Call } from '../http/handler';
import { badRequest, HttpError, json, notFound } from '../http/responses';
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
function refuseOutsideActiveTime(unit: Unit, period: Period, view: CatalogueView): void {
  if (period.afterEnd)
    throw new HttpError(
      409,
      problem('period_after_campaign_end', { periodId: period.id, endsOn: view.campaign.calendar.endsOn }),
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
  /** The caller, resolving alongside the reads (http/handler.ts authenticateAlongside). */
  caller: Promise<Principal>,
  campaignId: string,
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
  const { submissions, catalogue } = call.services;

  // The submissionId is bound to this unit, period and content in the whole campaign (one create on the
  // happy path, see SubmissionStore.claim). A true replay is answered from the stored receipt before
  // anything else can have changed since; the same id with anything different is 409.
  const submission: Submission = normalizeSubmission(body);
  const contentHash = contentHashOf(submission);
  const [authenticated, claimed, viewed, guessed] = await Promise.allSettled([
    caller,
    submissions.claim(
      campaignId,
      body.submissionId,
      { unitId: body.unitId, periodId: body.periodId, contentHash },
      call.services.now(),
    ),
    catalogue.view(campaignId, { templates: true, unitId: body.unitId, periodId: body.periodId }),
    submissions.guessLatest(campaignId, body.periodId, body.unitId),
  ]);
  // Nothing read is answered before the caller is authorised; a claim it may not make is given up.
  const release = async () => {
    if (claimed.status === 'fulfilled' && claimed.value.kind === 'new' && claimed.value.etag)
      await submissions.release(campaignId, body.submissionId, claimed.value.etag);
  };
  try {
    if (authenticated.status === 'rejected') throw authenticated.reason;
    requireAllowed(call, authenticated.value, {
      kind: 'submit',
      unitId: body.unitId,
      backfill: body.receivedAt !== undefined,
    });
  } catch (e) {
    await release();
    throw e;
  }
  const principal = authenticated.value;
  if (claimed.status === 'rejected') throw claimed.reason;
  const claim = claimed.value;
  if (claim.kind === 'replay') return json(200, claim.receipt);
  if (claim.kind === 'reused') throw new SubmissionIdReusedError(body.submissionId, claim.differs);

  let writing = false;
  try {
    if (viewed.status === 'rejected') throw viewed.reason;
    if (guessed.status === 'rejected') throw guessed.reason;
    const view = viewed.value;
    if (!view) throw notFound('campaign_not_found', { campaignId });
    const calendarPeriod = view.periods.find((p) => p.id === body.periodId);
    if (!calendarPeriod) throw notInCampaign('periodId', 'period_not_found');
    // The effective lock: an admin's stored lock, else the calendar's.
    const period = view.lock === undefined ? calendarPeriod : { ...calendarPeriod, locked: view.lock.locked };
    const unit = view.unit;
    if (!unit) throw notInCampaign('unitId', 'unit_not_found');

    const versions = view.templates.filter((t) => t.id === body.templateId);
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
    if (!principal.roles.includes('admin')) refuseOutsideActiveTime(unit, period, view);

    const issues: ValidationIssue[] = attachCells(
      validateSubmission(template, submission, { maxNumber: call.services.settings.maxNumber }),
      cells,
    );
    if (issues.length) throw new HttpError(400, 'invalid_submission', issues);

    const receivedAt = (body.receivedAt ? new Date(body.receivedAt) : call.services.now()).toISOString();
    const onTime = isOnTime(receivedAt, period, view.campaign.timeZone);
    writing = true;
    const { receipt, replayed } = await submissions.accept(campaignId, submission, {
      receivedAt,
      onTime,
      contentHash,
      guess: guessed.value,
    });
    return json(replayed ? 200 : 201, receipt);
  } catch (e) {
    // A refused report stored nothing (nor did a request that failed before its write): its id is free
    // again for the corrected one.
    if (!writing || e instanceof HttpError || e instanceof EntityTooLargeError) await release();
    throw e;
  }
}
