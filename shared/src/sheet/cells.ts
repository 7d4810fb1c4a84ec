/** A1 references, Excel serial dates, and conversions between field values and cell values. */
import { catalogue } from '../i18n/catalogue';
import type { Column, Field, FieldValue, Language } from '../schemas';
import { localize, nfc } from '../text';
import type { CellValue } from './model';
import { xmlLegal } from './xml-text';

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function rangeRef(row1: number, col1: number, row2: number, col2: number): string {
  return `${cellRef(row1, col1)}:${cellRef(row2, col2)}`;
}

export function parseCellRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], nothing XML cannot hold. */
export function safeSheetName(name: string): string {
  const s = xmlLegal(name)
    .replace(/[:\\/?*[\]\n\t\uFFFD]/g, ' ')
    .trim()
    .slice(0, 31);
  return /[\uD800-\uDBFF]$/.test(s) ? s.slice(0, -1) : s; // never half a character
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function isoDateToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_UTC) / DAY_MS);
}

export function serialToIsoDate(serial: number): string {
  return new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

export const NUMBER_FORMATS = {
  integer: '#,##0',
  decimal: '#,##0.##',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  text: '@',
  dateTime: 'dd/mm/yyyy hh:mm',
} as const;

export function numberFormatFor(type: Field['type']): string | undefined {
  switch (type) {
    case 'integer':
      return NUMBER_FORMATS.integer;
    case 'decimal':
      return NUMBER_FORMATS.decimal;
    case 'percent':
      return NUMBER_FORMATS.percent;
    case 'date':
      return NUMBER_FORMATS.date;
    case 'text':
    case 'longtext':
      return NUMBER_FORMATS.text;
    default:
      return undefined;
  }
}

/** The words of a yes/no cell, per language (the catalogues' labels): [yes, no]. */
export const BOOLEAN_WORDS = {
  vi: [catalogue('vi').labels.yes, catalogue('vi').labels.no],
  en: [catalogue('en').labels.yes, catalogue('en').labels.no],
} as const;

/** A field value as it is put into a cell: dates as serial numbers, choices and booleans as words. */
export function toCellValue(
  def: Field | Column,
  value: FieldValue | undefined,
  lang: Language = 'vi',
): CellValue {
  if (value === undefined || value === null) return null;
  switch (def.type) {
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? isoDateToSerial(value) : value;
    case 'choice': {
      const c = def.choices?.find((ch) => ch.value === value);
      return c ? localize(c.label, lang) : value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? BOOLEAN_WORDS[lang][value ? 0 : 1] : value;
    default:
      return value;
  }
}

function sameWord(a: string, b: string): boolean {
  return nfc(a).trim().toLocaleLowerCase('vi') === nfc(b).trim().toLocaleLowerCase('vi');
}

/**
 * Reads a number typed as text the way Vietnamese and English users write it: `1.400` and `1,400`
 * are fourteen hundred when the separator groups exactly three digits; `12,5` and `12.5` are twelve
 * and a half; `85%` is 0.85. Returns undefined when it is not a number.
 */
export function parseNumberText(text: string): number | undefined {
  let s = text.replace(/[\s\u00a0]/g, '');
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1);
  }
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const sign = s.startsWith('-') ? -1 : 1;
  s = s.replace(/^[+-]/, '');
  let normalized: string;
  if (/^\d{1,3}([.,]\d{3})+$/.test(s) && new Set(s.replace(/\d/g, '')).size === 1) {
    normalized = s.replace(/[.,]/g, ''); // thousands separators only
  } else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s)) {
    normalized = s.replace(/\./g, '').replace(',', '.'); // 1.234,5
  } else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) {
    normalized = s.replace(/,/g, ''); // 1,234.5
  } else if (/^\d+([.,]\d+)?$/.test(s)) {
    normalized = s.replace(',', '.');
  } else return undefined;
  const n = Number(normalized) * sign * scale;
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : undefined;
}

function parseDateText(text: string): string | undefined {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return undefined;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/**
 * A cell value (from office.js `values` or an .xlsx reader, which may give Date objects) back to a
 * field value. What cannot be understood is returned as it is, so validation names the cell.
 */
export function fromCellValue(def: Field | Column, raw: CellValue | Date | undefined): FieldValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  switch (def.type) {
    case 'integer':
    case 'decimal':
    case 'percent': {
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string') return parseNumberText(raw) ?? nfc(raw.trim());
      return raw instanceof Date ? raw.toISOString() : raw;
    }
    case 'date': {
      if (raw instanceof Date) return raw.toISOString().slice(0, 10);
      if (typeof raw === 'number') return serialToIsoDate(raw);
      if (typeof raw === 'string') return parseDateText(raw) ?? nfc(raw.trim());
      return raw;
    }
    case 'choice': {
      const s = raw instanceof Date ? raw.toISOString() : String(raw);
      const c = def.choices?.find(
        (ch) =>
          sameWord(ch.value, s) ||
          sameWord(ch.label.vi, s) ||
          (ch.label.en !== undefined && sameWord(ch.label.en, s)),
      );
      return c ? c.value : nfc(s.trim());
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw);
      if ([BOOLEAN_WORDS.vi[0], BOOLEAN_WORDS.en[0], 'x', 'true', '1'].some((w) => sameWord(w, s)))
        return true;
      if ([BOOLEAN_WORDS.vi[1], BOOLEAN_WORDS.en[1], 'false', '0'].some((w) => sameWord(w, s))) return false;
      return nfc(s.trim());
    }
    case 'text':
    case 'longtext':
      if (raw instanceof Date) return raw.toISOString().slice(0, 10);
      return typeof raw === 'string' ? nfc(raw) : String(raw);
  }
}
