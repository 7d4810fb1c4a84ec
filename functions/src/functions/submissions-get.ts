/** GET /api/campaigns/{campaignId}/submissions?periodId=&unitId= — latest revisions (clerks: own unit only, the default). */
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { authenticate, endpoint, requireAllowed } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

export const submissionsGet = endpoint(async (call) => {
  const periodId = call.request.query.get('periodId');
  const principal = await authenticate(call);
  // A clerk who names no unit means their own.
  const isClerkOnly = principal.roles.every((r) => r === 'clerk');
  const unitId = call.request.query.get('unitId') ?? (isClerkOnly ? principal.unitId : undefined);
  requireAllowed(call, principal, { kind: 'read-submissions', ...(unitId !== undefined ? { unitId } : {}) });
  if (!periodId) throw badRequest('bad_query', { name: 'periodId' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!);
  const period = requirePeriod(ctx, periodId);
  const submissions = await call.services.submissions.latest(ctx.campaign.id, period.id, unitId);
  return json(200, { campaignId: ctx.campaign.id, periodId: period.id, submissions });
});

registerHttp({
  name: 'submissions-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/submissions',
  handler: submissionsGet,
});
