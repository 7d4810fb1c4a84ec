/**
 * Every user-facing text of the product in Vietnamese, the default language: problems (by code),
 * the fixed labels of the sheets the product writes, the task pane, the yes/no words a cell may hold
 * and the template command line's own texts. catalogue-en.ts has the same
 * keys (the compiler and test/shared/catalogue-parity.test.ts check it).
 *
 * This file is long because it is one idea: the Vietnamese catalogue. Sections follow the layers that
 * raise the problems (submission, schema, HTTP, workbook, sign-in, permission, template, definition
 * and registry sheets, command line); keep a new code in its section.
 *
 * Wording: "sổ làm việc" (workbook, as Excel says), "trang tính" (sheet), "mã chỉ tiêu" (field key),
 * "khóa sổ" (locked period); requests start "Đề nghị …" / "Vui lòng …".
 */
import type { RenderParams } from './render-params';

type Render = (p: RenderParams) => string;

/** A number with Vietnamese digit grouping: 32000 → 32.000. */
const num = (v: string | undefined) =>
  v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v).toLocaleString('vi-VN') : String(v);

/** A value in a history hint: a percent field's fraction as “85%”, other numbers grouped (12.000). */
const hintNumber = (v: string | undefined, type: string | undefined) =>
  type === 'percent' && v !== undefined && Number.isFinite(Number(v))
    ? `${(Math.round(Number(v) * 10_000) / 100).toLocaleString('vi-VN')}%`
    : num(v);

const KEY_COLUMN_NAMES: Record<string, string> = {
  section: 'mã phần (section)',
  key: 'mã chỉ tiêu (key)',
  table: 'mã bảng (table)',
  column: 'mã cột (column)',
  id: 'mã quy tắc (id)',
  field: 'mã chỉ tiêu (field)',
};

/** An ISO date as Vietnamese documents write it: 2025-03-01 → 01/03/2025. */
const dmy = (d: string | undefined) =>
  d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d.split('-').reverse().join('/') : String(d);

/**
 * Where a repeated key was first used: a row of a definition sheet (`firstSheet`, `firstRow`), or a
 * path in a JSON template (`first`, `sections.0.fields.2.key`).
 */
const firstAt = (p: RenderParams) =>
  p.firstRow ? `trang “${p.firstSheet}”, dòng ${p.firstRow}` : (p.first ?? '');

/** Why a rule does not parse (rules.ts, RuleSyntaxError). */
const ruleSyntax = (p: RenderParams) => {
  switch (p.reason) {
    case 'unexpected':
      return `“${p.token}” không đúng chỗ`;
    case 'ends_early':
      return 'biểu thức chưa viết hết';
    case 'count_open':
      return 'sau count cần “(”';
    case 'count_table':
      return 'trong count(…) cần một mã bảng';
    case 'count_close':
      return 'count(…) thiếu “)”';
    case 'no_comparison':
      return 'cần một phép so sánh (<=, <, >=, >, =, !=)';
    default:
      return 'không đọc được';
  }
};

