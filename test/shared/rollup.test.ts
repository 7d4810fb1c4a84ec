import { aggregate, computeRollup, parseTemplate } from '../../shared/src';
import { period, sampleTemplate, sampleTemplateInput, sampleUnits, stored } from '../support/fixtures';

const q1 = period('2022-Q1', '2022-03-15');
const q1LastYear = period('2021-Q1', '2021-03-15');

describe('aggregation by roll-up kind', () => {
  const entries = [
    { unitId: 'A', value: 4 },
    { unitId: 'B', value: null },
    { unitId: 'C', value: 10 },
    { unitId: 'D', value: 0.1 },
  ];
  test.each([
    ['sum', 14.1],
    ['avg', 14.1 / 3],
    ['min', 0.1],
    ['max', 10],
    ['count', 3],
    ['none', null],
  ] as const)('%s', (kind, expected) => {
    const v = aggregate(kind, entries);
    if (typeof expected === 'number') expect(v).toBeCloseTo(expected, 10);
    else expect(v).toBe(expected);
  });
  test('list keeps who said what, skipping empty values', () => {
    expect(
      aggregate('list', [
        { unitId: 'A', value: 'Thiếu kinh phí' },
        { unitId: 'B', value: '' },
      ]),
    ).toEqual([{ unitId: 'A', value: 'Thiếu kinh phí' }]);
  });
  test('sums of decimals carry no binary noise, and nothing to add is null rather than 0', () => {
    expect(
      aggregate('sum', [
        { unitId: 'A', value: 0.1 },
        { unitId: 'B', value: 0.2 },
      ]),
    ).toBe(0.3);
    expect(aggregate('sum', [{ unitId: 'A', value: null }])).toBeNull();
  });
});

describe('the roll-up of a period', () => {
  const submissions = [
    stored(
      'PX03',
      { forums_held: 2, opinions_received: 100, satisfaction: 0.9, difficulties: 'Thiếu kinh phí' },
      { tables: { models: [{ name: 'Mô hình A' }] } },
    ),
    stored(
      'PC06',
      { forums_held: 3, opinions_received: 50, satisfaction: 0.8 },
      { onTime: false, revision: 3, review: { state: 'returned', comment: 'Bổ sung số liệu' } },
    ),
    stored('CATP-X1', { forums_held: 1 }, { review: { state: 'accepted' } }),
  ];

  const rollup = computeRollup({
    campaignId: 'c',
    period: q1,
    templates: [sampleTemplate],
    units: sampleUnits,
    submissions,
    previousPeriod: q1LastYear,
    previousSubmissions: [
      stored('PX03', { forums_held: 1 }, { periodId: '2021-Q1' }),
      stored('DTN', { forums_held: 1 }, { periodId: '2021-Q1' }),
    ],
  });

  test('totals by each field’s kind', () => {
    expect(rollup.totals.forums_held).toBe(6);
    expect(rollup.totals.opinions_received).toBe(150);
    expect(rollup.totals.satisfaction).toBeCloseTo(0.85, 10);
    expect(rollup.totals.difficulties).toEqual([{ unitId: 'PX03', value: 'Thiếu kinh phí' }]);
    expect(rollup.totals).not.toHaveProperty('slogan'); // roll-up kind none
  });

  test('completeness: expected units are those that report; missing ones are listed', () => {
    expect(rollup.completeness).toEqual({
      expected: 5,
      submitted: 3,
      onTime: 2,
      late: 1,
      missing: ['CATP', 'DTN'],
    });
    expect(rollup.reviews).toEqual({ pending: 1, accepted: 1, returned: 1 });
  });

  test('each unit’s values, revision, lateness and review, in registry order', () => {
    expect(rollup.units.map((u) => [u.unitId, u.revision, u.onTime, u.review.state])).toEqual([
      ['PX03', 1, true, 'pending'],
      ['PC06', 3, false, 'returned'],
      ['CATP-X1', 1, true, 'accepted'],
    ]);
  });

  test('by group', () => {
    const dept = rollup.groups.find((g) => g.group === 'department')!;
    expect(dept.totals.forums_held).toBe(5);
    expect(dept.completeness).toMatchObject({ expected: 2, submitted: 2, late: 1 });
    const union = rollup.groups.find((g) => g.group === 'union')!;
    expect(union.completeness.missing).toEqual(['DTN']);
    expect(union.totals.forums_held).toBeNull();
  });

  test('table rows are listed with their unit', () => {
    expect(rollup.tableRows.models).toEqual([{ unitId: 'PX03', name: 'Mô hình A' }]);
  });

  test('same period last year', () => {
    expect(rollup.previous).toEqual({
      periodId: '2021-Q1',
      totals: expect.objectContaining({ forums_held: 2 }),
      successors: [], // nobody took over another unit's work
    });
  });

  test('at any node of the tree: the city police and its wards only', () => {
    const city = computeRollup({
      campaignId: 'c',
      period: q1,
      templates: [sampleTemplate],
      units: sampleUnits,
      submissions,
      rootUnitId: 'CATP',
    });
    expect(city.totals.forums_held).toBe(1);
    expect(city.completeness).toEqual({ expected: 2, submitted: 1, onTime: 1, late: 0, missing: ['CATP'] });
  });

  test('a unit added later is expected only from its first period', () => {
    const units = [
      ...sampleUnits,
      {
        id: 'NEW',
        name: 'Đơn vị mới',
        group: 'department' as const,
        parentId: 'ROOT',
        pilot: false,
        reports: true,
        activeFrom: '2022-06-01',
      },
    ];
    const before = computeRollup({
      campaignId: 'c',
      period: q1,
      templates: [sampleTemplate],
      units,
      submissions: [],
    });
    const after = computeRollup({
      campaignId: 'c',
      period: period('2022-Q3', '2022-09-15'),
      templates: [sampleTemplate],
      units,
      submissions: [],
    });
    expect(before.completeness.missing).not.toContain('NEW');
    expect(after.completeness.missing).toContain('NEW');
  });
});

