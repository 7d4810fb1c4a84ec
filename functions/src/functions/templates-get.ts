/** GET /api/campaigns/{campaignId}/templates — signed in: the active (newest) version of each template. */
import { activeTemplates, TemplatesAnswerSchema } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';

export const templatesGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-templates' });
  const { campaign, templates: all } = await requireCampaign(call.services, call.request.params.campaignId!, {
    templates: true,
  });
  return json(200, { campaignId: campaign.id, templates: activeTemplates(all) });
});

registerHttp({
  name: 'templates-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/templates',
  handler: templatesGet,
  doc: {
    summary: 'The active (newest) version of each template',
    tag: 'templates',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    responses: { 200: { description: 'The templates', json: TemplatesAnswerSchema } },
    errors: { 404: ['campaign_not_found'] },
  },
});