const problems = {
  // ---------------------------------------------------------------- a submission's values
  required: (p) => `Chưa nhập “${p.label}” (bắt buộc).`,
  not_integer: (p) => `“${p.label}” phải là số nguyên.`,
  not_number: (p) => `“${p.label}” phải là một số.`,
  not_percent: (p) => `“${p.label}” phải là tỷ lệ phần trăm từ 0% đến 100%.`,
  below_min: (p) => `“${p.label}” không được nhỏ hơn ${num(p.min)}.`,
  above_max: (p) => `“${p.label}” không được lớn hơn ${num(p.max)}.`,
  too_long: (p) => `“${p.label}” dài quá ${num(p.maxLength)} ký tự.`,
  not_date: (p) => `“${p.label}” phải là ngày hợp lệ (ngày/tháng/năm).`,
  not_choice: (p) => `“${p.label}” phải là một trong các lựa chọn: ${p.choices}.`,
  not_boolean: (p) => `“${p.label}” chỉ nhận “Có” hoặc “Không”.`,
  not_text: (p) => `“${p.label}” phải là văn bản.`,
  too_many_rows: (p) => `Bảng “${p.table}” có tối đa ${num(p.maxRows)} dòng.`,
  unknown_field: (p) => `Biểu mẫu không có chỉ tiêu “${p.key}”.`,
  unknown_table: (p) => `Biểu mẫu không có bảng “${p.key}”.`,
  retired_field: (p) => `Chỉ tiêu “${p.label}” đã được bỏ khỏi biểu mẫu, không nhập nữa.`,
  template_mismatch: (p) => `Báo cáo không khớp với biểu mẫu ${p.templateId}.`,
  rule_failed: (p) => p.message ?? '',

  // ---------------------------------------------------------------- the shape of a request body
  schema_required: () => `Thiếu giá trị bắt buộc.`,
  schema_invalid_type: (p) => `Giá trị không đúng kiểu (cần ${TYPE_NAMES[p.expected ?? ''] ?? p.expected}).`,
  schema_too_small: (p) =>
    p.origin === 'string'
      ? `Cần ít nhất ${num(p.minimum)} ký tự.`
      : p.origin === 'array'
        ? `Cần ít nhất ${num(p.minimum)} phần tử.`
        : `Giá trị không được nhỏ hơn ${num(p.minimum)}.`,
  schema_too_big: (p) =>
    p.origin === 'string'
      ? `Tối đa ${num(p.maximum)} ký tự.`
      : p.origin === 'array'
        ? `Tối đa ${num(p.maximum)} phần tử.`
        : `Giá trị không được lớn hơn ${num(p.maximum)}.`,
  schema_invalid_format: (p) => `Giá trị không đúng định dạng ${FORMAT_NAMES[p.format ?? ''] ?? p.format}.`,
  schema_invalid_value: (p) => `Giá trị không hợp lệ; chỉ nhận: ${p.options}.`,
  schema_unrecognized_keys: (p) => `Có thuộc tính không được hỗ trợ: ${p.keys}.`,
  schema_invalid: () => `Giá trị không hợp lệ.`,
  not_calendar_date: () => `Ngày không có trên lịch.`,
  unsafe_key: (p) => `Mã “${p.key}” trùng với tên dành riêng của hệ thống; đề nghị chọn mã khác.`,

  // ---------------------------------------------------------------- HTTP requests
  campaign_not_found: (p) => `Không tìm thấy phong trào “${p.campaignId}”.`,
  period_not_found: (p) => `Không có kỳ báo cáo “${p.periodId}” trong phong trào này.`,
  unit_not_found: (p) => `Không có đơn vị “${p.unitId}” trong danh sách đơn vị.`,
  template_not_found: (p) => `Không tìm thấy biểu mẫu “${p.templateId}”.`,
  version_not_found: (p) => `Biểu mẫu “${p.templateId}” không có phiên bản ${p.version}.`,
  user_not_found: (p) => `Không có người dùng “${p.userId}”.`,
  route_not_found: () => `Không có địa chỉ này trong hệ thống báo cáo.`,
  method_not_allowed: () => `Địa chỉ này không nhận phương thức đã gửi.`,
  too_large: (p) => `Nội dung gửi lên quá lớn (tối đa ${num(p.limitKb)} KB).`,
  unsupported_media_type: (p) =>
    p.types === 'json'
      ? 'Nội dung gửi lên phải là JSON (Content-Type: application/json).'
      : 'Nội dung gửi lên phải là JSON (application/json) hoặc sổ làm việc Excel (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).',
  bad_json: () => 'Nội dung JSON không hợp lệ.',
  bad_encoding: () => 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.',
  json_too_deep: (p) => `Dữ liệu JSON lồng nhau quá sâu (tối đa ${num(p.limit)} cấp).`,
  submission_id_reused: (p) =>
    `Mã lần gửi “${p.submissionId}” đã được dùng cho một báo cáo khác (khác về ${(p.differs ?? '')
      .split(', ')
      .map((d) => ({ unit: 'đơn vị', period: 'kỳ báo cáo', content: 'nội dung' })[d] ?? d)
      .join(', ')}). Mỗi lần gửi báo cáo mới cần một mã mới.`,
  invalid_body: () => 'Dữ liệu gửi lên không đúng định dạng.',
  invalid_submission: () => 'Báo cáo có lỗi; đề nghị sửa các ô được chỉ ra rồi nộp lại.',
  wrong_template_kind: (p) => `Kỳ báo cáo này dùng biểu mẫu loại “${KIND_NAMES[p.kind ?? ''] ?? p.kind}”.`,
  outdated_template: (p) =>
    `Biểu mẫu “${p.templateId}” đã được cập nhật lên phiên bản ${p.current} (đơn vị đang dùng phiên bản ${p.sent}). Đề nghị chuyển số liệu sang biểu mẫu mới rồi nộp lại.`,
  period_locked: (p) => `Kỳ báo cáo “${p.periodId}” đã khóa sổ; chỉ quản trị viên được cập nhật.`,
  incompatible_template: () => 'Phiên bản mới của biểu mẫu không tương thích với các phiên bản trước.',
  version_exists: (p) =>
    `Biểu mẫu “${p.templateId}” đã có phiên bản ${p.version}; phiên bản mới phải lớn hơn.`,
  nothing_to_review: (p) => `Đơn vị “${p.unitId}” chưa nộp báo cáo kỳ “${p.periodId}”.`,
  users_need_global_admin: () =>
    'Chỉ quản trị viên toàn hệ thống (không giới hạn phong trào) được quản lý người dùng.',
  revision_conflict: () => 'Đơn vị vừa nộp bản mới trong lúc duyệt; đề nghị tải lại rồi duyệt bản mới nhất.',
  storage_unavailable: () => 'Hệ thống lưu trữ đang bận, vui lòng thử lại sau ít phút. Báo cáo chưa bị mất.',
  bad_query: (p) => `Tham số “${p.name}” không hợp lệ.`,
  bad_format: () => 'Tham số “format” chỉ nhận “json” hoặc “xlsx”.',
  bad_lang: () => 'Tham số “lang” chỉ nhận “vi” hoặc “en”.',
  bad_report_format: () => 'Tham số “format” của báo cáo chỉ nhận “docx” hoặc “json”.',
  bad_submission_id: () => 'Tham số “submissionId” phải là một UUID.',
  // registry (issue 18): PATCH /units and its pages
  too_many_units: (p) =>
    `Mỗi lần gửi chỉ được thêm, sửa hoặc xóa tối đa ${num(p.max)} đơn vị (lần này có ${num(p.count)}); đề nghị chia nhỏ danh sách.`,
  bad_cursor: () => 'Tham số “cursor” không hợp lệ; đề nghị tải lại danh sách từ trang đầu.',
  unit_upserted_and_removed: (p) =>
    `Đơn vị “${p.value}” vừa có trong danh sách cập nhật vừa có trong danh sách xóa.`,
  bad_received_at: () =>
    'Tham số “receivedAt” phải là thời điểm ISO 8601 có múi giờ, ví dụ 2022-06-14T09:00:00+07:00.',
  bad_user_id: (p) => `Mã người dùng “${p.userId}” không hợp lệ (không có dấu cách, /, \\, # hay ?).`,
  internal: () => 'Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên.',
  key_type_changed: (p) =>
    `Mã chỉ tiêu “${p.key}” có kiểu ${p.before} ở phiên bản ${p.version}; mã chỉ tiêu không được đổi kiểu (nay là ${p.now}).`,
  key_removed: (p) =>
    `Mã chỉ tiêu “${p.key}” (phiên bản ${p.version}) bị xóa; đề nghị đánh dấu “retired” thay vì xóa.`,
  kind_changed: (p) =>
    `Phiên bản ${p.version} là biểu mẫu loại “${KIND_NAMES[p.before ?? ''] ?? p.before}”, không đổi sang “${KIND_NAMES[p.now ?? ''] ?? p.now}” được.`,

  campaign_mismatch: (p) =>
    `Mã phong trào phải là “${p.campaignId}” (phong trào của địa chỉ gửi đến) hoặc để trống.`,

  // ---------------------------------------------------------------- uploaded workbooks
  not_xlsx: () =>
    'Tệp gửi lên không phải sổ làm việc Excel (.xlsx) hợp lệ, hoặc đã bị hỏng. Đề nghị lưu lại bằng Excel rồi gửi lại.',
  workbook_too_large: (p) => {
    const keep = 'đề nghị chỉ giữ trang biểu mẫu báo cáo rồi gửi lại.';
    switch (p.limit) {
      case 'part':
        return `Thành phần “${p.part}” của sổ làm việc quá lớn sau khi giải nén (tối đa ${p.maxMB} MB); ${keep}`;
      case 'cells':
        return `Trang tính “${p.part}” có quá nhiều ô có dữ liệu (tối đa ${num(p.max)} ô); đề nghị xóa các ô thừa ngoài biểu mẫu rồi gửi lại.`;
      case 'strings':
        return `Sổ làm việc có quá nhiều đoạn văn bản (tối đa ${num(p.max)}); ${keep}`;
      case 'sheets':
        return `Sổ làm việc có quá nhiều trang tính (tối đa ${num(p.max)}); ${keep}`;
      case 'names':
        return `Sổ làm việc có quá nhiều tên được đặt (tối đa ${num(p.max)}); đề nghị dùng biểu mẫu tải từ hệ thống.`;
      case 'time':
      case 'memory':
        return `Sổ làm việc quá lớn hoặc quá phức tạp để đọc; ${keep}`;
      case 'entries':
        return `Tệp nén có quá nhiều thành phần (tối đa ${num(p.max)}); ${keep}`;
      default:
        return `Sổ làm việc quá lớn sau khi giải nén${p.maxMB ? ` (tối đa ${p.maxMB} MB)` : ''}; ${keep}`;
    }
  },
  workbook_unsupported: (p) =>
    p.feature === 'encryption'
      ? 'Sổ làm việc được đặt mật khẩu hoặc mã hóa; đề nghị bỏ mật khẩu rồi gửi lại.'
      : 'Sổ làm việc được nén theo cách hệ thống chưa đọc được; đề nghị mở bằng Excel, lưu lại rồi gửi lại.',
  not_template_workbook: () =>
    'Không tìm thấy trang biểu mẫu báo cáo trong sổ làm việc (thiếu mã biểu mẫu và phiên bản ở phần đầu trang). Đề nghị dùng biểu mẫu tải từ hệ thống.',
  other_campaign: (p) =>
    `Sổ làm việc này là biểu mẫu của phong trào “${p.found}”, không phải “${p.expected}”.`,
  unknown_template: (p) => `Phong trào này không có biểu mẫu “${p.templateId}” phiên bản ${p.version}.`,
  missing_unit_id: () => 'Chưa nhập mã đơn vị ở phần đầu biểu mẫu.',
  missing_period_id: () => 'Chưa nhập mã kỳ báo cáo ở phần đầu biểu mẫu (ví dụ 2022-H1).',

  // ---------------------------------------------------------------- signing in
  unauthenticated: () => 'Chưa đăng nhập; vui lòng đăng nhập để tiếp tục.',
  bad_auth_scheme: () => 'Yêu cầu phải kèm mã đăng nhập theo dạng “Authorization: Bearer <mã>”.',
  invalid_token: () => 'Mã đăng nhập không hợp lệ; vui lòng đăng nhập lại.',
  token_expired: () => 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.',
  token_not_yet_valid: () => 'Mã đăng nhập chưa có hiệu lực; đề nghị kiểm tra lại ngày giờ trên máy tính.',
  token_wrong_audience: () => 'Mã đăng nhập không dành cho hệ thống báo cáo này; vui lòng đăng nhập lại.',
  token_bad_signature: () => 'Mã đăng nhập không hợp lệ (chữ ký không đúng); vui lòng đăng nhập lại.',
  auth_keys_unavailable: () => 'Chưa kiểm tra được mã đăng nhập lúc này; vui lòng thử lại sau ít phút.',
  token_no_subject: () => 'Mã đăng nhập thiếu thông tin người dùng; vui lòng đăng nhập lại.',
  token_bad_claim: (p) => `Mã đăng nhập có thông tin “${p.claim}” không hợp lệ; vui lòng đăng nhập lại.`,

  // ---------------------------------------------------------------- signing in through Office (NAA, legacy SSO)
  sign_in_not_supported: () =>
    'Phiên bản Office này chưa hỗ trợ đăng nhập bằng tài khoản Microsoft 365; vui lòng dán mã truy cập do quản trị viên cấp trong phần Cài đặt.',
  sign_in_consent_required: () =>
    'Tài khoản chưa được cấp quyền cho phần bổ trợ “Báo cáo thi đua”; đề nghị quản trị viên cấp quyền (consent) cho ứng dụng rồi đăng nhập lại.',
  sign_in_popup_blocked: () =>
    'Cửa sổ đăng nhập bị chặn; vui lòng cho phép cửa sổ bật lên (pop-up) rồi thử lại.',
  sign_in_cancelled: () => 'Đã hủy đăng nhập; vui lòng đăng nhập lại để tiếp tục.',
  sign_in_failed: (p) =>
    `Không đăng nhập được bằng tài khoản Microsoft 365 (${p.detail}); vui lòng thử lại hoặc liên hệ quản trị viên.`,

  // ---------------------------------------------------------------- permissions
  no_role: () => 'Tài khoản chưa được phân quyền trong hệ thống báo cáo; đề nghị liên hệ quản trị viên.',
  admin_only: () => 'Chỉ quản trị viên mới được thực hiện thao tác này.',
  reviewer_only: () => 'Chỉ Thường trực phong trào hoặc quản trị viên mới được thực hiện thao tác này.',
  submitter_only: () => 'Chỉ cán bộ nhập liệu của đơn vị hoặc quản trị viên mới được nộp báo cáo.',
  no_unit: () => 'Tài khoản chưa được gắn với đơn vị nào; đề nghị liên hệ quản trị viên.',
  clerk_without_unit: () => 'Cán bộ nhập liệu phải được gắn với một đơn vị; đề nghị liên hệ quản trị viên.',
  other_unit: (p) =>
    p.action === 'read' ? 'Chỉ được xem báo cáo của đơn vị mình.' : 'Chỉ được nộp báo cáo cho đơn vị mình.',
  backfill_admin_only: () => 'Chỉ quản trị viên mới được ghi ngày nhận cho báo cáo nộp bằng giấy.',
  locked_period: () => 'Kỳ báo cáo này đã khóa sổ; chỉ quản trị viên mới được ghi vào kỳ đã khóa.',
  campaign_forbidden: () => 'Tài khoản không có quyền truy cập phong trào thi đua này.',

  // ---------------------------------------------------------------- a template (JSON or definition workbook)
  duplicate_key: (p) =>
    `Mã “${p.key}” đã dùng ở ${firstAt(p)}; mỗi mã chỉ tiêu, mã bảng chỉ được dùng một lần.`,
  duplicate_column_key: (p) => `Cột “${p.key}” của bảng “${p.table}” đã có ở ${firstAt(p)}.`,
  duplicate_rule_id: (p) => `Quy tắc “${p.id}” đã có ở ${firstAt(p)}.`,
  rule_syntax: (p) => `Biểu thức “${p.source}” không hợp lệ: ${ruleSyntax(p)}.`,
  rule_unknown_field: (p) => `Không có chỉ tiêu “${p.key}” trong biểu mẫu.`,
  rule_unknown_table: (p) => `Không có bảng “${p.key}” trong biểu mẫu.`,
  rule_not_number: (p) => `Chỉ tiêu “${p.key}” có kiểu ${p.type}, không so sánh được như số.`,
  min_above_max: (p) =>
    p.min !== undefined
      ? `Giá trị nhỏ nhất (${num(p.min)}) lớn hơn giá trị lớn nhất (${num(p.max)}).`
      : 'Giá trị nhỏ nhất lớn hơn giá trị lớn nhất.',
  choices_needed: () =>
    'Kiểu choice cần danh sách lựa chọn, ví dụ: excellent=Xuất sắc|Excellent; good=Tốt|Good.',
  duplicate_choice: (p) => `Lựa chọn “${p.value}” lặp lại.`,

  // ---------------------------------------------------------------- list sheets (definition, units, users)
  missing_sheet: () => 'Thiếu trang này hoặc trang trống.',
  missing_column: (p) => `Thiếu cột “${p.name}”.`,
  unknown_column: (p) =>
    `Cột “${p.name}” không được hỗ trợ (các cột dùng được: ${p.known}; cột bắt đầu bằng # là ghi chú).`,
  duplicate_column: (p) => `Cột “${p.name}” trùng với cột ${p.letter}.`,
  headerless_cell: () => 'Ô có dữ liệu nhưng cột không có tiêu đề.',
  missing_value: (p) => `Thiếu “${p.column}”.`,
  missing_key: (p) => `Thiếu ${KEY_COLUMN_NAMES[p.what ?? ''] ?? p.what}.`,
  bad_key: (p) =>
    `Mã “${p.value}” không hợp lệ: chỉ dùng chữ thường không dấu a–z, chữ số và dấu _, bắt đầu bằng chữ cái, tối đa 48 ký tự.`,
  bad_boolean: (p) => `“${p.value}” không phải giá trị có/không (TRUE/FALSE, có/không, x, hoặc để trống).`,
  bad_number: (p) => `“${p.value}” không phải là số.`,
  bad_positive_integer: (p) => `“${p.value}” không phải là số nguyên dương.`,
  bad_date: (p) => `“${p.value}” không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd).`,
  bad_version: (p) => `Phiên bản “${p.value}” không hợp lệ: phải là số nguyên dương (1, 2, 3 …).`,
  no_fields: () => 'Chưa có chỉ tiêu hay phần nào (cần ít nhất một phần).',
  unknown_type: (p) => `Kiểu “${p.value}” không hợp lệ (${p.allowed}).`,
  missing_type: (p) => `Thiếu kiểu dữ liệu (${p.allowed}).`,
  unknown_rollup: (p) => `Cách tổng hợp “${p.value}” không hợp lệ (${p.allowed}).`,
  unknown_table_rollup: (p) => `Cách tổng hợp bảng “${p.value}” không hợp lệ (${p.allowed}).`,
  unknown_kind: (p) => `Loại biểu mẫu “${p.value}” không hợp lệ (${p.allowed}).`,
  section_not_contiguous: (p) =>
    `Phần “${p.value}” đã bắt đầu ở dòng ${p.row}; các dòng của một phần phải liền nhau.`,
  table_not_contiguous: (p) =>
    `Bảng “${p.value}” đã bắt đầu ở dòng ${p.row}; các dòng của một bảng phải liền nhau.`,
  conflict: (p) => `“${p.column}” khác với giá trị “${p.value}” đã ghi ở dòng ${p.row} cho cùng phần/bảng.`,
  max_rows_range: (p) => `Số dòng tối đa ${p.value} phải từ 1 đến 500.`,
  missing_max_rows: () => 'Thiếu số dòng tối đa của bảng (max_rows).',
  en_without_vi: (p) => `Có “${p.en}” nhưng thiếu “${p.vi}”.`,
  missing_section_title: (p) => `Phần “${p.value}” chưa có tên (section_title::vi).`,
  missing_table_title: (p) => `Bảng “${p.value}” chưa có tên (table_title::vi).`,
  table_without_columns: (p) => `Bảng “${p.value}” chưa có cột nào.`,
  choice_syntax: (p) =>
    `Lựa chọn “${p.value}” phải có dạng giá_trị=Nhãn tiếng Việt|English label (các lựa chọn cách nhau bởi dấu ;).`,
  unknown_setting: (p) => `Thiết lập “${p.value}” không được hỗ trợ (${p.allowed}).`,
  duplicate_setting: (p) => `Thiết lập “${p.value}” đã ghi ở dòng ${p.row}.`,
  missing_setting: (p) => `Thiếu thiết lập “${p.value}”.`,
  duplicate_unit_id: (p) => `Mã đơn vị “${p.value}” bị trùng.`,
  bad_unit_id: (p) => `Mã đơn vị “${p.value}” không hợp lệ (chữ, số, - và _, tối đa 40 ký tự).`,
  duplicate_unit: (p) => `Đơn vị “${p.value}” đã có ở dòng ${p.row}.`,
  unknown_parent: (p) => `Không có đơn vị cấp trên “${p.value}” trong danh sách.`,
  parent_cycle: (p) => `Đơn vị “${p.value}” nằm trong chính cây con của nó (vòng lặp cấp trên).`,
  bad_group: (p) => `Khối “${p.value}” không hợp lệ (${p.allowed}).`,
  date_order: () => 'Ngày bắt đầu phải trước ngày kết thúc.',
  duplicate_user: (p) => `Người dùng “${p.value}” đã có ở dòng ${p.row}.`,
  bad_role: (p) => `Vai trò “${p.value}” không hợp lệ (${p.allowed}).`,
  missing_role: (p) => `Thiếu vai trò (${p.allowed}).`,
  clerk_needs_unit: () => 'Cán bộ nhập liệu (clerk) phải gắn với một đơn vị (unit_id).',
  no_units: () => 'Chưa có đơn vị nào.',
  sheet_not_in_workbook: (p) => `Sổ làm việc không có trang “${p.sheet}”.`,

  // ---------------------------------------------------------------- campaigns (the campaign workbook, POST /campaigns)
  bad_campaign_id: (p) =>
    `Mã phong trào “${p.value}” không hợp lệ: chỉ dùng chữ thường không dấu a–z, chữ số và dấu -, từ 2 đến 63 ký tự.`,
  bad_time_zone: (p) => `Múi giờ “${p.value}” không hợp lệ (ví dụ Asia/Ho_Chi_Minh).`,
  bad_year: (p) => `Năm “${p.value}” không hợp lệ: phải là năm từ ${p.min} đến ${p.max}.`,
  year_order: (p) => `Năm kết thúc (${p.last}) không được trước năm bắt đầu (${p.first}).`,
  bad_slot: (p) =>
    `Mã kỳ “${p.value}” không hợp lệ: chỉ dùng chữ in hoa không dấu và chữ số, tối đa 8 ký tự (ví dụ H1, Y, SK).`,
  unknown_period_kind: (p) => `Loại kỳ “${p.value}” không hợp lệ (${p.allowed}).`,
  bad_due_day: (p) =>
    `Hạn nộp “${p.value}” của kỳ lặp lại hằng năm phải là tháng-ngày có ở mọi năm (ví dụ 06-15 hoặc 15/6).`,
  bad_locked_years: (p) =>
    `“${p.value}” không phải danh sách năm khóa sổ (ví dụ 2021; 2022) của kỳ lặp lại hằng năm.`,
  duplicate_period: (p) => `Kỳ báo cáo “${p.value}” đã có ở ${firstAt(p)}.`,
  review_template_kind: (p) =>
    `Kỳ loại “${p.kind}” không dùng được biểu mẫu loại “${p.templateKind}”: kỳ sơ kết, tổng kết (interim, final) dùng biểu mẫu review, các kỳ khác không dùng.`,
  period_id_mismatch: (p) => `Mã kỳ “${p.value}” phải là “${p.expected}” (năm và mã kỳ).`,
  no_periods: () => 'Chưa có kỳ báo cáo nào (cần ít nhất một dòng ở trang calendar).',
  unknown_standing_office: (p) =>
    `Cơ quan thường trực “${p.value}” không có trong danh sách đơn vị (trang units).`,
  period_has_reports: (p) =>
    `Không cập nhật được phong trào: kỳ ${p.periods} đã có báo cáo của đơn vị. Đề nghị giữ các kỳ này trong lịch báo cáo (có thể khóa sổ).`,

  // ---------------------------------------------------------------- the local servers and the command line
  api_unreachable: (p) =>
    `Không kết nối được máy chủ API (${p.target}). Đề nghị khởi động hệ thống rồi thử lại.`,
  api_timeout: (p) => `Máy chủ API (${p.target}) không trả lời kịp. Vui lòng thử lại sau.`,
  bad_setting: (p) => `Thiết lập “${p.name}” không hợp lệ: “${p.value}” (${p.expected}).`,
  port_in_use: (p) =>
    `Cổng ${p.port} đang được chương trình khác dùng; đổi cổng bằng thiết lập ${p.setting}.`,
  data_folder_in_use: (p) =>
    `Thư mục dữ liệu ${p.folder} đang được một Azurite khác dùng (tiến trình ${p.pid}); đổi thư mục bằng thiết lập ${p.setting}.`,
  setting_not_whole_number: (p) =>
    `Thiết lập ${p.setting} phải là số nguyên ${p.max !== undefined ? `từ ${p.min} đến ${p.max}` : `từ ${p.min} trở lên`}, không phải “${p.value}”.`,
  setting_not_letters_digits: (p) =>
    `Thiết lập ${p.setting} chỉ được gồm chữ cái và chữ số, không phải “${p.value}”.`,
  setting_not_one_of: (p) => `Thiết lập ${p.setting} phải là ${p.allowed}, không phải “${p.value}”.`,
  setting_required_for_entra: (p) =>
    `Thiếu thiết lập ${p.setting} (bắt buộc khi AUTH_MODE=entra), ví dụ ${p.example}.`,
  setting_not_url: (p) => `Thiết lập ${p.setting} phải là một địa chỉ http(s), không phải “${p.value}”.`,
  setting_too_short: (p) => `Thiết lập ${p.setting} phải dài ít nhất ${p.min} byte.`,

  // ---------------------------------------------------------------- data feed, backup and restore (issue 16)
  bad_feed_format: () => 'Tham số “format” chỉ nhận “json” hoặc “csv”.',
  bad_feed_range: () => 'Chỉ dùng một trong hai cách lọc: “periodId”, hoặc “from”/“to” (ngày yyyy-mm-dd).',
  backup_manifest_missing: (p) => `Thư mục “${p.dir}” không có tệp manifest.json của bản sao lưu.`,
  backup_manifest_invalid: (p) => `Tệp manifest.json của bản sao lưu không đọc được: ${p.detail}.`,
  backup_file_missing: (p) => `Bản sao lưu thiếu tệp “${p.file}”.`,
  backup_checksum_mismatch: (p) =>
    `Tệp “${p.file}” không khớp mã kiểm tra SHA-256 trong manifest (tệp đã bị sửa hoặc hỏng); chưa ghi gì vào tài khoản lưu trữ.`,
  backup_count_mismatch: (p) =>
    `Tệp “${p.file}” có ${p.actual} bản ghi, manifest ghi ${p.expected}; chưa ghi gì vào tài khoản lưu trữ.`,
  backup_line_invalid: (p) => `Tệp “${p.file}”, dòng ${p.line}: không phải một bản ghi hợp lệ (${p.detail}).`,
  restore_target_not_empty: (p) =>
    `Tài khoản lưu trữ đích đã có dữ liệu (bảng: ${p.tables}); muốn ghi đè thì chạy lại với --force.`,
  // ---------------------------------------------------------------- units over time (shared/src/unit-history.ts)
  duplicate_version: (p) => `Đơn vị “${p.value}” có hai phiên bản cũ cùng ngày ${dmy(p.date)}.`,
  self_successor: (p) => `Đơn vị “${p.value}” không thể là đơn vị kế thừa của chính nó.`,
  unknown_successor: (p) => `Không có đơn vị kế thừa “${p.value}” trong danh sách.`,
  successor_cycle: (p) =>
    `Đơn vị “${p.value}” kế thừa lại chính nó qua các đơn vị kế thừa (vòng lặp kế thừa).`,
  version_row_column: (p) =>
    `Dòng phiên bản cũ (có valid_until) chỉ ghi tên, tên ngắn, khối và đơn vị cấp trên; cột “${p.column}” ghi ở dòng hiện tại của đơn vị.`,
  version_without_unit: (p) =>
    `Dòng phiên bản cũ của “${p.value}” nhưng danh sách không có dòng hiện tại (không có valid_until) của đơn vị này.`,
  unit_not_active: (p) =>
    `Đơn vị “${p.unitId}” không thuộc diện báo cáo kỳ “${p.periodId}” (hạn ${dmy(p.due)}): ${
      p.activeUntil
        ? `đơn vị đã kết thúc hoạt động từ ngày ${dmy(p.activeUntil)}`
        : `đơn vị bắt đầu hoạt động từ ngày ${dmy(p.activeFrom)}`
    }. Chỉ quản trị viên được nhập bổ sung báo cáo này.`,
  period_after_campaign_end: (p) =>
    `Kỳ “${p.periodId}” có hạn sau khi phong trào kết thúc (${dmy(p.endsOn)}); không đơn vị nào phải báo cáo. Chỉ quản trị viên được nhập bổ sung.`,
  // ---------------------------------------------------------------- review queue and hints from history
  value_unusually_high: (p) =>
    `Giá trị ${hintNumber(p.value, p.type)} của “${p.label}” cao bất thường so với các kỳ trước (≈ ${hintNumber(p.typical, p.type)}).`,
  value_unusually_low: (p) =>
    `Giá trị ${hintNumber(p.value, p.type)} của “${p.label}” thấp bất thường so với các kỳ trước (≈ ${hintNumber(p.typical, p.type)}).`,
  unknown_review_field: (p) =>
    `Biểu mẫu “${p.templateId}” không có chỉ tiêu hay bảng “${p.key}” để ghi ý kiến.`,
  review_fields_on_accept: () => 'Ý kiến theo từng chỉ tiêu chỉ ghi khi trả lại báo cáo.',
  too_many_review_fields: (p) =>
    `Một lần trả lại chỉ ghi ý kiến cho tối đa ${p.max} chỉ tiêu (đang có ${p.count}).`,
  // ---------------------------------------------------------------- custom functions (BAOCAO.*, issue 17)
  value_missing_argument: (p) =>
    `Công thức thiếu ${p.argument === 'field' ? 'chỉ tiêu' : p.argument === 'unit' ? 'đơn vị' : 'kỳ báo cáo'}.`,
  value_unknown_period: (p) => `Không có kỳ báo cáo “${p.name}”. Ghi mã kỳ (ví dụ 2022-H1) hoặc tên kỳ.`,
  value_unknown_field: (p) =>
    `Biểu mẫu của kỳ “${p.period}” không có chỉ tiêu “${p.name}”. Ghi mã chỉ tiêu hoặc tên chỉ tiêu.`,
  value_unknown_unit: (p) => `Không có đơn vị “${p.name}”. Ghi mã đơn vị (ví dụ PC06) hoặc tên đơn vị.`,
  value_unknown_unit_or_group: (p) => `Không có đơn vị hay khối “${p.name}”.`,
  value_unknown_state: (p) => `Không có tình trạng “${p.name}”; dùng một trong: ${p.allowed}.`,
  value_ambiguous_name: (p) => `“${p.name}” khớp với nhiều mục (${p.matches}); ghi mã hoặc tên đầy đủ.`,
  value_field_not_totalled: (p) =>
    `Chỉ tiêu “${p.field}” không tổng hợp số liệu; dùng BAOCAO.GIATRI cho từng đơn vị.`,
  value_no_same_period: (p) => `Kỳ “${p.period}” không có cùng kỳ năm trước trong lịch của phong trào.`,
  value_not_reported: (p) => `${p.unit} chưa nộp báo cáo kỳ “${p.period}”.`,
  value_forbidden: () => `Tài khoản đang đăng nhập không được xem số liệu này.`,
  functions_no_session: () =>
    `Chưa đăng nhập: mở ngăn “Báo cáo thi đua”, đăng nhập và chọn phong trào ở thẻ Tổng hợp, rồi tính lại công thức.`,
  functions_unreachable: () => `Không kết nối được máy chủ báo cáo; công thức sẽ tự cập nhật khi có kết nối.`,
  functions_refused: (p) => `Máy chủ từ chối yêu cầu (${p.message})`,
  // progress (issue 13, item 2)
  bad_progress_range: (p) =>
    `Tham số “${p.name}” phải là mã kỳ báo cáo của phong trào hoặc một ngày yyyy-mm-dd, không phải “${p.value}”.`,
  progress_range_order: (p) => `Khoảng thời gian không hợp lệ: “${p.from}” ở sau “${p.to}”.`,
  bad_email: (p) => `“${p.value}” không phải địa chỉ thư điện tử hợp lệ.`,
  // ---------------------------------------------------------------- roll-ups and grouped tables of a template (issue 15: wavg, distribution, groupBy)
  weight_needed: (p) =>
    `Chỉ tiêu “${p.key}” tổng hợp theo bình quân gia quyền (wavg) nhưng chưa ghi chỉ tiêu làm quyền số (weight).`,
  weight_unknown_field: (p) => `Quyền số “${p.weight}” của chỉ tiêu “${p.key}” không có trong biểu mẫu.`,
  weight_is_itself: (p) => `Chỉ tiêu “${p.key}” không thể làm quyền số cho chính nó.`,
  weight_not_number: (p) =>
    `Quyền số “${p.weight}” của chỉ tiêu “${p.key}” có kiểu ${p.type}; quyền số phải là chỉ tiêu kiểu số.`,
  weight_without_wavg: (p) =>
    `Chỉ tiêu “${p.key}” có quyền số (weight) nhưng không tổng hợp theo bình quân gia quyền (wavg).`,
  rollup_needs_number: (p) =>
    `Chỉ tiêu “${p.key}” không phải kiểu số nên không tổng hợp theo “${p.rollup}” được.`,
  group_by_not_choice: (p) =>
    `Bảng “${p.table}” nhóm theo cột “${p.column}”, nhưng bảng không có cột lựa chọn (choice) nào mang mã này.`,
  distribution_needs_choice: (p) =>
    `Cách tổng hợp “distribution” (đếm số đơn vị theo từng lựa chọn) chỉ dùng cho chỉ tiêu kiểu choice; “${p.key}” không phải.`,

  // ---------------------------------------------------------------- scoring and ranking (bình xét thi đua)
  ranking_not_configured: (p) =>
    `Phong trào “${p.campaignId}” chưa có tiêu chí chấm điểm thi đua nên chưa bình xét, xếp hạng được; đề nghị quản trị viên bổ sung tiêu chí chấm điểm (scoring).`,
  criterion_not_found: (p) => `Bộ tiêu chí chấm điểm không có tiêu chí “${p.criterionId}”.`,
  criterion_not_manual: (p) =>
    `Tiêu chí “${p.criterionId}” được tính tự động từ báo cáo, không chấm điểm trực tiếp được.`,
  score_out_of_range: (p) => `Điểm phải từ 0 đến ${num(p.max)}.`,
  invalid_ranking_year: (p) => `Năm “${p.value}” không thuộc thời gian của phong trào.`,
  duplicate_criterion: (p) => `Mã tiêu chí “${p.key}” bị trùng.`,
  criterion_bounds: (p) => `Tiêu chí “${p.key}”: mức tối đa (upper) phải lớn hơn mức tối thiểu (lower).`,
} satisfies Record<string, Render>;

