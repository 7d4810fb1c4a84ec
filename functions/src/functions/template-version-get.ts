/**
 * GET /api/campaigns/{campaignId}/templates/{templateId}/versions/{version} — signed in: one version.
 * `?format=xlsx[&unitId=&periodId=][&lang=en]` → the blank template workbook (data validation,
 * protection, named ranges), its header prefilled with the unit and period when given.
 */
import { z } from 'zod';
import {
  buildTemplateSheet,
  LANGUAGES,
  PeriodSchema,
  problem,
  TemplateSchema,
  UnitSchema,
} from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, queryId } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json, notFound } from '../http/responses';
import { attachment, requestedFormat, requestedLanguage } from '../workbook/download';
import { renderWorkbook } from '../workbook/xlsx-writer';

export const templateVersionGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-templates' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!);
  const { campaign } = ctx;
  const templateId = call.request.params.templateId!;
  const versionText = call.request.params.version!;
  const version = /^\d{1,6}$/.test(versionText) ? Number(versionText) : NaN;
  const format = requestedFormat(call);
  const template = Number.isInteger(version)
    ? await call.services.catalog.getTemplate(campaign.id, templateId, version)
    : undefined;
  if (!template) throw notFound('version_not_found', { templateId, version: versionText });
  // The workbook's parameters are checked whatever the format: a malformed one is a mistake either way.
  const lang = requestedLanguage(call);
  const unitId = queryId(call, 'unitId', 'unitId');
  const periodId = queryId(call, 'periodId', 'periodId');
  if (format === 'json') return json(200, template);

  const registry = (await requireCampaign(call.services, campaign.id, { allUnits: true })).units;
  const unit = unitId ? registry.find((u) => u.id === unitId) : undefined;
  if (unitId && !unit)
    throw badRequest('unit_not_found', { unitId }, [
      problem('unit_not_found', { unitId }, { path: 'unitId', key: 'unitId' }),
    ]);
  const period = periodId ? ctx.periods.find((p) => p.id === periodId) : undefined;
  if (periodId && !period)
    throw badRequest('period_not_found', { periodId }, [
      problem('period_not_found', { periodId }, { path: 'periodId', key: 'periodId' }),
    ]);
  if (period && period.templateKind !== template.kind)
    throw badRequest('wrong_template_kind', { kind: period.templateKind });

  // A blank form offers the reporting units and the periods of this kind of template, by name.
  const sheet = buildTemplateSheet(template, {
    campaign,
    lang,
    units: registry.filter((u) => u.reports),
    periods: ctx.periods.filter((p) => p.templateKind === template.kind),
    ...(unit ? { unit } : {}),
    ...(period ? { period } : {}),
  });
  const workbook = await renderWorkbook([sheet], { title: sheet.name, now: call.services.now(), lang });
  return attachment(workbook, [template.id, `v${template.version}`, unit?.id, period?.id]);
});

registerHttp({
  name: 'template-version-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/templates/{templateId}/versions/{version}',
  handler: templateVersionGet,
  doc: {
    summary: 'One template version, or its blank workbook',
    description:
      '`?format=xlsx` answers the blank template workbook (data validation, protection, named ranges), its header prefilled with `unitId` and `periodId` when given',
    tag: 'templates',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    query: {
      format: {
        schema: z.enum(['json', 'xlsx']),
        description: 'json (the default) or xlsx',
        example: 'json',
      },
      lang: { schema: z.enum(LANGUAGES), description: 'language of the workbook’s labels (vi by default)' },
      unitId: { schema: UnitSchema.shape.id, description: 'xlsx: the unit to prefill' },
      periodId: { schema: PeriodSchema.shape.id, description: 'xlsx: the period to prefill' },
    },
    responses: { 200: { description: 'The template, or its workbook', json: TemplateSchema, file: 'xlsx' } },
    errors: {
      400: ['bad_format', 'bad_lang', 'unit_not_found', 'period_not_found', 'wrong_template_kind'],
      404: ['campaign_not_found', 'version_not_found'],
    },
  },
});
