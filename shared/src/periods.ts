/**
 * Periods and deadlines. A period is due on a date in the campaign's time zone: "before 15/3" means
 * received before 00:00 local time on 15 March. Pure: time zones come from Intl, no I/O.
 */
import type { Calendar, Period } from './schemas';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock parts of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Milliseconds to add to UTC to get local wall-clock time at that instant. */
export function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of local midnight at the start of an ISO date in a time zone. */
export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wallClock = Date.UTC(y, m - 1, d, 0, 0, 0);
  let instant = wallClock - timeZoneOffsetMs(new Date(wallClock), timeZone);
  // A second pass settles days where the offset changes (daylight saving) between the guess and the answer.
  instant = wallClock - timeZoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The deadline of a period: reports received before this instant are on time. */
export function deadlineOf(period: Pick<Period, 'due'>, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return startOfLocalDay(period.due, timeZone);
}

export function isOnTime(
  receivedAt: Date | string,
  period: Pick<Period, 'due'>,
  timeZone: string = DEFAULT_TIME_ZONE,
): boolean {
  const received = typeof receivedAt === 'string' ? new Date(receivedAt) : receivedAt;
  return received.getTime() < deadlineOf(period, timeZone).getTime();
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localIsoDate(instant: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** `2021-03-15` → `15/03/2021`, the way Vietnamese documents write dates. */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Local date and time for display: `14/03/2022 23:59`. */
export function formatLocalDateTime(instant: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/** Expands a campaign calendar into its periods, ordered by due date. */
export function expandCalendar(calendar: Calendar): Period[] {
  const periods: Period[] = calendar.once.map((p) => ({
    ...p,
    locked: p.locked || calendar.locked.includes(p.id),
  }));
  for (let year = calendar.firstYear; year <= calendar.lastYear; year++) {
    for (const r of calendar.recurring) {
      const due = `${year}-${r.due}`;
      if (calendar.startsOn && due <= calendar.startsOn) continue;
      const fill = (s: string) => s.replaceAll('{year}', String(year));
      let window: Period['window'];
      if (r.window) {
        const to = `${year}-${r.window.to}`;
        let from = `${r.window.from > r.window.to ? year - 1 : year}-${r.window.from}`;
        if (calendar.startsOn && from < calendar.startsOn) from = calendar.startsOn;
        window = { from, to };
      }
      periods.push({
        id: `${year}-${r.slot}`,
        kind: r.kind,
        slot: r.slot,
        year,
        label: { vi: fill(r.label.vi), ...(r.label.en ? { en: fill(r.label.en) } : {}) },
        due,
        templateKind: r.templateKind,
        locked: calendar.locked.includes(`${year}-${r.slot}`),
        ...(window ? { window } : {}),
      });
    }
  }
  if (calendar.endsOn !== undefined) for (const p of periods) if (p.due >= calendar.endsOn) p.afterEnd = true;
  const ids = new Set<string>();
  for (const p of periods) {
    if (ids.has(p.id)) throw new Error(`calendar defines period ${p.id} twice`);
    ids.add(p.id);
  }
  return periods.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id.localeCompare(b.id)));
}

/** The same period one year earlier ("cùng kỳ năm trước"), if the calendar has it. */
export function samePeriodLastYear(period: Period, periods: readonly Period[]): Period | undefined {
  return periods.find((p) => p.slot === period.slot && p.year === period.year - 1);
}

/** The period a unit should be reporting for now: the first whose deadline has not passed. */
export function currentPeriod(periods: readonly Period[], now: Date, timeZone: string = DEFAULT_TIME_ZONE) {
  return (
    periods.find((p) => now.getTime() < deadlineOf(p, timeZone).getTime()) ?? periods[periods.length - 1]
  );
}
