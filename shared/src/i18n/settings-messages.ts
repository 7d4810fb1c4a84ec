/**
 * What is wrong with a setting (an environment variable read at start), as a code and its parameters,
 * and its text in each language. The function app throws these as SettingsError; `npm start` prints them.
 */
import type { Language } from '../schemas';

export interface SettingsParams {
  /** The environment variable, e.g. `MAX_BODY_BYTES`. */
  setting: string;
  /** The value found, as written. */
  value?: string;
  min?: number;
  max?: number;
  /** The values allowed, e.g. `"dev", "entra"`. */
  allowed?: string;
  /** An example of a good value. */
  example?: string;
  /** A port that is taken. */
  port?: number;
  /** The process that holds something (a data folder). */
  pid?: number;
}

type Texts = Record<SettingsCode, (p: SettingsParams) => string>;

export type SettingsCode =
  | 'setting_not_whole_number'
  | 'setting_not_letters_digits'
  | 'setting_not_one_of'
  | 'setting_required_for_entra'
  | 'setting_not_url'
  | 'setting_too_short'
  | 'port_in_use'
  | 'data_folder_in_use';

const range = (p: SettingsParams, vi: boolean) =>
  p.max === undefined
    ? `${vi ? 'từ' : 'from'} ${p.min ?? 0}`
    : `${vi ? 'từ' : 'from'} ${p.min ?? 0} ${vi ? 'đến' : 'to'} ${p.max}`;

const vi: Texts = {
  data_folder_in_use: (p) =>
    `Thư mục dữ liệu ${p.value} đang được một Azurite khác dùng (tiến trình ${p.pid}, có lẽ của một “npm start” khác); đặt ${p.setting}=<thư mục khác> để dùng thư mục khác.`,
  setting_not_whole_number: (p) =>
    `${p.setting} phải là một số nguyên ${range(p, true)}, không phải “${p.value}”.`,
  setting_not_letters_digits: (p) => `${p.setting} chỉ được gồm chữ cái và chữ số, không phải “${p.value}”.`,
  setting_not_one_of: (p) => `${p.setting} phải là ${p.allowed}, không phải “${p.value}”.`,
  setting_required_for_entra: (p) => `Thiếu ${p.setting} (bắt buộc khi AUTH_MODE=entra), ví dụ ${p.example}.`,
  setting_not_url: (p) => `${p.setting} phải là một địa chỉ http(s), không phải “${p.value}”.`,
  setting_too_short: (p) => `${p.setting} phải dài ít nhất ${p.min} byte.`,
  port_in_use: (p) =>
    `Cổng ${p.port} đang được dùng (có lẽ một “npm start” khác đang chạy); đặt ${p.setting}=<cổng khác> để dùng cổng khác.`,
};

const en: Texts = {
  data_folder_in_use: (p) =>
    `The data folder ${p.value} is in use by another Azurite (process ${p.pid}, perhaps another “npm start”); set ${p.setting}=<another folder> to use another one.`,
  setting_not_whole_number: (p) =>
    `${p.setting} must be a whole number ${range(p, false)}, not “${p.value}”.`,
  setting_not_letters_digits: (p) => `${p.setting} must be letters and digits only, not “${p.value}”.`,
  setting_not_one_of: (p) => `${p.setting} must be ${p.allowed}, not “${p.value}”.`,
  setting_required_for_entra: (p) => `${p.setting} is required when AUTH_MODE=entra (e.g. ${p.example}).`,
  setting_not_url: (p) => `${p.setting} is not a valid URL (http or https): “${p.value}”.`,
  setting_too_short: (p) => `${p.setting} must be at least ${p.min} bytes long.`,
  port_in_use: (p) =>
    `Port ${p.port} is in use (perhaps another “npm start” is running); set ${p.setting}=<another port> to use another one.`,
};

const texts: Record<Language, Texts> = { vi, en };

export function settingsMessage(code: SettingsCode, params: SettingsParams, lang: Language = 'vi'): string {
  return texts[lang][code](params);
}

/** One line for a console: Vietnamese first, then English. */
export function settingsLine(code: SettingsCode, params: SettingsParams): string {
  return `${settingsMessage(code, params, 'vi')} — ${settingsMessage(code, params, 'en')}`;
}
