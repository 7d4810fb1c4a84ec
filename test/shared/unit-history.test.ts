/** Units over time (shared/src/unit-history.ts): versions, activity, successors, and what the roll-up makes of them. */
import {
  computeRollup,
  expandCalendar,
  isExpectedToReport,
  predecessorsOf,
  problem,
  registryProblems,
  render,
  unitCalendar,
  unitsAsOf,
  type Unit,
} from '../../shared/src';
import { period, sampleTemplate, stored } from '../support/fixtures';

const unit = (id: string, extra: Partial<Unit> = {}): Unit => ({
  id,
  name: `Đơn vị ${id}`,
  group: 'department',
  parentId: 'ROOT',
  pilot: false,
  reports: true,
  ...extra,
});
const ROOT = unit('ROOT', { group: 'board', reports: false, parentId: undefined });
delete (ROOT as { parentId?: string }).parentId;

/**
 * A province: district D ended on 2025-03-01 and communes X1, X2 took over; X2 was later split off into X3
 * (X2 → X3); unit M moved from D's subtree to the root on 2024-01-01 and was renamed; V was a district
 * that became a town on 2024-02-01 (a group change).
 */
const registry: Unit[] = [
  ROOT,
  unit('P1'),
  unit('D', { group: 'district', activeUntil: '2025-03-01', successors: ['X1', 'X2'] }),
  unit('M', {
    name: 'Đội mới',
    history: [{ until: '2024-01-01', name: 'Đội cũ', group: 'other', parentId: 'D' }],
  }),
  unit('V', {
    name: 'Thị xã V',
    group: 'other',
    history: [{ until: '2024-02-01', name: 'Huyện V', group: 'district', parentId: 'ROOT' }],
  }),
  unit('X1', { group: 'commune', activeFrom: '2025-03-01' }),
  unit('X2', { group: 'commune', activeFrom: '2025-03-01', activeUntil: '2026-01-01', successors: ['X3'] }),
  unit('X3', { group: 'commune', activeFrom: '2026-01-01' }),
];

describe('unitsAsOf: the registry as it was on a date', () => {
  test('before a version’s date the unit is that version; from that date on, as it is now', () => {
    const byId = (date: string) => new Map(unitsAsOf(registry, date).map((u) => [u.id, u]));
    expect(byId('2023-12-31').get('M')).toMatchObject({ name: 'Đội cũ', group: 'other', parentId: 'D' });
    expect(byId('2024-01-01').get('M')).toMatchObject({
      name: 'Đội mới',
      group: 'department',
      parentId: 'ROOT',
    });
    expect(byId('2024-01-31').get('V')).toMatchObject({ name: 'Huyện V', group: 'district' });
    expect(byId('2024-02-01').get('V')).toMatchObject({ name: 'Thị xã V', group: 'other' });
    expect(unitsAsOf(registry, '2030-01-01').map((u) => u.id)).toEqual(registry.map((u) => u.id));
  });

  test('of several versions, the earliest one still ahead of the date applies; a version may have no parent', () => {
    const u = unit('U', {
      name: 'C',
      history: [
        { until: '2022-01-01', name: 'A', group: 'board' },
        { until: '2023-01-01', name: 'B', group: 'union', parentId: 'ROOT' },
      ],
    });
    const at = (d: string) => unitsAsOf([ROOT, u], d)[1]!;
    expect(at('2021-06-01')).toMatchObject({ name: 'A', group: 'board' });
    expect(at('2021-06-01').parentId).toBeUndefined();
    expect(at('2022-06-01')).toMatchObject({ name: 'B', group: 'union', parentId: 'ROOT' });
    expect(at('2023-06-01')).toMatchObject({ name: 'C', group: 'department', parentId: 'ROOT' });
  });
});

