/**
 * PUT /api/campaigns/{campaignId}/ranking/{year}/units/{unitId}/scores/{criterionId} — reviewer or admin:
 * `{ score, reason }` scores a unit by hand on a `manual` criterion of the scoring scheme (bình xét thi đua,
 * shared/src/ranking.ts). The reason is required and the score between 0 and the criterion's points; the
 * score is stored with who and when, and every change kept as an audit row (storage/hand-scores.ts).
 */
import { z } from 'zod';
import { HandScoreAnswerSchema, HandScoreBodySchema, KeySchema, nfc } from '../../../shared/src';
import { requireCampaign, requireScoring, requireYear } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json, notFound } from '../http/responses';

export const rankingScorePut = endpoint(async (call) => {
  const { campaignId, year: rawYear, unitId, criterionId } = call.request.params as Record<string, string>;
  const principal = await allowed(call, { kind: 'review' });
  const ctx = await requireCampaign(call.services, campaignId!, { allUnits: true });
  const scoring = requireScoring(ctx);
  const year = requireYear(ctx, rawYear);
  const criterion = scoring.criteria.find((c) => c.id === criterionId);
  if (criterion === undefined) throw notFound('criterion_not_found', { criterionId: criterionId! });
  if (criterion.kind !== 'manual') throw badRequest('criterion_not_manual', { criterionId: criterion.id });
  const units = ctx.units;
  if (!units.some((u) => u.id === unitId)) throw notFound('unit_not_found', { unitId: unitId! });
  const parsed = HandScoreBodySchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const { score } = parsed.data;
  if (score < 0 || score > criterion.points)
    throw badRequest('score_out_of_range', { max: criterion.points });
  const stored = await call.services.scores.set(ctx.campaign.id, {
    year,
    unitId: unitId!,
    criterionId: criterion.id,
    score,
    reason: nfc(parsed.data.reason),
    by: principal.name ?? principal.subject,
    at: call.services.now().toISOString(),
  });
  return json(200, { campaignId: ctx.campaign.id, ...stored });
});

registerHttp({
  name: 'ranking-score-put',
  methods: ['PUT'],
  route: 'campaigns/{campaignId}/ranking/{year}/units/{unitId}/scores/{criterionId}',
  handler: rankingScorePut,
  doc: {
    summary: 'Score a unit by hand on a manual criterion',
    description:
      'The reason is required and the score between 0 and the criterion’s points; stored with who and when, every change kept',
    tag: 'roll-up',
    access: { roles: ['reviewer', 'admin'] },
    pathParameters: {
      year: { schema: z.string().regex(/^\d{4}$/), description: 'the year ranked', example: '2022' },
      criterionId: {
        schema: KeySchema,
        description: 'a manual criterion of the scoring scheme',
        example: 'assessment',
      },
    },
    body: {
      json: HandScoreBodySchema,
      example: { score: 8, reason: 'Good initiatives, commended by the province' },
    },
    responses: { 200: { description: 'The score as stored', json: HandScoreAnswerSchema } },
    errors: {
      400: ['invalid_body', 'invalid_ranking_year', 'criterion_not_manual', 'score_out_of_range'],
      404: ['campaign_not_found', 'ranking_not_configured', 'criterion_not_found', 'unit_not_found'],
    },
  },
});
