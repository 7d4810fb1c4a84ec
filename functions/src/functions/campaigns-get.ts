/**
 * GET /api/campaigns — signed in: campaigns with their calendars expanded into periods, each period with its
 * effective lock.
 */
import { CampaignsAnswerSchema, campaignWithPeriods, expandCalendar } from '../../../shared/src';
import { withEffectiveLocks } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';
import { canAccessCampaign } from '../auth/principal';

export const campaignsGet = endpoint(async (call) => {
  const principal = await allowed(call, { kind: 'read-campaigns' });
  const campaigns = (await call.services.catalog.listCampaigns()).filter((c) =>
    canAccessCampaign(principal, c.id),
  );
  // Each period carries its effective lock: an admin's stored lock, else the calendar's.
  const withLocks = await Promise.all(
    campaigns.map((campaign) =>
      withEffectiveLocks(call.services, { campaign, periods: expandCalendar(campaign.calendar) }),
    ),
  );
  return json(200, { campaigns: withLocks.map((ctx) => campaignWithPeriods(ctx)) });
});

registerHttp({
  name: 'campaigns-get',
  methods: ['GET'],
  route: 'campaigns',
  handler: campaignsGet,
  doc: {
    summary: 'The campaigns the caller may see, with their periods',
    description:
      'Each campaign with its calendar expanded into periods, each period with its effective lock (an admin’s stored lock, else the calendar’s)',
    tag: 'campaigns',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    responses: { 200: { description: 'The campaigns', json: CampaignsAnswerSchema } },
  },
});
