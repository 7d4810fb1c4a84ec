/**
 * The standing office's progress (shared/src/progress.ts): the matrix, the counts and their identities,
 * the range of periods, the overdue units; the reminders (reminders.ts) and `mailto:` links (mailto.ts).
 */
import {
  allUnitsReminder,
  computeProgress,
  defaultProgressYear,
  mailtoLink,
  MAILTO_MAX_LENGTH,
  overdueUnits,
  periodRange,
  progressOf,
  reminderMailto,
  unitReminder,
  type LatestOfPeriod,
  type PeriodCounts,
  type Period,
  type Progress,
  type Unit,
} from '../../shared/src';

const VN = 'Asia/Ho_Chi_Minh';
const period = (id: string, due: string): Period => ({
  id,
  kind: 'quarter',
  slot: id.slice(5),
  year: Number(id.slice(0, 4)),
  label: { vi: `Báo cáo kỳ ${id}`, en: `Report ${id}` },
  due,
  templateKind: 'results',
  locked: false,
});
const PERIODS = [
  period('2022-Q1', '2022-03-15'),
  period('2022-H1', '2022-06-15'),
  period('2022-Q3', '2022-09-15'),
  period('2022-Y', '2022-11-15'),
];
const unit = (id: string, extra: Partial<Unit> = {}): Unit => ({
  id,
  name: `Đơn vị ${id}`,
  group: 'department',
  pilot: false,
  reports: true,
  ...extra,
});
const UNITS: Unit[] = [
  unit('BOARD', { group: 'board', reports: false }),
  unit('A', { contact: 'Đ/c Lan, 0912 345 678', email: 'a@congan.langson.gov.vn' }),
  unit('B'),
  unit('C', { activeFrom: '2022-07-01' }), // not expected for Q1 and H1
  unit('D', { activeUntil: '2022-04-01' }), // expected for Q1 only
  unit('E', { group: 'district', email: 'e@langson.gov.vn' }),
];
const got = (
  revision: number,
  onTime: boolean,
  state: 'pending' | 'accepted' | 'returned' = 'pending',
): LatestOfPeriod => ({
  revision,
  receivedAt: '2022-03-10T03:00:00.000Z',
  onTime,
  review: { state },
});
const latest = new Map<string, Map<string, LatestOfPeriod>>([
  [
    '2022-Q1',
    new Map([
      ['A', got(1, true, 'accepted')],
      ['B', got(2, false, 'returned')],
      ['C', got(1, false)], // reported though not expected yet
      ['GONE', got(1, true)], // no longer in the registry
    ]),
  ],
  ['2022-H1', new Map([['A', got(1, false)]])],
]);
const NOW = new Date('2022-09-10T09:00:00+07:00');
const progress = computeProgress({ periods: PERIODS, units: UNITS, latest, now: NOW, timeZone: VN });
const cellOf = (p: Progress, unitId: string, periodId: string) =>
  p.units.find((u) => u.unitId === unitId)?.cells[periodId];

