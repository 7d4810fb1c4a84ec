/** The clerk's workflow: pick campaign, unit and period → insert the template → check → submit → receipt. */
import {
  Badge,
  Button,
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  buildTemplateSheet,
  currentPeriod,
  formatDateVi,
  formatLocalDateTime,
  localize,
  render,
  META_NAMES,
  type CampaignWithPeriods,
  type Receipt,
  type StoredSubmission,
  type ValidationIssue,
} from '../../../shared/src';
import type { ApiClient } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import type { Strings } from '../i18n/strings';
import type { SubmissionQueue } from '../queue/submission-queue';
import {
  checkSheet,
  insertTemplate,
  loadCampaignData,
  newerVersion,
  submissionFrom,
  templateForPeriod,
  type CampaignData,
  type SheetCheck,
} from './clerk-workflow';
import { ChoiceField } from './ChoiceField';
import type { Settings, TokenInfo } from './settings';

type Status = { intent: 'info' | 'success' | 'warning' | 'error'; text: string; testId?: string } | undefined;

export interface ClerkPanelProps {
  api: ApiClient;
  gateway: ExcelGateway;
  queue: SubmissionQueue;
  settings: Settings;
  who: TokenInfo;
  t: Strings;
  onCampaign: (c: CampaignWithPeriods | undefined) => void;
}

