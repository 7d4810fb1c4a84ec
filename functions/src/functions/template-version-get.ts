/**
 * GET /api/campaigns/{campaignId}/templates/{templateId}/versions/{version} — signed in: one version.
 * `?format=xlsx[&unitId=&periodId=][&lang=en]` → the blank template workbook (data validation,
 * protection, named ranges), its header prefilled with the unit and period when given.
 */
import { buildTemplateSheet, problem } from '../../../shared/src';
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
  if (format === 'json') return json(200, template);

  const lang = requestedLanguage(call);
  const unitId = queryId(call, 'unitId', 'unitId');
  const periodId = queryId(call, 'periodId', 'periodId');
  const registry = await call.services.catalog.getUnits(campaign.id);
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
});
