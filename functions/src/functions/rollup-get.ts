/** GET /api/campaigns/{campaignId}/periods/{periodId}/rollup[?rootUnitId=] — reviewer or admin: the period's roll-up. */
import { computeRollup, samePeriodLastYear } from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { httpMessages } from '../http/messages';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

export const rollupGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-rollup' });
  const ctx = await requireCampaign(call.services, call.request.params.campaignId!);
  const period = requirePeriod(ctx, call.request.params.periodId!);
  const previousPeriod = samePeriodLastYear(period, ctx.periods);
  const { catalog, submissions } = call.services;
  const [units, templates, current, previous] = await Promise.all([
    catalog.getUnits(ctx.campaign.id),
    catalog.listTemplates(ctx.campaign.id),
    submissions.latest(ctx.campaign.id, period.id),
    previousPeriod ? submissions.latest(ctx.campaign.id, previousPeriod.id) : Promise.resolve([]),
  ]);
  const rootUnitId = call.request.query.get('rootUnitId') ?? undefined;
  if (rootUnitId !== undefined && !units.some((u) => u.id === rootUnitId))
    throw badRequest(httpMessages.unitNotFound(rootUnitId));
  const rollup = computeRollup({
    campaignId: ctx.campaign.id,
    period,
    templates: templates.filter((t) => t.kind === period.templateKind),
    units,
    submissions: current,
    ...(previousPeriod ? { previousPeriod, previousSubmissions: previous } : {}),
    ...(rootUnitId !== undefined ? { rootUnitId } : {}),
  });
  return json(200, rollup);
});

registerHttp({
  name: 'rollup-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/periods/{periodId}/rollup',
  handler: rollupGet,
});
