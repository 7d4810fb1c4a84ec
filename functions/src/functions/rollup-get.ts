/**
 * GET /api/campaigns/{campaignId}/periods/{periodId}/rollup[?rootUnitId=] — reviewer or admin: the period's roll-up.
 * `?format=xlsx[&lang=en]` → the summary workbook (the shared summary sheet models, rendered to .xlsx).
 */
import { z } from 'zod';
import { computeRollup, LANGUAGES, RollupSchema, samePeriodLastYear, UnitSchema } from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint, queryId } from '../http/handler';
import { registerHttp } from '../http/register';
import { negotiatedJson } from '../http/compress';
import { badRequest } from '../http/responses';
import { attachment, requestedFormat, requestedLanguage } from '../workbook/download';
import { exportSummaryWorkbook } from '../workbook/summary-export';

export const rollupGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-rollup' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!, {
    allUnits: true,
    templates: true,
  });
  const period = requirePeriod(ctx, call.request.params.periodId!);
  const format = requestedFormat(call);
  const lang = requestedLanguage(call);
  const previousPeriod = samePeriodLastYear(period, ctx.periods);
  const { submissions, settings } = call.services;
  const { units, templates } = ctx;
  const rootUnitId = queryId(call, 'rootUnitId', 'unitId');
  if (rootUnitId !== undefined && !units.some((u) => u.id === rootUnitId))
    throw badRequest('unit_not_found', { unitId: rootUnitId });
  const skeleton = {
    campaignId: ctx.campaign.id,
    period,
    templates: templates.filter((t) => t.kind === period.templateKind),
    units,
    ...(previousPeriod ? { previousPeriod } : {}),
    ...(rootUnitId !== undefined ? { rootUnitId } : {}),
  };
  if (format === 'json') {
    const [current, previous] = await Promise.all([
      submissions.latest(ctx.campaign.id, period.id),
      previousPeriod ? submissions.latest(ctx.campaign.id, previousPeriod.id) : Promise.resolve([]),
    ]);
    const rollup = computeRollup({
      ...skeleton,
      submissions: current,
      ...(previousPeriod ? { previousSubmissions: previous } : {}),
    });
    // Large roll-ups (16 MB of JSON at 10,000 units) go gzipped to a caller that accepts it.
    return negotiatedJson(call.request, 200, rollup);
  }

  // Built in the export worker, off this event loop (docs/architecture.md, "Worker threads").
  const now = call.services.now();
  const context = {
    campaign: ctx.campaign,
    period,
    ...(previousPeriod ? { previousPeriod } : {}),
    generatedAt: now.toISOString(),
    lang,
  };
  // The worker reads the reports and rolls them up: this thread holds neither (docs/architecture.md).
  const reports = {
    storage: settings,
    campaignId: ctx.campaign.id,
    periodId: period.id,
    ...(previousPeriod ? { previousPeriodId: previousPeriod.id } : {}),
  };
  const workbook = await exportSummaryWorkbook({ ...skeleton, reports }, context, { now, lang });
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
      'Totals by field kind, per unit, per group and per subtree, completeness and the same period last year; `?format=xlsx` answers the standing office’s summary workbook (built in a worker thread, off the request loop). ' +
      'The JSON is gzipped (`Content-Encoding: gzip`) when the request says `Accept-Encoding: gzip` and it is 8 KB or more — about a tenth of the 16 MB of a 10,000-unit roll-up; browsers decompress it themselves. Without that header it is plain JSON. Either way the answer says `Vary: Accept-Encoding`.',
    tag: 'roll-up',
    access: { roles: ['reviewer', 'admin'] },
    query: {
      rootUnitId: { schema: UnitSchema.shape.id, description: 'only this unit’s subtree', example: 'CAT' },
      format: { schema: z.enum(['json', 'xlsx']), description: 'json (the default) or xlsx' },
      lang: { schema: z.enum(LANGUAGES), description: 'language of the workbook (vi by default)' },
    },
    responses: {
      200: {
        description: 'The roll-up, or its workbook',
        json: RollupSchema,
        file: 'xlsx',
        headers: {
          'Content-Encoding':
            '`gzip` when the request accepts it and the JSON is 8 KB or more; absent otherwise',
          Vary: '`Accept-Encoding`, on the JSON answer',
        },
      },
    },
    errors: {
      400: ['bad_format', 'bad_lang', 'unit_not_found'],
      404: ['campaign_not_found', 'period_not_found'],
    },
  },
});