describe('the progress matrix', () => {
  test('units that report and are expected somewhere, in the registry order; states as in the calendar', () => {
    expect(progress.periods).toEqual(['2022-Q1', '2022-H1', '2022-Q3', '2022-Y']);
    expect(progress.units.map((u) => u.unitId)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(cellOf(progress, 'A', '2022-Q1')).toEqual({ state: 'accepted', revision: 1, onTime: true });
    expect(cellOf(progress, 'B', '2022-Q1')).toEqual({ state: 'returned', revision: 2, onTime: false });
    expect(cellOf(progress, 'A', '2022-H1')).toEqual({ state: 'submitted', revision: 1, onTime: false });
    expect(cellOf(progress, 'B', '2022-H1')).toEqual({ state: 'overdue' });
    expect(cellOf(progress, 'B', '2022-Q3')).toEqual({ state: 'open' });
    expect(cellOf(progress, 'B', '2022-Y')).toEqual({ state: 'upcoming' });
    // C: not expected before July; its Q1 report is shown and marked, counted nowhere.
    expect(cellOf(progress, 'C', '2022-Q1')).toEqual({
      state: 'submitted',
      revision: 1,
      onTime: false,
      expected: false,
    });
    expect(cellOf(progress, 'C', '2022-H1')).toBeUndefined();
    expect(cellOf(progress, 'D', '2022-H1')).toBeUndefined();
    expect(cellOf(progress, 'D', '2022-Q1')).toEqual({ state: 'overdue' });
    expect(progress.units.find((u) => u.unitId === 'A')).toMatchObject({
      contact: 'Đ/c Lan, 0912 345 678',
      email: 'a@congan.langson.gov.vn',
    });
  });

  test('counts per period', () => {
    expect(progress.counts['2022-Q1']).toEqual({
      expected: 4, // A, B, D, E (C not yet active)
      submitted: 2,
      onTime: 1,
      late: 1,
      pending: 0,
      returned: 1,
      accepted: 1,
      missing: 2, // D, E
      notDue: 0,
    });
    expect(progress.counts['2022-H1']).toMatchObject({ expected: 3, submitted: 1, late: 1, missing: 2 });
    expect(progress.counts['2022-Q3']).toMatchObject({ expected: 4, submitted: 0, missing: 0, notDue: 4 });
  });

  const identities = (c: PeriodCounts) => {
    expect(c.submitted + c.missing + c.notDue).toBe(c.expected);
    expect(c.onTime + c.late).toBe(c.submitted);
    expect(c.pending + c.returned + c.accepted).toBe(c.submitted);
  };

  test('the counts add up, and agree with the cells, in every period and at every instant of the year', () => {
    for (let month = 1; month <= 12; month++) {
      const now = new Date(`2022-${String(month).padStart(2, '0')}-20T12:00:00+07:00`);
      const p = computeProgress({ periods: PERIODS, units: UNITS, latest, now, timeZone: VN });
      for (const id of p.periods) {
        const c = p.counts[id]!;
        identities(c);
        const cells = p.units.map((u) => u.cells[id]).filter((x) => x && x.expected !== false);
        expect(cells.length).toBe(c.expected);
        expect(cells.filter((x) => x!.state === 'overdue').length).toBe(c.missing);
        expect(cells.filter((x) => x!.state === 'accepted').length).toBe(c.accepted);
        expect(cells.filter((x) => x!.state === 'returned').length).toBe(c.returned);
      }
    }
  });
});

describe('the range of periods', () => {
  const ids = (from?: string, to?: string) => {
    const r = periodRange(PERIODS, from, to);
    if (!r.ok) throw new Error(r.problem.code);
    return r.periods.map((p) => p.id);
  };
  test('by period id or ISO date, both ends included', () => {
    expect(ids()).toEqual(['2022-Q1', '2022-H1', '2022-Q3', '2022-Y']);
    expect(ids('2022-H1', '2022-Q3')).toEqual(['2022-H1', '2022-Q3']);
    expect(ids('2022-06-15')).toEqual(['2022-H1', '2022-Q3', '2022-Y']);
    expect(ids('2022-06-16', '2022-11-15')).toEqual(['2022-Q3', '2022-Y']);
    expect(ids(undefined, '2022-09-14')).toEqual(['2022-Q1', '2022-H1']);
    expect(ids('2022-H1', '2022-H1')).toEqual(['2022-H1']);
    expect(ids('2023-01-01')).toEqual([]);
  });
  test('an unknown period, a bad date or an inverted range is a problem naming the parameter', () => {
    expect(periodRange(PERIODS, '2030-Q1')).toEqual({
      ok: false,
      problem: { code: 'bad_progress_range', params: { name: 'from', value: '2030-Q1' } },
    });
    expect(periodRange(PERIODS, undefined, '2022-02-30x')).toMatchObject({
      ok: false,
      problem: { code: 'bad_progress_range', params: { name: 'to' } },
    });
    expect(periodRange(PERIODS, '')).toMatchObject({ ok: false, problem: { code: 'bad_progress_range' } });
    // Not on the calendar: refused, not rolled over to 2 March.
    expect(periodRange(PERIODS, '2022-02-30')).toMatchObject({
      ok: false,
      problem: { code: 'bad_progress_range', params: { name: 'from', value: '2022-02-30' } },
    });
    expect(periodRange(PERIODS, '2022-Q3', '2022-H1')).toMatchObject({
      ok: false,
      problem: { code: 'progress_range_order' },
    });
    expect(periodRange(PERIODS, '2022-10-01', '2022-H1')).toMatchObject({
      ok: false,
      problem: { code: 'progress_range_order' },
    });
  });
});

describe('overdue units and reminders', () => {
  const late = overdueUnits(progress, PERIODS, NOW, VN);
  const ctx = {
    lang: 'vi' as const,
    campaignName: {
      vi: 'Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn',
      en: 'The “Soldier’s Smile” movement in the Lạng Sơn Provincial Police',
    },
    standingOffice: 'Phòng Công tác Đảng và công tác chính trị',
    periods: PERIODS,
    now: NOW,
    timeZone: VN,
  };

  test('the units with expected reports overdue, with days late counted from the due date', () => {
    expect(late.map((u) => [u.unitId, u.periods.map((p) => [p.periodId, p.daysLate])])).toEqual([
      ['B', [['2022-H1', 88]]],
      ['D', [['2022-Q1', 180]]],
      [
        'E',
        [
          ['2022-Q1', 180],
          ['2022-H1', 88],
        ],
      ],
    ]);
    expect(late[2]).toMatchObject({ email: 'e@langson.gov.vn' });
  });

  test('a unit’s reminder in Vietnamese office style, and in English', () => {
    const r = unitReminder(late[2]!, ctx);
    expect(r.subject).toBe(
      'V/v đôn đốc gửi báo cáo kết quả thực hiện Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn',
    );
    expect(r.body.split('\n')).toEqual([
      'Kính gửi: Đơn vị E',
      '',
      'Thực hiện Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn, đến ngày 10/09/2022, Đơn vị E chưa gửi các báo cáo sau:',
      '- Báo cáo kỳ 2022-Q1: hạn nộp 15/03/2022, đã quá hạn 180 ngày;',
      '- Báo cáo kỳ 2022-H1: hạn nộp 15/06/2022, đã quá hạn 88 ngày.',
      'Đề nghị Đơn vị E khẩn trương hoàn thành, gửi báo cáo về Phòng Công tác Đảng và công tác chính trị qua hệ thống báo cáo phong trào thi đua để tổng hợp, báo cáo lãnh đạo theo quy định./.',
      '',
      'Phòng Công tác Đảng và công tác chính trị',
    ]);
    const en = unitReminder(late[0]!, { ...ctx, lang: 'en' });
    expect(en.body).toContain('Report 2022-H1: due 15/06/2022, 88 days overdue.');
    expect(en.subject).toBe(
      'Reminder: reports due for the “Soldier’s Smile” movement in the Lạng Sơn Provincial Police',
    );
  });

  test('one reminder for all late units, numbered', () => {
    const r = allUnitsReminder(late, ctx);
    const lines = r.body.split('\n');
    expect(lines[0]).toBe('Kính gửi: Các đơn vị có tên dưới đây');
    expect(lines[2]).toContain('còn 3 đơn vị chưa gửi báo cáo về Phòng Công tác Đảng');
    expect(lines[3]).toBe('1. Đơn vị B: Báo cáo kỳ 2022-H1: hạn nộp 15/06/2022, đã quá hạn 88 ngày;');
    expect(lines[5]).toMatch(/^3\. Đơn vị E: .*quá hạn 180 ngày; .*quá hạn 88 ngày\.$/);
  });

  test('a mailto: link only where an address is known; blind copies for several; short link when too long', () => {
    expect(reminderMailto(unitReminder(late[0]!, ctx), [late[0]!])).toBeUndefined();
    const one = reminderMailto(unitReminder(late[2]!, ctx), [late[2]!])!;
    expect(one.href.startsWith('mailto:e@langson.gov.vn?subject=')).toBe(true);
    expect(one.tooLong).toBe(false);
    const all = reminderMailto(allUnitsReminder(late, ctx), [...late, { email: 'x@y.vn' }])!;
    expect(all.href.startsWith('mailto:?bcc=e@langson.gov.vn,x@y.vn&subject=')).toBe(true);
    const many = Array.from({ length: 40 }, () => late[2]!);
    const long = reminderMailto(allUnitsReminder(many, ctx), many)!;
    expect(long.tooLong).toBe(true);
    expect(long.href).not.toContain('body=');
    expect(long.href.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
  });
});

describe('mailto links (RFC 6068)', () => {
  test('UTF-8 percent-encoding, %20 for spaces, CRLF line breaks, reserved characters encoded', () => {
    const href = mailtoLink({
      to: ['a@b.vn', ' '],
      subject: 'Đôn đốc',
      body: 'Dòng 1\nDòng 2 & 50% (gấp)?',
    });
    expect(href).toBe(
      'mailto:a@b.vn?subject=%C4%90%C3%B4n%20%C4%91%E1%BB%91c&body=D%C3%B2ng%201%0D%0AD%C3%B2ng%202%20%26%2050%25%20%28g%E1%BA%A5p%29%3F',
    );
    // Decoding gives the text back, with CRLF.
    const body = decodeURIComponent(href.split('body=')[1]!);
    expect(body).toBe('Dòng 1\r\nDòng 2 & 50% (gấp)?');
  });
  test('decomposed Vietnamese (NFD) is sent composed (NFC)', () => {
    const nfd = 'Đề nghị'.normalize('NFD');
    expect(mailtoLink({ subject: nfd })).toBe(mailtoLink({ subject: 'Đề nghị' }));
  });
  test('an address keeps its @, other characters are encoded; no fields, no ?', () => {
    expect(mailtoLink({ to: ['a+b@c.vn'] })).toBe('mailto:a%2Bb@c.vn');
    expect(mailtoLink({ to: ['a@c.vn', 'b@c.vn'], cc: ['d@c.vn'] })).toBe('mailto:a@c.vn,b@c.vn?cc=d@c.vn');
  });
});

describe('the pane’s year', () => {
  test('the progress of some periods: their cells and counts; units with no cell there left out', () => {
    const h1 = progressOf(progress, ['2022-H1']);
    expect(h1.periods).toEqual(['2022-H1']);
    expect(h1.units.map((u) => u.unitId)).toEqual(['A', 'B', 'E']); // C not yet active, D no longer
    expect(h1.counts).toEqual({ '2022-H1': progress.counts['2022-H1'] });
  });
  test('the year of today if the calendar has it, else the latest earlier year, else the first', () => {
    const years = [{ year: 2021 }, { year: 2022 }, { year: 2024 }];
    expect(defaultProgressYear(years, '2022-09-10')).toBe(2022);
    expect(defaultProgressYear(years, '2023-02-01')).toBe(2022);
    expect(defaultProgressYear(years, '2030-01-01')).toBe(2024);
    expect(defaultProgressYear(years, '2019-01-01')).toBe(2021);
    expect(defaultProgressYear([], '2022-01-01')).toBeUndefined();
  });
});
