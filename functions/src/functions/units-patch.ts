/**
 * PATCH /api/campaigns/{campaignId}/units — admin: upserts and removes up to 1,000 units of the registry
 * (docs/architecture.md, "Storage"). The registry that results is checked whole (shared checkRegistry:
 * ids unique, parents known, no cycle, units over time) before anything is written: a refused request
 * changes nothing. A request that fails midway in storage (503) is safe to send again as it was: upserts
 * replace, removing an absent unit is no error.
 */
import {
  MAX_UNITS_PATCH,
  normalizeDeep,
  ProblemError,
  UnitsPatchAnswerSchema,
  UnitsPatchBodySchema,
} from '../../../shared/src';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, HttpError, json } from '../http/responses';

/** Items in the body, counted before the schema runs, so that 50,000 units are refused without checking them. */
function itemCount(body: unknown): number {
  if (!body || typeof body !== 'object') return 0;
  const { upsert, remove } = body as { upsert?: unknown; remove?: unknown };
  return (Array.isArray(upsert) ? upsert.length : 0) + (Array.isArray(remove) ? remove.length : 0);
}

export const unitsPatch = endpoint(async (call) => {
  await allowed(call, { kind: 'write-units' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  const body = await readJson(call);
  const count = itemCount(body);
  if (count > MAX_UNITS_PATCH)
    throw new HttpError(413, { code: 'too_many_units', params: { count, max: MAX_UNITS_PATCH } });
  const parsed = UnitsPatchBodySchema.safeParse(normalizeDeep(body));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  try {
    const result = await call.services.catalog.patchUnits(campaign.id, parsed.data);
    return json(200, {
      campaignId: campaign.id,
      upserted: result.upserted,
      removed: result.removed,
      total: result.units.length,
    });
  } catch (e) {
    if (e instanceof ProblemError) throw badRequest('invalid_body', undefined, e.problems);
    throw e;
  }
});

registerHttp({
  name: 'units-patch',
  methods: ['PATCH'],
  route: 'campaigns/{campaignId}/units',
  handler: unitsPatch,
  doc: {
    summary: 'Add, change or remove units of the registry (up to 1,000 a request)',
    description:
      'The registry after the change must be one tree (ids unique, every parent known, no cycle, units over ' +
      'time consistent); it is checked before anything is written. A large registry is sent in chunks, ' +
      'parents before children, with placement "end" to keep its order. Safe to repeat after a 503.',
    tag: 'units',
    access: { roles: ['admin'] },
    body: {
      json: UnitsPatchBodySchema,
      example: {
        upsert: [{ id: 'PC06', name: 'Administrative police', group: 'department', parentId: 'CAT' }],
        remove: ['PX05'],
      },
    },
    responses: { 200: { description: 'What was written', json: UnitsPatchAnswerSchema } },
    errors: {
      400: [
        'invalid_body',
        'duplicate_unit',
        'duplicate_unit_id',
        'unknown_parent',
        'parent_cycle',
        'unit_upserted_and_removed',
      ],
      404: ['campaign_not_found'],
      413: ['too_many_units', 'too_large'],
    },
  },
});
