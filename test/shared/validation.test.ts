import {
  checkValue,
  DEFAULT_MAX_NUMBER,
  exactSum,
  KeySchema,
  normalizeSubmission,
  parseComparison,
  render,
  RuleSyntaxError,
  validateSubmission,
} from '../../shared/src';
import type { Submission } from '../../shared/src';
import { sampleTemplate } from '../support/fixtures';

type Data = Pick<Submission, 'values' | 'tables'>;
const valid: Data = {
  values: {
    forums_held: 3,
    opinions_received: 120,
    opinions_on_manners: 14,
    satisfaction: 0.92,
    self_assessment: 'good',
  },
  tables: { models: [{ name: 'Tiếp dân niềm nở', members: 12 }] },
};
/** The issues, each with its text rendered as the edge would (the catalogues are tested here too). */
const validate = (d: Data, lang: 'vi' | 'en' = 'vi') =>
  validateSubmission(sampleTemplate, normalizeSubmission(d)).map((i) => ({ ...i, message: render(i, lang) }));

describe('validation of a submission against its template', () => {
  test('a valid report has no issues', () => {
    expect(validate(valid)).toEqual([]);
  });

  test('required, integer, range, choice, date, boolean and length problems name the key, in Vietnamese', () => {
    const issues = validate({
      values: {
        opinions_received: 2.5,
        satisfaction: 1.2,
        charity_value: -1,
        self_assessment: 'average',
        registered_on: '2022-02-30',
        has_model: 'có lẽ',
        slogan: 'x'.repeat(61),
      },
      tables: {},
    });
    const byKey = Object.fromEntries(issues.map((i) => [i.key, i]));
    expect(byKey.forums_held).toMatchObject({
      code: 'required',
      path: 'values.forums_held',
      message: 'Chưa nhập “Số diễn đàn đã tổ chức” (bắt buộc).',
    });
    expect(byKey.opinions_received).toMatchObject({
      code: 'not_integer',
      message: '“Số ý kiến tiếp thu” phải là số nguyên.',
    });
    expect(byKey.satisfaction).toMatchObject({
      code: 'above_max',
      message: '“Tỷ lệ hài lòng” không được lớn hơn 100%.',
    });
    expect(byKey.charity_value).toMatchObject({
      code: 'below_min',
      message: '“Giá trị ủng hộ (triệu đồng)” không được nhỏ hơn 0.',
    });
    expect(byKey.self_assessment).toMatchObject({
      code: 'not_choice',
      message: '“Tự đánh giá” phải là một trong các lựa chọn: Xuất sắc, Tốt, Khá.',
    });
    expect(byKey.registered_on).toMatchObject({ code: 'not_date' });
    expect(byKey.has_model).toMatchObject({ code: 'not_boolean' });
    expect(byKey.slogan).toMatchObject({ code: 'too_long', message: '“Khẩu hiệu” dài quá 60 ký tự.' });
  });

  test('English messages are available for the same issues', () => {
    const [issue] = validate({ values: {}, tables: {} }, 'en');
    expect(issue).toMatchObject({ key: 'forums_held', message: '“Forums held” is required.' });
  });

  test('a cross-field rule gives its Vietnamese message on the field it names', () => {
    const issues = validate({ ...valid, values: { ...valid.values, opinions_on_manners: 121 } });
    expect(issues).toEqual([
      {
        path: 'values.opinions_on_manners',
        key: 'opinions_on_manners',
        code: 'rule_failed',
        params: {
          rule: 'manners_within_opinions',
          message: expect.objectContaining({ vi: expect.any(String) }),
        },
        message: 'Số ý kiến về lễ tiết, tác phong không được lớn hơn tổng số ý kiến tiếp thu.',
      },
    ]);
  });

  test('a rule with `when` applies only when its condition holds, and count() counts table rows', () => {
    const withModel = { ...valid, values: { ...valid.values, has_model: true } };
    expect(validate(withModel)).toEqual([]);
    const noRows = { values: withModel.values, tables: { models: [] } };
    expect(validate(noRows).map((i) => i.message)).toEqual([
      'Đơn vị có mô hình thì phải liệt kê ít nhất một mô hình.',
    ]);
    expect(validate({ values: { ...valid.values, has_model: false }, tables: {} })).toEqual([]);
  });

  test('a rule is not applied to values that are missing or already invalid', () => {
    expect(validate({ values: { forums_held: 1, opinions_on_manners: 5 }, tables: {} })).toEqual([]);
    const issues = validate({
      values: { forums_held: 1, opinions_received: 1, opinions_on_manners: 'năm' },
      tables: {},
    });
    expect(issues.map((i) => i.code)).toEqual(['not_integer']);
  });

  test('table rows: required columns, row limit, unknown columns, with the row in the path', () => {
    const issues = validate({
      values: valid.values,
      tables: {
        models: [
          { name: 'A' },
          { members: 3 },
          { name: 'C', colour: 'đỏ' },
          { name: 'D' },
          { name: 'E' },
          { name: 'F' },
        ],
      },
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['tables.models', 'too_many_rows'],
      ['tables.models[1].name', 'required'],
      ['tables.models[2].colour', 'unknown_field'],
    ]);
    expect(issues[0]!.message).toBe('Bảng “Mô hình” có tối đa 5 dòng.');
  });

  test('unknown fields and tables are refused', () => {
    const issues = validate({ values: { ...valid.values, bogus: 1 }, tables: { other: [{ a: 1 }] } });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['values.bogus', 'unknown_field'],
      ['tables.other', 'unknown_table'],
    ]);
  });
});

