/**
 * GET /api/campaigns/{campaignId}/units[?limit=&cursor=] — signed in: the unit registry, whole (registry
 * order), or a page of `limit` units (unit-id order) and the cursor of the next (docs/architecture.md, "Storage").
 */
import { z } from 'zod';
import { MAX_UNITS_PAGE, UnitsAnswerSchema, UnitsPageAnswerSchema } from '../../../shared/src';
import { BadCursorError } from '../catalog/unit-registry';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { HttpError, json } from '../http/responses';

/** `limit` as the query carries it: a whole number 1 to MAX_UNITS_PAGE (1,000), digits only. */
const LimitSchema = z.string().regex(/^(1000|[1-9][0-9]{0,2})$/);

export const unitsGet = endpoint(async (call) => {
  await allowed(call, { kind: 'read-units' });
  const { campaign } = await requireCampaign(call.services, call.request.params.campaignId!);
  const { catalog } = call.services;
  const rawLimit = call.request.query.get('limit');
  const cursor = call.request.query.get('cursor') ?? undefined;
  if (rawLimit === null) {
    if (cursor !== undefined) throw new HttpError(400, { code: 'bad_query', params: { name: 'cursor' } });
    return json(200, { campaignId: campaign.id, units: await catalog.getUnits(campaign.id) });
  }
  if (!LimitSchema.safeParse(rawLimit).success || Number(rawLimit) > MAX_UNITS_PAGE)
    throw new HttpError(400, { code: 'bad_query', params: { name: 'limit' } });
  try {
    const page = await catalog.listUnitsPage(campaign.id, {
      limit: Number(rawLimit),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return json(200, { campaignId: campaign.id, ...page });
  } catch (e) {
    if (e instanceof BadCursorError) throw new HttpError(400, { code: 'bad_cursor' });
    throw e;
  }
});

registerHttp({
  name: 'units-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/units',
  handler: unitsGet,
  doc: {
    summary: 'The unit registry of a campaign, whole or by pages',
    description:
      'Without limit: every unit, in registry order. With limit (1 to 1,000): a page in unit-id order and ' +
      'nextCursor, absent on the last page; every unit comes exactly once across the pages.',
    tag: 'units',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    query: {
      limit: { schema: LimitSchema, description: 'units per page, 1 to 1,000', example: '1000' },
      cursor: { schema: z.string(), description: 'nextCursor of the page before (opaque)' },
    },
    responses: {
      200: {
        description: 'The units, or a page of them',
        json: z.union([UnitsAnswerSchema, UnitsPageAnswerSchema]),
      },
    },
    errors: { 400: ['bad_query', 'bad_cursor'], 404: ['campaign_not_found'] },
  },
});
