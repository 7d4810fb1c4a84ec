/** Vietnamese texts of the HTTP layer's errors, in one place. */
export const httpMessages = {
  campaignNotFound: (id: string) => `Không tìm thấy phong trào “${id}”.`,
  periodNotFound: (id: string) => `Không có kỳ báo cáo “${id}” trong phong trào này.`,
  unitNotFound: (id: string) => `Không có đơn vị “${id}” trong danh sách đơn vị.`,
  templateNotFound: (id: string) => `Không tìm thấy biểu mẫu “${id}”.`,
  versionNotFound: (id: string, v: number | string) => `Biểu mẫu “${id}” không có phiên bản ${v}.`,
  tooLarge: (limit: number) => `Nội dung gửi lên quá lớn (tối đa ${Math.round(limit / 1024)} KB).`,
  notJson: 'Nội dung gửi lên phải là JSON (Content-Type: application/json).',
  badJson: 'Nội dung JSON không hợp lệ.',
  badUtf8: 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.',
  invalidBody: 'Dữ liệu gửi lên không đúng định dạng.',
  invalidSubmission: 'Báo cáo có lỗi, xin sửa các ô được chỉ ra rồi nộp lại.',
  wrongTemplateKind: (kind: string) => `Kỳ báo cáo này dùng biểu mẫu loại “${kind}”.`,
  outdatedTemplate: (id: string, sent: number, current: number) =>
    `Biểu mẫu “${id}” đã được cập nhật lên phiên bản ${current} (bạn đang dùng phiên bản ${sent}). Xin chuyển số liệu sang biểu mẫu mới rồi nộp lại.`,
  unknownTemplateVersion: (id: string, v: number) => `Biểu mẫu “${id}” không có phiên bản ${v}.`,
  periodLocked: (id: string) => `Kỳ báo cáo “${id}” đã khóa sổ; chỉ quản trị viên được cập nhật.`,
  incompatibleTemplate: 'Phiên bản mới của biểu mẫu không tương thích với các phiên bản trước.',
  versionExists: (id: string, v: number) =>
    `Biểu mẫu “${id}” đã có phiên bản ${v}; phiên bản mới phải lớn hơn.`,
  nothingToReview: (unit: string, period: string) => `Đơn vị “${unit}” chưa nộp báo cáo kỳ “${period}”.`,
  usersNeedGlobalAdmin:
    'Chỉ quản trị viên toàn hệ thống (không giới hạn phong trào) được quản lý người dùng.',
  revisionConflict: 'Đơn vị vừa nộp bản mới trong lúc duyệt; xin tải lại rồi duyệt bản mới nhất.',
  storageUnavailable: 'Hệ thống lưu trữ đang bận, xin thử lại sau ít phút. Báo cáo chưa bị mất.',
  badQuery: (name: string) => `Tham số “${name}” không hợp lệ.`,
  internal: 'Đã có lỗi ngoài dự kiến. Xin thử lại; nếu vẫn lỗi, báo cho quản trị viên.',
} as const;
