/**
 * The yearly ranking (shared/src/ranking.ts): each kind of criterion, missing reports, per-hundred
 * indicators, hand scores, ties sharing a rank ("1, 1, 3") per cluster, and the scheme's validation.
 */
import {
  computeRanking,
  rankWithinClusters,
  scaleLinearly,
  ScoringSchema,
  UnitSchema,
  type HandScore,
  type Period,
  type RankingReport,
  type Scoring,
  type Unit,
} from '../../shared/src';

const period = (id: string, due: string, templateKind: Period['templateKind'] = 'results'): Period => ({
  id,
  kind: 'quarter',
  slot: id.slice(5),
  year: Number(id.slice(0, 4)),
  label: { vi: id },
  due,
  templateKind,
  locked: false,
});
const PERIODS = [
  period('2022-Q1', '2022-03-15'),
  period('2022-H1', '2022-06-15'),
  period('2022-Q3', '2022-09-15'),
  period('2022-Y', '2022-11-15'),
  period('2023-Q1', '2023-03-15'),
];
const unit = (id: string, extra: Partial<Unit> = {}): Unit =>
  UnitSchema.parse({ id, name: `Đơn vị ${id}`, group: 'department', ...extra });

const scheme = (criteria: unknown[]): Scoring => ScoringSchema.parse({ criteria });
const label = { vi: 'Tiêu chí' };

type Reports = Record<string, Record<string, RankingReport>>;
const latestOf = (reports: Reports) =>
  new Map(Object.entries(reports).map(([p, byUnit]) => [p, new Map(Object.entries(byUnit))]));
const report = (onTime: boolean, values: RankingReport['values'] = {}): RankingReport => ({ onTime, values });

test('timeliness and completeness: shares of the expected periods; a missing report counts against both', () => {
  const scoring = scheme([
    { id: 'on_time', kind: 'timeliness', points: 20, label },
    { id: 'complete', kind: 'completeness', points: 10, label },
  ]);
  const rows = computeRanking({
    scoring,
    year: 2022,
    periods: PERIODS,
    units: [unit('A'), unit('B'), unit('C', { activeFrom: '2022-07-01' })],
    latest: latestOf({
      '2022-Q1': { A: report(true), B: report(false) },
      '2022-H1': { A: report(true) },
      '2022-Q3': { A: report(false), C: report(true) },
      '2022-Y': { A: report(true), B: report(true), C: report(true) },
      // Another year does not count.
      '2023-Q1': { B: report(true) },
    }),
  });
  const byId = new Map(rows.map((r) => [r.unitId, r]));
  // A: 4 expected, 4 reported, 3 on time.
  expect(byId.get('A')!.criteria.map((c) => c.score)).toEqual([15, 10]);
  // B: 4 expected, 2 reported, 1 on time.
  expect(byId.get('B')!.criteria.map((c) => c.score)).toEqual([5, 5]);
  // C: active from 1/7, so expected for Q3 and Y only, both on time.
  expect(byId.get('C')).toMatchObject({ expected: 2, reported: 2, onTime: 2, score: 30 });
  expect(rows.map((r) => [r.unitId, r.score, r.rank])).toEqual([
    ['C', 30, 1],
    ['A', 25, 2],
    ['B', 10, 3],
  ]);
});

test('`until` leaves out periods not yet due; units never expected in the year are not ranked', () => {
  const rows = computeRanking({
    scoring: scheme([{ id: 'complete', kind: 'completeness', points: 10, label }]),
    year: 2022,
    periods: PERIODS,
    units: [unit('A'), unit('GONE', { activeUntil: '2022-01-01' }), unit('BOARD', { reports: false })],
    latest: latestOf({ '2022-Q1': { A: report(true) } }),
    until: '2022-04-01',
  });
  expect(rows.map((r) => [r.unitId, r.expected, r.score])).toEqual([['A', 1, 10]]);
});

test('indicator: per hundred of another field, summed or the latest figure, scaled linearly between bounds', () => {
  const scoring = scheme([
    {
      id: 'satisfaction',
      kind: 'indicator',
      points: 20,
      label,
      field: 'satisfied',
      perHundredOf: 'surveys',
      lower: 70,
      upper: 100,
    },
    {
      id: 'articles',
      kind: 'indicator',
      points: 10,
      label,
      field: 'articles',
      over: 'latest',
      lower: 0,
      upper: 20,
    },
  ]);
  const rows = computeRanking({
    scoring,
    year: 2022,
    periods: PERIODS,
    units: [unit('A'), unit('B'), unit('C')],
    latest: latestOf({
      '2022-Q1': {
        A: report(true, { satisfied: 40, surveys: 50, articles: 4 }),
        B: report(true, { satisfied: 10, surveys: 0, articles: 30 }),
        C: report(true, { satisfied: 'nhiều', surveys: null }),
      },
      '2022-H1': { A: report(true, { satisfied: 45, surveys: 50, articles: 10 }) },
    }),
  });
  const byId = new Map(rows.map((r) => [r.unitId, r]));
  // A: (40 + 45) per hundred of (50 + 50) = 85 → halfway from 70 to 100 → 10 of 20; the latest articles 10 → 5 of 10.
  expect(byId.get('A')!.criteria.map((c) => [c.value, c.score])).toEqual([
    [85, 10],
    [10, 5],
  ]);
  // B: no surveys, no value and no points; 30 articles is above the upper bound → all points.
  expect(byId.get('B')!.criteria.map((c) => [c.value, c.score])).toEqual([
    [undefined, 0],
    [30, 10],
  ]);
  // C: a text where a number was expected is no value.
  expect(byId.get('C')!.score).toBe(0);
  expect(scaleLinearly(60, 70, 100, 20)).toBe(0);
  expect(scaleLinearly(100, 70, 100, 20)).toBe(20);
});

