/**
 * GET /api/campaigns/{campaignId}/ranking?year= — reviewer or admin: the yearly ranking (bình xét thi đua),
 * the campaign's scoring scheme evaluated over the year's latest revisions and the reviewer's hand scores
 * (shared/src/ranking.ts), per cluster. Periods due after today are not counted yet. 404
 * `ranking_not_configured` for a campaign without a scheme. `?format=xlsx[&lang=en]` → the ranking sheet
 * (shared/src/sheet/ranking-sheet.ts) as a workbook.
 */
import { z } from 'zod';
import {
  buildRankingSheet,
  computeRanking,
  LANGUAGES,
  localIsoDate,
  RankingAnswerSchema,
  type RankingReport,
} from '../../../shared/src';
import { requireCampaign, requireScoring, requireYear } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';
import { attachment, requestedFormat, requestedLanguage } from '../workbook/download';
import { renderWorkbook } from '../workbook/xlsx-writer';

export const rankingGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-rollup' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!, { allUnits: true });
  const scoring = requireScoring(ctx);
  const year = requireYear(ctx, call.request.query.get('year'));
  const format = requestedFormat(call);
  const lang = requestedLanguage(call);
  const until = localIsoDate(call.services.now(), ctx.campaign.timeZone);
  const periods = ctx.periods.filter((p) => p.year === year && p.due <= until);
  const { submissions, scores } = call.services;
  const [units, handScores, latestRows] = await Promise.all([
    ctx.units,
    scores.ofYear(ctx.campaign.id, year),
    // A year is 4–6 periods: read at once.
    Promise.all(periods.map((p) => submissions.latest(ctx.campaign.id, p.id))),
  ]);
  const latest = new Map<string, Map<string, RankingReport>>(
    periods.map((p, i) => [
      p.id,
      new Map(latestRows[i]!.map((s) => [s.unitId, { onTime: s.onTime, values: s.values }])),
    ]),
  );
  const ranked = computeRanking({ scoring, year, periods: ctx.periods, units, latest, handScores, until });
  if (format === 'json') return json(200, { campaignId: ctx.campaign.id, year, until, units: ranked });
  const sheet = buildRankingSheet(ranked, { campaign: ctx.campaign, year, until, lang });
  const workbook = await renderWorkbook([sheet], { title: sheet.name, now: call.services.now(), lang });
  return attachment(workbook, ['xep-hang', ctx.campaign.id, String(year)]);
});

registerHttp({
  name: 'ranking-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/ranking',
  handler: rankingGet,
  doc: {
    summary: 'The yearly ranking per emulation cluster, or its workbook',
    description:
      'The campaign’s scoring scheme evaluated over the year’s reports and the reviewer’s hand scores; ordered by cluster and rank, equal scores share a rank; `?format=xlsx` answers the ranking sheet',
    tag: 'roll-up',
    access: { roles: ['reviewer', 'admin'] },
    query: {
      year: {
        schema: z.string().regex(/^\d{4}$/),
        description: 'the year ranked, one of the campaign calendar’s years',
        required: true,
        example: '2022',
      },
      format: { schema: z.enum(['json', 'xlsx']), description: 'json (the default) or xlsx' },
      lang: { schema: z.enum(LANGUAGES), description: 'language of the workbook (vi by default)' },
    },
    responses: {
      200: { description: 'The ranking, or its workbook', json: RankingAnswerSchema, file: 'xlsx' },
    },
    errors: {
      400: ['invalid_ranking_year', 'bad_format', 'bad_lang'],
      404: ['campaign_not_found', 'ranking_not_configured'],
    },
  },
});
