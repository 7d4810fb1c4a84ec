/**
 * The cells of one worksheet part: only `<sheetData>` is read, cell by cell as written, and the
 * rest of the part (merged ranges, data validations, conditional formats…) is never looked at, so
 * what a range covers costs nothing. Empty rows cost one token each; cells with a value are kept
 * up to a limit. Values come out as ExcelJS gave them to the reader before: text, numbers,
 * booleans, formula results, error codes as text, and Dates for numbers shown as dates.
 */
import type { CellValue } from '../../../../shared/src';
import { tooLarge } from '../workbook-error';
import type { CellContext } from './package';
import type { Pacer } from './pacer';
import { unescapeXstring } from './shared-strings';
import { XmlScanner } from './xml';

export type ReadValue = CellValue | Date;

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Cells by `row * 16384 + (col - 1)`. */
export class SheetCells {
  constructor(private readonly cells: Map<number, ReadValue>) {}

  get size(): number {
    return this.cells.size;
  }

  /** The last row with a value (0 for an empty sheet). */
  get lastRow(): number {
    let last = 0;
    for (const k of this.cells.keys()) last = Math.max(last, Math.floor(k / MAX_COL));
    return last;
  }

  /** Every cell with a value, as [row, column, value]. */
  *entries(): IterableIterator<[number, number, ReadValue]> {
    for (const [k, v] of this.cells) yield [Math.floor(k / MAX_COL), (k % MAX_COL) + 1, v];
  }

  get(row: number, col: number): ReadValue | undefined {
    if (row < 1 || col < 1 || row > MAX_ROW || col > MAX_COL) return undefined;
    return this.cells.get(row * MAX_COL + col - 1) ?? null;
  }
}

/** `AB12` → [12, 28]; undefined if it is not a cell reference. */
function parseRef(ref: string): [number, number] | undefined {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === 0 || i > 3) return undefined;
  const row = Number(ref.slice(i));
  return Number.isInteger(row) && row > 0 ? [row, col] : undefined;
}

/** Days since 1899-12-30 (or 1904-01-01) → a Date at UTC midnight plus the fraction, as ExcelJS. */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function isoToDate(text: string): Date | string {
  const t = text.trim();
  const d = new Date(/(?:Z|[+-]\d\d:?\d\d)$/.test(t) || !t.includes('T') ? t : `${t}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}

function valueOf(
  type: string,
  raw: string | undefined,
  inline: string | undefined,
  style: number,
  ctx: CellContext,
): ReadValue {
  switch (type) {
    case 's': {
      const s = ctx.strings.get(Number(raw));
      return s === undefined ? null : s;
    }
    case 'inlineStr':
      return inline === undefined ? (raw ?? null) : unescapeXstring(inline);
    case 'str':
      return raw === undefined ? null : unescapeXstring(raw);
    case 'b':
      return raw === undefined ? null : raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
    case 'e':
      return raw ?? null;
    case 'd':
      return raw === undefined ? null : isoToDate(raw);
    default: {
      if (raw === undefined || raw.trim() === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      return ctx.dateStyles.has(style) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** Moves the scanner into `<sheetData>`; false if the sheet has none or it is empty. */
async function seekSheetData(s: XmlScanner, pacer: Pacer): Promise<boolean> {
  while (s.next()) {
    if (pacer.due()) await pacer.pause();
    if (s.kind === 'open' && s.name === 'sheetData') return !s.selfClosing;
  }
  return false;
}

export interface ReadSheetOptions {
  maxCells: number;
  /** Stop after this row (enough to see a sheet's header). */
  lastRow?: number;
  sheetName?: string;
}

export async function readSheetCells(
  xml: string,
  ctx: CellContext,
  pacer: Pacer,
  options: ReadSheetOptions,
): Promise<SheetCells> {
  const cells = new Map<number, ReadValue>();
  const lastRow = options.lastRow ?? MAX_ROW;
  const s = new XmlScanner(xml);
  if (!(await seekSheetData(s, pacer))) return new SheetCells(cells);

  let row = 0;
  let col = 0;
  // The cell being read.
  let inCell = false;
  let type = 'n';
  let style = 0;
  let raw: string | undefined;
  let inline: string | undefined;
  let into: 'v' | 't' | undefined;
  let inPhonetic = false;
  const commit = () => {
    inCell = false;
    if (row > MAX_ROW || col > MAX_COL || row > lastRow) return;
    const value = valueOf(type, raw, inline, style, ctx);
    if (value === null || value === '') return;
    if (cells.size >= options.maxCells) throw tooLarge('cells', options.maxCells, options.sheetName);
    cells.set(row * MAX_COL + col - 1, value);
  };
  while (s.next()) {
    if (pacer.due()) await pacer.pause();
    if (s.kind === 'text') {
      if (into === 'v') raw = (raw ?? '') + s.text;
      else if (into === 't' && !inPhonetic) inline = (inline ?? '') + s.text;
      continue;
    }
    const name = s.name;
    if (s.kind === 'open') {
      if (name === 'c') {
        const ref = s.attr('r');
        const at = ref ? parseRef(ref) : undefined;
        if (at) {
          row = at[0];
          col = at[1];
        } else col++;
        type = s.attr('t') ?? 'n';
        style = Number(s.attr('s') ?? 0);
        raw = undefined;
        inline = undefined;
        inCell = true;
        if (s.selfClosing) inCell = false; // an empty (styled) cell
      } else if (name === 'row') {
        const r = Number(s.attr('r'));
        row = Number.isInteger(r) && r > 0 ? r : row + 1;
        col = 0;
        if (row > lastRow) break;
      } else if (inCell && name === 'v' && !s.selfClosing) into = 'v';
      else if (inCell && name === 't' && !s.selfClosing) into = 't';
      else if (name === 'rPh') inPhonetic = !s.selfClosing;
    } else if (name === 'c') {
      if (inCell) commit();
    } else if (name === 'v' || name === 't') into = undefined;
    else if (name === 'rPh') inPhonetic = false;
    else if (name === 'sheetData') break;
  }
  return new SheetCells(cells);
}
