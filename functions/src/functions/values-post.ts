/**
 * POST /api/campaigns/{campaignId}/values — any role: the answers to a batch of formula queries (the
 * BAOCAO.* custom functions; docs/architecture.md, "Custom functions"). Body `{ queries: [{ fn, field?,
 * period, unit?, state? }] }`, names as typed in the formulas; answer `{ results }` in the same order, each a
 * value or an error rendered in the caller's language. A query the caller may not see (a clerk's TONG, another
 * unit's GIATRI) is answered `value_forbidden`, the others still are.
 *
 * ETag: a hash of the answers themselves (and the language). With `If-None-Match` naming it, the answer is
 * 304 and no body. RFC 9110 §13.1.2 would answer a POST's failed If-None-Match with 412; this POST is a safe
 * query that only carries its queries in the body (what the IETF draft QUERY method standardises), and a
 * 304 is what a GET of the same answers would give, so 304. Why a hash of the answers and not a
 * change counter: the answers also change without any write (TRANGTHAI turns `open` into `overdue` at
 * midnight, a unit registry or template edit renames things), and a counter would add a write to the accept
 * transaction; hashing what was computed is always right, and what it saves — the body and the client's
 * work, 500 cells not re-set — is what the poller cares about. The reads (catalogue, one partition query per
 * period asked for) are the same as one roll-up's.
 */
import { z } from 'zod';
import { createHash } from 'node:crypto';
import {
  answerQueries,
  languageFromHeader,
  periodsToRead,
  problem,
  queryKey,
  type Resolution,
  resolveQueries,
  type StoredSubmission,
  type ValueQuery,
  ValuesRequestSchema,
} from '../../../shared/src';
import { authorize } from '../auth/principal';
import { requireCampaign } from '../catalog/lookups';
import { allowed, endpoint, invalidBody, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 §13.1.2). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

export const valuesPost = endpoint(async (call) => {
  const campaignId = call.request.params.campaignId!;
  const principal = await allowed(call, { kind: 'read-units' });
  const parsed = ValuesRequestSchema.safeParse(await readJson(call));
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  const lang = languageFromHeader(call.request.headers.get('accept-language'));

  // Equal queries are answered once.
  const distinct = new Map<string, ValueQuery>();
  for (const q of parsed.data.queries) distinct.set(queryKey(q), q);
  const queries = [...distinct.values()];

  const ctx = await requireCampaign(call.services, campaignId, { allUnits: true, templates: true });
  const [units, templates] = await Promise.all([ctx.units, ctx.templates]);
  const catalog = {
    campaignId: ctx.campaign.id,
    timeZone: ctx.campaign.timeZone,
    periods: ctx.periods,
    units,
    templates,
  };
  const resolutions = resolveQueries(queries, catalog).map((r): Resolution => {
    if (!r.ok) return r;
    const action =
      r.query.fn === 'value' || r.query.fn === 'state'
        ? ({ kind: 'read-submissions', unitId: r.query.unit!.id, campaignId } as const)
        : ({ kind: 'read-rollup', campaignId } as const);
    return authorize(principal, action).ok
      ? r
      : { ok: false, kind: 'invalid', problem: problem('value_forbidden') };
  });
  const periodIds = periodsToRead(resolutions);
  const read = await Promise.all(periodIds.map((p) => call.services.submissions.latest(ctx.campaign.id, p)));
  const latest = new Map<string, StoredSubmission[]>(periodIds.map((p, i) => [p, read[i]!]));
  const answers = answerQueries(resolutions, catalog, latest, call.services.now(), lang);
  const byKey = new Map(queries.map((q, i) => [queryKey(q), answers[i]!]));
  const results = parsed.data.queries.map((q) => byKey.get(queryKey(q))!);

  const etag = `"${createHash('sha256')
    .update(lang)
    .update('\n')
    .update(JSON.stringify(results))
    .digest('base64url')
    .slice(0, 27)}"`;
  const headers = { etag, 'cache-control': 'no-cache', 'content-language': lang };
  if (matches(call.request.headers.get('if-none-match'), etag)) return { status: 304, headers };
  return json(200, { results }, headers);
});

registerHttp({
  name: 'values-post',
  methods: ['POST'],
  route: 'campaigns/{campaignId}/values',
  handler: valuesPost,
  doc: {
    summary: 'The answers of the BAOCAO custom functions’ queries',
    description:
      'One answer per query, in order: a value, or an error in the caller’s language. With `If-None-Match` naming the answer’s ETag: 304 and no body',
    tag: 'data',
    access: { roles: ['clerk', 'reviewer', 'admin'] },
    body: { json: ValuesRequestSchema, example: { queries: [] } },
    responses: {
      200: {
        description: 'The answers',
        json: z.looseObject({
          results: z.array(
            z.union([
              z.looseObject({ value: z.unknown() }),
              z.looseObject({ error: z.looseObject({ code: z.string() }) }),
            ]),
          ),
        }),
      },
      304: { description: 'The answers have not changed (`If-None-Match`)' },
    },
    errors: { 404: ['campaign_not_found'] },
  },
});