test('manual: the hand score with its reason, 0 until scored; ties share a rank within a cluster, "1, 1, 3"', () => {
  const scoring = scheme([{ id: 'assessment', kind: 'manual', points: 20, label }]);
  const hand = (score: number, reason: string): Map<string, HandScore> =>
    new Map([['assessment', { score, reason, by: 'Nguyễn Văn A', at: '2022-12-01T00:00:00Z' }]]);
  const units = [
    unit('A', { cluster: 'Khối phòng' }),
    unit('B', { cluster: 'Khối phòng' }),
    unit('C', { cluster: 'Khối phòng' }),
    unit('D', { cluster: 'Khối phòng' }),
    unit('E', { group: 'district' }),
  ];
  const rows = computeRanking({
    scoring,
    year: 2022,
    periods: PERIODS,
    units,
    latest: latestOf({}),
    handScores: new Map([
      ['A', hand(15, 'Nhiều mô hình hay')],
      ['B', hand(15, 'Nhiều mô hình hay')],
      ['C', hand(12.5, 'Hoàn thành tốt')],
      ['E', hand(3, 'Chậm triển khai')],
    ]),
  });
  expect(rows.map((r) => [r.cluster, r.unitId, r.score, r.rank])).toEqual([
    ['district', 'E', 3, 1],
    ['Khối phòng', 'A', 15, 1],
    ['Khối phòng', 'B', 15, 1],
    ['Khối phòng', 'C', 12.5, 3],
    ['Khối phòng', 'D', 0, 4],
  ]);
  expect(rows[1]!.criteria[0]).toMatchObject({ score: 15, reason: 'Nhiều mô hình hay', by: 'Nguyễn Văn A' });
  expect(rows[4]!.criteria[0]).not.toHaveProperty('reason');
});

test('scores are compared as rounded, so sums of fractions tie as they read', () => {
  const rows = rankWithinClusters([
    { cluster: 'x', name: 'A', score: 0.3, rank: 0 },
    { cluster: 'x', name: 'B', score: 0.1 + 0.2, rank: 0 },
  ]);
  // 0.1 + 0.2 is not 0.3 in floating point: computeRanking rounds before ranking; this helper ranks as given.
  expect(rows.map((r) => r.rank)).toEqual([1, 2]);
  const ranked = computeRanking({
    scoring: scheme([
      { id: 'a', kind: 'manual', points: 1, label },
      { id: 'b', kind: 'manual', points: 1, label },
    ]),
    year: 2022,
    periods: PERIODS,
    units: [unit('A'), unit('B')],
    latest: latestOf({}),
    handScores: new Map([
      ['A', new Map([['a', { score: 0.3, reason: 'r' }]])],
      [
        'B',
        new Map([
          ['a', { score: 0.1, reason: 'r' }],
          ['b', { score: 0.2, reason: 'r' }],
        ]),
      ],
    ]),
  });
  expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
});

test('the scheme is validated: unique ids, bounds in order, known kinds, no stray properties', () => {
  const codes = (criteria: unknown[]) => {
    const r = ScoringSchema.safeParse({ criteria });
    return r.success
      ? []
      : r.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code ?? i.code);
  };
  expect(
    codes([
      { id: 'a', kind: 'manual', points: 5, label },
      { id: 'a', kind: 'timeliness', points: 5, label },
    ]),
  ).toEqual(['duplicate_criterion']);
  expect(codes([{ id: 'x', kind: 'indicator', points: 5, label, field: 'f', lower: 10, upper: 10 }])).toEqual(
    ['criterion_bounds'],
  );
  expect(codes([{ id: 'x', kind: 'guess', points: 5, label }])).not.toEqual([]);
  expect(codes([{ id: 'x', kind: 'manual', points: 5, label, field: 'f' }])).not.toEqual([]);
  expect(codes([{ id: 'x', kind: 'manual', points: 0, label }])).not.toEqual([]);
  expect(codes([])).not.toEqual([]);
});
