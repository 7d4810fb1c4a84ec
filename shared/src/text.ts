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
    // defineProperty, not assignment: a key `__proto__` from JSON stays a plain (own) property and never
    // becomes the object's prototype.
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, nfc(k), {
        value: normalizeDeep(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out as T;
  }
  return value;
}

/**
 * A record's own value for a key that came from a user (a field, table or column key): never something
 * inherited from Object.prototype (`constructor`, `toString` …).
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A map for keys that come from users: no prototype, so no key is ever "already there". */
export function keyMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
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
