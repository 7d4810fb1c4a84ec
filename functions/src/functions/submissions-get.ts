/** GET /api/campaigns/{campaignId}/submissions?periodId=&unitId= — latest revisions (clerks: own unit only, the default). */
import { PeriodSchema, SubmissionsAnswerSchema, UnitSchema } from '../../../shared/src';
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
  doc: {
    summary: 'The latest revision of each unit’s report in a period',
    description: 'A clerk sees only their own unit (the default when `unitId` is left out)',
    tag: 'submissions',
    access: { roles: ['clerk', 'reviewer', 'admin'], clerkOwnUnit: true },
    query: {
      periodId: {
        schema: PeriodSchema.shape.id,
        required: true,
        description: 'the period',
        example: '2022-Q3',
      },
      unitId: { schema: UnitSchema.shape.id, description: 'only this unit', example: 'PC06' },
    },
    responses: { 200: { description: 'The latest revisions', json: SubmissionsAnswerSchema } },
    errors: { 404: ['campaign_not_found', 'period_not_found'] },
  },
});
