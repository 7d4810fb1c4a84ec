/** GET /api/campaigns/{campaignId}/submissions?periodId=&unitId= — latest revisions (clerks: own unit only, the default). */
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { authenticate, endpoint, queryId, requireAllowed } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

export const submissionsGet = endpoint(async (call) => {
  const principal = await authenticate(call);
  // Filters are checked like route parameters: an empty or untrimmed one is 400 `bad_query`, never "all".
  const periodId = queryId(call, 'periodId', 'periodId');
  // A clerk who names no unit means their own.
  const isClerkOnly = principal.roles.every((r) => r === 'clerk');
  const unitId = queryId(call, 'unitId', 'unitId') ?? (isClerkOnly ? principal.unitId : undefined);
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
