/**
 * A unit's calendar: every period of a campaign with where the unit stands in it (GET
 * /api/campaigns/{c}/units/{u}/status, and the clerk's first screen). Pure: the latest revisions and the
 * clock come in, the states go out. Deadlines are those of periods.ts ("due 15/3": received before 00:00
 * local time on 15 March), counted in the campaign's time zone.
 */
import { deadlineOf, DEFAULT_TIME_ZONE, localIsoDate } from './periods';
import type { LocalizedText, Period, Review } from './schemas';

export const UNIT_PERIOD_STATES = [
  'upcoming',
  'open',
  'overdue',
  'submitted',
  'returned',
  'accepted',
  /** No report and none expected: the unit was not active on the due date, or the campaign had ended. */
  'not_expected',
] as const;
export type UnitPeriodState = (typeof UNIT_PERIOD_STATES)[number];

/** A period is `upcoming` while its due date is more than this many days ahead. */
export const OPEN_DAYS_BEFORE_DUE = 30;

/** What the calendar needs of a unit's latest revision in a period. */
export interface LatestOfPeriod {
  revision: number;
  receivedAt: string;
  onTime: boolean;
  review: Review;
}

export interface UnitPeriodStatus {
  periodId: string;
  label: LocalizedText;
  kind: Period['kind'];
  templateKind: Period['templateKind'];
  due: string;
  state: UnitPeriodState;
  /**
   * Whole days, in the campaign's time zone, from today to the last day a report is on time (the day
   * before `due`): 0 on that last day, negative once overdue (-1 on the due date itself).
   */
  daysLeft: number;
  locked: boolean;
  revision?: number;
  receivedAt?: string;
  onTime?: boolean;
  review?: Review;
}

const DAY_MS = 86_400_000;

/** Days from ISO date `a` to ISO date `b` (calendar days, no time zone involved). */
function daysBetween(a: string, b: string): number {
  const utc = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

/** {@link UnitPeriodStatus.daysLeft} of one period at an instant. */
export function daysLeftUntil(
  period: Pick<Period, 'due'>,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  return daysBetween(localIsoDate(now, timeZone), period.due) - 1;
}

/** The state of one period for a unit, given its latest revision there (if any) and the clock. */
export function unitPeriodState(
  period: Pick<Period, 'due'>,
  latest: Pick<LatestOfPeriod, 'review'> | undefined,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): UnitPeriodState {
  if (latest) {
    if (latest.review.state === 'accepted') return 'accepted';
    if (latest.review.state === 'returned') return 'returned';
    return 'submitted';
  }
  if (now.getTime() >= deadlineOf(period, timeZone).getTime()) return 'overdue';
  return daysBetween(localIsoDate(now, timeZone), period.due) > OPEN_DAYS_BEFORE_DUE ? 'upcoming' : 'open';
}

/**
 * Every period (in the order given, the calendar's) with the unit's state in it. `expected` says whether the
 * unit has to report in a period (units.ts isExpectedToReport); a period without a report where it need not
 * is `not_expected`.
 */
export function unitCalendar(
  periods: readonly Period[],
  latestByPeriod: ReadonlyMap<string, LatestOfPeriod>,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
  expected: (period: Period) => boolean = () => true,
): UnitPeriodStatus[] {
  return periods.map((period) => {
    const latest = latestByPeriod.get(period.id);
    return {
      periodId: period.id,
      label: period.label,
      kind: period.kind,
      templateKind: period.templateKind,
      due: period.due,
      state: !latest && !expected(period) ? 'not_expected' : unitPeriodState(period, latest, now, timeZone),
      daysLeft: daysLeftUntil(period, now, timeZone),
      locked: period.locked,
      ...(latest
        ? {
            revision: latest.revision,
            receivedAt: latest.receivedAt,
            onTime: latest.onTime,
            review: latest.review,
          }
        : {}),
    };
  });
}

/**
 * The period a clerk should look at first: the first overdue one (oldest first), else the next open
 * one, else the next upcoming one, else the last period of the calendar.
 */
export function defaultPeriodOf(calendar: readonly UnitPeriodStatus[]): UnitPeriodStatus | undefined {
  return (
    calendar.find((p) => p.state === 'overdue' && !p.locked) ??
    calendar.find((p) => p.state === 'open') ??
    calendar.find((p) => p.state === 'upcoming') ??
    [...calendar].reverse().find((p) => p.state !== 'not_expected') ??
    calendar[calendar.length - 1]
  );
}