const TYPE_NAMES: Record<string, string> = {
  string: 'văn bản',
  number: 'số',
  int: 'số nguyên',
  boolean: 'đúng/sai',
  object: 'đối tượng',
  array: 'danh sách',
  date: 'ngày',
};

const FORMAT_NAMES: Record<string, string> = {
  uuid: 'UUID',
  datetime: 'thời điểm ISO 8601',
  date: 'ngày yyyy-mm-dd',
  email: 'thư điện tử',
  regex: 'yêu cầu',
};

// issue 15: `review`, the report of an interim or final review
const KIND_NAMES: Record<string, string> = {
  plan: 'Kế hoạch',
  results: 'Báo cáo kết quả',
  review: 'Báo cáo sơ kết, tổng kết',
};

/** Where a problem is, before its text: `Trang “fields”, dòng 7, cột E`. */
function where(sheet: string, row: number | null | undefined, column: string | null | undefined): string {
  let s = `Trang “${sheet}”`;
  if (row !== null && row !== undefined) s += `, dòng ${row}`;
  if (column !== null && column !== undefined) s += `, cột ${column}`;
  return s;
}

/** The hint of an input cell's data validation (template sheets), by the field's type. */
const prompts = {
  integer: 'Nhập số nguyên',
  decimal: 'Nhập số',
  percent: 'Nhập tỷ lệ %, ví dụ 85%',
  date: 'Nhập ngày dạng ngày/tháng/năm',
  pick: 'Chọn trong danh sách',
  maxLength: (n: string) => `Tối đa ${n} ký tự`,
  between: (min: string, max: string) => ` từ ${min} đến ${max}`,
  atLeast: (min: string) => ` từ ${min} trở lên`,
  atMost: (max: string) => ` không quá ${max}`,
  required: ' (bắt buộc)',
  invalidTitle: 'Giá trị không hợp lệ',
  enterCode: (label: string) => `Nhập mã ${label.toLocaleLowerCase('vi')}`,
  codeLength: 'Mã gồm 1 đến 40 ký tự.',
};

