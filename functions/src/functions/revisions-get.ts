/**
 * GET /api/campaigns/{campaignId}/submissions/{unitId}/{periodId}/revisions[?pageSize=&continuationToken=]
 * — a unit's history for a period, oldest first, in bounded pages: `{ revisions, continuationToken? }`;
 * pass the token back for the next page. `pageSize` 1–100, default 20; a bad one or a token this
 * endpoint did not give is 400 `bad_query`.
 */
import { z } from 'zod';
import { RevisionsPageSchema } from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

export const DEFAULT_REVISIONS_PAGE = 20;
export const MAX_REVISIONS_PAGE = 100;
/** Revision numbers are 8 digits in row keys. */
const MAX_AFTER = 99_000_000;

function pageSizeOf(raw: string | null): number {
  if (raw === null) return DEFAULT_REVISIONS_PAGE;
  const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_REVISIONS_PAGE)) throw badRequest('bad_query', { name: 'pageSize' });
  return n;
}

/** The token is opaque to clients: base64url of `r<last revision shown>`. */
const tokenOf = (after: number) => Buffer.from(`r${after}`, 'utf8').toString('base64url');

function afterOf(raw: string | null): number {
  if (raw === null) return 0;
  const m = /^r([1-9][0-9]{0,7})$/.exec(
    /^[A-Za-z0-9_-]{1,16}$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '',
  );
  const after = m ? Number(m[1]) : NaN;
  if (!(after <= MAX_AFTER)) throw badRequest('bad_query', { name: 'continuationToken' });
  return after;
}

export const revisionsGet = endpoint(async (call) => {
  const { unitId, periodId, campaignId } = call.request.params as Record<string, string>;
  await allowed(call, { kind: 'read-submissions', unitId: unitId! });
  const pageSize = pageSizeOf(call.request.query.get('pageSize'));
  const after = afterOf(call.request.query.get('continuationToken'));
  const ctx = await requireCampaign(call.services, campaignId!);
  const period = requirePeriod(ctx, periodId!);
  const page = await call.services.submissions.revisionsPage(ctx.campaign.id, period.id, unitId!, {
    after,
    pageSize,
  });
  return json(200, {
    campaignId: ctx.campaign.id,
    periodId: period.id,
    unitId,
    revisions: page.revisions,
    ...(page.next !== undefined ? { continuationToken: tokenOf(page.next) } : {}),
  });
});

registerHttp({
  name: 'revisions-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/submissions/{unitId}/{periodId}/revisions',
  handler: revisionsGet,
  doc: {
    summary: 'A unit’s revisions for a period, oldest first, in pages',
    tag: 'submissions',
    access: { roles: ['clerk', 'reviewer', 'admin'], clerkOwnUnit: true },
    query: {
      pageSize: {
        schema: z.string().regex(/^(100|[1-9][0-9]?)$/),
        description: 'revisions per page, 1–100 (20 by default)',
        example: '20',
      },
      continuationToken: { schema: z.string(), description: 'from the previous page' },
    },
    responses: { 200: { description: 'A page of revisions', json: RevisionsPageSchema } },
    errors: { 404: ['campaign_not_found', 'period_not_found'] },
  },
});
