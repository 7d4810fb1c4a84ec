/**
 * PUT /api/campaigns/{campaignId}/units — admin: replaces the unit registry (a tree, ids unique; units over
 * time: active dates, earlier versions and successors, checked by shared/src/unit-history.ts registryProblems).
 */
import { z } from 'zod';
import { checkRegistry, normalizeDeep, ProblemError, UnitSchema } from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

const UnitsBodySchema = z.object({ units: z.array(UnitSchema).min(1).max(5000) });

export const unitsPut = endpoint(async (call) => {
  await allowed(call, { kind: 'write-units' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  const parsed = UnitsBodySchema.safeParse(normalizeDeep(await readJson(call)));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  try {
    checkRegistry(parsed.data.units);
  } catch (e) {
    if (e instanceof ProblemError) throw badRequest('invalid_body', undefined, e.problems);
    throw e;
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
