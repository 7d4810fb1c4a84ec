/**
 * GET /api/campaigns/{campaignId}/review-queue — reviewer, admin: every unit's latest revision not yet accepted
 * or returned, across the campaign's periods, oldest received first (at most 200; `truncated` says when there
 * were more). Each item: `{ unitId, periodId, revision, receivedAt, onTime, locked, templateId,
 * templateVersion, against?, changes: [{ key, label?, from, to, table? }], flags: [problem + message],
 * explanation? }` — `changes` against the unit's last accepted revision of the period, else the previous one
 * (`against: { revision, state }`; none for a first revision), `flags` the history hints
 * (shared/src/history-hints.ts) of the revision's values, `explanation` the clerk's.
 *
 * Reads: one partition query of latest rows per period, then per waiting report its revisions and its history
 * (point reads), a few at a time.
 */
import { z } from 'zod';
import {
  hintSettingsOf,
  historyHints,
  languageFromHeader,
  render,
  submissionChanges,
  type StoredSubmission,
} from '../../../shared/src';
import { requireCampaign, withEffectiveLocks } from '../catalog/lookups';
import { allowed, endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';
import { unitHistory } from '../submissions/history-flags';

export const MAX_QUEUE_ITEMS = 200;
const CONCURRENCY = 6;

/** `fn` over `items`, at most `limit` at a time, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export const reviewQueueGet = endpoint(async (call) => {
  const { campaignId } = call.request.params as Record<string, string>;
  await allowed(call, { kind: 'review' });
  const lang = languageFromHeader(call.request.headers.get('accept-language'));
  const ctx = await requireCampaign(call.services, campaignId!, { templates: true }).then((c) =>
    withEffectiveLocks(call.services, c),
  );
  const store = call.services.submissions;
  const [templates, latestByPeriod] = await Promise.all([
    ctx.templates,
    mapLimit(ctx.periods, CONCURRENCY, (p) => store.latest(ctx.campaign.id, p.id)),
  ]);
  const waiting = latestByPeriod
    .flat()
    .filter((s) => s.review.state === 'pending')
    .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  const shown = waiting.slice(0, MAX_QUEUE_ITEMS);
  const settings = hintSettingsOf(ctx.campaign.hints);

  const items = await mapLimit(shown, CONCURRENCY, async (s: StoredSubmission) => {
    const period = ctx.periods.find((p) => p.id === s.periodId)!;
    const template = templates.find((t) => t.id === s.templateId && t.version === s.templateVersion);
    const [revisions, history] = await Promise.all([
      s.revision > 1 ? store.revisions(ctx.campaign.id, s.periodId, s.unitId) : Promise.resolve([]),
      unitHistory(call.services, ctx, period, s.unitId),
    ]);
    const earlier = revisions.filter((r) => r.revision < s.revision);
    const accepted = [...earlier].reverse().find((r) => r.review.state === 'accepted');
    const base = accepted ?? earlier[earlier.length - 1];
    const flags = template ? historyHints(template, s.values, history, settings) : [];
    return {
      unitId: s.unitId,
      periodId: s.periodId,
      revision: s.revision,
      receivedAt: s.receivedAt,
      onTime: s.onTime,
      locked: period.locked,
      templateId: s.templateId,
      templateVersion: s.templateVersion,
      ...(base ? { against: { revision: base.revision, state: base.review.state } } : {}),
      changes: base && template ? submissionChanges(template, base, s) : [],
      flags: flags.map((f) => ({ ...f, message: render(f, lang) })),
      ...(s.explanation ? { explanation: s.explanation } : {}),
    };
  });
  return json(200, {
    campaignId: ctx.campaign.id,
    total: waiting.length,
    ...(waiting.length > shown.length ? { truncated: true } : {}),
    items,
  });
});

registerHttp({
  name: 'review-queue-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/review-queue',
  handler: reviewQueueGet,
  doc: {
    summary: 'Every latest revision awaiting review, oldest first',
    description:
      'At most 200 items (`truncated` says when there were more), each with its changes and history flags',
    tag: 'reviews',
    access: { roles: ['reviewer', 'admin'] },
    responses: {
      200: {
        description: 'The queue',
        json: z.looseObject({
          campaignId: z.string(),
          total: z.number().int(),
          truncated: z.boolean().optional(),
          items: z.array(
            z.looseObject({
              unitId: z.string(),
              periodId: z.string(),
              revision: z.number().int(),
              receivedAt: z.string(),
              onTime: z.boolean(),
            }),
          ),
        }),
      },
    },
    errors: { 404: ['campaign_not_found'] },
  },
});
