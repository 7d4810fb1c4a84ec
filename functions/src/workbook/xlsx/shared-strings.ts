/**
 * The shared string table, read lazily: parsing records where each `<si>`'s text is in the part
 * (a byte string), and a string is decoded only when a cell the reader needs refers to it. So a
 * table of 100,000 strings costs its bytes and two numbers a string, not 100,000 decoded strings.
 */
import { tooLarge } from '../workbook-error';
import type { Pacer } from './pacer';
import { textOf, XmlScanner } from './xml';

/** `_x000D_` escapes of characters XML cannot carry (ECMA-376 ST_Xstring). */
export function unescapeXstring(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export class SharedStrings {
  /** Where each string's one text run is; -1 when it has several (then it is in `joined`). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly joined = new Map<number, string>();

  private constructor(private readonly xml: string) {}

  static readonly empty = new SharedStrings('');

  get size(): number {
    return this.starts.length;
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.starts.length) return undefined;
    const start = this.starts[index]!;
    if (start < 0) return this.joined.get(index) ?? '';
    return unescapeXstring(textOf(this.xml.slice(start, this.ends[index])));
  }

  /** Each `<si>`: plain text or rich text runs, phonetic runs left out. */
  static async parse(xml: string, maxStrings: number, pacer: Pacer): Promise<SharedStrings> {
    const out = new SharedStrings(xml);
    const s = new XmlScanner(xml);
    let inSi = false;
    let inT = false;
    let inPhonetic = false;
    /** The text runs of the current string. */
    const runs: { start: number; end: number; cdata: boolean }[] = [];
    const add = () => {
      if (out.starts.length >= maxStrings) throw tooLarge('strings', maxStrings);
      const only = runs.length === 1 && !runs[0]!.cdata ? runs[0] : undefined;
      out.starts.push(only ? only.start : runs.length ? -1 : 0);
      out.ends.push(only ? only.end : 0);
      if (runs.length && !only) {
        const text = runs.map((r) => textOf(xml.slice(r.start, r.end), r.cdata)).join('');
        out.joined.set(out.starts.length - 1, unescapeXstring(text));
      }
      runs.length = 0;
    };
    while (s.next()) {
      if (pacer.due()) await pacer.pause();
      if (s.kind === 'open') {
        if (s.name === 'si') {
          if (s.selfClosing) add();
          else inSi = true;
        } else if (s.name === 't') inT = !s.selfClosing;
        else if (s.name === 'rPh') inPhonetic = !s.selfClosing;
      } else if (s.kind === 'text') {
        if (inSi && inT && !inPhonetic) runs.push({ start: s.textStart, end: s.textEnd, cdata: s.cdata });
      } else if (s.name === 't') inT = false;
      else if (s.name === 'rPh') inPhonetic = false;
      else if (s.name === 'si' && inSi) {
        inSi = false;
        add();
      }
    }
    return out;
  }
}
