/** PUT /api/campaigns/{campaignId}/units — admin: replaces the unit registry (a tree, ids unique). */
import { z } from 'zod';
import { normalizeDeep, UnitSchema, UnitTree } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, readJson, schemaIssues } from '../http/handler';
import { httpMessages } from '../http/messages';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

const UnitsBodySchema = z.object({ units: z.array(UnitSchema).min(1).max(5000) });

export const unitsPut = endpoint(async (call) => {
  await allowed(call, { kind: 'write-units' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  const parsed = UnitsBodySchema.safeParse(normalizeDeep(await readJson(call)));
  if (!parsed.success) throw badRequest(httpMessages.invalidBody, schemaIssues(parsed.error.issues));
  try {
    new UnitTree(parsed.data.units);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  await call.services.catalog.putUnits(campaign.id, parsed.data.units);
  return json(200, { campaignId: campaign.id, units: parsed.data.units });
});

registerHttp({
  name: 'units-put',
  methods: ['PUT'],
  route: 'campaigns/{campaignId}/units',
  handler: unitsPut,
});
