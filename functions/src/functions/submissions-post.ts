/**
 * POST /api/campaigns/{campaignId}/submissions — a clerk for their unit, or an admin.
 * 201 with the receipt; a replayed submissionId → 200 and the same receipt, nothing stored;
 * 400 invalid (issues name field keys); 403 other unit; 409 locked period or outdated template;
 * 413 too large. An admin may pass `receivedAt` to back-fill a paper report.
 */
import {
  isOnTime,
  normalizeSubmission,
  SubmissionSchema,
  validateSubmission,
  type Submission,
} from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { authenticate, endpoint, readJson, requireAllowed, schemaIssues } from '../http/handler';
import { httpMessages } from '../http/messages';
import { registerHttp } from '../http/register';
import { badRequest, HttpError, json } from '../http/responses';

export const submissionsPost = endpoint(async (call) => {
  const principal = await authenticate(call);
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!);
  const parsed = SubmissionSchema.safeParse(await readJson(call));
  if (!parsed.success) throw badRequest(httpMessages.invalidBody, schemaIssues(parsed.error.issues));
  const body = parsed.data;
  requireAllowed(principal, { kind: 'submit', unitId: body.unitId, backfill: body.receivedAt !== undefined });

  const period = ctx.periods.find((p) => p.id === body.periodId);
  if (!period)
    throw badRequest(httpMessages.periodNotFound(body.periodId), [
      { path: 'periodId', key: 'periodId', message: httpMessages.periodNotFound(body.periodId) },
    ]);
  const units = await call.services.catalog.getUnits(ctx.campaign.id);
  if (!units.some((u) => u.id === body.unitId)) {
    throw badRequest(httpMessages.unitNotFound(body.unitId), [
      { path: 'unitId', key: 'unitId', message: httpMessages.unitNotFound(body.unitId) },
    ]);
  }

  // A replay is answered from the stored receipt before anything else can have changed since.
  const previous = await call.services.submissions.findReceipt(
    ctx.campaign.id,
    body.periodId,
    body.submissionId,
  );
  if (previous) return json(200, previous);

  const versions = (await call.services.catalog.listTemplates(ctx.campaign.id)).filter(
    (t) => t.id === body.templateId,
  );
  const template = versions.find((t) => t.version === body.templateVersion);
  if (!template) throw badRequest(httpMessages.unknownTemplateVersion(body.templateId, body.templateVersion));
  if (template.kind !== period.templateKind)
    throw badRequest(httpMessages.wrongTemplateKind(period.templateKind));
  const current = Math.max(...versions.map((t) => t.version));
  if (current > template.version) {
    throw new HttpError(
      409,
      'outdated_template',
      httpMessages.outdatedTemplate(template.id, template.version, current),
      {
        templateId: template.id,
        sentVersion: template.version,
        currentVersion: current,
      },
    );
  }
  if (period.locked && !principal.roles.includes('admin')) {
    throw new HttpError(409, 'period_locked', httpMessages.periodLocked(period.id));
  }

  const submission: Submission = normalizeSubmission(body);
  const issues = validateSubmission(template, submission);
  if (issues.length) throw new HttpError(400, 'invalid_submission', httpMessages.invalidSubmission, issues);

  const receivedAt = (body.receivedAt ? new Date(body.receivedAt) : call.services.now()).toISOString();
  const onTime = isOnTime(receivedAt, period, ctx.campaign.timeZone);
  const { receipt, replayed } = await call.services.submissions.accept(ctx.campaign.id, submission, {
    receivedAt,
    onTime,
  });
  return json(replayed ? 200 : 201, receipt);
});

registerHttp({
  name: 'submissions-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/submissions',
  handler: submissionsPost,
});
