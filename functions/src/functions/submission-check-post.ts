/**
 * POST /api/campaigns/{campaignId}/submissions/{unitId}/{periodId}/check — the unit's clerk, reviewer, admin:
 * hints from history for a draft, before it is submitted. Body `{ templateId, templateVersion, values }` (the
 * submission's own fields; anything else of a submission body is allowed and ignored). Answers 200
 * `{ unitId, periodId, history: [periodId], flags: [{ code, key, params, message }] }`: each flag a value far
 * from the unit's own history (shared/src/history-hints.ts, the campaign's `hints` thresholds); no history, no
 * flag. Nothing is stored and nothing is refused: the clerk may submit anyway, with an `explanation`.
 *
 * A question of its own rather than a dry run of POST …/submissions: a submission may wait in the outbox and is
 * replayed by its id (idempotent, claimed campaign-wide), while this is a read the pane asks while the clerk is
 * still deciding — keeping it apart leaves the submit path as it is.
 */
import { z } from 'zod';
import {
  hintSettingsOf,
  historyHints,
  languageFromHeader,
  normalizeSubmission,
  render,
  SubmissionSchema,
} from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json, notFound } from '../http/responses';
import { historyPeriodsOfCampaign, unitHistory } from '../submissions/history-flags';

const CheckBodySchema = SubmissionSchema.pick({ templateId: true, templateVersion: true, values: true });

export const submissionCheckPost = endpoint(async (call) => {
  const { unitId, periodId, campaignId } = call.request.params as Record<string, string>;
  await allowed(call, { kind: 'read-submissions', unitId: unitId! });
  const lang = languageFromHeader(call.request.headers.get('accept-language'));
  const ctx = await requireCampaign(call.services, campaignId!, { allUnits: true, templates: true });
  const period = requirePeriod(ctx, periodId!);
  const parsed = CheckBodySchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const [units, templates] = await Promise.all([ctx.units, ctx.templates]);
  if (!units.some((u) => u.id === unitId)) throw notFound('unit_not_found', { unitId: unitId! });
  const { templateId, templateVersion } = parsed.data;
  const template = templates.find((t) => t.id === templateId && t.version === templateVersion);
  if (!template) throw badRequest('version_not_found', { templateId, version: templateVersion });
  const { values } = normalizeSubmission({ values: parsed.data.values, tables: {} });
  const history = await unitHistory(call.services, ctx, period, unitId!);
  const flags = historyHints(template, values, history, hintSettingsOf(ctx.campaign.hints));
  return json(200, {
    campaignId: ctx.campaign.id,
    unitId,
    periodId: period.id,
    history: history.map((h) => h.periodId),
    historyPeriods: historyPeriodsOfCampaign(ctx, period).map((p) => p.id),
    flags: flags.map((f) => ({ ...f, message: render(f, lang) })),
  });
});

registerHttp({
  name: 'submission-check-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/submissions/{unitId}/{periodId}/check',
  handler: submissionCheckPost,
  doc: {
    summary: 'Hints from history for a draft, before it is submitted',
    description:
      'Nothing is stored and nothing is refused: each flag is a value far from the unit’s own history',
    tag: 'submissions',
    access: { roles: ['clerk', 'reviewer', 'admin'], clerkOwnUnit: true },
    body: {
      json: CheckBodySchema,
      example: { templateId: 'results', templateVersion: 2, values: { meetings_held: 2, participants: 40 } },
    },
    responses: {
      200: {
        description: 'The flags',
        json: z.looseObject({
          campaignId: z.string(),
          unitId: z.string(),
          periodId: z.string(),
          history: z.array(z.string()),
          flags: z.array(z.looseObject({ code: z.string(), message: z.string() })),
        }),
      },
    },
    errors: { 400: ['version_not_found'], 404: ['campaign_not_found', 'period_not_found', 'unit_not_found'] },
  },
});