describe('joining template versions by key', () => {
  const v2 = (() => {
    const input = structuredClone({ ...sampleTemplateInput, version: 2 });
    input.sections[0]!.fields = [
      {
        key: 'opinions_received',
        type: 'integer',
        label: { vi: 'Tổng số ý kiến nhận được' },
        min: 0,
        rollup: 'sum',
      }, // relabelled, moved first
      { key: 'forums_held', type: 'integer', label: { vi: 'Số diễn đàn' }, min: 0, rollup: 'sum' },
      {
        key: 'opinions_on_manners',
        type: 'integer',
        label: { vi: 'Ý kiến về tác phong' },
        min: 0,
        rollup: 'sum',
      },
      { key: 'satisfaction', type: 'percent', label: { vi: 'Tỷ lệ hài lòng' }, rollup: 'avg', retired: true },
      { key: 'charity_value', type: 'decimal', label: { vi: 'Giá trị ủng hộ' }, rollup: 'sum' },
      {
        key: 'hotline_calls',
        type: 'integer',
        label: { vi: 'Số cuộc gọi đường dây nóng' },
        min: 0,
        rollup: 'sum',
      }, // new
    ];
    return parseTemplate(input);
  })();

  const rollup = computeRollup({
    campaignId: 'c',
    period: q1,
    templates: [sampleTemplate, v2],
    units: sampleUnits,
    submissions: [
      stored('PX03', { forums_held: 2, opinions_received: 10, satisfaction: 0.5 }, { templateVersion: 1 }),
      stored('PC06', { forums_held: 3, opinions_received: 20, hotline_calls: 7 }, { templateVersion: 2 }),
    ],
  });

  test('shared keys total across versions, new keys are included, retired keys still roll up old data', () => {
    expect(rollup.totals.forums_held).toBe(5);
    expect(rollup.totals.opinions_received).toBe(30);
    expect(rollup.totals.hotline_calls).toBe(7);
    expect(rollup.totals.satisfaction).toBe(0.5);
  });

  test('definitions come from the newest version, in its order; each unit keeps its version', () => {
    expect(rollup.fields.slice(0, 2).map((f) => [f.key, f.label.vi])).toEqual([
      ['opinions_received', 'Tổng số ý kiến nhận được'],
      ['forums_held', 'Số diễn đàn'],
    ]);
    expect(rollup.fields.find((f) => f.key === 'satisfaction')!.retired).toBe(true);
    expect(rollup.units.map((u) => [u.unitId, u.templateVersion])).toEqual([
      ['PX03', 1],
      ['PC06', 2],
    ]);
  });
});
