/** GET /api/campaigns — signed in: campaigns with their calendars expanded into periods. */
import { campaignWithPeriods, expandCalendar } from '../../../shared/src';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';
import { canAccessCampaign } from '../auth/principal';

export const campaignsGet = endpoint(async (call) => {
  const principal = await allowed(call, { kind: 'read-campaigns' });
  const campaigns = (await call.services.catalog.listCampaigns()).filter((c) =>
    canAccessCampaign(principal, c.id),
  );
  return json(200, {
    campaigns: campaigns.map((campaign) =>
      campaignWithPeriods({ campaign, periods: expandCalendar(campaign.calendar) }),
    ),
  });
});

registerHttp({ name: 'campaigns-get', methods: ['GET'], route: 'campaigns', handler: campaignsGet });
