/**
 * The standing office's first screen, as one hook (docs/architecture.md, "The task pane"): the campaign's
 * progress (GET …/progress, states as of the server's clock), the year shown, the overdue units with
 * their reminders (copied to the clipboard, or a `mailto:` link), and the “Tiến độ” sheet inserted
 * through the gateway. ProgressView only renders what it returns.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  allUnitsReminder,
  buildProgressSheet,
  catalogue,
  defaultProgressYear,
  localIsoDate,
  overdueUnits,
  progressOf,
  reminderMailto,
  unitReminder,
  type CampaignWithPeriods,
  type Language,
  type OverdueUnit,
  type Reminder,
} from '../../../shared/src';
import type { ApiClient, ProgressAnswer } from '../api/client';
import type { ExcelGateway } from '../excel/gateway';
import { useTask } from './use-task';

export interface ProgressOptions {
  api: ApiClient;
  gateway: ExcelGateway;
  lang: Language;
  campaign: CampaignWithPeriods | undefined;
}

/** A late unit as the screen shows it: its reminder, and a link when its address is known. */
export interface LateUnit extends OverdueUnit {
  reminder: Reminder;
  mailto?: { href: string; tooLong: boolean };
}

/** Puts text on the clipboard; false where the host refuses (some Office hosts block the Clipboard API). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function useProgress({ api, gateway, lang, campaign }: ProgressOptions) {
  const t = catalogue(lang).progress;
  const task = useTask();
  const { run, say } = task;
  const [answer, setAnswer] = useState<ProgressAnswer>();
  const [year, setYear] = useState<number>();
  /** The user picked the year: the server's date no longer moves it. */
  const picked = useRef(false);
  /** A reminder the clipboard refused: shown for the user to copy by hand. */
  const [manualCopy, setManualCopy] = useState<string>();

  // A new campaign (or client): start on the year of this machine's date, forget the last answer.
  useEffect(() => {
    picked.current = false;
    setAnswer(undefined);
    setManualCopy(undefined);
    setYear(campaign && defaultProgressYear(campaign.periods, localIsoDate(new Date(), campaign.timeZone)));
  }, [api, campaign]);

  /**
   * Loads the year's periods only (`?from=&to=` their first and last ids). The states are the server's:
   * when its date falls in another year (a machine with a wrong clock, a test), that year is shown instead.
   */
  const load = useCallback(() => {
    if (!campaign || year === undefined) return;
    const ids = campaign.periods.filter((p) => p.year === year).map((p) => p.id);
    if (!ids.length) return;
    run(t.loading, async () => {
      const a = await api.progress(campaign.id, { from: ids[0]!, to: ids[ids.length - 1]! });
      const serverYear = defaultProgressYear(campaign.periods, localIsoDate(new Date(a.now), a.timeZone));
      if (!picked.current && serverYear !== undefined && serverYear !== year) {
        picked.current = true;
        setYear(serverYear);
        return;
      }
      setAnswer(a);
    });
  }, [api, campaign, year, run, t.loading]);
  useEffect(load, [load]);

  const view = useMemo(() => {
    if (!answer || !campaign || answer.campaignId !== campaign.id) return undefined;
    const periods = campaign.periods.filter((p) => p.year === year);
    // The answer for another year, while this one loads.
    if (!periods.some((p) => answer.periods.includes(p.id))) return undefined;
    const progress = progressOf(
      answer,
      periods.map((p) => p.id),
    );
    const now = new Date(answer.now);
    const ctx = {
      lang,
      campaignName: campaign.name,
      standingOffice: answer.standingOffice.name,
      periods: campaign.periods,
      now,
      timeZone: answer.timeZone,
    };
    const late: LateUnit[] = overdueUnits(progress, campaign.periods, now, answer.timeZone).map((u) => {
      const reminder = unitReminder(u, ctx);
      const mailto = reminderMailto(reminder, [u]);
      return { ...u, reminder, ...(mailto ? { mailto } : {}) };
    });
    const all = late.length ? allUnitsReminder(late, ctx) : undefined;
    const allMailto = all ? reminderMailto(all, late) : undefined;
    return { progress, periods, late, all, allMailto, now: answer.now, timeZone: answer.timeZone };
  }, [answer, campaign, year, lang]);

  const years = useMemo(
    () => [...new Set((campaign?.periods ?? []).map((p) => p.year))].sort((a, b) => b - a),
    [campaign],
  );

  const actions = {
    reload: load,
    chooseYear(y: number) {
      picked.current = true;
      setYear(y);
    },

    /** Copies one unit's reminder (or the one for every late unit) to the clipboard. */
    copy(unitId: string | 'all') {
      const reminder = unitId === 'all' ? view?.all : view?.late.find((u) => u.unitId === unitId)?.reminder;
      if (!reminder) return;
      const text = `${reminder.subject}\n\n${reminder.body}`;
      const who =
        unitId === 'all' ? t.everyLateUnit : (view?.late.find((u) => u.unitId === unitId)?.name ?? unitId);
      copyText(text).then((ok) => {
        setManualCopy(ok ? undefined : text);
        say(
          ok
            ? { intent: 'success', text: t.copied(who), testId: 'progress-copied' }
            : { intent: 'warning', text: t.copyFailed },
        );
      }, task.fail);
    },

    /** Writes the “Tiến độ” sheet (replacing one of the same name) for the year shown. */
    insertSheet() {
      if (!view || !campaign) return;
      run(t.inserting, async () => {
        const sheet = buildProgressSheet(view.progress, {
          campaign,
          periods: campaign.periods,
          now: view.now,
          lang,
        });
        await gateway.writeSheets([sheet]);
        say({ intent: 'success', text: t.inserted(sheet.name), testId: 'progress-inserted' });
      });
    },
  };

  return { t, task, view, year, years, manualCopy, excel: gateway.available, actions };
}
