/**
 * GET /api/campaigns/{campaignId}/periods/{periodId}/report[?format=docx|json][&unitId=][&lang=] —
 * reviewer or admin: the standing office's narrative report draft for the period (“BÁO CÁO Kết quả
 * thực hiện Phong trào …”), built from the roll-up by shared/src/report/narrative.ts and written to
 * .docx by functions/src/report/docx-writer.ts. `unitId` (or `rootUnitId`) narrows it to a subtree;
 * `format=json` answers the renderer-neutral document model instead of the file.
 */
import { z } from 'zod';
import {
  buildNarrativeReport,
  computeRollup,
  LANGUAGES,
  type Period,
  ReportDocumentSchema,
  samePeriodLastYear,
  type Template,
  unitsAsOf,
  UnitSchema,
} from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';
import { DOCX_CONTENT_TYPE, renderReportDocx } from '../report/docx-writer';
import { asciiFileName, requestedLanguage } from '../workbook/download';

export const reportGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-rollup' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!, {
    allUnits: true,
    templates: true,
  });
  const period = requirePeriod(ctx, call.request.params.periodId!);
  const format = call.request.query.get('format') ?? 'docx'; // exactly, as workbook/download.ts
  if (format !== 'docx' && format !== 'json') throw badRequest('bad_report_format');
  const lang = requestedLanguage(call);
  const previousPeriod = samePeriodLastYear(period, ctx.periods);
  // The plan period this report's year answers to (“40/40 đơn vị đăng ký thực hiện”), if any.
  const planPeriod: Period | undefined = ctx.periods
    .filter((p) => p.templateKind === 'plan' && p.id !== period.id && p.due <= period.due)
    .sort((a, b) => b.due.localeCompare(a.due))[0];
  const { submissions } = call.services;
  const [units, templates, current, previous, plans] = await Promise.all([
    ctx.units,
    ctx.templates,
    submissions.latest(ctx.campaign.id, period.id),
    previousPeriod ? submissions.latest(ctx.campaign.id, previousPeriod.id) : Promise.resolve([]),
    planPeriod ? submissions.latest(ctx.campaign.id, planPeriod.id) : Promise.resolve([]),
  ]);
  const rootUnitId = call.request.query.get('unitId') ?? call.request.query.get('rootUnitId') ?? undefined;
  if (rootUnitId !== undefined && !units.some((u) => u.id === rootUnitId))
    throw badRequest('unit_not_found', { unitId: rootUnitId });
  const ofKind = (kind: string) => templates.filter((t) => t.kind === kind);
  const newest = (list: Template[]) => [...list].sort((a, b) => b.version - a.version)[0];
  const periodTemplates = ofKind(period.templateKind);
  const rollup = computeRollup({
    campaignId: ctx.campaign.id,
    period,
    templates: periodTemplates,
    units,
    submissions: current,
    ...(previousPeriod ? { previousPeriod, previousSubmissions: previous } : {}),
    ...(rootUnitId !== undefined ? { rootUnitId } : {}),
  });
  const registration = planPeriod
    ? computeRollup({
        campaignId: ctx.campaign.id,
        period: planPeriod,
        templates: ofKind('plan'),
        units,
        submissions: plans,
        ...(rootUnitId !== undefined ? { rootUnitId } : {}),
      }).completeness
    : undefined;

  const document = buildNarrativeReport({
    campaign: ctx.campaign,
    period,
    periods: ctx.periods,
    rollup,
    template: newest(periodTemplates) ?? { sections: [], tables: [] },
    // Names as they were on the period's due date (units over time, docs/architecture.md).
    units: unitsAsOf(units, period.due),
    ...(planPeriod && registration ? { registration: { ...registration, period: planPeriod } } : {}),
    generatedAt: call.services.now().toISOString(),
    lang,
  });
  if (format === 'json') return json(200, document);
  const bytes = await renderReportDocx(document);
  const fileName = asciiFileName(['bao-cao', ctx.campaign.id, period.id, rootUnitId], 'docx');
  return {
    status: 200,
    body: bytes,
    headers: {
      'content-type': DOCX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  };
});

registerHttp({
  name: 'report-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/periods/{periodId}/report',
  handler: reportGet,
  doc: {
    summary: 'The narrative report draft of a period (.docx)',
    description:
      'The standing office’s report to its steering board, built from the roll-up; `?format=json` answers its document model',
    tag: 'roll-up',
    access: { roles: ['reviewer', 'admin'] },
    query: {
      format: {
        schema: z.enum(['docx', 'json']),
        description: 'docx (the default) or json',
        example: 'json',
      },
      unitId: { schema: UnitSchema.shape.id, description: 'only this unit’s subtree' },
      rootUnitId: { schema: UnitSchema.shape.id, description: 'the same as `unitId`' },
      lang: { schema: z.enum(LANGUAGES), description: 'language of the report (vi by default)' },
    },
    responses: {
      200: { description: 'The report, or its document model', json: ReportDocumentSchema, file: 'docx' },
    },
    errors: {
      400: ['bad_report_format', 'bad_lang', 'unit_not_found'],
      404: ['campaign_not_found', 'period_not_found'],
    },
  },
});
