/**
 * Text that a workbook can carry. An .xlsx part is XML 1.0, whose characters are tab, newline,
 * carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF: a clerk's text holding
 * U+FFFF, a lone surrogate or a control character would make the part not well-formed and Excel
 * would call the file corrupt. The same text is refused or mangled by office.js too, so the shared
 * finish step (finish.ts) passes every text of a sheet through here, for both renderers.
 */

/** What stands in for a character a workbook cannot hold. */
export const REPLACEMENT = '\uFFFD';

// C0 controls except tab and newline, DEL and the C1 controls, U+FFFE and U+FFFF, and any
// surrogate not part of a pair (the `u` flag makes a lone surrogate match `[\uD800-\uDFFF]`).
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/**
 * The text with line ends as `\n` and every character XML 1.0 (or Excel) cannot hold replaced by
 * U+FFFD, so that nothing the clerk typed silently disappears. Pure; idempotent.
 */
export function xmlLegal(text: string): string {
  const s = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return s.replace(ILLEGAL, REPLACEMENT);
}

/** Whether a text is already XML-legal (no replacement would happen). */
export function isXmlLegal(text: string): boolean {
  ILLEGAL.lastIndex = 0;
  const bad = ILLEGAL.test(text) || text.includes('\r');
  ILLEGAL.lastIndex = 0;
  return !bad;
}
