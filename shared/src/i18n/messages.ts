/**
 * Every user-facing message of the domain core, in one place per language.
 * Vietnamese is the default; English is available for the same keys.
 */
import type { Language } from '../schemas';

export interface MessageParams {
  label?: string;
  min?: number | string;
  max?: number | string;
  maxLength?: number;
  maxRows?: number;
  choices?: string;
  value?: string;
  row?: number;
  table?: string;
}

type Catalog = Record<MessageKey, (p: MessageParams) => string>;

export type MessageKey =
  | 'required'
  | 'notInteger'
  | 'notNumber'
  | 'belowMin'
  | 'aboveMax'
  | 'tooLong'
  | 'notDate'
  | 'notChoice'
  | 'notBoolean'
  | 'notText'
  | 'tooManyRows'
  | 'unknownField'
  | 'unknownTable'
  | 'retiredField'
  | 'templateMismatch'
  | 'notPercent';

const vi: Catalog = {
  required: (p) => `“${p.label}” là bắt buộc, xin nhập giá trị.`,
  notInteger: (p) => `“${p.label}” phải là số nguyên.`,
  notNumber: (p) => `“${p.label}” phải là một số.`,
  notPercent: (p) => `“${p.label}” phải là tỷ lệ phần trăm từ 0% đến 100%.`,
  belowMin: (p) => `“${p.label}” không được nhỏ hơn ${p.min}.`,
  aboveMax: (p) => `“${p.label}” không được lớn hơn ${p.max}.`,
  tooLong: (p) => `“${p.label}” dài quá ${p.maxLength} ký tự.`,
  notDate: (p) => `“${p.label}” phải là ngày hợp lệ (ngày/tháng/năm).`,
  notChoice: (p) => `“${p.label}” phải là một trong các lựa chọn: ${p.choices}.`,
  notBoolean: (p) => `“${p.label}” chỉ nhận “Có” hoặc “Không”.`,
  notText: (p) => `“${p.label}” phải là văn bản.`,
  tooManyRows: (p) => `Bảng “${p.table}” có tối đa ${p.maxRows} dòng.`,
  unknownField: (p) => `Biểu mẫu không có chỉ tiêu “${p.value}”.`,
  unknownTable: (p) => `Biểu mẫu không có bảng “${p.value}”.`,
  retiredField: (p) => `Chỉ tiêu “${p.label}” đã được bỏ khỏi biểu mẫu, không nhập nữa.`,
  templateMismatch: (p) => `Báo cáo không khớp với biểu mẫu ${p.value}.`,
};

const en: Catalog = {
  required: (p) => `“${p.label}” is required.`,
  notInteger: (p) => `“${p.label}” must be a whole number.`,
  notNumber: (p) => `“${p.label}” must be a number.`,
  notPercent: (p) => `“${p.label}” must be a percentage between 0% and 100%.`,
  belowMin: (p) => `“${p.label}” must not be less than ${p.min}.`,
  aboveMax: (p) => `“${p.label}” must not be greater than ${p.max}.`,
  tooLong: (p) => `“${p.label}” is longer than ${p.maxLength} characters.`,
  notDate: (p) => `“${p.label}” must be a valid date (day/month/year).`,
  notChoice: (p) => `“${p.label}” must be one of: ${p.choices}.`,
  notBoolean: (p) => `“${p.label}” must be “Yes” or “No”.`,
  notText: (p) => `“${p.label}” must be text.`,
  tooManyRows: (p) => `Table “${p.table}” has at most ${p.maxRows} rows.`,
  unknownField: (p) => `The template has no field “${p.value}”.`,
  unknownTable: (p) => `The template has no table “${p.value}”.`,
  retiredField: (p) => `Field “${p.label}” has been retired from the template.`,
  templateMismatch: (p) => `The report does not match template ${p.value}.`,
};

const catalogs: Record<Language, Catalog> = { vi, en };

export function message(key: MessageKey, params: MessageParams, lang: Language = 'vi'): string {
  return catalogs[lang][key](params);
}
