/** Vietnamese texts of the workbook (.xlsx) errors, in one place (as http/messages.ts for the HTTP layer). */
export const workbookMessages = {
  notXlsx:
    'Tệp gửi lên không phải sổ tính Excel (.xlsx) hợp lệ, hoặc đã bị hỏng. Xin lưu lại bằng Excel rồi gửi lại.',
  tooLargeUnzipped: 'Sổ tính Excel quá lớn sau khi giải nén; xin chỉ giữ trang biểu mẫu báo cáo.',
  notTemplate:
    'Không tìm thấy trang biểu mẫu báo cáo trong sổ tính (thiếu mã biểu mẫu và phiên bản ở phần đầu trang). Xin dùng biểu mẫu tải từ hệ thống.',
  otherCampaign: (found: string, expected: string) =>
    `Sổ tính này là biểu mẫu của phong trào “${found}”, không phải “${expected}”.`,
  unknownTemplate: (id: string, version: number | string) =>
    `Phong trào này không có biểu mẫu “${id}” phiên bản ${version}.`,
  unsupportedMediaType:
    'Nội dung gửi lên phải là JSON (application/json) hoặc sổ tính Excel (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).',
  missingHeader: (key: 'unitId' | 'periodId') =>
    key === 'unitId'
      ? 'Chưa nhập mã đơn vị ở phần đầu biểu mẫu.'
      : 'Chưa nhập mã kỳ báo cáo ở phần đầu biểu mẫu (ví dụ 2022-H1).',
  badFormat: 'Tham số “format” chỉ nhận “json” hoặc “xlsx”.',
  badLang: 'Tham số “lang” chỉ nhận “vi” hoặc “en”.',
  badSubmissionId: 'Tham số “submissionId” phải là một UUID.',
  badReceivedAt:
    'Tham số “receivedAt” phải là thời điểm ISO 8601 có múi giờ, ví dụ 2022-06-14T09:00:00+07:00.',
} as const;