/** Fixed labels of the sheets the product writes (template and summary sheets). */
const labels = {
  groupLine: (group: string, submitted: string, expected: string) =>
    `${group} (đã nộp ${submitted}/${expected})`,
  inWhich: 'Trong đó:',
  /** The header of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
  nationalName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  nationalMotto: 'Độc lập - Tự do - Hạnh phúc',
  documentNumber: 'Số: ……/BC-……',
  placeDate: (place: string) => `${place}, ngày …… tháng …… năm ……`,
  blankLine: '…………………………………',
  documentType: { plan: 'KẾ HOẠCH', results: 'BÁO CÁO', review: 'BÁO CÁO' },
  reportingUnit: 'Đơn vị báo cáo',
  requiredLegend: 'Ghi chú: (*) là chỉ tiêu bắt buộc.',
  chooseOne: (choices: string) => `Chọn một: ${choices}`,
  preparer: 'NGƯỜI LẬP BIỂU',
  head: 'THỦ TRƯỞNG ĐƠN VỊ',
  signHint: '(Ký, ghi rõ họ tên)',
  signSealHint: '(Ký, ghi rõ họ tên, đóng dấu)',
  unitCode: 'Mã đơn vị',
  unitName: 'Tên đơn vị',
  /** Under a summary's title: when its figures were taken. */
  dataAsOf: (time: string, date: string) => `Số liệu tính đến ${time} ngày ${date}`,
  submittedOfExpected: 'Đã nộp/ Phải nộp',
  topic: 'Mục',
  content: 'Nội dung',
  campaign: 'Phong trào',
  unit: 'Đơn vị',
  period: 'Kỳ báo cáo',
  due: 'Hạn nộp',
  template: 'Biểu mẫu',
  version: 'Phiên bản',
  yes: 'Có',
  no: 'Không',
  number: 'STT',
  indicator: 'Chỉ tiêu',
  value: 'Số liệu',
  unitOfMeasure: 'Đơn vị tính',
  note: 'Ghi chú',
  receipt: 'Biên nhận',
  inputHint: 'Nhập số liệu vào các ô màu vàng. Các ô khác đã khóa.',
  total: 'Tổng cộng',
  sameTimeLastYear: 'Cùng kỳ năm trước',
  change: 'Tăng/giảm',
  changePercent: 'Tăng/giảm (%)',
  group: 'Khối',
  submitted: 'Đã nộp',
  onTime: 'Đúng hạn',
  late: 'Nộp muộn',
  missing: 'Chưa nộp',
  expected: 'Phải nộp',
  status: 'Tình trạng',
  receivedAt: 'Thời gian nhận',
  revision: 'Lần nộp',
  review: 'Tình trạng duyệt',
  templateVersion: 'Phiên bản biểu mẫu',
  reviewStates: { pending: 'Chờ duyệt', accepted: 'Đã duyệt', returned: 'Trả lại để sửa' },
  summaryTotals: 'Tổng hợp',
  summaryMatrix: 'Theo đơn vị',
  summaryCompleteness: 'Tiến độ nộp',
  summaryTexts: 'Nội dung báo cáo',
  summaryTitle: 'TỔNG HỢP KẾT QUẢ',
  completenessByGroup: 'Tình hình nộp báo cáo theo khối',
  // issue 15: a choice field's distribution on the totals sheet
  distributionTitle: 'Số đơn vị theo từng mức lựa chọn',
  choice: 'Lựa chọn',
  unitCount: 'Số đơn vị',
  share: 'Tỷ lệ',
  // issue 15: a grouped list's count per choice (the proposed awards by form)
  count: 'Số lượng',
  countBy: (column: string) => `Tổng số theo ${column.toLocaleLowerCase('vi')}`,
  // issue 15: what a period's figures cover
  dataWindow: (from: string, to: string) => `số liệu từ ${from} đến ${to}`,
  /** Workbook property “author” of the files the product writes, and the page word of their footers. */
  workbookCreator: 'Báo cáo phong trào thi đua',
  page: 'Trang',
  // ---------------------------------------------------------------- “Mẫu báo cáo tự do” (custom functions, issue 17)
  freeReport: {
    sheetName: 'Mẫu báo cáo tự do',
    title: 'BÁO CÁO NHANH SỐ LIỆU TOÀN TỈNH',
    period: 'Kỳ báo cáo (mã hoặc tên):',
    hint: 'Các ô có công thức BAOCAO.* tự cập nhật khi các đơn vị nộp báo cáo (cần mở ngăn Báo cáo thi đua và đăng nhập). Đổi kỳ ở ô bên cạnh; chép các công thức để tự lập mẫu báo cáo của mình.',
    progress: 'I. TIẾN ĐỘ NỘP BÁO CÁO',
    results: 'II. KẾT QUẢ THỰC HIỆN',
    byGroup: 'III. THEO KHỐI',
    oneUnit: 'IV. MỘT ĐƠN VỊ',
    field: (label: string) => `Chỉ tiêu: ${label}`,
    unit: 'Đơn vị (mã hoặc tên):',
    unitState: 'Tình trạng báo cáo',
  },
  groups: {
    board: 'Ban Chỉ đạo',
    department: 'Khối phòng',
    district: 'Cấp huyện, thành phố',
    union: 'Đoàn thể',
    commune: 'Cấp xã',
    agency: 'Cơ quan, sở, ngành',
    other: 'Khác',
  },
};

