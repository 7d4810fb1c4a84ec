/**
 * What the pane says when something fails: each failure sorted into a kind with its catalogue text,
 * the way out (try again, Settings, Excel), and the server's details rendered in the pane's language.
 */
import { ApiError } from '../../addin/src/api/client';
import { ExcelUnavailableError } from '../../addin/src/excel/gateway';
import { strings } from '../../addin/src/i18n/strings';
import { OutboxStorageError } from '../../addin/src/queue/submission-queue';
import {
  detailText,
  isRetryable,
  problemHint,
  problemOf,
  problemText,
} from '../../addin/src/taskpane/pane-problem';

const vi = strings('vi');
const en = strings('en');

test.each([
  [new ApiError(401, 'token_expired', 'x'), 'session', 'Phiên đăng nhập đã hết hạn', false],
  [new ApiError(401, 'token_bad_signature', 'x'), 'session', 'Phiên đăng nhập đã hết hạn', false],
  [new ApiError(0, 'network', 'Failed to fetch'), 'network', 'Không kết nối được máy chủ', true],
  [
    new ApiError(503, 'storage_unavailable', 'x'),
    'unavailable',
    'Hệ thống lưu trữ của máy chủ đang bận',
    true,
  ],
  [new ApiError(502, 'api_unreachable', 'x'), 'unavailable', 'Máy chủ đang tạm thời gián đoạn', true],
  [new ApiError(404, 'http_404', 'Not Found'), 'not-the-api', 'Địa chỉ API không trả lời', false],
  [new ExcelUnavailableError(), 'no-excel', 'ngoài Excel', false],
  [new OutboxStorageError(new Error('QuotaExceededError')), 'outbox', 'hàng chờ gửi', true],
  [new ReferenceError('Excel is not defined'), 'unexpected', 'Đã xảy ra lỗi ngoài dự kiến', false],
])('%s → %s', (error, kind, text, retryable) => {
  const p = problemOf(error);
  expect(p.kind).toBe(kind);
  expect(problemText(p, vi)).toContain(text);
  expect(isRetryable(p)).toBe(retryable);
});

test('the way out is said in both languages', () => {
  expect(problemHint({ kind: 'session' }, vi)).toContain('dán mã truy cập mới');
  expect(problemHint({ kind: 'session' }, en)).toContain('paste a new access token');
  expect(problemHint({ kind: 'network' }, vi)).toContain('Thử lại');
  expect(problemHint({ kind: 'no-excel' }, vi)).toContain('trong Excel');
  expect(problemHint({ kind: 'not-the-api', status: 404 }, vi)).toContain('Địa chỉ API');
});

test('a refusal keeps the server’s text and renders its details with the catalogue', () => {
  const p = problemOf(
    new ApiError(400, 'invalid_body', 'Dữ liệu gửi lên không đúng định dạng.', [
      {
        code: 'not_integer',
        params: { label: { vi: 'Số cuộc họp', en: 'Meetings' } },
        key: 'm',
        message: 'x',
      },
      { code: 'missing_column', params: { name: 'type' }, sheet: 'fields', row: 1, column: null },
      { code: 'no_such_code', message: 'Văn bản của máy chủ' },
      'chỉ là văn bản',
    ]),
  );
  expect(p.kind).toBe('refused');
  expect(problemText(p, vi)).toBe('Dữ liệu gửi lên không đúng định dạng.');
  if (p.kind !== 'refused') throw new Error('unreachable');
  expect(p.details.map((d) => detailText(d, 'vi'))).toEqual([
    '“Số cuộc họp” phải là số nguyên.',
    'Trang “fields”, dòng 1: Thiếu cột “type”.',
    'Văn bản của máy chủ',
    'chỉ là văn bản',
  ]);
  expect(detailText(p.details[0]!, 'en')).toContain('Meetings');
});

test('an office.js error is Excel’s, with its own text', () => {
  const e = Object.assign(new Error('The sheet is protected.'), { code: 'AccessDenied', debugInfo: {} });
  const p = problemOf(e);
  expect(p.kind).toBe('excel');
  expect(problemText(p, vi)).toBe('Excel không thực hiện được thao tác: The sheet is protected.');
});
