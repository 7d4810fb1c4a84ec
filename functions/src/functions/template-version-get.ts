/** GET /api/campaigns/{campaignId}/templates/{templateId}/versions/{version} — signed in: one version. */
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { httpMessages } from '../http/messages';
import { registerHttp } from '../http/register';
import { json, notFound } from '../http/responses';

export const templateVersionGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-templates' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  const templateId = call.request.params.templateId!;
  const versionText = call.request.params.version!;
  const version = /^\d{1,6}$/.test(versionText) ? Number(versionText) : NaN;
  const template = Number.isInteger(version)
    ? await call.services.catalog.getTemplate(campaign.id, templateId, version)
    : undefined;
  if (!template) throw notFound(httpMessages.versionNotFound(templateId, versionText));
  return json(200, template);
});

registerHttp({
  name: 'template-version-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/templates/{templateId}/versions/{version}',
  handler: templateVersionGet,
});