/** The task pane. */
const pane = {
  appTitle: 'Báo cáo thi đua',
  tabReport: 'Báo cáo',
  tabSummary: 'Tổng hợp',
  tabSettings: 'Cài đặt',
  campaign: 'Phong trào',
  unit: 'Đơn vị',
  period: 'Kỳ báo cáo',
  due: (date: string) => `Hạn nộp: ${date}`,
  loading: 'Đang tải…',
  insertTemplate: 'Chèn biểu mẫu vào sổ làm việc',
  inserting: 'Đang tạo trang biểu mẫu…',
  inserted: (sheet: string) => `Đã tạo trang “${sheet}”. Nhập số liệu vào các ô màu vàng.`,
  validate: 'Kiểm tra số liệu',
  validating: 'Đang kiểm tra…',
  valid: 'Số liệu hợp lệ, có thể nộp.',
  issuesFound: (n: number) => `Có ${n} lỗi cần sửa. Bấm vào từng lỗi để đến ô tương ứng.`,
  submit: 'Nộp báo cáo',
  submitting: 'Đang nộp…',
  receiptTitle: 'Đã nhận báo cáo',
  receiptLine: (revision: number, at: string) => `Lần nộp ${revision}, nhận lúc ${at}`,
  onTime: 'Đúng hạn',
  late: 'Nộp muộn',
  reviewState: { pending: 'Chờ duyệt', accepted: 'Đã duyệt', returned: 'Trả lại để sửa' },
  returnedComment: (c: string) => `Ý kiến của Thường trực: ${c}`,
  waiting: (n: number) => `${n} báo cáo đang chờ gửi (mất kết nối, sẽ tự gửi lại).`,
  retryNow: 'Gửi lại ngay',
  lastError: (m: string) => `Lỗi lần gửi gần nhất: ${m}`,
  delivered: 'Báo cáo đang chờ đã được gửi thành công.',
  networkError: 'Không kết nối được máy chủ.',
  networkHint: 'Vui lòng kiểm tra kết nối mạng rồi bấm “Thử lại”.',
  storageBusy: 'Hệ thống lưu trữ của máy chủ đang bận.',
  serverBusy: 'Máy chủ đang tạm thời gián đoạn.',
  busyHint: 'Vui lòng đợi ít phút rồi bấm “Thử lại”.',
  outboxFailed:
    'Không ghi được báo cáo vào hàng chờ gửi trên máy này (bộ nhớ của phần bổ trợ đã đầy hoặc bị chặn). Số liệu trong sổ làm việc vẫn còn nguyên.',
  notTheApi: (status: number) => `Địa chỉ API không trả lời như hệ thống báo cáo (mã ${status}).`,
  checkApiAddress: 'Đề nghị kiểm tra “Địa chỉ API” trong phần Cài đặt (thường là /api).',
  retry: 'Thử lại',
  sessionExpired: 'Phiên đăng nhập đã hết hạn hoặc mã truy cập không còn hiệu lực.',
  sessionWhatToDo:
    'Vui lòng đăng nhập lại, hoặc dán mã truy cập mới (do quản trị viên cấp) trong phần Cài đặt.',
  openSettings: 'Mở Cài đặt',
  outsideExcel: 'Phần bổ trợ đang mở ngoài Excel nên chưa thao tác được với sổ làm việc.',
  outsideExcelHint:
    'Vui lòng mở “Báo cáo thi đua” trong Excel (trên máy tính hoặc Excel trên web). Tại đây vẫn xem và duyệt được báo cáo.',
  excelFailed: (m: string) => `Excel không thực hiện được thao tác: ${m}`,
  noCampaigns: 'Tài khoản chưa được giao phong trào thi đua nào; đề nghị liên hệ quản trị viên.',
  outdated: 'Biểu mẫu đã có phiên bản mới.',
  moveToNewVersion: 'Chuyển số liệu sang biểu mẫu mới',
  moved: (sheet: string) => `Đã chuyển số liệu sang trang “${sheet}”. Kiểm tra lại rồi nộp.`,
  notATemplateSheet: 'Trang đang mở không phải trang biểu mẫu. Hãy chèn biểu mẫu hoặc mở trang biểu mẫu.',
  noToken: 'Chưa đăng nhập: nhập mã truy cập trong phần Cài đặt.',
  signedInAs: (who: string) => `Đăng nhập: ${who}`,
  settingsApi: 'Địa chỉ API',
  settingsToken: 'Mã truy cập (token)',
  settingsTokenHint: 'Dán mã truy cập do quản trị viên cấp.',
  settingsSso: 'Đăng nhập bằng tài khoản Microsoft 365 (SSO)',
  // signing in through Office (NAA, legacy SSO)
  settingsSsoClientId: 'Mã ứng dụng (client ID) trong Microsoft Entra ID',
  settingsSsoClientIdHint: 'Do quản trị viên cung cấp; để trống thì dùng cách đăng nhập SSO cũ của Office.',
  settingsSsoAuthority: 'Địa chỉ xác thực (authority)',
  settingsSsoAuthorityHint: 'Ví dụ https://login.microsoftonline.com/<mã tổ chức>; để trống là …/common.',
  settingsSsoScope: 'Phạm vi quyền (scope) của API',
  settingsSsoScopeHint: (fallback: string) => `Để trống là ${fallback}.`,
  signInModeLabel: 'Cách đăng nhập trên máy này',
  signInModes: {
    naa: 'Tài khoản Microsoft 365 (xác thực lồng trong Office, NAA)',
    legacy: 'Tài khoản Microsoft 365 (SSO cũ của Office)',
    token: 'Mã truy cập đã dán',
    none: 'Chưa đăng nhập',
  },
  settingsLanguage: 'Ngôn ngữ',
  /** Each language by its own name, whatever the pane's language. */
  languageNames: { vi: 'Tiếng Việt', en: 'English' },
  save: 'Lưu',
  saved: 'Đã lưu cài đặt.',
  motto: 'Phương châm',
  cell: (ref: string) => `ô ${ref}`,
  unexpected: 'Đã xảy ra lỗi ngoài dự kiến.',
  refreshSummary: 'Làm mới trang tổng hợp',
  fetchingRollup: 'Đang tải số liệu tổng hợp…',
  writingSheets: (done: number, total: number) => `Đang ghi trang tính (${done}/${total})…`,
  summaryWritten: (sheets: number, submitted: number, expected: number) =>
    `Đã ghi ${sheets} trang tổng hợp: ${submitted}/${expected} đơn vị đã nộp.`,
  downloadReport: 'Tải dự thảo báo cáo (.docx)',
  preparingReport: 'Đang soạn dự thảo báo cáo…',
  reportDownloaded: (file: string) => `Đã tải dự thảo báo cáo “${file}”.`,
  reviewing: 'Đang gửi ý kiến duyệt…',
  loadReviews: 'Xem các báo cáo đã nộp',
  rollupLoaded: (submitted: number, expected: number) => `${submitted}/${expected} đơn vị đã nộp.`,
  accept: 'Duyệt',
  returnForCorrection: 'Trả lại',
  returnComment: 'Lý do trả lại (đơn vị sẽ thấy)',
  confirmReturn: 'Gửi trả lại',
  reviewDone: (unit: string, state: string) => `${unit}: ${state}.`,
  missingUnits: (n: number) => `${n} đơn vị chưa nộp`,
  tabAdmin: 'Quản trị',
  template: 'Biểu mẫu',
  openDefinition: 'Mở định nghĩa biểu mẫu',
  definitionOpened:
    'Đã mở 4 trang định nghĩa (settings, fields, tables, rules). Sửa, tăng “version” rồi phát hành.',
  publish: 'Kiểm tra và phát hành',
  publishing: 'Đang kiểm tra và phát hành…',
  published: (id: string, v: number) => `Đã phát hành biểu mẫu “${id}” phiên bản ${v}.`,
  definitionErrors: (n: number) => `Định nghĩa có ${n} lỗi. Bấm vào từng lỗi để đến ô tương ứng.`,
  sheetErrors: (sheet: string, n: number) =>
    `Trang “${sheet}” có ${n} lỗi, chưa lưu. Bấm vào từng lỗi để đến ô tương ứng.`,
  openUnits: 'Mở danh sách đơn vị',
  unitsOpened:
    'Đã mở trang “units”. Đơn vị thôi hoạt động: ghi ngày vào active_until và mã đơn vị kế thừa vào successors. Đổi tên, khối hoặc cấp trên: thêm một dòng cùng mã ghi tên, khối, cấp trên cũ và ngày thay đổi vào valid_until. Sửa rồi bấm Lưu danh sách đơn vị.',
  saveUnits: 'Lưu danh sách đơn vị',
  unitsSaved: (n: number) => `Đã lưu ${num(String(n))} đơn vị.`,
  // registry (issue 18): the registry sent in parts
  unitsSending: (done: number, total: number) =>
    `Đang lưu danh sách đơn vị: ${num(String(done))}/${num(String(total))}…`,
  unitsSavedRemoved: (n: number, removed: number) =>
    `Đã lưu ${num(String(n))} đơn vị; đã xóa ${num(String(removed))} đơn vị không còn trong danh sách.`,
  sheetMissing: (name: string) => `Sổ tính không có trang “${name}”.`,
  openUsers: 'Mở danh sách người dùng',
  usersOpened:
    'Đã mở trang “users” (mã người dùng, tên, vai trò, đơn vị). Sửa rồi bấm Lưu danh sách người dùng.',
  saveUsers: 'Lưu danh sách người dùng',
  usersSaved: (n: number) => `Đã lưu ${n} người dùng (người không có trong trang được giữ nguyên).`,
  // campaigns: the campaign workbook in the admin tab
  openCampaign: 'Mở sổ phong trào',
  campaignOpened:
    'Đã mở 3 trang của sổ phong trào (settings, calendar, units). Sửa rồi bấm Phát hành phong trào.',
  publishCampaign: 'Phát hành phong trào',
  campaignErrors: (n: number) =>
    `Sổ phong trào có ${n} lỗi, chưa phát hành. Bấm vào từng lỗi để đến ô tương ứng.`,
  campaignSaved: (id: string, created: boolean) =>
    created ? `Đã tạo phong trào “${id}”.` : `Đã cập nhật phong trào “${id}”.`,
  downloadCampaign: 'Tải sổ phong trào (.xlsx)',
  unitCalendarTitle: 'Báo cáo của đơn vị',
  /** Whole days to the last day a report is on time (the day before the due date), in the campaign's zone. */
  daysLeft: (n: number) => (n > 0 ? `còn ${n} ngày` : n === 0 ? 'hạn cuối hôm nay' : `quá hạn ${-n} ngày`),
  unitStates: {
    upcoming: 'Chưa đến kỳ',
    open: 'Đang mở',
    overdue: 'Quá hạn',
    submitted: 'Đã nộp, chờ duyệt',
    returned: 'Trả lại để sửa',
    accepted: 'Đã duyệt',
    not_expected: 'Không thuộc diện báo cáo',
  },
  waitingToSend: 'Đang chờ gửi',
  periodLocked: 'Đã khóa sổ',
  insertForPeriod: 'Chèn biểu mẫu',
  reopenForPeriod: 'Mở lại để sửa',
  reopened: (sheet: string) => `Đã mở lại báo cáo đã nộp trên trang “${sheet}”. Sửa rồi nộp lại.`,
  periodLocks: 'Khóa sổ kỳ báo cáo',
  lockReason: 'Lý do (ghi vào nhật ký)',
  lockPeriod: 'Khóa sổ',
  unlockPeriod: 'Mở khóa',
  locking: 'Đang cập nhật trạng thái khóa sổ…',
  periodLockedDone: (period: string) => `Đã khóa sổ kỳ “${period}”: chỉ quản trị viên được cập nhật số liệu.`,
  periodUnlockedDone: (period: string) =>
    `Đã mở khóa kỳ “${period}”: các đơn vị nộp, sửa báo cáo bình thường.`,
  // ---------------------------------------------------------------- review queue and hints from history
  checkingHints: 'Đang so sánh số liệu với các kỳ trước…',
  hintsTitle: 'Một số số liệu khác thường so với các kỳ trước',
  hintsLead:
    'Hệ thống chỉ nhắc, không chặn. Nếu số liệu đúng, đề nghị ghi giải trình rồi nộp; nếu nhầm, sửa lại trên trang tính.',
  explanation: 'Giải trình (Thường trực sẽ thấy)',
  submitAnyway: 'Vẫn nộp, kèm giải trình',
  reviseFirst: 'Sửa lại số liệu',
  reviewerComments: 'Ý kiến của Thường trực theo từng chỉ tiêu',
  reopenedWithComments: (sheet: string, n: number, notes: boolean) =>
    `Đã mở lại báo cáo bị trả lại trên trang “${sheet}”: ${n} chỉ tiêu có ý kiến được tô màu xanh${notes ? ', ý kiến ghi ở phần ghi chú của ô' : ''}. Sửa rồi nộp lại.`,
  reviewQueueTitle: 'Báo cáo chờ duyệt',
  loadQueue: 'Xem báo cáo chờ duyệt',
  loadingQueue: 'Đang tải danh sách báo cáo chờ duyệt…',
  queueEmpty: 'Không có báo cáo nào chờ duyệt.',
  queueCount: (n: number) => `${n} báo cáo chờ duyệt, nộp sớm nhất ở trên.`,
  revisionShort: (r: number) => `lần ${r}`,
  changesAgainst: (revision: number, accepted: boolean) =>
    accepted ? `Thay đổi so với lần ${revision} đã duyệt:` : `Thay đổi so với lần ${revision}:`,
  firstRevision: 'Lần nộp đầu tiên của kỳ này.',
  noChanges: 'Số liệu không thay đổi.',
  changeLine: (label: string, from: string, to: string) => `${label}: ${from} → ${to}`,
  tableRows: (n: number) => `${n} dòng`,
  emptyValue: '(trống)',
  explanationFrom: (text: string) => `Giải trình của đơn vị: ${text}`,
  selectReport: (unit: string, period: string) => `Chọn báo cáo ${unit} — ${period}`,
  acceptSelected: (n: number) => `Duyệt ${n} báo cáo đã chọn`,
  bulkDone: (ok: number, failed: number) =>
    `Đã duyệt ${ok} báo cáo${failed ? `; ${failed} báo cáo chưa duyệt được (xem từng dòng)` : ''}.`,
  fieldComment: (label: string) => `Ý kiến về “${label}”`,
  returnedDone: (unit: string) => `Đã trả lại báo cáo của ${unit} kèm ý kiến.`,
  fieldCommentsCount: (n: number) =>
    `Có ý kiến về ${n} chỉ tiêu; bấm “Mở lại để sửa” để xem trên trang tính.`,
  // ---------------------------------------------------------------- custom functions (BAOCAO.*, issue 17)
  insertFreeReport: 'Chèn mẫu báo cáo tự do (công thức BAOCAO)',
  insertingFreeReport: 'Đang tạo trang mẫu báo cáo tự do…',
  freeReportInserted: (sheet: string) =>
    `Đã tạo trang “${sheet}”: các ô công thức BAOCAO.* tự cập nhật khi các đơn vị nộp báo cáo.`,
};