export function ClerkPanel({ api, gateway, queue, settings, who, t, onCampaign }: ClerkPanelProps) {
  const lang = settings.lang;
  const [campaigns, setCampaigns] = useState<CampaignWithPeriods[]>([]);
  const [data, setData] = useState<CampaignData>();
  const [unitId, setUnitId] = useState(who.unitId ?? '');
  const [periodId, setPeriodId] = useState('');
  const [busy, setBusy] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [receipt, setReceipt] = useState<Receipt>();
  const [latest, setLatest] = useState<StoredSubmission>();
  const [pending, setPending] = useState(queue.pending().length);
  const [lastError, setLastError] = useState<string>();
  const [outdated, setOutdated] = useState<Extract<SheetCheck, { ok: true }>>();
  const marked = useRef<{ sheet: string; refs: string[] }>({ sheet: '', refs: [] });
  const lastCheck = useRef<Extract<SheetCheck, { ok: true }> | undefined>(undefined);
  const dataRef = useRef<CampaignData | undefined>(undefined);
  dataRef.current = data;

  const fail = useCallback(
    (e: unknown) => setStatus({ intent: 'error', text: e instanceof Error ? e.message : t.unexpected }),
    [t],
  );

  useEffect(() => {
    api
      .campaigns()
      .then(async (list) => {
        setCampaigns(list);
        // A clerk starts on the campaign their unit belongs to.
        for (const c of list) {
          const loaded = await loadCampaignData(api, c);
          if (!who.unitId || loaded.units.some((u) => u.id === who.unitId)) return setData(loaded);
        }
        if (list[0]) setData(await loadCampaignData(api, list[0]));
      })
      .catch(fail);
  }, [api, fail, who.unitId]);

  useEffect(() => onCampaign(data?.campaign), [data, onCampaign]);

  useEffect(() => {
    if (!data || periodId) return;
    setPeriodId(currentPeriod(data.campaign.periods, new Date(), data.campaign.timeZone)?.id ?? '');
  }, [data, periodId]);

  const period = data?.campaign.periods.find((p) => p.id === periodId);
  const unit = data?.units.find((u) => u.id === unitId);
  const template = data && period ? templateForPeriod(data, period) : undefined;

  const refreshLatest = useCallback(async () => {
    if (!data || !unitId || !periodId) return setLatest(undefined);
    const [s] = await api.latest(data.campaign.id, periodId, unitId).catch(() => []);
    setLatest(s);
  }, [api, data, unitId, periodId]);

  useEffect(() => {
    void refreshLatest();
  }, [refreshLatest]);

  const receiptCell = useCallback(
    (templateId: string, version: number) => {
      const tpl = data?.templates.find((x) => x.id === templateId && x.version === version);
      if (!tpl || !data) return undefined;
      return buildTemplateSheet(tpl, { campaign: data.campaign }).names.find(
        (n) => n.name === META_NAMES.receipt,
      )?.ref;
    },
    [data],
  );

  useEffect(
    () =>
      queue.on((e) => {
        if (e.kind === 'changed') setPending(e.pending);
        if (e.kind === 'waiting') setLastError(e.error.message);
        if (e.kind === 'delivered') {
          setLastError(undefined);
          setReceipt(e.receipt);
          setStatus({ intent: 'success', text: t.receiptTitle, testId: 'status-delivered' });
          const ref = receiptCell(e.item.submission.templateId, e.item.submission.templateVersion);
          if (e.item.sheetName && ref) {
            const text = `${t.receiptLine(e.receipt.revision, formatLocalDateTime(e.receipt.receivedAt))} — ${e.receipt.onTime ? t.onTime : t.late}`;
            void gateway.writeCell(e.item.sheetName, ref, text).catch(() => undefined);
          }
          void refreshLatest();
        }
        if (e.kind === 'rejected') {
          if (e.error.code === 'outdated_template') {
            setStatus({ intent: 'warning', text: `${t.outdated} ${e.error.message}` });
            // Learn the new version, then offer to move the values of the sheet just checked.
            const checked = lastCheck.current;
            const current = dataRef.current;
            if (checked && current) {
              void api.templates(current.campaign.id).then((active) => {
                const next = {
                  ...current,
                  templates: [
                    ...current.templates,
                    ...active.filter(
                      (a) => !current.templates.some((x) => x.id === a.id && x.version === a.version),
                    ),
                  ],
                };
                setData(next);
                if (newerVersion(next, checked.template)) setOutdated(checked);
              });
            }
          } else setStatus({ intent: 'error', text: e.error.message });
          if (Array.isArray(e.error.details)) setIssues(e.error.details as ValidationIssue[]);
        }
      }),
    [queue, gateway, t, receiptCell, refreshLatest],
  );

  async function run(label: string, fn: () => Promise<void>) {
    setBusy(label);
    try {
      await fn();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  }

  const onInsert = () =>
    run(t.inserting, async () => {
      if (!data || !unit || !period || !template) return;
      const name = await insertTemplate(gateway, data, template, unit, period, lang);
      setIssues([]);
      setStatus({ intent: 'info', text: t.inserted(name), testId: 'status-inserted' });
    });

  async function check(): Promise<Extract<SheetCheck, { ok: true }> | undefined> {
    if (!data) return undefined;
    const result = await checkSheet(gateway, api, data, lang);
    lastCheck.current = result.ok ? result : undefined;
    if (!result.ok) {
      setStatus({ intent: 'warning', text: t.notATemplateSheet });
      return undefined;
    }
    const refs = result.issues.map((i) => i.cell).filter((c): c is string => !!c);
    const previous = marked.current.sheet === result.sheetName ? marked.current.refs : [];
    await gateway.markInvalidCells(
      result.sheetName,
      refs,
      previous.filter((r) => !refs.includes(r)),
    );
    marked.current = { sheet: result.sheetName, refs };
    setIssues(result.issues);
    setOutdated(newerVersion(data, result.template) ? result : undefined);
    return result;
  }

  const onValidate = () =>
    run(t.validating, async () => {
      const r = await check();
      if (r)
        setStatus(
          r.issues.length
            ? { intent: 'error', text: t.issuesFound(r.issues.length) }
            : { intent: 'success', text: t.valid },
        );
    });

  const onSubmit = () =>
    run(t.submitting, async () => {
      const r = await check();
      if (!r || !data) return;
      if (r.issues.length) return setStatus({ intent: 'error', text: t.issuesFound(r.issues.length) });
      setReceipt(undefined);
      await queue.enqueue(data.campaign.id, submissionFrom(r), r.sheetName);
    });

  const onMove = () =>
    run(t.inserting, async () => {
      if (!outdated || !data || !unit || !period) return;
      const newest = newerVersion(data, outdated.template);
      if (!newest) return;
      const name = await insertTemplate(gateway, data, newest, unit, period, lang, outdated.draft);
      setOutdated(undefined);
      setStatus({ intent: 'info', text: t.moved(name) });
    });

  const reportingUnits = useMemo(() => data?.units.filter((u) => u.reports) ?? [], [data]);
  if (!data) return <Spinner label={t.loading} />;
  const review = latest?.review;

  return (
    <div className="stack">
      {campaigns.length > 1 && (
        <ChoiceField
          label={t.campaign}
          value={data.campaign.id}
          options={campaigns.map((c) => ({ value: c.id, label: localize(c.name, lang) }))}
          onChange={(id) => {
            const c = campaigns.find((x) => x.id === id);
            if (c) void loadCampaignData(api, c).then((next) => (setPeriodId(''), setData(next)));
          }}
        />
      )}
      <ChoiceField
        label={t.unit}
        value={unitId}
        disabled={!!who.unitId}
        placeholder="—"
        options={reportingUnits.map((u) => ({ value: u.id, label: `${u.id} — ${u.name}` }))}
        onChange={setUnitId}
        testId="unit"
      />
      <ChoiceField
        label={t.period}
        hint={period ? t.due(formatDateVi(period.due)) : undefined}
        value={periodId}
        options={data.campaign.periods.map((p) => ({ value: p.id, label: localize(p.label, lang) }))}
        onChange={setPeriodId}
        testId="period"
      />
      <div className="buttons">
        <Button
          appearance="primary"
          disabled={!!busy || !unit || !template}
          onClick={onInsert}
          data-testid="insert"
        >
          {t.insertTemplate}
        </Button>
        <Button disabled={!!busy} onClick={onValidate} data-testid="validate">
          {t.validate}
        </Button>
        <Button appearance="primary" disabled={!!busy} onClick={onSubmit} data-testid="submit">
          {t.submit}
        </Button>
      </div>
      {busy && <Spinner size="small" label={busy} />}
      {status && (
        <MessageBar intent={status.intent} data-testid={status.testId ?? 'status'}>
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      {outdated && (
        <Button onClick={onMove} data-testid="move-version">
          {t.moveToNewVersion}
        </Button>
      )}
      {issues.length > 0 && (
        <ul className="issues" data-testid="issues">
          {issues.map((i, n) => (
            <li key={n}>
              {i.cell ? (
                <Link onClick={() => void gateway.selectCell(marked.current.sheet, i.cell!).catch(fail)}>
                  {t.cell(i.cell)}
                </Link>
              ) : (
                <Text weight="semibold">{i.key}</Text>
              )}
              : {render(i, lang)}
            </li>
          ))}
        </ul>
      )}
      {pending > 0 && (
        <MessageBar intent="warning" data-testid="queue">
          <MessageBarBody>
            {t.waiting(pending)} {lastError && <div>{t.lastError(lastError)}</div>}
            <Button size="small" onClick={() => void queue.flush(true)} data-testid="retry">
              {t.retryNow}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {(receipt ?? latest) && (
        <Card data-testid="receipt">
          <Text weight="semibold">{t.receiptTitle}</Text>
          <Text>
            {t.receiptLine(
              (receipt ?? latest)!.revision,
              formatLocalDateTime((receipt ?? latest)!.receivedAt),
            )}
          </Text>
          <div className="buttons">
            <Badge color={(receipt ?? latest)!.onTime ? 'success' : 'warning'}>
              {(receipt ?? latest)!.onTime ? t.onTime : t.late}
            </Badge>
            {review && (
              <Badge color={review.state === 'returned' ? 'danger' : 'informative'}>
                {t.reviewState[review.state]}
              </Badge>
            )}
          </div>
          {review?.state === 'returned' && review.comment && (
            <Text data-testid="review-comment">{t.returnedComment(review.comment)}</Text>
          )}
        </Card>
      )}
    </div>
  );
}
