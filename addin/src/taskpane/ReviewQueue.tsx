/**
 * “Báo cáo chờ duyệt”: the standing office's queue (use-review-queue.ts) — every report waiting for review,
 * earliest first, with what changed since the last accepted (or previous) revision, the hints from history and
 * the unit's explanation; several accepted at once, one returned with comments on fields.
 */
import { Badge, Button, Checkbox, Field, Text, Textarea } from '@fluentui/react-components';
import {
  catalogue,
  formatLocalDateTime,
  localize,
  render,
  type CampaignWithPeriods,
  type FieldValue,
  type Language,
  type LocalizedText,
} from '../../../shared/src';
import type { ApiClient, QueueItem } from '../api/client';
import type { Strings } from '../i18n/strings';
import type { PanelProps } from './panel-props';
import { StatusArea } from './StatusArea';
import { queueItemId, useReviewQueue, type ReviewQueueSession } from './use-review-queue';

export interface ReviewQueueProps {
  api: ApiClient;
  campaign: CampaignWithPeriods;
  t: Strings;
  lang: Language;
  onOpenSettings: PanelProps['onOpenSettings'];
}

export function ReviewQueue({ api, campaign, t, lang, onOpenSettings }: ReviewQueueProps) {
  const q = useReviewQueue({ api, campaign, t });
  const busy = !!q.task.busy;
  const chosen = q.items?.filter((i) => q.selected.has(queueItemId(i))).length ?? 0;
  return (
    <section className="stack" data-testid="review-queue">
      <Text as="h2" size={400} weight="semibold">
        {t.reviewQueueTitle}
      </Text>
      <Button disabled={busy} onClick={q.actions.load} data-testid="load-queue">
        {t.loadQueue}
      </Button>
      <StatusArea task={q.task} t={t} lang={lang} testId="queue-status" onOpenSettings={onOpenSettings} />
      {q.items && q.items.length > 0 && (
        <>
          <ul className="units queue">
            {q.items.map((item) => (
              <QueueEntry key={queueItemId(item)} item={item} q={q} campaign={campaign} t={t} lang={lang} />
            ))}
          </ul>
          <Button
            appearance="primary"
            disabled={busy || chosen === 0}
            onClick={q.actions.acceptSelected}
            data-testid="accept-selected"
          >
            {t.acceptSelected(chosen)}
          </Button>
        </>
      )}
    </section>
  );
}

function QueueEntry(props: {
  item: QueueItem;
  q: ReviewQueueSession;
  campaign: CampaignWithPeriods;
  t: Strings;
  lang: Language;
}) {
  const { item, q, campaign, t, lang } = props;
  const id = queueItemId(item);
  const period = campaign.periods.find((p) => p.id === item.periodId);
  const periodLabel = period ? localize(period.label, lang) : item.periodId;
  const returning = q.returning?.id === id ? q.returning : undefined;
  const busy = !!q.task.busy;
  // What the reviewer may comment on: the fields that changed or were flagged.
  const commentable = new Map<string, LocalizedText | string>();
  for (const c of item.changes) commentable.set(c.key, c.label ?? c.key);
  for (const f of item.flags) commentable.set(f.key, (f.params?.label as LocalizedText | undefined) ?? f.key);
  const failure = q.failures[id];
  return (
    <li data-testid={`queue-${item.unitId}-${item.periodId}`}>
      <div className="queue-head">
        <Checkbox
          checked={q.selected.has(id)}
          disabled={busy}
          onChange={(_, d) => q.actions.toggle(id, d.checked === true)}
          aria-label={t.selectReport(item.unitId, periodLabel)}
          data-testid="queue-select"
        />
        <div>
          <Text weight="semibold">{item.unitId}</Text>{' '}
          <Text size={200}>{q.names.get(item.unitId) ?? ''}</Text>
          <div>
            <Text size={200}>{periodLabel}</Text>
          </div>
          <div>
            <Text size={200}>
              {t.revisionShort(item.revision)} · {formatLocalDateTime(item.receivedAt, campaign.timeZone)}
            </Text>
          </div>
        </div>
      </div>
      <div className="buttons">
        <Badge color={item.onTime ? 'success' : 'warning'}>{item.onTime ? t.onTime : t.late}</Badge>
        {item.locked && (
          <Badge appearance="outline" color="subtle">
            {t.periodLocked}
          </Badge>
        )}
        {item.flags.length > 0 && (
          <Badge color="danger" data-testid="queue-flag-count">
            ⚠ {item.flags.length}
          </Badge>
        )}
      </div>
      <Changes item={item} t={t} lang={lang} />
      {item.flags.length > 0 && (
        <ul className="issues flags" data-testid="queue-flags">
          {item.flags.map((f) => (
            <li key={f.key}>{render(f, lang)}</li>
          ))}
        </ul>
      )}
      {item.explanation && (
        <Text size={200} italic data-testid="queue-explanation">
          {t.explanationFrom(item.explanation)}
        </Text>
      )}
      {failure && (
        <Text size={200} className="failure" data-testid="queue-failure">
          {failure}
        </Text>
      )}
      <div className="buttons">
        <Button
          size="small"
          disabled={busy}
          onClick={() => q.actions.startReturn(id)}
          data-testid="queue-return"
        >
          {t.returnForCorrection}
        </Button>
      </div>
      {returning && (
        <div className="stack" data-testid="queue-return-form">
          <Field label={t.returnComment}>
            <Textarea value={returning.comment} onChange={(_, d) => q.actions.editReturnComment(d.value)} />
          </Field>
          {[...commentable].map(([key, label]) => {
            const text = typeof label === 'string' ? label : localize(label, lang);
            return (
              <Field key={key} label={t.fieldComment(text)}>
                <Textarea
                  value={returning.fields[key] ?? ''}
                  maxLength={300}
                  onChange={(_, d) => q.actions.editFieldComment(key, d.value)}
                  data-testid={`field-comment-${key}`}
                />
              </Field>
            );
          })}
          <Button
            size="small"
            appearance="primary"
            disabled={
              busy || (!returning.comment.trim() && !Object.values(returning.fields).some((v) => v.trim()))
            }
            onClick={q.actions.confirmReturn}
            data-testid="queue-confirm-return"
          >
            {t.confirmReturn}
          </Button>
        </div>
      )}
    </li>
  );
}

/** What changed since the revision compared with, one line per field or table. */
function Changes({ item, t, lang }: { item: QueueItem; t: Strings; lang: Language }) {
  if (!item.against) return <Text size={200}>{t.firstRevision}</Text>;
  const shown = (v: FieldValue | undefined, table?: boolean) =>
    table
      ? t.tableRows(Number(v ?? 0))
      : v === null || v === undefined || v === ''
        ? t.emptyValue
        : typeof v === 'number'
          ? v.toLocaleString(catalogue(lang).locale)
          : String(v).length > 40
            ? `${String(v).slice(0, 39)}…`
            : String(v);
  return (
    <div data-testid="queue-changes">
      <Text size={200}>{t.changesAgainst(item.against.revision, item.against.state === 'accepted')}</Text>
      {item.changes.length === 0 ? (
        <Text size={200}> {t.noChanges}</Text>
      ) : (
        <ul className="issues">
          {item.changes.map((c) => (
            <li key={c.key}>
              {t.changeLine(
                c.label ? localize(c.label, lang) : c.key,
                shown(c.from, c.table),
                shown(c.to, c.table),
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
