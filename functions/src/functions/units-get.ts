/** GET /api/campaigns/{campaignId}/units — signed in: the unit registry. */
import { UnitsAnswerSchema } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';

export const unitsGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-units' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  return json(200, { campaignId: campaign.id, units: await call.services.catalog.getUnits(campaign.id) });
});

registerHttp({
  name: 'units-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/units',
  handler: unitsGet,
  doc: {
    summary: 'The unit registry of a campaign',
    tag: 'units',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    responses: { 200: { description: 'The units', json: UnitsAnswerSchema } },
    errors: { 404: ['campaign_not_found'] },
  },
});
