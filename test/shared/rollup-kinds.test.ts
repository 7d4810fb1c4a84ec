/**
 * The roll-up kinds the domain review asked for (issue 15): `count` of a boolean counts “yes” only,
 * `wavg` weighs each unit's value by another field, `distribution` counts units per choice; and the
 * template checks that keep them meaningful.
 */
import {
  aggregate,
  checkTemplate,
  computeRollup,
  parseTemplate,
  TemplateError,
  type TemplateInput,
} from '../../shared/src';
import { period, sampleTemplateInput, sampleUnits, stored } from '../support/fixtures';

const q1 = period('2022-Q1', '2022-03-15');

/** The sample template with a section of the fields under test. */
function withFields(fields: TemplateInput['sections'][number]['fields'], version = 1): TemplateInput {
  const input = structuredClone({ ...sampleTemplateInput, version });
  input.sections.push({ key: 'extra', title: { vi: 'Phần thêm' }, fields });
  return input;
}

type FieldInput = TemplateInput['sections'][number]['fields'][number];

const PLAN: FieldInput = {
  key: 'plan_issued',
  type: 'boolean',
  label: { vi: 'Đã ban hành kế hoạch' },
  rollup: 'count',
};
const SURVEYS: FieldInput = {
  key: 'satisfaction_surveys',
  type: 'integer',
  label: { vi: 'Số lượt đánh giá' },
  min: 0,
  rollup: 'sum',
};
const RATE: FieldInput = {
  key: 'satisfaction_rate',
  type: 'percent',
  label: { vi: 'Tỷ lệ hài lòng' },
  rollup: 'wavg',
  weight: 'satisfaction_surveys',
};
const SELF: FieldInput = {
  key: 'task_rating',
  type: 'choice',
  label: { vi: 'Tự đánh giá' },
  rollup: 'distribution',
  choices: [
    { value: 'outstanding', label: { vi: 'Hoàn thành xuất sắc nhiệm vụ' } },
    { value: 'well_done', label: { vi: 'Hoàn thành tốt nhiệm vụ' } },
    { value: 'done', label: { vi: 'Hoàn thành nhiệm vụ' } },
    { value: 'not_done', label: { vi: 'Không hoàn thành nhiệm vụ' } },
  ],
};

describe('count of a boolean', () => {
  test('counts the units that answered yes, not those that answered no', () => {
    expect(
      aggregate('count', [
        { unitId: 'A', value: true },
        { unitId: 'B', value: false },
        { unitId: 'C', value: true },
        { unitId: 'D', value: null },
      ]),
    ).toBe(2);
  });

  test('in a period: “Không” (false) is not counted as a plan issued, in the total nor in the groups', () => {
    const template = parseTemplate(withFields([PLAN]));
    const rollup = computeRollup({
      campaignId: 'c',
      period: q1,
      templates: [template],
      units: sampleUnits,
      submissions: [
        stored('PX03', { forums_held: 1, plan_issued: true }),
        stored('PC06', { forums_held: 1, plan_issued: false }),
        stored('CATP-X1', { forums_held: 1, plan_issued: false }),
      ],
    });
    expect(rollup.totals.plan_issued).toBe(1);
    expect(rollup.groups.find((g) => g.group === 'department')!.totals.plan_issued).toBe(1);
  });

  test('other answers still count when given', () => {
    expect(
      aggregate('count', [
        { unitId: 'A', value: 'có' },
        { unitId: 'B', value: '' },
        { unitId: 'C', value: 0 },
      ]),
    ).toBe(2);
  });
});

