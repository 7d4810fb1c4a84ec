/**
 * How wide text prints, in Excel's column-width units (characters of the default font's digits),
 * for the Times New Roman 12 of the sheets (looks.ts), measured on LibreOffice's print of the
 * summary workbook (a 34-unit column holds about 42 lower-case Vietnamese letters). An estimate from the letters' shapes, close
 * enough to size a column so that codes and numbers never wrap and to fit a sheet to its pages.
 */
const NARROW = new Set([..."iIjlrtf.,:;|!'’()[]- "]);
const WIDE = new Set([...'mwMW@%—']);

/** A letter's width by the rules below, worked out once for each ASCII character. */
function letterWidth(ch: string): number {
  if (NARROW.has(ch)) return 0.5;
  if (WIDE.has(ch)) return 1.3;
  if (/\p{Lu}/u.test(ch)) return 1.25;
  if (/\d/.test(ch)) return 0.95;
  return 0.82;
}
const ASCII_WIDTHS = Array.from({ length: 128 }, (_, i) => letterWidth(String.fromCharCode(i)));
const NON_ASCII = /[^\u0020-\u007e]/;
/** Other letters' widths, worked out on first sight (Vietnamese has a few hundred). */
const OTHER_WIDTHS = new Map<string, number>();

/** Width units one line of text takes (bold letters are wider). */
export function textWidth(text: string, bold = false): number {
  let w = 0;
  if (!NON_ASCII.test(text)) {
    // Printable ASCII (codes, numbers): NFC changes nothing, and each letter's width is in the table.
    for (let i = 0; i < text.length; i++) w += ASCII_WIDTHS[text.charCodeAt(i)]!;
  } else
    for (const ch of text.normalize('NFC')) {
      let lw = OTHER_WIDTHS.get(ch);
      if (lw === undefined) OTHER_WIDTHS.set(ch, (lw = letterWidth(ch)));
      w += lw;
    }
  return w * (bold ? 1.1 : 1);
}

/** The widest word: a wrapped column narrower than this breaks a word in two. */
export function longestWord(text: string, bold = false): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, bold)));
}

/**
 * A column's width from what it holds: the longest value on one line (plus padding), at least the
 * longest word of its header (headers wrap), within [min, max]. Text longer than max wraps.
 */
export function fitColumnWidth(
  header: string,
  shown: readonly string[],
  { min = 6, max = 60 }: { min?: number; max?: number } = {},
): number {
  const body = Math.max(0, ...shown.map((s) => Math.max(...s.split('\n').map((line) => textWidth(line)))));
  const width = Math.max(body + 2, longestWord(header, true) + 2, min);
  return Math.round(Math.min(width, max) * 10) / 10;
}

/** One formatter for every number: `toLocaleString` builds a new one per call (seconds for a large matrix). */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number as the sheet shows it under `#,##0` / `#,##0.##` (for sizing only). */
export function shownNumber(n: number): string {
  // Whole numbers (nearly every figure) grouped by hand: the same text, many times faster.
  if (Number.isSafeInteger(n) && n > 0) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  return NUMBER.format(n);
}
