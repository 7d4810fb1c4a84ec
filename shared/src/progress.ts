/**
 * The standing office's progress (GET /api/campaigns/{c}/progress, the summary tab's first screen and
 * the “Tiến độ” sheet): every reporting unit × the periods of a range, each cell the unit's state in the
 * period as in its own calendar (unit-calendar.ts `unitPeriodState`), and counts per period. Pure: the
 * periods, the registry, the latest revisions and the clock come in (docs/architecture.md, "Domain").
 *
 * Who is in it: the units that report (`reports`) and are expected for at least one period of the
 * range (`isExpectedToReport`: active on the period's due date). A unit has a cell for a period when it
 * is expected to report for it, or reported anyway (then the cell says `expected: false` and the
 * report is in no count). Reports of units no longer in the registry are left out.
 *
 * The counts of a period are over the units expected for it, each counted by its latest revision:
 * - `expected`: units expected to report for the period;
 * - `submitted`: of them, those with a revision received, whatever its review;
 * - `onTime` / `late`: the submitted ones whose latest revision came before / after the deadline;
 * - `pending` / `returned` / `accepted`: the submitted ones by the latest revision's review;
 * - `missing`: nothing received and the deadline passed (the cells `overdue`);
 * - `notDue`: nothing received, deadline still ahead (the cells `open` or `upcoming`).
 * So `expected = submitted + missing + notDue`, `submitted = onTime + late = pending + returned + accepted`.
 */
import { problem, type Problem } from './i18n/problem';
import { IsoDateSchema, type Period, type Unit, type UnitGroup } from './schemas';
import { daysLeftUntil, unitPeriodState, type LatestOfPeriod, type UnitPeriodState } from './unit-calendar';
import { isExpectedToReport } from './units';

/**
 * A cell's state: a unit's calendar state. `not_expected` never appears: where the unit is not expected
 * and sent nothing there is no cell.
 */
export type ProgressCellState = Exclude<UnitPeriodState, 'not_expected'>;

export interface ProgressCell {
  state: ProgressCellState;
  revision?: number;
  onTime?: boolean;
  /** Only on a report from a unit not expected for the period (inactive then): counted nowhere. */
  expected?: false;
}

export interface ProgressUnit {
  unitId: string;
  name: string;
  shortName?: string;
  group: UnitGroup;
  contact?: string;
  email?: string;
  /** By period id; absent where the unit is not expected and sent nothing. */
  cells: Record<string, ProgressCell>;
}

export interface PeriodCounts {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  pending: number;
  returned: number;
  accepted: number;
  missing: number;
  notDue: number;
}

export interface Progress {
  /** Period ids of the range, in the calendar's order (by due date). */
  periods: string[];
  units: ProgressUnit[];
  counts: Record<string, PeriodCounts>;
}

/** The latest revision of each unit, by period id then unit id. */
export type LatestByPeriod = ReadonlyMap<string, ReadonlyMap<string, LatestOfPeriod>>;

