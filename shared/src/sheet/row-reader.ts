/**
 * Reading one row of a list sheet (grid.ts) as typed values: text, keys, yes/no, numbers, dates,
 * one of a list, bilingual text. A cell that does not read reports a problem placed on its row and
 * column, and gives undefined. Used by the template definition workbook and the unit and user
 * registers alike. Pure.
 */
import type { ProblemCode, ProblemParams } from '../i18n/problem';
import { KeySchema, type LocalizedText } from '../schemas';
import { parseNumberText, serialToIsoDate } from './cells';
import {
  cellBoolean,
  cellText,
  isBlankCell,
  sheetProblem,
  type Grid,
  type GridRow,
  type SheetProblem,
} from './grid';
import type { CellValue } from './model';

/** What a missing key names (the catalogue's `missing_key`). */
export type KeyWhat = 'section' | 'key' | 'table' | 'column' | 'id' | 'field';

/** Excel dates arrive as ISO text (from an .xlsx reader), serial numbers or typed text (dd/mm/yyyy). */
export function cellDate(v: CellValue): string | undefined | 'bad' {
  if (isBlankCell(v)) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? serialToIsoDate(v) : 'bad';
  const s = cellText(v);
  let iso: string | undefined;
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(s);
  if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]}-${isoMatch[3]}`;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  if (!iso) return 'bad';
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : 'bad';
}

/** A whole number ≥ 1 from a number cell or digits; undefined otherwise. */
export function cellPositiveInteger(v: CellValue): number | undefined {
  const n = typeof v === 'number' ? v : /^\+?\d+$/.test(cellText(v)) ? Number(cellText(v)) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

export type RowReader<C extends string> = ReturnType<typeof rowReader<C>>;

export function rowReader<C extends string>(
  grid: Grid<C>,
  row: GridRow,
  report: (problem: SheetProblem) => void,
) {
  /** Reports a problem on this row; not on a required column the sheet lacks (reported once, at the header). */
  const fail = (col: C | null, code: ProblemCode, params?: ProblemParams) => {
    if (col !== null && grid.missing(col)) return;
    report(sheetProblem(grid.sheet, row.row, col === null ? null : grid.letter(col), code, params));
  };
  const raw = (col: C): CellValue => grid.get(row, col);
  const text = (col: C): string | undefined => cellText(raw(col)) || undefined;
  return {
    row: row.row,
    fail,
    raw,
    text,
    blank: (col: C) => isBlankCell(raw(col)),
    /** Text that must be there. */
    required(col: C): string | undefined {
      const v = text(col);
      if (v === undefined) fail(col, 'missing_value', { column: col });
      return v;
    },
    /** A key (lower-case ASCII snake_case, KeySchema). */
    key(col: C, what: KeyWhat, required: boolean): string | undefined {
      const v = text(col);
      if (v === undefined) {
        if (required) fail(col, 'missing_key', { what });
        return undefined;
      }
      if (!KeySchema.safeParse(v).success) {
        fail(col, 'bad_key', { value: v });
        return undefined;
      }
      return v;
    },
    bool(col: C): boolean | undefined {
      const v = cellBoolean(raw(col));
      if (v === 'bad') {
        fail(col, 'bad_boolean', { value: cellText(raw(col)) });
        return undefined;
      }
      return v;
    },
    num(col: C): number | undefined {
      const v = raw(col);
      if (isBlankCell(v)) return undefined;
      const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : undefined;
      if (n === undefined || !Number.isFinite(n)) {
        fail(col, 'bad_number', { value: cellText(v) });
        return undefined;
      }
      return n === 0 ? 0 : n; // no -0
    },
    positiveInt(col: C): number | undefined {
      const v = raw(col);
      if (isBlankCell(v)) return undefined;
      const n = cellPositiveInteger(v);
      if (n === undefined) fail(col, 'bad_positive_integer', { value: cellText(v) });
      return n;
    },
    date(col: C): string | undefined {
      const d = cellDate(raw(col));
      if (d === 'bad') {
        fail(col, 'bad_date', { value: cellText(raw(col)) });
        return undefined;
      }
      return d;
    },
    /** One of `options`, case-insensitively; `code` (with the value and the options) when not. */
    oneOf<T extends string>(col: C, options: readonly T[], code: ProblemCode): T | undefined {
      const v = text(col);
      if (v === undefined) return undefined;
      const lower = v.toLowerCase();
      if (!(options as readonly string[]).includes(lower)) {
        fail(col, code, { value: v, allowed: options });
        return undefined;
      }
      return lower as T;
    },
    /** Bilingual text from a `…::vi` and a `…::en` column; English alone is a problem. */
    localized(vi: C, en: C, required: boolean): LocalizedText | undefined {
      const v = text(vi);
      const e = text(en);
      if (v === undefined) {
        if (e !== undefined) fail(vi, 'en_without_vi', { en, vi });
        else if (required) fail(vi, 'missing_value', { column: vi });
        return undefined;
      }
      return e === undefined ? { vi: v } : { vi: v, en: e };
    },
  };
}
