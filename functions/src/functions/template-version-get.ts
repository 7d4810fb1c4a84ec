/**
 * GET /api/campaigns/{campaignId}/templates/{templateId}/versions/{version} — signed in: one version.
 * `?format=xlsx[&unitId=&periodId=][&lang=en]` → the blank template workbook (data validation,
 * protection, named ranges), its header prefilled with the unit and period when given.
 */
import { buildTemplateSheet } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { httpMessages } from '../http/messages';
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
  if (!template) throw notFound(httpMessages.versionNotFound(templateId, versionText));
  if (format === 'json') return json(200, template);

  const query = call.request.query;
  const lang = requestedLanguage(call);
  const unitId = query.get('unitId')?.trim() || undefined;
  const periodId = query.get('periodId')?.trim() || undefined;
  const unit = unitId
    ? (await call.services.catalog.getUnits(campaign.id)).find((u) => u.id === unitId)
    : undefined;
  if (unitId && !unit)
    throw badRequest(httpMessages.unitNotFound(unitId), [
      { path: 'unitId', key: 'unitId', message: httpMessages.unitNotFound(unitId) },
    ]);
  const period = periodId ? ctx.periods.find((p) => p.id === periodId) : undefined;
  if (periodId && !period)
    throw badRequest(httpMessages.periodNotFound(periodId), [
      { path: 'periodId', key: 'periodId', message: httpMessages.periodNotFound(periodId) },
    ]);
  if (period && period.templateKind !== template.kind)
    throw badRequest(httpMessages.wrongTemplateKind(period.templateKind));

  const sheet = buildTemplateSheet(template, {
    campaign,
    lang,
    ...(unit ? { unit } : {}),
    ...(period ? { period } : {}),
  });
  const workbook = await renderWorkbook([sheet], { title: sheet.name, now: call.services.now() });
  return attachment(workbook, [template.id, `v${template.version}`, unit?.id, period?.id]);
});

registerHttp({
  name: 'template-version-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/templates/{templateId}/versions/{version}',
  handler: templateVersionGet,
});
