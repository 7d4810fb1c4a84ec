/**
 * Which cell styles show a number as a date: the only thing the reader needs from styles.xml, so
 * that a date typed into any cell reads as a date (as Excel shows it), not as its serial number.
 */
import { Pacer } from './pacer';
import { XmlScanner } from './xml';

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, and the East Asian ones). */
function builtinIsDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A format code is a date if it has date or time letters outside quotes, escapes and brackets. */
export function formatIsDate(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The indexes of cellXfs entries whose number format is a date. */
export async function dateStyles(xml: string, pacer: Pacer): Promise<Set<number>> {
  const custom = new Map<number, boolean>();
  const out = new Set<number>();
  const s = new XmlScanner(xml);
  let inCellXfs = false;
  let xf = 0;
  while (s.next()) {
    if (pacer.due()) await pacer.pause();
    if (s.kind === 'open') {
      if (s.name === 'numFmt') {
        const id = Number(s.attr('numFmtId'));
        custom.set(id, formatIsDate(s.attr('formatCode') ?? ''));
      } else if (s.name === 'cellXfs') {
        inCellXfs = !s.selfClosing;
      } else if (s.name === 'xf' && inCellXfs) {
        const id = Number(s.attr('numFmtId') ?? 0);
        if (custom.get(id) ?? builtinIsDate(id)) out.add(xf);
        xf++;
      }
    } else if (s.kind === 'close' && s.name === 'cellXfs') {
      break;
    }
  }
  return out;
}