// ---------------------------------------------------------------- progress (issue 13, item 2)

/**
 * The standing office's progress: the summary tab's first screen, the “Tiến độ” sheet and the reminders
 * to late units (shared/src/reminders.ts puts the reminder's lines together; dates come as dd/mm/yyyy;
 * `campaign` is the campaign's name as written, “Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn”).
 */
const progress = {
  title: 'Tiến độ nộp báo cáo',
  year: 'Năm',
  allYears: 'Tất cả các năm',
  show: 'Xem tiến độ',
  loading: 'Đang tải tiến độ nộp báo cáo…',
  asOf: (date: string) => `Tính đến ngày ${date}`,
  unit: 'Đơn vị',
  /** Short words for the matrix cells (the full state is in the cell's tooltip). */
  cellStates: {
    upcoming: 'Chưa đến',
    open: 'Đang mở',
    overdue: 'Quá hạn',
    submitted: 'Chờ duyệt',
    returned: 'Trả lại',
    accepted: 'Đã duyệt',
  },
  notExpected: 'Không phải nộp',
  counts: {
    expected: 'Phải nộp',
    submitted: 'Đã nộp',
    onTime: 'Đúng hạn',
    late: 'Nộp muộn',
    pending: 'Chờ duyệt',
    returned: 'Trả lại',
    accepted: 'Đã duyệt',
    missing: 'Quá hạn chưa nộp',
    notDue: 'Chưa đến hạn',
  },
  overdueTitle: (n: number) => `Đơn vị quá hạn chưa nộp (${n})`,
  noneOverdue: 'Không có đơn vị nào quá hạn.',
  overdueItem: (period: string, days: number) => `${period}: quá hạn ${days} ngày`,
  noContact: 'Chưa có thông tin người liên hệ',
  copyReminder: 'Sao chép lời nhắc',
  copyAllReminders: 'Sao chép lời nhắc chung',
  mailReminder: 'Gửi thư nhắc',
  mailAllReminders: 'Gửi thư nhắc các đơn vị',
  copied: (who: string) => `Đã sao chép lời nhắc (${who}). Dán vào thư hoặc tin nhắn để gửi.`,
  copyFailed: 'Không sao chép được; lời nhắc hiện ở dưới, chọn và sao chép thủ công.',
  everyLateUnit: 'các đơn vị quá hạn',
  mailTooLong: 'Thư quá dài để mở bằng liên kết: bấm “Sao chép lời nhắc chung” rồi dán vào thư.',
  mailTooLongUnit:
    'Lời nhắc dài: thư mở ra chỉ có tiêu đề, bấm “Sao chép lời nhắc” rồi dán vào nội dung thư.',
  insertSheet: 'Chèn trang “Tiến độ”',
  inserting: 'Đang tạo trang tiến độ…',
  inserted: (sheet: string) => `Đã tạo trang “${sheet}”.`,
  /** The reminder (Vietnamese administrative style). */
  reminderSubject: (campaign: string) => `V/v đôn đốc gửi báo cáo kết quả thực hiện ${campaign}`,
  reminderTo: (unit: string) => `Kính gửi: ${unit}`,
  reminderToAll: 'Kính gửi: Các đơn vị có tên dưới đây',
  reminderLead: (campaign: string, date: string, unit: string) =>
    `Thực hiện ${campaign}, đến ngày ${date}, ${unit} chưa gửi các báo cáo sau:`,
  reminderLeadAll: (campaign: string, date: string, n: number, office: string) =>
    `Thực hiện ${campaign}, đến ngày ${date}, còn ${n} đơn vị chưa gửi báo cáo về ${office}:`,
  reminderItem: (period: string, due: string, days: number) =>
    `${period}: hạn nộp ${due}, đã quá hạn ${days} ngày`,
  reminderAsk: (unit: string, office: string) =>
    `Đề nghị ${unit} khẩn trương hoàn thành, gửi báo cáo về ${office} qua hệ thống báo cáo phong trào thi đua để tổng hợp, báo cáo lãnh đạo theo quy định./.`,
  reminderAskAll: (office: string) =>
    `Đề nghị các đơn vị khẩn trương hoàn thành, gửi báo cáo qua hệ thống báo cáo phong trào thi đua để ${office} tổng hợp, báo cáo lãnh đạo theo quy định./.`,
  /** The “Tiến độ” sheet. */
  sheetName: 'Tiến độ',
  sheetTitle: 'TIẾN ĐỘ NỘP BÁO CÁO',
  legendTitle: 'Các kỳ báo cáo',
  legendLine: (id: string, label: string, due: string) => `${id}: ${label} (hạn nộp ${due})`,
  countsTitle: 'Số đơn vị theo tình trạng',
  contact: 'Người liên hệ',
  email: 'Thư điện tử',
  overdueSheetTitle: 'Đơn vị quá hạn chưa nộp',
  latePeriods: 'Kỳ quá hạn',
};

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/**
 * The narrative report (shared/src/report/narrative.ts): the header of Nghị định 30/2020/NĐ-CP and
 * the sentences of sections I–V. Units' own words are never here: they are quoted as written.
 */
