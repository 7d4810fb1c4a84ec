/**
 * GET /api/campaigns/{campaignId}/periods/{periodId}/rollup[?rootUnitId=] — reviewer or admin: the period's roll-up.
 * `?format=xlsx[&lang=en]` → the summary workbook (the shared summary sheet models, rendered to .xlsx).
 */
import { z } from 'zod';
import {
  buildSummarySheets,
  computeRollup,
  LANGUAGES,
  RollupSchema,
  samePeriodLastYear,
  UnitSchema,
} from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint, queryId } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';
import { attachment, requestedFormat, requestedLanguage } from '../workbook/download';
import { renderWorkbook } from '../workbook/xlsx-writer';

export const rollupGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-rollup' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!);
  const period = requirePeriod(ctx, call.request.params.periodId!);
  const format = requestedFormat(call);
  const lang = requestedLanguage(call);
  const previousPeriod = samePeriodLastYear(period, ctx.periods);
  const { catalog, submissions } = call.services;
  const [units, templates, current, previous] = await Promise.all([
    catalog.getUnits(ctx.campaign.id),
    catalog.listTemplates(ctx.campaign.id),
    submissions.latest(ctx.campaign.id, period.id),
    previousPeriod ? submissions.latest(ctx.campaign.id, previousPeriod.id) : Promise.resolve([]),
  ]);
  const rootUnitId = queryId(call, 'rootUnitId', 'unitId');
  if (rootUnitId !== undefined && !units.some((u) => u.id === rootUnitId))
    throw badRequest('unit_not_found', { unitId: rootUnitId });
  const rollup = computeRollup({
    campaignId: ctx.campaign.id,
    period,
    templates: templates.filter((t) => t.kind === period.templateKind),
    units,
    submissions: current,
    ...(previousPeriod ? { previousPeriod, previousSubmissions: previous } : {}),
    ...(rootUnitId !== undefined ? { rootUnitId } : {}),
  });
  if (format === 'json') return json(200, rollup);

  const now = call.services.now();
  const sheets = buildSummarySheets(rollup, {
    campaign: ctx.campaign,
    period,
    ...(previousPeriod ? { previousPeriod } : {}),
    generatedAt: now.toISOString(),
    lang,
  });
  const workbook = await renderWorkbook(sheets, { title: sheets[0]?.name, now, lang });
  return attachment(workbook, ['tong-hop', ctx.campaign.id, period.id, rootUnitId]);
});

registerHttp({
  name: 'rollup-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/periods/{periodId}/rollup',
  handler: rollupGet,
  doc: {
    summary: 'A period’s roll-up, or the summary workbook',
    description:
      'Totals by field kind, per unit, per group and per subtree, completeness and the same period last year; `?format=xlsx` answers the standing office’s summary workbook',
    tag: 'roll-up',
    access: { roles: ['reviewer', 'admin'] },
    query: {
      rootUnitId: { schema: UnitSchema.shape.id, description: 'only this unit’s subtree', example: 'CAT' },
      format: { schema: z.enum(['json', 'xlsx']), description: 'json (the default) or xlsx' },
      lang: { schema: z.enum(LANGUAGES), description: 'language of the workbook (vi by default)' },
    },
    responses: { 200: { description: 'The roll-up, or its workbook', json: RollupSchema, file: 'xlsx' } },
    errors: {
      400: ['bad_format', 'bad_lang', 'unit_not_found'],
      404: ['campaign_not_found', 'period_not_found'],
    },
  },
});