describe('weighted average (wavg)', () => {
  test('weighs each value by its weight', () => {
    expect(
      aggregate('wavg', [
        { unitId: 'A', value: 0.9, weight: 100 },
        { unitId: 'B', value: 0.5, weight: 300 },
      ]),
    ).toBeCloseTo(0.6, 12);
  });

  test('a value without a positive weight is left out; with no weight at all it is the plain average', () => {
    expect(
      aggregate('wavg', [
        { unitId: 'A', value: 0.9, weight: 100 },
        { unitId: 'B', value: 0.5, weight: null },
        { unitId: 'C', value: 0.1, weight: 0 },
      ]),
    ).toBeCloseTo(0.9, 12);
    expect(
      aggregate('wavg', [
        { unitId: 'A', value: 0.9 },
        { unitId: 'B', value: 0.5 },
      ]),
    ).toBeCloseTo(0.7, 12);
    expect(aggregate('wavg', [{ unitId: 'A', value: null, weight: 10 }])).toBeNull();
  });

  const template = parseTemplate(withFields([SURVEYS, RATE]));
  const rollup = computeRollup({
    campaignId: 'c',
    period: q1,
    templates: [template],
    units: sampleUnits,
    submissions: [
      stored('PX03', { forums_held: 1, satisfaction_surveys: 1000, satisfaction_rate: 0.95 }),
      stored('PC06', { forums_held: 1, satisfaction_surveys: 10, satisfaction_rate: 0.2 }),
      stored('CATP-X1', { forums_held: 1, satisfaction_rate: 0.5 }),
    ],
  });

  test('in a period: a large unit weighs more than a small one (not the plain average 0.55)', () => {
    expect(rollup.totals.satisfaction_rate).toBeCloseTo((950 + 2) / 1010, 10);
    expect(rollup.fields.find((f) => f.key === 'satisfaction_rate')).toMatchObject({
      rollup: 'wavg',
      weight: 'satisfaction_surveys',
    });
  });

  test('the units left out for lack of a weight are named', () => {
    expect(rollup.unweighted).toEqual({ satisfaction_rate: ['CATP-X1'] });
  });

  test('template checks: the weight is a numeric field of the same template, and only for wavg', () => {
    const codes = (fields: TemplateInput['sections'][number]['fields']) => {
      try {
        parseTemplate(withFields(fields));
        return [];
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        return e.problems.map((p) => [p.code, p.path]);
      }
    };
    expect(codes([SURVEYS, { ...RATE, weight: undefined }])).toEqual([
      ['weight_needed', 'sections.2.fields.1.weight'],
    ]);
    expect(codes([{ ...RATE, weight: 'surveys' }])).toEqual([
      ['weight_unknown_field', 'sections.2.fields.0.weight'],
    ]);
    expect(codes([{ ...SURVEYS, type: 'text', min: undefined }, RATE])).toEqual([
      ['weight_not_number', 'sections.2.fields.1.weight'],
    ]);
    expect(codes([{ ...RATE, weight: 'satisfaction_rate' }])).toEqual([
      ['weight_is_itself', 'sections.2.fields.0.weight'],
    ]);
    expect(codes([SURVEYS, { ...SURVEYS, key: 'other', weight: 'satisfaction_surveys' }])).toEqual([
      ['weight_without_wavg', 'sections.2.fields.1.weight'],
    ]);
    expect(codes([{ ...SELF, rollup: 'wavg', weight: 'forums_held' }])).toEqual([
      ['rollup_needs_number', 'sections.2.fields.0.rollup'],
    ]);
    expect(codes([SURVEYS, RATE])).toEqual([]);
  });
});

describe('distribution of a choice field', () => {
  test('counts units per choice, every choice listed', () => {
    expect(
      aggregate(
        'distribution',
        [
          { unitId: 'A', value: 'done' },
          { unitId: 'B', value: 'outstanding' },
          { unitId: 'C', value: 'done' },
          { unitId: 'D', value: null },
        ],
        ['outstanding', 'well_done', 'done', 'not_done'],
      ),
    ).toEqual({ counts: { outstanding: 1, well_done: 0, done: 2, not_done: 0 } });
  });

  test('reports of an older version with other choices keep their answers and labels', () => {
    const v1 = parseTemplate(
      withFields([
        {
          ...SELF,
          rollup: 'none',
          choices: [
            { value: 'excellent', label: { vi: 'Xuất sắc' } },
            { value: 'good', label: { vi: 'Tốt' } },
          ],
        },
      ]),
    );
    const v2 = parseTemplate(withFields([SELF], 2));
    const rollup = computeRollup({
      campaignId: 'c',
      period: q1,
      templates: [v1, v2],
      units: sampleUnits,
      submissions: [
        stored('PX03', { forums_held: 1, task_rating: 'excellent' }),
        stored('PC06', { forums_held: 1, task_rating: 'done' }, { templateVersion: 2 }),
        stored('CATP-X1', { forums_held: 1, task_rating: 'done' }, { templateVersion: 2 }),
      ],
    });
    expect(rollup.totals.task_rating).toEqual({
      counts: { outstanding: 0, well_done: 0, done: 2, not_done: 0, excellent: 1 },
    });
    const field = rollup.fields.find((f) => f.key === 'task_rating')!;
    expect(field.choices?.map((c) => c.value)).toEqual(['outstanding', 'well_done', 'done', 'not_done']);
    expect(field.formerChoices).toEqual([
      { value: 'excellent', label: { vi: 'Xuất sắc' } },
      { value: 'good', label: { vi: 'Tốt' } },
    ]);
    expect(rollup.groups.find((g) => g.group === 'department')!.totals.task_rating).toEqual({
      counts: { outstanding: 0, well_done: 0, done: 1, not_done: 0, excellent: 1 },
    });
  });

  test('only choice fields roll up as a distribution', () => {
    const problems = checkTemplate(parseTemplateLoose(withFields([{ ...SURVEYS, rollup: 'distribution' }])));
    expect(problems.map((p) => p.code)).toEqual(['distribution_needs_choice']);
  });
});

/** The outline checkTemplate reads, without parseTemplate refusing the template first. */
function parseTemplateLoose(input: TemplateInput) {
  return input as Parameters<typeof checkTemplate>[0];
}
