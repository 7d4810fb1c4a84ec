/** What the endpoints that can answer with a workbook share: `?format=`, `?lang=`, the attachment response. */
import type { HttpResponseInit } from '@azure/functions';
import { LANGUAGES, type Language } from '../../../shared/src';
import type { Call } from '../http/handler';
import { badRequest } from '../http/responses';
import { XLSX_CONTENT_TYPE } from './xlsx-writer';

/**
 * `?format=`: json (the default) or xlsx, exactly as the OpenAPI document says (no case folding, no
 * trimming: `XLSX` or ` xlsx` is 400 like any other value the contract does not list).
 */
export function requestedFormat(call: Call): 'json' | 'xlsx' {
  const format = call.request.query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'xlsx') throw badRequest('bad_format');
  return format;
}

/** `?lang=`: vi (the default) or en, for a workbook's labels; exactly, like `?format=`. */
export function requestedLanguage(call: Call): Language {
  const lang = call.request.query.get('lang') ?? 'vi';
  if (!(LANGUAGES as readonly string[]).includes(lang)) throw badRequest('bad_lang');
  return lang as Language;
}

/** A file name any browser and shell accepts: ASCII letters, digits, `-` and `.` (Đ → D, ệ → e). */
export function asciiFileName(parts: readonly (string | undefined)[], extension = 'xlsx'): string {
  const stem = parts
    .filter((p): p is string => !!p)
    .map((p) =>
      p
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
        .replace(/[^A-Za-z0-9.]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `${stem || 'workbook'}.${extension}`;
}

/** 200 with an .xlsx file to download. */
export function attachment(
  workbook: Uint8Array,
  nameParts: readonly (string | undefined)[],
): HttpResponseInit {
  const fileName = asciiFileName(nameParts);
  return {
    status: 200,
    body: workbook,
    headers: {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  };
}
