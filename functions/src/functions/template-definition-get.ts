/**
 * GET /api/campaigns/{campaignId}/templates/{templateId}/versions/{version}/definition — signed in:
 * the template definition workbook (.xlsx: settings, fields, tables, rules) of one published
 * version, to edit into the next version and publish again (`npm run template -- publish`).
 */
import { definitionSheetModels } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { notFound } from '../http/responses';
import { attachment } from '../workbook/download';
import { renderWorkbook } from '../workbook/xlsx-writer';

export const templateDefinitionGet = endpoint(async (call) => {
  const campaignId = call.request.params.campaignId!;
  await allowed(call, { kind: 'read-templates', campaignId });
  const { campaign } = await requireCampaign(call.services, campaignId);
  const templateId = call.request.params.templateId!;
  const raw = call.request.params.version!;
  const version = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  const template = Number.isInteger(version)
    ? await call.services.catalog.getTemplate(campaign.id, templateId, version)
    : undefined;
  if (!template) throw notFound('version_not_found', { templateId, version: raw });
  const workbook = await renderWorkbook(definitionSheetModels(template), {
    title: `${template.title.vi} — v${template.version}`,
    now: call.services.now(),
  });
  return attachment(workbook, ['dinh-nghia', campaign.id, template.id, `v${template.version}`]);
});

registerHttp({
  name: 'template-definition-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/templates/{templateId}/versions/{version}/definition',
  handler: templateDefinitionGet,
  doc: {
    summary: 'The definition workbook of one template version',
    description:
      'Sheets settings, fields, tables and rules: edit it into the next version and publish it again',
    tag: 'templates',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    responses: { 200: { description: 'The definition workbook', file: 'xlsx' } },
    errors: { 404: ['campaign_not_found', 'version_not_found'] },
  },
});
