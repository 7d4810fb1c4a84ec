/**
 * PUT /api/campaigns/{campaignId}/units — admin: replaces the unit registry (a tree, ids unique; units over
 * time: active dates, earlier versions and successors, checked by shared/src/unit-history.ts registryProblems).
 */
import {
  checkRegistry,
  normalizeDeep,
  ProblemError,
  UnitsAnswerSchema,
  UnitsBodySchema,
} from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

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
  doc: {
    summary: 'Replace the unit registry of a campaign',
    description: 'The units form one tree: ids unique, every parent known, no cycle',
    tag: 'units',
    access: { roles: ['admin'] },
    body: {
      json: UnitsBodySchema,
      example: {
        units: [
          { id: 'CAT', name: 'Provincial police', group: 'board', reports: false },
          { id: 'PX03', name: 'Standing office', group: 'department', parentId: 'CAT' },
          { id: 'PC06', name: 'Administrative police', group: 'department', parentId: 'CAT' },
        ],
      },
    },
    responses: { 200: { description: 'The registry as stored', json: UnitsAnswerSchema } },
    errors: { 400: ['duplicate_unit', 'unknown_parent', 'parent_cycle'], 404: ['campaign_not_found'] },
  },
});
