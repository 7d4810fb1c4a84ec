/**
 * The standing office's review queue, as one hook (docs/architecture.md, "The task pane"): the reports waiting
 * for review across the campaign's periods (GET …/review-queue), several accepted at once (POST …/reviews,
 * answered per item), one returned with a comment and comments on fields. ReviewQueue.tsx only renders.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CampaignWithPeriods } from '../../../shared/src';
import type { ApiClient, BulkReviewResult, QueueItem } from '../api/client';
import type { Strings } from '../i18n/strings';
import { useTask } from './use-task';

export const queueItemId = (i: Pick<QueueItem, 'unitId' | 'periodId'>) => `${i.unitId}|${i.periodId}`;

/** The draft of a return: the general comment and the comments on fields (key → text). */
export interface ReturnDraft {
  id: string;
  comment: string;
  fields: Record<string, string>;
}

export function useReviewQueue({
  api,
  campaign,
  t,
}: {
  api: ApiClient;
  campaign: CampaignWithPeriods | undefined;
  t: Strings;
}) {
  const task = useTask();
  const { run, say } = task;
  const [items, setItems] = useState<QueueItem[]>();
  /** Unit id → name, for the list (best effort). */
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** Items the last bulk call could not review: id → the server's message. */
  const [failures, setFailures] = useState<Record<string, string>>({});
  const [returning, setReturning] = useState<ReturnDraft>();
  const campaignId = campaign?.id;

  // Another campaign: another queue.
  useEffect(() => {
    setItems(undefined);
    setSelected(new Set());
    setFailures({});
    setReturning(undefined);
  }, [campaignId]);

  /** Drops the items reviewed, keeps the failures' messages beside theirs. */
  const settle = useCallback((results: BulkReviewResult[]) => {
    const done = new Set(results.filter((r) => r.ok).map(queueItemId));
    setItems((old) => old?.filter((i) => !done.has(queueItemId(i))));
    setSelected((old) => new Set([...old].filter((id) => !done.has(id))));
    setFailures(
      Object.fromEntries(results.flatMap((r) => (r.ok ? [] : [[queueItemId(r), r.error.message] as const]))),
    );
    return { ok: done.size, failed: results.length - done.size };
  }, []);

  const actions = {
    load() {
      run(t.loadingQueue, async () => {
        if (!campaignId) return;
        const [queue, units] = await Promise.all([
          api.reviewQueue(campaignId),
          api.units(campaignId).catch(() => []),
        ]);
        setNames(new Map(units.map((u) => [u.id, u.name])));
        setItems(queue);
        setSelected(new Set());
        setFailures({});
        say({
          intent: 'info',
          text: queue.length ? t.queueCount(queue.length) : t.queueEmpty,
          testId: 'queue-status',
        });
      });
    },

    toggle(id: string, on: boolean) {
      setSelected((old) => {
        const next = new Set(old);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
    },

    /** Accepts every selected report in one call; each is answered on its own. */
    acceptSelected() {
      run(t.reviewing, async () => {
        if (!campaignId || !items) return;
        const chosen = items.filter((i) => selected.has(queueItemId(i)));
        if (!chosen.length) return;
        const results = await api.reviews(
          campaignId,
          chosen.map((i) => ({
            unitId: i.unitId,
            periodId: i.periodId,
            action: 'accept',
            revision: i.revision,
          })),
        );
        const { ok, failed } = settle(results);
        say({ intent: failed ? 'warning' : 'success', text: t.bulkDone(ok, failed), testId: 'queue-status' });
      });
    },

    startReturn(id: string) {
      setReturning((old) => (old?.id === id ? undefined : { id, comment: '', fields: {} }));
    },
    editReturnComment(comment: string) {
      setReturning((old) => old && { ...old, comment });
    },
    editFieldComment(key: string, text: string) {
      setReturning((old) => old && { ...old, fields: { ...old.fields, [key]: text } });
    },

    /** Returns the report being drafted, with its comment and the field comments written. */
    confirmReturn() {
      run(t.reviewing, async () => {
        const item = items?.find((i) => queueItemId(i) === returning?.id);
        if (!campaignId || !item || !returning) return;
        const fields = Object.fromEntries(Object.entries(returning.fields).filter(([, text]) => text.trim()));
        const results = await api.reviews(campaignId, [
          {
            unitId: item.unitId,
            periodId: item.periodId,
            action: 'return',
            revision: item.revision,
            ...(returning.comment.trim() ? { comment: returning.comment.trim() } : {}),
            ...(Object.keys(fields).length ? { fields } : {}),
          },
        ]);
        const { ok } = settle(results);
        if (ok) {
          setReturning(undefined);
          say({ intent: 'success', text: t.returnedDone(item.unitId), testId: 'queue-status' });
        }
      });
    },
  };

  return { task, items, names, selected, failures, returning, actions };
}

export type ReviewQueueSession = ReturnType<typeof useReviewQueue>;