describe('activity and expectation', () => {
  test('a unit is expected on activeFrom ≤ due < activeUntil, and never after the campaign ended', () => {
    const d = registry.find((u) => u.id === 'D')!;
    expect(isExpectedToReport(d, period('2025-Q1', '2025-02-28'))).toBe(true);
    expect(isExpectedToReport(d, period('2025-Q1', '2025-03-01'))).toBe(false);
    const x1 = registry.find((u) => u.id === 'X1')!;
    expect(isExpectedToReport(x1, period('2025-Q1', '2025-02-28'))).toBe(false);
    expect(isExpectedToReport(x1, period('2025-Q1', '2025-03-15'))).toBe(true);
    expect(isExpectedToReport(x1, period('2025-Q1', '2025-03-15', { afterEnd: true }))).toBe(false);
  });

  test('a calendar that ends keeps its later periods, marked afterEnd', () => {
    const periods = expandCalendar({
      firstYear: 2024,
      lastYear: 2025,
      endsOn: '2025-07-01',
      recurring: [
        { slot: 'Y', kind: 'year', label: { vi: 'Năm {year}' }, due: '12-15', templateKind: 'results' },
      ],
      once: [],
      locked: [],
    });
    expect(periods.map((p) => [p.id, p.afterEnd ?? false])).toEqual([
      ['2024-Y', false],
      ['2025-Y', true],
    ]);
  });

  test('the unit calendar: a period the unit need not report in is not_expected, unless it has a report', () => {
    const periods = [
      period('2024-Y', '2024-11-15'),
      period('2025-Y', '2025-11-15'),
      period('2026-Y', '2026-11-15'),
    ];
    const d = registry.find((u) => u.id === 'D')!;
    const latest = new Map([
      [
        '2026-Y',
        {
          revision: 1,
          receivedAt: '2026-01-01T00:00:00Z',
          onTime: true,
          review: { state: 'pending' as const },
        },
      ],
    ]);
    const states = unitCalendar(periods, latest, new Date('2026-12-01T00:00:00Z'), undefined, (p) =>
      isExpectedToReport(d, p),
    ).map((p) => p.state);
    expect(states).toEqual(['overdue', 'not_expected', 'submitted']);
  });
});

describe('successors', () => {
  test('predecessors are found transitively, in registry order', () => {
    expect(predecessorsOf(registry, 'X3')).toEqual(['D', 'X2']);
    expect(predecessorsOf(registry, 'X1')).toEqual(['D']);
    expect(predecessorsOf(registry, 'P1')).toEqual([]);
  });

  test('a registry is checked whole: successors listed, not itself, no loop; versions’ parents and dates', () => {
    const codes = (units: Unit[]) => registryProblems(units).map((p) => [p.code, p.key]);
    expect(codes(registry)).toEqual([]);
    expect(codes([ROOT, unit('A', { successors: ['A', 'NOPE'] })])).toEqual([
      ['self_successor', 'A'],
      ['unknown_successor', 'A'],
    ]);
    expect(
      codes([
        ROOT,
        unit('A', { successors: ['B'] }),
        unit('B', { successors: ['C'] }),
        unit('C', { successors: ['A'] }),
      ]),
    ).toEqual([['successor_cycle', 'A']]);
    const v = { name: 'x', group: 'other' as const };
    expect(
      codes([
        ROOT,
        unit('A', {
          history: [
            { until: '2022-01-01', ...v, parentId: 'NOPE' },
            { until: '2022-01-01', ...v },
          ],
        }),
      ]),
    ).toEqual([
      ['unknown_parent', 'A'],
      ['duplicate_version', 'A'],
    ]);
    // A loop of parents that only existed in 2021: A under B now, B under A before 2022.
    const loop = codes([
      ROOT,
      unit('A', { parentId: 'B' }),
      unit('B', { history: [{ until: '2022-01-01', ...v, parentId: 'A' }] }),
    ]);
    expect(loop.map(([code]) => code)).toEqual(['parent_cycle']);
    expect(codes([ROOT, unit('A', { activeFrom: '2025-01-01', activeUntil: '2024-01-01' })])).toEqual([
      ['date_order', 'A'],
    ]);
  });
});

