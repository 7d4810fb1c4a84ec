/**
 * A minimal XML tokenizer for the few SpreadsheetML parts the reader needs. Flat (no element
 * stack, so nesting depth costs nothing), linear in the text, no DTDs or custom entities (refused),
 * namespace prefixes dropped from element names. Attributes are looked up on demand.
 */
import { WorkbookReadError } from '../workbook-error';

export type TokenKind = 'open' | 'close' | 'text';

const notXlsx = () => new WorkbookReadError('not_xlsx');

/**
 * Part bytes → a byte string: one character per byte of UTF-8 (latin1). Markup is ASCII, so it
 * scans the same, and the part costs one byte per byte in memory — decoded UTF-8 text with a single
 * non-ASCII letter would cost two per character. Text and attribute values are decoded as read.
 * (UTF-16 parts, with a byte order mark, are turned into UTF-8 first.)
 */
export function xmlBytes(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return Buffer.from(new TextDecoder('utf-16le').decode(bytes), 'utf8').toString('latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(new TextDecoder('utf-16be').decode(bytes), 'utf8').toString('latin1');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return buffer.toString('latin1', bom);
}

const NON_ASCII = /[\x80-\xff]/;

/** A byte string's slice → text: UTF-8 decoded, entities replaced. */
export function textOf(raw: string, cdata = false): string {
  const text = NON_ASCII.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  return cdata ? text : decodeEntities(text);
}

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const attrPatterns = new Map<string, RegExp>();

/** An attribute's decoded value in a start tag's attribute text (a byte string); a prefix (`r:id`) is ignored. */
export function attribute(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? textOf(m[1] ?? m[2]!) : undefined;
}

export class XmlScanner {
  kind: TokenKind = 'text';
  /** Element name without its namespace prefix (open and close tokens). */
  name = '';
  /** The start tag's raw attribute text. */
  attrs = '';
  selfClosing = false;
  /** Where the text token is in the byte string (without a CDATA section's markers). */
  textStart = 0;
  textEnd = 0;
  cdata = false;
  pos: number;

  constructor(
    /** A byte string (xmlBytes). */
    private readonly xml: string,
    from = 0,
    private readonly end = xml.length,
  ) {
    this.pos = from;
  }

  /** The text token's content, decoded. */
  get text(): string {
    return textOf(this.xml.slice(this.textStart, this.textEnd), this.cdata);
  }

  /** Advances to the next token; false at the end. */
  next(): boolean {
    const { xml, end } = this;
    while (this.pos < end) {
      const at = this.pos;
      if (xml.charCodeAt(at) !== 60 /* < */) {
        const lt = xml.indexOf('<', at);
        const stop = lt < 0 || lt > end ? end : lt;
        this.kind = 'text';
        this.textStart = at;
        this.textEnd = stop;
        this.cdata = false;
        this.pos = stop;
        return true;
      }
      const c = xml.charCodeAt(at + 1);
      if (c === 63 /* ? */) {
        this.pos = this.after('?>', at + 2);
        continue;
      }
      if (c === 33 /* ! */) {
        if (xml.startsWith('<!--', at)) {
          this.pos = this.after('-->', at + 4);
          continue;
        }
        if (xml.startsWith('<![CDATA[', at)) {
          const close = this.after(']]>', at + 9);
          this.kind = 'text';
          this.textStart = at + 9;
          this.textEnd = close - 3;
          this.cdata = true;
          this.pos = close;
          return true;
        }
        throw notXlsx(); // DOCTYPE and other declarations have no place in a package part
      }
      if (c === 47 /* / */) {
        const gt = xml.indexOf('>', at + 2);
        if (gt < 0 || gt >= end) throw notXlsx();
        this.kind = 'close';
        this.name = localName(xml.slice(at + 2, gt).trim());
        this.pos = gt + 1;
        return true;
      }
      // A start tag: the name, then attributes up to the first '>' outside quotes.
      let i = at + 1;
      while (i < end) {
        const ch = xml.charCodeAt(i);
        if (ch === 62 || ch === 47 || ch <= 32) break;
        i++;
      }
      const nameEnd = i;
      while (i < end) {
        const ch = xml.charCodeAt(i);
        if (ch === 62) break;
        if (ch === 34 || ch === 39) {
          const q = xml.indexOf(ch === 34 ? '"' : "'", i + 1);
          if (q < 0 || q >= end) throw notXlsx();
          i = q + 1;
        } else i++;
      }
      if (i >= end || nameEnd === at + 1) throw notXlsx();
      this.kind = 'open';
      this.name = localName(xml.slice(at + 1, nameEnd));
      this.selfClosing = xml.charCodeAt(i - 1) === 47;
      this.attrs = xml.slice(nameEnd, this.selfClosing ? i - 1 : i);
      this.pos = i + 1;
      return true;
    }
    return false;
  }

  attr(name: string): string | undefined {
    return attribute(this.attrs, name);
  }

  /** Position just after the next `token` from `from`; not_xlsx if there is none. */
  private after(token: string, from: number): number {
    const i = this.xml.indexOf(token, from);
    if (i < 0 || i + token.length > this.end) throw notXlsx();
    return i + token.length;
  }
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}