describe('NFC normalisation', () => {
  test('decomposed Vietnamese (as some keyboards send it) is stored composed, and trimmed', () => {
    const decomposed = '  Tiếp dân niềm nở  '.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan('Tiếp dân niềm nở'.length + 4);
    const n = normalizeSubmission({
      values: { slogan: decomposed },
      tables: { models: [{ name: decomposed }] },
    });
    expect(n.values.slogan).toBe('Tiếp dân niềm nở');
    expect(n.values.slogan).toBe((n.values.slogan as string).normalize('NFC'));
    expect(n.tables.models![0]!.name).toBe('Tiếp dân niềm nở');
  });

  test('length limits count composed characters, so a decomposed text at the limit is accepted', () => {
    const sixty = 'ệ'.repeat(60).normalize('NFD');
    expect(sixty.length).toBe(180);
    expect(validate({ values: { ...valid.values, slogan: sixty }, tables: {} })).toEqual([]);
  });

  test('empty strings and empty table rows are dropped', () => {
    const n = normalizeSubmission({
      values: { slogan: '   ', forums_held: 0 },
      tables: { models: [{ name: ' ' }, { name: 'A' }] },
    });
    expect(n.values).toEqual({ forums_held: 0 });
    expect(n.tables.models).toEqual([{ name: 'A' }]);
  });
});

describe('rule syntax', () => {
  test('sums, differences, numbers and count()', () => {
    expect(parseComparison('a + b - 2 >= count(models)')).toEqual({
      left: {
        terms: [
          { sign: 1, term: { kind: 'field', key: 'a' } },
          { sign: 1, term: { kind: 'field', key: 'b' } },
          { sign: -1, term: { kind: 'number', value: 2 } },
        ],
      },
      op: '>=',
      right: { terms: [{ sign: 1, term: { kind: 'count', table: 'models' } }] },
    });
  });

  test.each([
    ['a <=', 'ends_early', undefined],
    ['a b', 'no_comparison', undefined],
    ['a => b', 'unexpected', '>'],
    ['count(1) > 0', 'count_table', undefined],
    ['count x > 0', 'count_open', undefined],
    ['count(x > 0', 'count_close', undefined],
    ['a < b < c', 'unexpected', '<'],
    ['A < b', 'unexpected', 'A'],
    ['a ; b', 'unexpected', ';'],
  ])('“%s” is refused: %s %s', (source, reason, token) => {
    expect(() => parseComparison(source)).toThrow(RuleSyntaxError);
    try {
      parseComparison(source);
    } catch (e) {
      expect(e).toMatchObject({ reason, source, token });
    }
  });
});

describe('bounds and keys from users', () => {
  const integer = { key: 'n', type: 'integer', label: { vi: 'n' }, required: false } as const;

  test('integers beyond the configured maximum (10^12 by default) are above_max, even without a template max', () => {
    expect(checkValue(integer as never, DEFAULT_MAX_NUMBER)).toBeUndefined();
    expect(checkValue(integer as never, DEFAULT_MAX_NUMBER + 1)).toMatchObject({ code: 'above_max' });
    expect(checkValue(integer as never, 2 ** 53 + 1)).toMatchObject({ code: 'above_max' });
    expect(checkValue(integer as never, -1e308)).toMatchObject({ code: 'below_min' });
    expect(checkValue(integer as never, 500, { maxNumber: 100 })).toMatchObject({
      code: 'above_max',
      max: 100,
    });
  });

  test('sums are exact past 2^53 and never Infinity', () => {
    expect(exactSum([2 ** 53, 1, 1])).toBe(2 ** 53 + 2);
    expect(exactSum([1e308, 1e308])).toBe(Number.MAX_VALUE);
    expect(exactSum([-1e308, -1e308])).toBe(-Number.MAX_VALUE);
    expect(exactSum([7, 8], 2)).toBe(7.5);
  });

  test('keys that clash with object internals are refused; values are kept in prototype-free maps', () => {
    for (const key of ['constructor', 'prototype', '__proto__', 'tostring', 'valueof'])
      expect(KeySchema.safeParse(key).success).toBe(false);
    expect(KeySchema.safeParse('constructor_count').success).toBe(true);
    const normalized = normalizeSubmission({ values: { a: 1 }, tables: { t: [{ c: 'x' }] } });
    expect(Object.getPrototypeOf(normalized.values)).toBeNull();
    expect(Object.getPrototypeOf(normalized.tables)).toBeNull();
    expect(Object.getPrototypeOf(normalized.tables.t![0])).toBeNull();
  });
});
