/**
 * The clerk's session, as one hook: the campaign data, the choices (unit, period), the steps (insert →
 * check → hints from history → submit → receipt, reopen a returned report with its comments, move to a newer
 * template version) and the outbox's events. It owns every call to the gateway and the API for the Báo cáo
 * tab; ClerkPanel only renders what it returns.
 *
 * Past 400 lines because it is one idea, the clerk's one workflow: its steps share the sheet last checked, the
 * period chosen and the outbox, and splitting them would pass that state between hooks.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  buildTemplateSheet,
  currentPeriod,
  defaultPeriodOf,
  formatLocalDateTime,
  META_NAMES,
  type CampaignWithPeriods,
  type Receipt,
  type SubmissionInput,
  type StoredSubmission,
  type UnitPeriodStatus,
  type ValidationIssue,
} from '../../../shared/src';
import type { ApiClient, HintFlag } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import type { Strings } from '../i18n/strings';
import type { SubmissionQueue } from '../queue/submission-queue';
import {
  checkSheet,
  insertTemplate,
  loadCampaignData,
  newerVersion,
  reopenReport,
  submissionFrom,
  templateForPeriod,
  type CampaignData,
  type ReviewerComment,
  type SheetCheck,
} from './clerk-workflow';
import { problemOf, type PaneProblem } from './pane-problem';
import type { Settings, TokenInfo } from './settings';
import { useTask } from './use-task';

type CheckedSheet = Extract<SheetCheck, { ok: true }>;

export interface ClerkSessionOptions {
  api: ApiClient;
  gateway: ExcelGateway;
  queue: SubmissionQueue;
  settings: Settings;
  who: TokenInfo;
  t: Strings;
  onCampaign: (c: CampaignWithPeriods | undefined) => void;
}

export function useClerkSession({ api, gateway, queue, settings, who, t, onCampaign }: ClerkSessionOptions) {
  const lang = settings.lang;
  const task = useTask();
  const { run, say, fail, progress } = task;
  const [campaigns, setCampaigns] = useState<CampaignWithPeriods[]>();
  const [data, setData] = useState<CampaignData>();
  const [unitId, setUnitId] = useState(who.unitId ?? '');
  const [periodId, setPeriodId] = useState('');
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [receipt, setReceipt] = useState<Receipt>();
  const [latest, setLatest] = useState<StoredSubmission>();
  const [pending, setPending] = useState(queue.pending().length);
  const [queueProblem, setQueueProblem] = useState<PaneProblem>();
  const [outdated, setOutdated] = useState<CheckedSheet>();
  /** The unit's calendar (GET …/units/{u}/status); undefined until answered, [] if it could not be had. */
  const [calendar, setCalendar] = useState<UnitPeriodStatus[]>();
  /** Hints from history about the report the clerk is submitting: it waits for an explanation or a fix. */
  const [hints, setHints] = useState<{ flags: HintFlag[]; submission: SubmissionInput; sheetName: string }>();
  const [explanation, setExplanation] = useState('');
  /** The reviewer's comments on fields of the report reopened last. */
  const [comments, setComments] = useState<ReviewerComment[]>([]);
  const marked = useRef<{ sheet: string; refs: string[] }>({ sheet: '', refs: [] });
  const lastCheck = useRef<CheckedSheet | undefined>(undefined);
  const dataRef = useRef<CampaignData | undefined>(undefined);
  /** The last question asked of the calendar and of the latest submission (see latestAnswer). */
  const calendarFor = useRef('');
  const latestFor = useRef('');
  dataRef.current = data;

  const clerkUnit = who.roles.includes('clerk') && !who.roles.includes('admin') ? who.unitId : undefined;
  const load = useCallback(
    () =>
      run(t.loading, async () => {
        const list = await api.campaigns();
        // A clerk sees only the campaigns of their unit (and starts on the first).
        if (clerkUnit) {
          const all = await Promise.all(list.map((c) => loadCampaignData(api, c)));
          const mine = all.filter((d) => d.units.some((u) => u.id === clerkUnit));
          setCampaigns(mine.map((d) => d.campaign));
          if (mine[0]) setData(mine[0]);
          return;
        }
        setCampaigns(list);
        for (const c of list) {
          const loaded = await loadCampaignData(api, c);
          if (!who.unitId || loaded.units.some((u) => u.id === who.unitId)) return setData(loaded);
        }
        if (list[0]) setData(await loadCampaignData(api, list[0]));
      }),
    [api, run, t, who.unitId, clerkUnit],
  );
  useEffect(load, [load]);

  useEffect(() => onCampaign(data?.campaign), [data, onCampaign]);

  /** The unit's calendar, as of the server's clock (best effort: without it the pickers still work). */
  const refreshCalendar = useCallback(() => {
    if (!data || !unitId) return setCalendar(undefined);
    const asked = latestAnswer(calendarFor, `${data.campaign.id}|${unitId}`);
    api.unitStatus(data.campaign.id, unitId).then(
      (r) => asked.current() && setCalendar(r.periods),
      () => asked.current() && setCalendar([]),
    );
  }, [api, data, unitId]);
  useEffect(refreshCalendar, [refreshCalendar]);

  // The period picker starts on the first overdue period, else the next open one (the unit's calendar);
  // without a unit or a calendar, on the first period not yet due. A period chosen meanwhile is kept.
  useEffect(() => {
    if (!data || periodId) return;
    if (unitId && calendar === undefined) return;
    const fromCalendar = calendar?.length ? defaultPeriodOf(calendar)?.periodId : undefined;
    const fallback =
      fromCalendar ?? currentPeriod(data.campaign.periods, new Date(), data.campaign.timeZone)?.id ?? '';
    // An update, not a value: a period the user chose between this render and this effect is kept.
    setPeriodId((chosen) => chosen || fallback);
  }, [data, periodId, unitId, calendar]);

  const period = data?.campaign.periods.find((p) => p.id === periodId);
  const unit = data?.units.find((u) => u.id === unitId);
  const template = data && period ? templateForPeriod(data, period) : undefined;
  const reportingUnits = useMemo(() => data?.units.filter((u) => u.reports) ?? [], [data]);

  /** The unit's latest submission of the period: its receipt and review state (best effort). */
  const refreshLatest = useCallback(() => {
    if (!data || !unitId || !periodId) return setLatest(undefined);
    // Answers can come back out of order when the period changes quickly: only the last question's counts.
    const asked = latestAnswer(latestFor, `${data.campaign.id}|${periodId}|${unitId}`);
    api.latest(data.campaign.id, periodId, unitId).then(
      ([s]) => asked.current() && setLatest(s),
      () => asked.current() && setLatest(undefined),
    );
  }, [api, data, unitId, periodId]);
  useEffect(refreshLatest, [refreshLatest]);

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

  /** After a refused outdated template: learn the new version, then offer to move the values. */
  const learnNewVersion = useCallback(() => {
    const checked = lastCheck.current;
    const current = dataRef.current;
    if (!checked || !current) return;
    api.templates(current.campaign.id).then(
      (active) => {
        const known = (a: { id: string; version: number }) =>
          current.templates.some((x) => x.id === a.id && x.version === a.version);
        const next = { ...current, templates: [...current.templates, ...active.filter((a) => !known(a))] };
        setData(next);
        if (newerVersion(next, checked.template)) setOutdated(checked);
      },
      (e: unknown) => fail(e),
    );
  }, [api, fail]);

  /** “Gửi lại ngay”: everything waiting, now. */
  const sendWaiting = useCallback(
    function send() {
      queue.flush(true).catch((e: unknown) => fail(e, send));
    },
    [queue, fail],
  );

  // What the outbox does in the background, also for submissions of an earlier session.
  useEffect(
    () =>
      queue.on((e) => {
        if (e.kind === 'changed') setPending(e.pending);
        if (e.kind === 'waiting') setQueueProblem(problemOf(e.error));
        if (e.kind === 'failed') fail(e.error, sendWaiting);
        if (e.kind === 'delivered') {
          setQueueProblem(undefined);
          setReceipt(e.receipt);
          say({ intent: 'success', text: t.receiptTitle, testId: 'status-delivered' });
          const ref = receiptCell(e.item.submission.templateId, e.item.submission.templateVersion);
          if (gateway.available && e.item.sheetName && ref) {
            const text = `${t.receiptLine(e.receipt.revision, formatLocalDateTime(e.receipt.receivedAt))} — ${e.receipt.onTime ? t.onTime : t.late}`;
            // The receipt in the sheet is a courtesy: the pane shows it whatever happens.
            gateway.writeCell(e.item.sheetName, ref, text).catch(() => undefined);
          }
          refreshLatest();
          refreshCalendar();
        }
        if (e.kind === 'rejected') {
          if (e.error.code === 'outdated_template') {
            say({ intent: 'warning', text: `${t.outdated} ${e.error.message}` });
            learnNewVersion();
          } else if (Array.isArray(e.error.details) && e.error.details.length) {
            // The server's validation: listed like the pane's own, by cell where it knows one.
            say({ intent: 'error', text: e.error.message });
            setIssues(e.error.details as ValidationIssue[]);
          } else fail(e.error);
        }
      }),
    [queue, gateway, t, receiptCell, refreshLatest, refreshCalendar, learnNewVersion, say, fail, sendWaiting],
  );

  // Deliver what an earlier session (or the same one with an expired token) left waiting, now.
  useEffect(() => {
    queue.flush(true).catch((e: unknown) => fail(e, sendWaiting));
  }, [queue, fail, sendWaiting]);

  async function check(): Promise<CheckedSheet | undefined> {
    if (!data) return undefined;
    const result = await checkSheet(gateway, api, data, lang);
    lastCheck.current = result.ok ? result : undefined;
    if (!result.ok) {
      say({ intent: 'warning', text: t.notATemplateSheet });
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

  const actions = {
    chooseCampaign(id: string) {
      const c = campaigns?.find((x) => x.id === id);
      // Choosing the campaign already shown keeps the period chosen in it.
      if (!c || id === dataRef.current?.campaign.id) return;
      run(t.loading, async () => {
        const next = await loadCampaignData(api, c);
        setPeriodId('');
        setCalendar(undefined);
        setData(next);
      });
    },
    chooseUnit(id: string) {
      setCalendar(undefined);
      setUnitId(id);
    },
    choosePeriod: setPeriodId,

    insert() {
      run(t.inserting, async () => {
        if (!data || !unit || !period || !template) return;
        const name = await insertTemplate(gateway, data, template, unit, period, lang);
        setIssues([]);
        setComments([]);
        say({ intent: 'info', text: t.inserted(name), testId: 'status-inserted' });
      });
    },

    /**
     * One click on a period of the unit's calendar: choose it and insert its template — blank, or, when the
     * unit has reported, reopened with the latest revision's values to correct and submit again.
     */
    openPeriod(id: string) {
      setPeriodId(id);
      run(t.inserting, async () => {
        const p = data?.campaign.periods.find((x) => x.id === id);
        const tpl = data && p ? templateForPeriod(data, p) : undefined;
        if (!data || !unit || !p || !tpl) return;
        const reported = calendar?.some((c) => c.periodId === id && c.revision !== undefined);
        setIssues([]);
        setHints(undefined);
        if (!reported) {
          const name = await insertTemplate(gateway, data, tpl, unit, p, lang);
          setComments([]);
          return say({ intent: 'info', text: t.inserted(name), testId: 'status-inserted' });
        }
        // Reopened with its values; a returned report's commented cells stand out (and carry notes).
        const r = await reopenReport(gateway, api, data, tpl, unit, p, lang);
        marked.current = { sheet: r.sheetName, refs: [] }; // the comments' cells are on this sheet
        setComments(r.comments);
        say({
          intent: 'info',
          text: r.comments.length
            ? t.reopenedWithComments(r.sheetName, r.comments.length, gateway.supportsNotes())
            : r.reopened
              ? t.reopened(r.sheetName)
              : t.inserted(r.sheetName),
          testId: 'status-inserted',
        });
      });
    },

    validate() {
      run(t.validating, async () => {
        const r = await check();
        if (r)
          say(
            r.issues.length
              ? { intent: 'error', text: t.issuesFound(r.issues.length) }
              : { intent: 'success', text: t.valid },
          );
      });
    },

    submit() {
      run(t.submitting, async () => {
        const r = await check();
        if (!r || !data) return;
        if (r.issues.length) return say({ intent: 'error', text: t.issuesFound(r.issues.length) });
        const submission = submissionFrom(r);
        // Hints from history first (best effort: offline, the report goes to the outbox unasked).
        progress(t.checkingHints);
        const answer = await api.checkHints(data.campaign.id, submission).catch(() => undefined);
        if (answer?.flags.length) {
          setExplanation('');
          // Each flag points at its cell, like a validation issue.
          const flags = answer.flags.map((f) => {
            const cell = f.path ? r.draft.cells[f.path] : undefined;
            return cell ? { ...f, cell } : f;
          });
          setHints({ flags, submission, sheetName: r.sheetName });
          return say(undefined); // the hints' own bar says it, with the way on
        }
        setHints(undefined);
        setReceipt(undefined);
        await queue.enqueue(data.campaign.id, submission, r.sheetName);
      });
    },

    /** The flagged figures are right: submit them with the clerk's explanation. */
    submitAnyway() {
      run(t.submitting, async () => {
        if (!hints || !data || !explanation.trim()) return;
        setReceipt(undefined);
        await queue.enqueue(
          data.campaign.id,
          { ...hints.submission, explanation: explanation.trim() },
          hints.sheetName,
        );
        setHints(undefined);
      });
    },

    /** Back to the sheet to correct the flagged figures. */
    reviseFirst() {
      setHints(undefined);
      say(undefined);
    },

    editExplanation: setExplanation,

    moveToNewVersion() {
      run(t.inserting, async () => {
        if (!outdated || !data || !unit || !period) return;
        const newest = newerVersion(data, outdated.template);
        if (!newest) return;
        const name = await insertTemplate(gateway, data, newest, unit, period, lang, outdated.draft);
        setOutdated(undefined);
        say({ intent: 'info', text: t.moved(name) });
      });
    },

    goToCell(cell: string) {
      gateway.selectCell(marked.current.sheet, cell).catch((e: unknown) => fail(e));
    },

    sendWaiting,
  };

  // What waits in the outbox counts in: the calendar shows it as waiting to be sent.
  const waitingPeriods = useMemo(() => {
    void pending;
    const ids = new Set<string>();
    for (const item of queue.pending())
      if (item.campaignId === data?.campaign.id && item.submission.unitId === unitId)
        ids.add(item.submission.periodId);
    return ids;
  }, [queue, pending, data, unitId]);

  return {
    task,
    reload: load,
    calendar: calendar ?? [],
    waitingPeriods,
    campaigns: campaigns ?? [],
    /** The campaigns have been asked for and answered (an empty list included). */
    loaded: campaigns !== undefined,
    data,
    unitId,
    periodId,
    unit,
    period,
    template,
    reportingUnits,
    issues,
    hints: hints?.flags ?? [],
    explanation,
    comments,
    // A receipt just received is shown until the server's latest submission of the same unit and period is
    // as new (that one carries the review state).
    receipt:
      receipt &&
      !(
        latest &&
        latest.unitId === receipt.unitId &&
        latest.periodId === receipt.periodId &&
        latest.revision >= receipt.revision
      )
        ? receipt
        : latest,
    review: latest?.review,
    pending,
    queueProblem,
    outdated: !!outdated,
    excel: gateway.available,
    actions,
  };
}

export type ClerkSession = ReturnType<typeof useClerkSession>;

/**
 * Records `key` as the last question asked through `last`; `current()` then says whether an answer
 * still belongs to the last question (an answer to an earlier one is dropped).
 */
function latestAnswer(last: { current: string }, key: string): { current: () => boolean } {
  last.current = key;
  return { current: () => last.current === key };
}
