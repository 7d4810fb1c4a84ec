/** The “Tiến độ” sheet model (shared/src/sheet/progress-sheet.ts): matrix, colours, counts, legend, overdue units. */
import {
  buildProgressSheet,
  computeProgress,
  finishSheet,
  sheetCellValues,
  STATE_LOOKS,
  catalogue,
  type LatestOfPeriod,
  type Period,
  type Unit,
} from '../../shared/src';

const period = (id: string, due: string): Period => ({
  id,
  kind: 'quarter',
  slot: id.slice(5),
  year: 2022,
  label: { vi: `Báo cáo kỳ ${id}` },
  due,
  templateKind: 'results',
  locked: false,
});
const PERIODS = [
  period('2022-Q1', '2022-03-15'),
  period('2022-H1', '2022-06-15'),
  period('2022-Q3', '2022-09-15'),
];
const unit = (id: string, group: Unit['group'], extra: Partial<Unit> = {}): Unit => ({
  id,
  name: `Đơn vị ${id}`,
  group,
  pilot: false,
  reports: true,
  ...extra,
});
const UNITS = [
  unit('A', 'department'),
  unit('X', 'district', { contact: 'Đ/c Lan, 0912 345 678', email: 'x@example.vn' }),
  unit('B', 'department', { activeFrom: '2022-07-01' }),
];
const got: LatestOfPeriod = {
  revision: 1,
  receivedAt: '2022-03-01T00:00:00Z',
  onTime: true,
  review: { state: 'accepted' },
};
const now = '2022-09-10T02:00:00.000Z';
const progress = computeProgress({
  periods: PERIODS,
  units: UNITS,
  latest: new Map([['2022-Q1', new Map([['A', got]])]]),
  now: new Date(now),
  timeZone: 'Asia/Ho_Chi_Minh',
});
const sheet = buildProgressSheet(progress, {
  campaign: { name: { vi: 'Phong trào “Nụ cười chiến sĩ”' }, timeZone: 'Asia/Ho_Chi_Minh' },
  periods: PERIODS,
  now,
});
const values = sheetCellValues(sheet);
const at = (row: number, col: number) => values.get(`${row}:${col}`);
const t = catalogue('vi').progress;

test('title, the time of the figures, the header with one column per period', () => {
  expect(sheet.name).toBe('Tiến độ');
  expect(at(1, 1)).toBe('TIẾN ĐỘ NỘP BÁO CÁO');
  expect(at(3, 1)).toBe('Số liệu tính đến 09:00 ngày 10/09/2022');
  expect([at(5, 1), at(5, 2), at(5, 3), at(5, 4), at(5, 5)]).toEqual([
    'STT',
    'Đơn vị',
    '2022-Q1',
    '2022-H1',
    '2022-Q3',
  ]);
  expect(sheet.freeze).toEqual({ rows: 5, cols: 2 });
});

test('units by group, each state a word; a dash where the unit is not expected', () => {
  expect(at(6, 1)).toBe('Khối phòng');
  expect([at(7, 2), at(7, 3), at(7, 4), at(7, 5)]).toEqual(['Đơn vị A', 'Đã duyệt', 'Quá hạn', 'Đang mở']);
  expect([at(8, 2), at(8, 3), at(8, 4), at(8, 5)]).toEqual(['Đơn vị B', '—', '—', 'Đang mở']);
  expect(at(9, 1)).toBe('Cấp huyện, thành phố');
  expect([at(10, 2), at(10, 3)]).toEqual(['Đơn vị X', 'Quá hạn']);
});

test('one conditional format per state over the state cells, with distinct words and looks', () => {
  expect(sheet.conditionalFormats).toHaveLength(6);
  for (const c of sheet.conditionalFormats!) expect(c.ref).toBe('C6:E10');
  const words = sheet.conditionalFormats!.map((c) => c.equals);
  expect(new Set(words).size).toBe(6);
  expect(sheet.conditionalFormats).toContainEqual({
    ref: 'C6:E10',
    equals: 'Quá hạn',
    look: STATE_LOOKS.overdue,
  });
  const finished = finishSheet(sheet).conditionalFormats;
  expect(finished).toContainEqual({
    ref: 'C6:E10',
    formula: '"Quá hạn"',
    fill: '#FFC7CE',
    fontColor: '#9C0006',
  });
});

test('the counts under the matrix, the legend, the overdue units with their contacts', () => {
  const rowOf = (text: string) =>
    [...values]
      .find(([, v]) => v === text)![0]
      .split(':')
      .map(Number)[0]!;
  const expected = rowOf(t.counts.expected);
  expect([at(expected, 3), at(expected, 4), at(expected, 5)]).toEqual([2, 2, 3]);
  const missing = rowOf(t.counts.missing);
  expect([at(missing, 3), at(missing, 4), at(missing, 5)]).toEqual([1, 2, 0]);
  expect([...values.values()]).toContain('2022-H1: Báo cáo kỳ 2022-H1 (hạn nộp 15/06/2022)');
  const late = rowOf('Đơn vị quá hạn chưa nộp (2)');
  expect(at(late + 1, 2)).toBe('Đơn vị A');
  expect(at(late + 1, 3)).toBe('2022-H1: quá hạn 88 ngày\nNgười liên hệ: Chưa có thông tin người liên hệ');
  expect(at(late + 2, 3)).toBe(
    '2022-Q1: quá hạn 180 ngày; 2022-H1: quá hạn 88 ngày\nNgười liên hệ: Đ/c Lan, 0912 345 678 · x@example.vn',
  );
});
