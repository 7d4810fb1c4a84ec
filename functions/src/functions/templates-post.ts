/**
 * POST /api/campaigns/{campaignId}/templates — admin: publishes a new version of a template.
 * 201 `{templateId, version}`; 400 for an invalid template; 409 for an incompatible change or a
 * version that is not newer than the ones published.
 */
import { parseTemplate, TemplateError, TemplatePublishedSchema, TemplateSchema } from '../../../shared/src';
import { publishTemplate } from '../catalog/template-publisher';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { HttpError, json } from '../http/responses';

export const templatesPost = endpoint(async (call) => {
  await allowed(call, { kind: 'publish-template' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  const body = await readJson(call);
  // The campaign comes from the route: a body may repeat it (it must then match) or leave it out.
  const input =
    body !== null && typeof body === 'object' && !Array.isArray(body) && !Object.hasOwn(body, 'campaignId')
      ? { ...body, campaignId: campaign.id }
      : body;
  let template;
  try {
    template = parseTemplate(input);
  } catch (e) {
    if (e instanceof TemplateError) throw new HttpError(400, 'invalid_body', e.problems);
    throw e;
  }
  return json(201, await publishTemplate(call.services, campaign, template));
});

registerHttp({
  name: 'templates-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/templates',
  handler: templatesPost,
  doc: {
    summary: 'Publish a new version of a template',
    description:
      'The version must be newer than every published one, and keep every key’s type and kind; `campaignId` may be left out (it is the route’s)',
    tag: 'templates',
    access: { roles: ['admin'] },
    body: {
      json: TemplateSchema.partial({ campaignId: true }),
      example: {
        id: 'openapi_example',
        kind: 'results',
        version: 1,
        title: { vi: 'Example', en: 'Example' },
        sections: [
          {
            key: 'main',
            title: { vi: 'Main', en: 'Main' },
            fields: [
              { key: 'meetings_held', type: 'integer', label: { vi: 'Meetings', en: 'Meetings' }, min: 0 },
            ],
          },
        ],
      },
    },
    responses: {
      201: {
        description: 'Published',
        json: TemplatePublishedSchema,
        example: { templateId: 'openapi_example', version: 1 },
      },
    },
    errors: {
      400: ['campaign_mismatch', 'duplicate_key', 'rule_syntax', 'rule_unknown_field'],
      404: ['campaign_not_found'],
      409: ['version_exists', 'incompatible_template'],
    },
  },
});
