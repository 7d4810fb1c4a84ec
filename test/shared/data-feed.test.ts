/** The data feed's pure parts: rows of a submission, and CSV fields (RFC 4180, OWASP CSV injection). */
import {
  csvField,
  csvRecord,
  feedCsvHeader,
  feedRowsOf,
  type Period,
  type StoredSubmission,
  type Template,
  type Unit,
} from '../../shared/src';

const period: Period = {
  id: '2022-H1',
  kind: 'half',
  slot: 'H1',
  year: 2022,
  label: { vi: '6 tháng đầu năm 2022', en: 'First half of 2022' },
  due: '2022-06-15',
  templateKind: 'results',
  locked: false,
};
const template: Template = {
  id: 'results',
  campaignId: 'c',
  kind: 'results',
  version: 2,
  title: { vi: 'Báo cáo', en: 'Report' },
  sections: [
    {
      key: 's',
      title: { vi: 'Phần', en: 'Part' },
      fields: [
        {
          key: 'meetings',
          type: 'integer',
          label: { vi: 'Số buổi', en: 'Meetings' },
          required: false,
          rollup: 'sum',
          retired: false,
        },
        {
          key: 'old',
          type: 'integer',
          label: { vi: 'Cũ', en: 'Old' },
          required: false,
          rollup: 'sum',
          retired: true,
        },
        {
          key: 'gone',
          type: 'integer',
          label: { vi: 'Bỏ', en: 'Gone' },
          required: false,
          rollup: 'sum',
          retired: true,
        },
        {
          key: 'note',
          type: 'text',
          label: { vi: 'Ghi chú', en: 'Note' },
          required: false,
          rollup: 'none',
          retired: false,
        },
      ],
    },
  ],
  tables: [],
  rules: [],
};
const unit: Unit = {
  id: 'PC06',
  name: 'Phòng Cảnh sát QLHC về TTXH',
  group: 'department',
  pilot: false,
  reports: true,
};
const submission: StoredSubmission = {
  submissionId: '00000000-0000-4000-8000-000000000001',
  templateId: 'results',
  templateVersion: 2,
  unitId: 'PC06',
  periodId: '2022-H1',
  values: { meetings: 3, old: 1, extra: 'x' },
  tables: {},
  revision: 2,
  receivedAt: '2022-06-10T03:00:00.000Z',
  onTime: true,
  review: { state: 'accepted' },
};

test('one row per field: the template order, a retired field only with a value, unknown keys last', () => {
  const rows = feedRowsOf(submission, { campaignId: 'c', period, unit, template, lang: 'vi' });
  expect(rows.map((r) => [r.fieldKey, r.fieldLabel, r.value])).toEqual([
    ['meetings', 'Số buổi', 3],
    ['old', 'Cũ', 1],
    ['note', 'Ghi chú', null],
    ['extra', 'extra', 'x'],
  ]);
  expect(rows[0]).toMatchObject({
    periodLabel: '6 tháng đầu năm 2022',
    unitName: 'Phòng Cảnh sát QLHC về TTXH',
    group: 'Khối phòng',
    templateVersion: 2,
    onTime: true,
    reviewState: 'accepted',
  });
  const en = feedRowsOf(submission, { campaignId: 'c', period, unit, template, lang: 'en' });
  expect([en[0]!.fieldLabel, en[0]!.periodLabel]).toEqual(['Meetings', 'First half of 2022']);
});

test('a unit gone from the registry and an unknown template version still give rows', () => {
  const rows = feedRowsOf(submission, { campaignId: 'c', period, lang: 'vi' });
  expect(rows.map((r) => r.fieldKey)).toEqual(['extra', 'meetings', 'old']);
  expect(rows[0]).toMatchObject({ unitName: 'PC06', group: '' });
});

describe('CSV fields', () => {
  test.each([
    [42, '42'],
    [-5, '-5'],
    [0.8776, '0.8776'],
    [true, 'TRUE'],
    [null, ''],
    ['Lạng Sơn', 'Lạng Sơn'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['\tx', "'\tx"],
  ])('%p → %p', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  test('records end with CRLF; the header is in the language asked for', () => {
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n');
    expect(feedCsvHeader('vi')).toMatch(/^Mã phong trào,Mã kỳ báo cáo,Kỳ báo cáo,/);
    expect(feedCsvHeader('en')).toMatch(/^Campaign,Period id,Period,/);
  });
});
