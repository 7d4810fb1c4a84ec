/** Text helpers. Vietnamese typed on different keyboards (VNI, Telex, Unicode dựng sẵn / tổ hợp) can
 * arrive decomposed; everything stored or compared is NFC. */
import type { Language, LocalizedText } from './schemas';

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Normalises every string inside a JSON-like value to NFC (keys included). */
export function normalizeDeep<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((v) => normalizeDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[nfc(k)] = normalizeDeep(v);
    return out as T;
  }
  return value;
}

/** The text in the wanted language, falling back to Vietnamese. */
export function localize(text: LocalizedText | undefined, lang: Language): string {
  if (!text) return '';
  return lang === 'en' ? (text.en ?? text.vi) : text.vi;
}

/** Spreadsheet programs evaluate text that starts with these as formulas (CSV/formula injection). */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}