const report = {
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  number: (symbol: string) => `Số:          /BC-${symbol}`,
  placeDate: (place: string, year: number) => `${place}, ngày      tháng      năm ${year}`,
  blankPlace: '……………',
  docType: 'BÁO CÁO',
  /** Trích yếu, by line: the campaign, then the period. */
  subject: (campaign: string, period: string) => [`Kết quả thực hiện ${campaign}`, period],
  // issue 15: the subject of an interim or final review (sơ kết, tổng kết)
  reviewSubject: (kind: 'interim' | 'final', campaign: string, year: number) =>
    kind === 'interim' ? [`Sơ kết ${campaign}`, `năm ${year}`] : [`Tổng kết ${campaign}`],
  /**
   * The period in a title: “quý I năm 2022”, “quý III (9 tháng) năm 2022” (a quarter whose figures count
   * from the start of the year), “6 tháng đầu năm 2022”, “năm 2022”.
   */
  periodPhrase: (kind: string, slot: string, year: number, label: string, fromYearStart = false) => {
    const n = Number(/\d/.exec(slot)?.[0] ?? 0);
    if (kind === 'quarter' && n >= 1 && n <= 4)
      return fromYearStart && n > 1
        ? `quý ${ROMAN[n]} (${n * 3} tháng) năm ${year}`
        : `quý ${ROMAN[n]} năm ${year}`;
    if (kind === 'half') return n === 2 ? `6 tháng cuối năm ${year}` : `6 tháng đầu năm ${year}`;
    if (kind === 'year') return `năm ${year}`;
    return `(${label})`;
  },
  intro: (office: string, campaign: string, period: string, scope: string | undefined) =>
    `Trên cơ sở báo cáo của các đơn vị${scope ? ` thuộc ${scope}` : ''}, ${office} tổng hợp, báo cáo kết quả thực hiện ${campaign} ${period} như sau:`,
  headings: {
    situation: 'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
    results: 'II. KẾT QUẢ THỰC HIỆN',
    shortcomings: 'III. TỒN TẠI, HẠN CHẾ',
    directions: 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
    proposals: 'V. ĐỀ XUẤT, KIẾN NGHỊ',
  },
  // issue 15: what the period's figures cover
  window: (from: string, to: string) => `Số liệu tính từ ngày ${from} đến ngày ${to}.`,
  registered: (submitted: number, expected: number, plan: string) =>
    `Đến nay, có ${submitted}/${expected} đơn vị đã xây dựng kế hoạch, đăng ký thực hiện Phong trào (${plan}).`,
  reported: (date: string, submitted: number, expected: number, percent: string) =>
    `Tính đến ngày ${date}, có ${submitted}/${expected} đơn vị đã gửi báo cáo kết quả thực hiện, đạt ${percent}%.`,
  timeliness: (onTime: number, late: number, due: string) =>
    late === 0
      ? `Tất cả ${onTime} đơn vị đều gửi báo cáo đúng thời hạn (trước ngày ${due}).`
      : `Trong đó, ${onTime} đơn vị gửi báo cáo đúng thời hạn (trước ngày ${due}); ${late} đơn vị gửi sau thời hạn quy định.`,
  lateUnits: (names: string) => `Các đơn vị gửi báo cáo muộn: ${names}.`,
  missing: (n: number, names: string) => `Còn ${n} đơn vị chưa gửi báo cáo: ${names}.`,
  allReported: 'Tất cả các đơn vị thuộc diện báo cáo đã gửi báo cáo.',
  byGroup: (parts: string) => `Theo khối (đã gửi/phải gửi): ${parts}.`,
  reviews: (accepted: number, returned: number, pending: number) =>
    `Thường trực đã ${
      [
        accepted ? `duyệt ${accepted} báo cáo` : '',
        returned ? `trả lại ${returned} báo cáo để đơn vị chỉnh sửa, bổ sung` : '',
        pending ? `đang xem xét ${pending} báo cáo` : '',
      ]
        .filter(Boolean)
        .join('; ') || 'tiếp nhận các báo cáo'
    }.`,
  noReports: 'Chưa có đơn vị nào gửi báo cáo kết quả thực hiện trong kỳ.',
  basis: (n: number) => `Tổng hợp từ báo cáo của ${n} đơn vị, kết quả cụ thể như sau:`,
  noComparison: (year: number) => `Cùng kỳ năm ${year} chưa có số liệu để so sánh.`,
  fieldLine: (label: string, value: string) => `${label}: ${value}`,
  unitsOutOf: (n: number, of: number) => `${n}/${of} đơn vị`,
  choiceCount: (choice: string, n: number) => `${choice} ${n} đơn vị`,
  compare: {
    change: (up: boolean, diff: string, rate: string | undefined, year: number) =>
      `${up ? 'tăng' : 'giảm'} ${diff}${rate !== undefined ? ` (${rate}%)` : ''} so với cùng kỳ năm ${year}`,
    points: (up: boolean, points: string, year: number) =>
      `${up ? 'tăng' : 'giảm'} ${points} điểm phần trăm so với cùng kỳ năm ${year}`,
    same: (year: number) => `bằng cùng kỳ năm ${year}`,
    noData: (year: number) => `cùng kỳ năm ${year} không có số liệu`,
  },
  listLead: (label: string) => `${label}:`,
  /** A table row that starts with its date: “ngày 26/06/2022”. */
  onDate: (date: string) => `ngày ${date}`,
  tableLead: (n: number) => `Các đơn vị báo cáo ${n} nội dung, cụ thể:`,
  // issue 15: a grouped table (the proposed awards), choice by choice
  groupedLead: (n: number, counts: string) => `Các đơn vị báo cáo ${n} trường hợp, gồm: ${counts}. Cụ thể:`,
  groupCount: (label: string, n: number) => `${label}: ${n} trường hợp`,
  groupLead: (label: string, n: number) => `${label} (${n} trường hợp):`,
  reportingShortcoming: (late: number, missing: number) =>
    `Việc chấp hành chế độ báo cáo của một số đơn vị chưa nghiêm: ${[
      late ? `${late} đơn vị gửi báo cáo muộn` : '',
      missing ? `${missing} đơn vị chưa gửi báo cáo` : '',
    ]
      .filter(Boolean)
      .join(', ')}.`,
  difficultiesLead: 'Qua báo cáo của các đơn vị, còn một số khó khăn, vướng mắc sau:',
  noDifficulties: 'Các đơn vị không báo cáo khó khăn, vướng mắc.',
  // issue 15: the units' shortcomings (Mục III) and their directions for the next period (Mục IV)
  shortcomingsLead: 'Các đơn vị nêu những tồn tại, hạn chế và nguyên nhân sau:',
  unitDirectionsLead: 'Phương hướng, nhiệm vụ kỳ tới các đơn vị đề ra:',
  directions: {
    carryOn: (campaign: string, mottos: string) =>
      `Tiếp tục quán triệt, triển khai sâu rộng ${campaign}${mottos ? `; thực hiện tốt phương châm ${mottos}` : ''}; duy trì, nhân rộng các mô hình, cách làm hay đã phát huy hiệu quả.`,
    urge: (names: string) =>
      `Đôn đốc ${names} gửi báo cáo theo quy định; các đơn vị gửi báo cáo muộn nghiêm túc rút kinh nghiệm.`,
    overcome:
      'Các đơn vị chủ động khắc phục những khó khăn, hạn chế nêu tại Mục III; kịp thời báo cáo những vướng mắc vượt thẩm quyền.',
    commend:
      'Làm tốt công tác thi đua, khen thưởng; kịp thời biểu dương, nhân rộng các tập thể, cá nhân điển hình, gương người tốt, việc tốt.',
    nextReport: (label: string, due: string, office: string) =>
      `Các đơn vị gửi ${label.charAt(0).toLocaleLowerCase('vi-VN')}${label.slice(1)} về ${office} trước ngày ${due}.`,
  },
  proposalsLead: 'Các đơn vị đề xuất, kiến nghị:',
  noProposals: 'Các đơn vị không có đề xuất, kiến nghị.',
  closing: (campaign: string, period: string, office: string, organisation: string) =>
    `Trên đây là báo cáo kết quả thực hiện ${campaign} ${period}. ${office} kính báo cáo Ban Chỉ đạo và lãnh đạo ${organisation} xem xét, chỉ đạo./.`,
  recipientsTitle: 'Nơi nhận:',
  defaultRecipients: (organisation: string) => [
    'Ban Chỉ đạo Phong trào (để báo cáo);',
    `Lãnh đạo ${organisation} (để báo cáo);`,
    'Các đơn vị (để thực hiện);',
  ],
  archive: (symbol: string) => `Lưu: VT, ${symbol}.`,
  defaultSigner: 'THỦ TRƯỞNG ĐƠN VỊ',
  signerNote: '(Ký, ghi rõ họ tên, đóng dấu)',
  signerName: '',
};