describe('the roll-up over time', () => {
  const values = (n: number) => ({ forums_held: n, opinions_received: 10 * n });
  const previousSubmissions = [
    stored('P1', values(1), { periodId: '2024-Y' }),
    stored('D', values(4), { periodId: '2024-Y' }),
    stored('M', values(2), { periodId: '2024-Y' }),
  ];
  const rollup2025 = (units: Unit[]) =>
    computeRollup({
      campaignId: 'c',
      period: period('2025-Y', '2025-11-15'),
      templates: [sampleTemplate],
      units,
      submissions: [
        stored('X1', values(3), { periodId: '2025-Y' }),
        stored('P1', values(1), { periodId: '2025-Y' }),
      ],
      previousPeriod: period('2024-Y', '2024-11-15'),
      previousSubmissions,
    });

  test('an ended unit is not expected; its successors are', () => {
    const r = rollup2025(registry);
    expect(r.completeness.expected).toBe(5); // P1 M V X1 X2 — and not D; X3 not yet
    expect(r.completeness.missing).toEqual(['M', 'V', 'X2']);
    expect(r.completeness.missing).not.toContain('D');
  });

  test('a successor’s same period last year adds up its predecessors; the province total is unaffected', () => {
    const r = rollup2025(registry);
    const of = (id: string) => r.previous!.successors.find((u) => u.unitId === id);
    expect(of('X1')).toMatchObject({ from: ['D'], values: expect.objectContaining({ forums_held: 4 }) });
    expect(of('X2')).toMatchObject({ from: ['D'], values: expect.objectContaining({ forums_held: 4 }) });
    expect(of('P1')).toBeUndefined(); // no predecessor: its last year is its own report there
    // The identity: the total counts every report of last year once, with or without successors.
    const withoutSuccessors = rollup2025(registry.map(({ successors: _s, ...u }) => u));
    expect(r.previous!.totals).toEqual(withoutSuccessors.previous!.totals);
    expect(r.previous!.totals.forums_held).toBe(1 + 4 + 2);
    expect(withoutSuccessors.previous!.successors.find((u) => u.unitId === 'X1')).toBeUndefined();
  });

  test('transitively: X3’s last year adds X2’s report and D’s', () => {
    const r = computeRollup({
      campaignId: 'c',
      period: period('2026-Y', '2026-11-15'),
      templates: [sampleTemplate],
      units: registry,
      submissions: [],
      previousPeriod: period('2025-Y', '2025-11-15'),
      previousSubmissions: [
        stored('X2', values(5), { periodId: '2025-Y' }),
        stored('D', values(7), { periodId: '2025-Y' }), // back-filled by an admin
      ],
    });
    expect(r.previous!.successors.find((u) => u.unitId === 'X3')).toMatchObject({
      from: ['D', 'X2'],
      values: expect.objectContaining({ forums_held: 12 }),
    });
  });

  test('a past period is rolled up with the tree of its due date: names, groups and parents of that time', () => {
    const r2023 = computeRollup({
      campaignId: 'c',
      period: period('2023-Y', '2023-11-15'),
      templates: [sampleTemplate],
      units: registry,
      submissions: [
        stored('M', values(2), { periodId: '2023-Y' }),
        stored('V', values(1), { periodId: '2023-Y' }),
      ],
      rootUnitId: 'D',
    });
    // In 2023, M was under D (it moved to the root on 2024-01-01), and V was not.
    expect(r2023.units.map((u) => [u.unitId, u.name, u.group])).toEqual([['M', 'Đội cũ', 'other']]);
    expect(r2023.totals.forums_held).toBe(2);
    const r2024 = computeRollup({
      campaignId: 'c',
      period: period('2024-Y', '2024-11-15'),
      templates: [sampleTemplate],
      units: registry,
      submissions: [stored('M', values(2), { periodId: '2024-Y' })],
      rootUnitId: 'D',
    });
    expect(r2024.units).toEqual([]);
    const whole2023 = computeRollup({
      campaignId: 'c',
      period: period('2023-Y', '2023-11-15'),
      templates: [sampleTemplate],
      units: registry,
      submissions: [stored('V', values(1), { periodId: '2023-Y' })],
    });
    expect(whole2023.groups.map((g) => g.group)).toContain('district');
    expect(whole2023.unitNames?.V).toBe('Huyện V');
  });
});

describe('the refusals read well in both languages', () => {
  test('unit_not_active names the end (or start) date, Vietnamese style in Vietnamese', () => {
    const ended = problem('unit_not_active', {
      unitId: 'CAH-CAO-LOC',
      periodId: '2025-Q1',
      due: '2025-03-15',
      activeUntil: '2025-03-01',
    });
    expect(render(ended, 'vi')).toBe(
      'Đơn vị “CAH-CAO-LOC” không thuộc diện báo cáo kỳ “2025-Q1” (hạn 15/03/2025): đơn vị đã kết thúc hoạt động từ ngày 01/03/2025. Chỉ quản trị viên được nhập bổ sung báo cáo này.',
    );
    expect(render(ended, 'en')).toBe(
      'Unit “CAH-CAO-LOC” is not expected to report for “2025-Q1” (due 2025-03-15): it ended on 2025-03-01. Only an admin may back-fill this report.',
    );
    const notYet = problem('unit_not_active', {
      unitId: 'X',
      periodId: '2024-Y',
      due: '2024-11-15',
      activeFrom: '2025-03-01',
    });
    expect(render(notYet, 'vi')).toContain('bắt đầu hoạt động từ ngày 01/03/2025');
    expect(render(notYet, 'en')).toContain('it starts on 2025-03-01');
  });
});