export interface ProgressInput {
  /** The periods of the range (see {@link periodRange}), in the calendar's order. */
  periods: readonly Period[];
  units: readonly Unit[];
  latest: LatestByPeriod;
  now: Date;
  timeZone?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The periods from `from` to `to`, both included, each a period id or an ISO date: from a period id, that
 * period on; from a date, the periods due on or after it; to a period id, up to that period; to a date,
 * the periods due on or before it. Either may be absent (the calendar's first or last period). An unknown
 * period, a malformed value or a `from` after `to` is a problem naming the parameter.
 */
export function periodRange(
  periods: readonly Period[],
  from?: string,
  to?: string,
): { ok: true; periods: Period[] } | { ok: false; problem: Problem } {
  const bound = (name: 'from' | 'to', value: string): number | Problem => {
    if (IsoDateSchema.safeParse(value).success) {
      if (name === 'from') {
        const i = periods.findIndex((p) => p.due >= value);
        return i < 0 ? periods.length : i;
      }
      let last = -1;
      periods.forEach((p, i) => {
        if (p.due <= value) last = i;
      });
      return last;
    }
    const i = periods.findIndex((p) => p.id === value);
    return i >= 0 ? i : problem('bad_progress_range', { name, value });
  };
  const first = from === undefined ? 0 : bound('from', from);
  if (typeof first !== 'number') return { ok: false, problem: first };
  const last = to === undefined ? periods.length - 1 : bound('to', to);
  if (typeof last !== 'number') return { ok: false, problem: last };
  if (from !== undefined && to !== undefined) {
    // A date stands for itself, a period for its due date; two periods due alike go by the calendar's order.
    const at = (v: string) => (ISO_DATE.test(v) ? v : periods.find((p) => p.id === v)!.due);
    const bothPeriods = !ISO_DATE.test(from) && !ISO_DATE.test(to);
    if (at(from) > at(to) || (bothPeriods && first > last))
      return { ok: false, problem: problem('progress_range_order', { from, to }) };
  }
  return { ok: true, periods: periods.slice(first, last + 1) };
}

export function emptyCounts(): PeriodCounts {
  return {
    expected: 0,
    submitted: 0,
    onTime: 0,
    late: 0,
    pending: 0,
    returned: 0,
    accepted: 0,
    missing: 0,
    notDue: 0,
  };
}

/** The units × periods matrix and the counts per period (see the header comment). */
export function computeProgress(input: ProgressInput): Progress {
  const { periods, now, timeZone } = input;
  const counts: Record<string, PeriodCounts> = {};
  for (const p of periods) counts[p.id] = emptyCounts();
  const units: ProgressUnit[] = [];
  for (const unit of input.units) {
    if (!unit.reports) continue;
    const cells: Record<string, ProgressCell> = {};
    let expectedSomewhere = false;
    for (const period of periods) {
      const expected = isExpectedToReport(unit, period);
      const latest = input.latest.get(period.id)?.get(unit.id);
      if (!expected && !latest) continue;
      expectedSomewhere ||= expected;
      // unitPeriodState gives the calendar's own states; `not_expected` is unitCalendar's, not its.
      const state = unitPeriodState(period, latest, now, timeZone) as ProgressCellState;
      cells[period.id] = {
        state,
        ...(latest ? { revision: latest.revision, onTime: latest.onTime } : {}),
        ...(expected ? {} : { expected: false as const }),
      };
      if (!expected) continue;
      const c = counts[period.id]!;
      c.expected++;
      if (!latest) {
        if (state === 'overdue') c.missing++;
        else c.notDue++;
        continue;
      }
      c.submitted++;
      if (latest.onTime) c.onTime++;
      else c.late++;
      if (state === 'accepted') c.accepted++;
      else if (state === 'returned') c.returned++;
      else c.pending++;
    }
    if (!expectedSomewhere) continue;
    units.push({
      unitId: unit.id,
      name: unit.name,
      ...(unit.shortName ? { shortName: unit.shortName } : {}),
      group: unit.group,
      ...(unit.contact ? { contact: unit.contact } : {}),
      ...(unit.email ? { email: unit.email } : {}),
      cells,
    });
  }
  return { periods: periods.map((p) => p.id), units, counts };
}

/** A unit with reports overdue, for reminders: its periods oldest first, each with the days late. */
export interface OverdueUnit {
  unitId: string;
  name: string;
  contact?: string;
  email?: string;
  periods: { periodId: string; due: string; daysLate: number }[];
}

/**
 * The units with at least one expected report overdue in the progress, in the registry's order. Days
 * late count from the due date (1 on the due date itself), as the clerk's calendar says “quá hạn 1 ngày”.
 */
export function overdueUnits(
  progress: Progress,
  periods: readonly Pick<Period, 'id' | 'due'>[],
  now: Date,
  timeZone?: string,
): OverdueUnit[] {
  const byId = new Map(periods.map((p) => [p.id, p]));
  const out: OverdueUnit[] = [];
  for (const u of progress.units) {
    const late = progress.periods
      .filter((id) => u.cells[id]?.state === 'overdue' && u.cells[id]?.expected !== false && byId.has(id))
      .map((id) => {
        const p = byId.get(id)!;
        return { periodId: id, due: p.due, daysLate: -daysLeftUntil(p, now, timeZone) };
      });
    if (late.length)
      out.push({
        unitId: u.unitId,
        name: u.name,
        ...(u.contact ? { contact: u.contact } : {}),
        ...(u.email ? { email: u.email } : {}),
        periods: late,
      });
  }
  return out;
}

/** The progress restricted to some of its periods (a year picked in the pane): cells and counts of those only. */
export function progressOf(progress: Progress, periodIds: readonly string[]): Progress {
  const keep = progress.periods.filter((id) => periodIds.includes(id));
  const units = progress.units
    .map((u) => ({
      ...u,
      cells: Object.fromEntries(keep.filter((id) => u.cells[id]).map((id) => [id, u.cells[id]!])),
    }))
    .filter((u) => Object.keys(u.cells).length > 0);
  return { periods: keep, units, counts: Object.fromEntries(keep.map((id) => [id, progress.counts[id]!])) };
}

/**
 * The year the progress screen opens on: the year of `today` (the server's date in the campaign's time
 * zone) if the calendar has periods in it, else the latest earlier year that has, else the first year.
 */
export function defaultProgressYear(
  periods: readonly Pick<Period, 'year'>[],
  today: string,
): number | undefined {
  const years = [...new Set(periods.map((p) => p.year))].sort((a, b) => a - b);
  const now = Number(today.slice(0, 4));
  return years.includes(now) ? now : ([...years].reverse().find((y) => y < now) ?? years[0]);
}
