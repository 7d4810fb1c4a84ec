/** GET /api/campaigns/{campaignId}/submissions/{unitId}/{periodId}/revisions — a unit's full history for a period. */
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';

export const revisionsGet = endpoint(async (call) => {
  const { unitId, periodId, campaignId } = call.request.params as Record<string, string>;
  await allowed(call, { kind: 'read-submissions', unitId: unitId! });
  const ctx = await requireCampaign(call.services, campaignId!);
  const period = requirePeriod(ctx, periodId!);
  const revisions = await call.services.submissions.revisions(ctx.campaign.id, period.id, unitId!);
  return json(200, { campaignId: ctx.campaign.id, periodId: period.id, unitId, revisions });
});

registerHttp({
  name: 'revisions-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/submissions/{unitId}/{periodId}/revisions',
  handler: revisionsGet,
});