/** Words a yes/no cell may hold in this language, lower-case (sheet/grid.ts reads every language's). */
const yesNoWords = {
  yes: ['có', 'co', 'c', 'đúng', 'dung'],
  no: ['không', 'khong', 'k', 'sai'],
};

/** The data feed's column headers (GET …/data, shared/src/data-feed.ts). Issue 16. */
const feed = {
  columns: {
    campaignId: 'Mã phong trào',
    periodId: 'Mã kỳ báo cáo',
    periodLabel: 'Kỳ báo cáo',
    unitId: 'Mã đơn vị',
    unitName: 'Tên đơn vị',
    group: 'Khối',
    templateId: 'Mã biểu mẫu',
    templateVersion: 'Phiên bản biểu mẫu',
    fieldKey: 'Mã chỉ tiêu',
    fieldLabel: 'Chỉ tiêu',
    value: 'Số liệu',
    receivedAt: 'Thời gian nhận',
    onTime: 'Đúng hạn',
    reviewState: 'Tình trạng duyệt',
  },
};

/** `npm run backup` and `npm run restore` (scripts/backup.ts, scripts/restore.ts). Issue 16. */
const backup = {
  written: (dir: string, tables: number, entities: number) =>
    `Đã sao lưu ${tables} bảng, ${entities} bản ghi vào “${dir}”.`,
  tableLine: (table: string, entities: number) => `  ${table}: ${entities} bản ghi`,
  verified: (files: number) => `Đã kiểm tra mã SHA-256 của ${files} tệp: khớp.`,
  restored: (tables: number, entities: number) => `Đã khôi phục ${tables} bảng, ${entities} bản ghi.`,
  refused: 'Chưa khôi phục:',
};

/** The admin's command line (scripts/template.ts); problems are rendered from `problems`. */
const cli = {
  unreadableFile: (file: string, detail: string) => `không đọc được tệp “${file}”: ${detail}`,
  notXlsx: (file: string) => `“${file}” không phải là tệp Excel .xlsx đọc được`,
  noSuchTemplate: (campaign: string, template: string) =>
    `phong trào “${campaign}” không có biểu mẫu “${template}”`,
  exported: (target: string, template: string, version: string, campaign: string, bytes: number) =>
    `${target}: định nghĩa biểu mẫu “${template}” phiên bản ${version} (${campaign}), ${bytes} bytes`,
  emptyWritten: (target: string) =>
    `${target}: định nghĩa biểu mẫu trống (điền trang settings, fields, tables, rules)`,
  refusedByServer: 'máy chủ từ chối',
  notPublished: 'chưa đăng được',
  newestVersion: (newest: number) =>
    `Phiên bản mới nhất đã đăng là ${newest}: sửa ô “version” ở trang settings thành ${newest + 1} rồi đăng lại.`,
  incompatibleReasons:
    'Lý do (mã chỉ tiêu không bao giờ đổi kiểu; muốn bỏ một chỉ tiêu thì đánh dấu retired):',
  definitionRefused: (file: string, n: number) => `“${file}” có ${n} lỗi, chưa đăng:`,
  sheetRefused: (file: string, n: number) => `“${file}” có ${n} lỗi, chưa cập nhật:`,
  templateSummary: (
    id: string,
    version: number,
    kind: string,
    sections: number,
    fields: number,
    retired: number,
    tables: number,
    rules: number,
  ) =>
    `biểu mẫu “${id}” phiên bản ${version} (${kind}): ${sections} phần, ${fields} chỉ tiêu` +
    (retired ? ` (+${retired} ngừng dùng)` : '') +
    `, ${tables} bảng, ${rules} quy tắc`,
  valid: (file: string, summary: string) => `${file}: hợp lệ — ${summary}`,
  published: (summary: string, campaign: string) => `Đã đăng ${summary} cho phong trào “${campaign}”.`,
  unitsExported: (target: string, n: number, campaign: string) =>
    `${target}: ${n} đơn vị của phong trào “${campaign}”`,
  // registry (issue 18): the registry sent in parts
  unitsSent: (done: number, total: number) => `Đã gửi ${num(String(done))}/${num(String(total))} đơn vị…`,
  unitsUpdated: (n: number, campaign: string, added: string, removed: string) =>
    `Đã cập nhật ${n} đơn vị của phong trào “${campaign}”` +
    (added ? `; thêm: ${added}` : '') +
    (removed ? `; bỏ: ${removed}` : '') +
    '.',
  removedUnitsNote:
    'Lưu ý: đơn vị bị bỏ không còn trong tổng hợp; muốn dừng báo cáo từ một kỳ thì ghi active_until.',
  usersExported: (target: string, n: number) => `${target}: ${n} người dùng`,
  usersUpdated: (n: number) => `Đã cập nhật ${n} người dùng (người dùng không có trong tệp được giữ nguyên).`,
  // campaigns (scripts/campaign.ts)
  campaignExported: (target: string, campaign: string, units: number, periods: number) =>
    `${target}: sổ phong trào “${campaign}” (${units} đơn vị, ${periods} kỳ báo cáo)`,
  campaignRefused: (file: string, n: number) => `“${file}” có ${n} lỗi, chưa phát hành:`,
  campaignCreated: (campaign: string) => `Đã tạo phong trào “${campaign}”.`,
  campaignUpdated: (campaign: string) => `Đã cập nhật phong trào “${campaign}”.`,
  campaignUsage:
    'cách dùng: npm run campaign -- export <mã phong trào> --out <tệp.xlsx> | publish <tệp.xlsx>  (--api, --token)',
};

export type ProblemCode = keyof typeof problems;

// ranking sheet (issue 15, item 3: bình xét thi đua)
const ranking = {
  sheetName: 'Xếp hạng thi đua',
  sheetTitle: (year: number) => `BẢNG XẾP HẠNG THI ĐUA NĂM ${year}`,
  asOf: (date: string) => `Tính các kỳ báo cáo có hạn đến ngày ${date}`,
  unit: 'Đơn vị',
  total: 'Tổng điểm',
  rank: 'Xếp hạng',
  criterion: (label: string, points: number) => `${label} (${points} điểm)`,
  reasonsTitle: 'Lý do chấm điểm của Thường trực thi đua',
  reasonLine: (unit: string, criterion: string, score: number, reason: string, by: string) =>
    `${unit} — ${criterion}: ${score} điểm. ${reason}${by ? ` (${by})` : ''}`,
  noReasons: 'Chưa có điểm chấm trực tiếp.',
  // the Tổng hợp tab's ranking section (addin/src/taskpane/RankingView.tsx)
  paneTitle: 'Bình xét thi đua',
  year: 'Năm',
  load: 'Xem bảng xếp hạng',
  loading: 'Đang tính điểm thi đua…',
  empty: 'Chưa có đơn vị nào được xếp hạng trong năm này.',
  clusterTitle: (cluster: string) => `Cụm, khối: ${cluster}`,
  line: (rank: number, name: string, score: number) => `${rank}. ${name} — ${score} điểm`,
  insertSheet: 'Chèn trang xếp hạng thi đua',
  inserting: 'Đang tạo trang xếp hạng thi đua…',
  inserted: (sheet: string) => `Đã tạo trang “${sheet}”.`,
};

export const vi = {
  locale: 'vi-VN',
  problems,
  where,
  templateKinds: KIND_NAMES as { plan: string; results: string; review: string },
  prompts,
  labels,
  pane,
  yesNoWords,
  cli,
  report,
  feed,
  backup,
  progress,
  ranking,
};
