import {
  deadlineOf,
  expandCalendar,
  formatDateVi,
  isOnTime,
  localIsoDate,
  samePeriodLastYear,
  startOfLocalDay,
} from '../../shared/src';
import type { Calendar } from '../../shared/src';

describe('deadlines in the campaign time zone', () => {
  const q1 = { due: '2022-03-15' };

  test('“before 15/3” ends at 00:00 on 15 March in Vietnam, which is 17:00 UTC on 14 March', () => {
    expect(deadlineOf(q1, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2022-03-14T17:00:00.000Z');
  });

  test('23:59 local on 14/3 is on time, although the UTC date is 14/3 too', () => {
    expect(isOnTime('2022-03-14T23:59:00+07:00', q1)).toBe(true);
    expect(isOnTime('2022-03-14T16:59:59.999Z', q1)).toBe(true);
  });

  test('00:01 local on 15/3 is late, although its UTC date is still 14/3', () => {
    const received = new Date('2022-03-15T00:01:00+07:00');
    expect(received.toISOString().slice(0, 10)).toBe('2022-03-14');
    expect(isOnTime(received, q1)).toBe(false);
    expect(isOnTime('2022-03-14T17:00:00.000Z', q1)).toBe(false); // exactly midnight: late
  });

  test('a time zone with daylight saving: midnight on the day the clocks change', () => {
    // New York springs forward on 13 March 2022 at 02:00: midnight is still EST (UTC-5).
    expect(startOfLocalDay('2022-03-13', 'America/New_York').toISOString()).toBe('2022-03-13T05:00:00.000Z');
    expect(startOfLocalDay('2022-03-14', 'America/New_York').toISOString()).toBe('2022-03-14T04:00:00.000Z');
    expect(startOfLocalDay('2022-07-01', 'Europe/London').toISOString()).toBe('2022-06-30T23:00:00.000Z');
  });

  test('local dates for display', () => {
    expect(localIsoDate('2022-03-14T17:30:00Z')).toBe('2022-03-15');
    expect(formatDateVi('2021-05-28')).toBe('28/05/2021');
  });
});

describe('calendar expansion', () => {
  const calendar: Calendar = {
    firstYear: 2021,
    lastYear: 2022,
    startsOn: '2021-04-21',
    locked: ['2021-H1'],
    recurring: [
      {
        slot: 'Q1',
        kind: 'quarter',
        label: { vi: 'Báo cáo quý I năm {year}', en: 'Q1 {year}' },
        due: '03-15',
        templateKind: 'results',
      },
      {
        slot: 'H1',
        kind: 'half',
        label: { vi: 'Báo cáo 6 tháng năm {year}' },
        due: '06-15',
        templateKind: 'results',
      },
      { slot: 'Y', kind: 'year', label: { vi: 'Báo cáo năm {year}' }, due: '11-15', templateKind: 'results' },
    ],
    once: [
      {
        id: '2021-PLAN',
        kind: 'plan',
        slot: 'PLAN',
        year: 2021,
        label: { vi: 'Kế hoạch' },
        due: '2021-05-28',
        templateKind: 'plan',
        locked: false,
      },
    ],
  };

  test('periods are generated per year, those due before the campaign started are left out, ordered by due date', () => {
    const periods = expandCalendar(calendar);
    expect(periods.map((p) => p.id)).toEqual([
      '2021-PLAN',
      '2021-H1',
      '2021-Y',
      '2022-Q1',
      '2022-H1',
      '2022-Y',
    ]);
    const q1 = periods.find((p) => p.id === '2022-Q1')!;
    expect(q1).toMatchObject({ due: '2022-03-15', kind: 'quarter', slot: 'Q1', year: 2022 });
    expect(q1.label).toEqual({ vi: 'Báo cáo quý I năm 2022', en: 'Q1 2022' });
  });

  test('locked periods are marked', () => {
    expect(
      expandCalendar(calendar)
        .filter((p) => p.locked)
        .map((p) => p.id),
    ).toEqual(['2021-H1']);
  });

  test('same period last year', () => {
    const periods = expandCalendar(calendar);
    expect(
      samePeriodLastYear(
        periods.find((p) => p.id === '2022-H1')!,
        periods,
      )?.id,
    ).toBe('2021-H1');
    expect(
      samePeriodLastYear(
        periods.find((p) => p.id === '2022-Q1')!,
        periods,
      ),
    ).toBeUndefined();
  });

  test('a period defined twice is refused', () => {
    expect(() =>
      expandCalendar({
        ...calendar,
        once: [...calendar.once, { ...calendar.once[0]!, id: '2021-Y', slot: 'Y' }],
      }),
    ).toThrow(/2021-Y twice/);
  });
});
