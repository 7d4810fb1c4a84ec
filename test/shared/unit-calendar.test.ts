import {
  daysLeftUntil,
  defaultPeriodOf,
  unitCalendar,
  unitPeriodState,
  type LatestOfPeriod,
  type Period,
} from '../../shared/src';

const VN = 'Asia/Ho_Chi_Minh';
const period = (id: string, due: string, locked = false): Period => ({
  id,
  kind: 'quarter',
  slot: id.slice(5),
  year: Number(id.slice(0, 4)),
  label: { vi: `Kỳ ${id}` },
  due,
  templateKind: 'results',
  locked,
});
const q1 = period('2022-Q1', '2022-03-15');
const received = (state: 'pending' | 'accepted' | 'returned'): LatestOfPeriod => ({
  revision: 2,
  receivedAt: '2022-03-10T03:00:00.000Z',
  onTime: true,
  review: state === 'returned' ? { state, comment: 'Bổ sung số liệu' } : { state },
});

describe('the state of a period for a unit', () => {
  test('the last day of “due 15/3” is 14/3: open until 23:59 local, overdue from 00:00 on 15/3', () => {
    expect(unitPeriodState(q1, undefined, new Date('2022-03-14T23:59:00+07:00'), VN)).toBe('open');
    expect(unitPeriodState(q1, undefined, new Date('2022-03-14T23:59:59.999+07:00'), VN)).toBe('open');
    expect(unitPeriodState(q1, undefined, new Date('2022-03-15T00:00:00+07:00'), VN)).toBe('overdue');
    // The UTC date is still 14/3 at 00:00 local on 15/3: the campaign's time zone decides.
    expect(unitPeriodState(q1, undefined, new Date('2022-03-14T17:00:00Z'), VN)).toBe('overdue');
    expect(unitPeriodState(q1, undefined, new Date('2022-03-14T16:59:59Z'), VN)).toBe('open');
  });

  test('upcoming while the due date is more than 30 days ahead, open from 30 days before', () => {
    expect(unitPeriodState(q1, undefined, new Date('2022-02-12T23:59:00+07:00'), VN)).toBe('upcoming');
    expect(unitPeriodState(q1, undefined, new Date('2022-02-13T00:00:00+07:00'), VN)).toBe('open');
    expect(unitPeriodState(q1, undefined, new Date('2022-02-12T17:00:00Z'), VN)).toBe('open');
  });

  test('a received report is submitted, returned or accepted whatever the clock says', () => {
    for (const now of ['2022-01-01T00:00:00Z', '2022-03-14T12:00:00Z', '2023-01-01T00:00:00Z']) {
      expect(unitPeriodState(q1, received('pending'), new Date(now), VN)).toBe('submitted');
      expect(unitPeriodState(q1, received('returned'), new Date(now), VN)).toBe('returned');
      expect(unitPeriodState(q1, received('accepted'), new Date(now), VN)).toBe('accepted');
    }
  });

  test('days left count local calendar days to the last day on time', () => {
    expect(daysLeftUntil(q1, new Date('2022-03-09T08:00:00+07:00'), VN)).toBe(5);
    expect(daysLeftUntil(q1, new Date('2022-03-14T23:59:00+07:00'), VN)).toBe(0);
    expect(daysLeftUntil(q1, new Date('2022-03-15T00:00:00+07:00'), VN)).toBe(-1);
    expect(daysLeftUntil(q1, new Date('2022-03-17T10:00:00+07:00'), VN)).toBe(-3);
    // 20:00 UTC on 14/3 is already 15/3 in Vietnam.
    expect(daysLeftUntil(q1, new Date('2022-03-14T20:00:00Z'), VN)).toBe(-1);
  });
});

describe('the unit calendar', () => {
  const periods = [
    period('2022-PLAN', '2022-01-15'),
    q1,
    period('2022-H1', '2022-06-15', true),
    period('2022-Q3', '2022-09-15'),
  ];
  const now = new Date('2022-03-10T09:00:00+07:00');

  test('every period in calendar order with its receipt, review and lock', () => {
    const latest = new Map([['2022-PLAN', received('returned')]]);
    const calendar = unitCalendar(periods, latest, now, VN);
    expect(calendar.map((p) => [p.periodId, p.state, p.locked])).toEqual([
      ['2022-PLAN', 'returned', false],
      ['2022-Q1', 'open', false],
      ['2022-H1', 'upcoming', true],
      ['2022-Q3', 'upcoming', false],
    ]);
    expect(calendar[0]).toMatchObject({
      revision: 2,
      onTime: true,
      review: { state: 'returned', comment: 'Bổ sung số liệu' },
    });
    expect(calendar[1]).not.toHaveProperty('revision');
    expect(calendar[1]).toMatchObject({ due: '2022-03-15', daysLeft: 4, kind: 'quarter' });
  });

  test('the default period: the first overdue one, else the next open one', () => {
    expect(defaultPeriodOf(unitCalendar(periods, new Map(), now, VN))?.periodId).toBe('2022-PLAN');
    const planIn = new Map([['2022-PLAN', received('accepted')]]);
    expect(defaultPeriodOf(unitCalendar(periods, planIn, now, VN))?.periodId).toBe('2022-Q1');
    const late = new Date('2023-01-01T00:00:00+07:00');
    const allIn = new Map(periods.map((p) => [p.id, received('accepted')]));
    expect(defaultPeriodOf(unitCalendar(periods, allIn, late, VN))?.periodId).toBe('2022-Q3');
  });
});
