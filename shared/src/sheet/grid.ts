/**
 * Reading a sheet that is a list with a header row (the template definition workbook, the unit and
 * user registers): columns are matched by header text, case-insensitively and in any order; blank
 * rows are skipped; every problem names the sheet, the 1-based row and the column letter. Reading a
 * row's cells as typed values is row-reader.ts. Pure.
 */
import { catalogue } from '../i18n/catalogue';
import { problem, type Problem, type ProblemCode, type ProblemParams } from '../i18n/problem';
import { LANGUAGES } from '../schemas';
import { nfc } from '../text';
import { columnLetter } from './cells';
import type { CellValue } from './model';

export type GridRows = readonly (readonly CellValue[])[];

/**
 * A problem in a list sheet: its code and parameters, placed on the sheet, the 1-based row and the
 * column letter (row or column null when it is not one row or one cell). `renderWithPlace` writes it.
 */
export type SheetProblem<S extends string = string> = Problem & {
  sheet: S;
  row: number | null;
  column: string | null;
};

export function sheetProblem<S extends string>(
  sheet: S,
  row: number | null,
  column: string | null,
  code: ProblemCode,
  params?: ProblemParams,
): SheetProblem<S> {
  return problem(code, params, { sheet, row, column }) as SheetProblem<S>;
}

/** Problems in the order of the workbook: sheet (in `order`), row, column, then as found. */
export function sortSheetProblems<S extends string>(
  errors: readonly SheetProblem<S>[],
  order: Readonly<Record<S, number>>,
): SheetProblem<S>[] {
  const colIndex = (c: string | null) =>
    c === null ? 0 : [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return errors
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        order[a.e.sheet] - order[b.e.sheet] ||
        (a.e.row ?? 0) - (b.e.row ?? 0) ||
        colIndex(a.e.column) - colIndex(b.e.column) ||
        a.i - b.i,
    )
    .map(({ e }) => e);
}

/** `Label :: VI` → `label::vi`; `max length` → `max_length`. */
export function canonicalHeader(text: string): string {
  return nfc(text)
    .trim()
    .toLowerCase()
    .replace(/\s*::\s*/g, '::')
    .replace(/[\s-]+/g, '_');
}

export function isBlankCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A cell as trimmed NFC text ('' when blank). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return nfc(v).trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Yes and no as Excel writes them (TRUE/FALSE), as a tick (x) or a digit, and in every catalogue's words. */
const TRUE_WORDS = new Set(['true', 'x', '1', ...LANGUAGES.flatMap((l) => catalogue(l).yesNoWords.yes)]);
const FALSE_WORDS = new Set(['false', '0', ...LANGUAGES.flatMap((l) => catalogue(l).yesNoWords.no)]);

/** A yes/no cell: booleans, 1/0, TRUE/FALSE, yes/no, có/không, x; undefined when blank; 'bad' otherwise. */
export function cellBoolean(v: CellValue | undefined): boolean | undefined | 'bad' {
  if (isBlankCell(v)) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : 'bad';
  const word = cellText(v).toLocaleLowerCase('vi');
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return 'bad';
}

export interface GridRow {
  /** 1-based row number in the sheet. */
  row: number;
  cells: readonly CellValue[];
}

export interface GridSpec<C extends string> {
  sheet: string;
  /** Canonical column names. */
  columns: readonly C[];
  /** Columns that must be present when the sheet has data rows. */
  required: readonly C[];
  /** Other header texts (canonicalised) for the same columns. */
  aliases?: Readonly<Record<string, C>>;
  /** Whether required columns are needed even without data rows. */
  requireHeader?: boolean;
}

export interface Grid<C extends string> {
  sheet: string;
  /** Row of the header, null for an empty sheet. */
  headerRow: number | null;
  rows: GridRow[];
  has(col: C): boolean;
  /** A required column the sheet lacks (reported at the header row). */
  missing(col: C): boolean;
  /** Column letter of a column, null when the sheet does not have it. */
  letter(col: C): string | null;
  get(row: GridRow, col: C): CellValue;
}

/**
 * The header row is the first non-blank row; data rows are the non-blank rows below it. Unknown,
 * duplicate and missing columns are reported; headers starting with `#` are notes and ignored.
 */
export function readGrid<C extends string>(
  rows: GridRows,
  spec: GridSpec<C>,
  report: (problem: SheetProblem) => void,
): Grid<C> {
  const issue = (row: number | null, column: string | null, code: ProblemCode, params?: ProblemParams) =>
    report(sheetProblem(spec.sheet, row, column, code, params));
  const known = new Set<string>(spec.columns);
  const index = new Map<C, number>();
  let headerIndex = rows.findIndex((r) => r.some((c) => !isBlankCell(c)));
  const headerRow = headerIndex < 0 ? null : headerIndex + 1;
  if (headerIndex >= 0) {
    rows[headerIndex]!.forEach((cell, i) => {
      const text = cellText(cell);
      if (text === '' || text.startsWith('#')) return;
      let name = canonicalHeader(text);
      if (!known.has(name)) name = spec.aliases?.[name] ?? (known.has(`${name}::vi`) ? `${name}::vi` : name);
      if (!known.has(name)) {
        issue(headerRow, columnLetter(i + 1), 'unknown_column', { name: text, known: spec.columns });
        return;
      }
      const first = index.get(name as C);
      if (first !== undefined) {
        issue(headerRow, columnLetter(i + 1), 'duplicate_column', {
          name: text,
          letter: columnLetter(first + 1),
        });
        return;
      }
      index.set(name as C, i);
    });
  } else headerIndex = rows.length;

  const header = rows[headerIndex] ?? [];
  const used = new Set(index.values());
  const data: GridRow[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    cells.forEach((c, ci) => {
      // Data under no header at all (a note column's cells are fine).
      if (!isBlankCell(c) && (ci >= header.length || isBlankCell(header[ci])))
        issue(i + 1, columnLetter(ci + 1), 'headerless_cell');
    });
    if (cells.some((c, ci) => used.has(ci) && !isBlankCell(c))) data.push({ row: i + 1, cells });
  }
  const missing = new Set<C>();
  if (headerRow !== null && (data.length > 0 || spec.requireHeader)) {
    for (const col of spec.required) {
      if (index.has(col)) continue;
      missing.add(col);
      issue(headerRow, null, 'missing_column', { name: col });
    }
  }
  return {
    sheet: spec.sheet,
    headerRow,
    rows: data,
    has: (col) => index.has(col),
    missing: (col) => missing.has(col),
    letter: (col) => {
      const i = index.get(col);
      return i === undefined ? null : columnLetter(i + 1);
    },
    get: (row, col) => {
      const i = index.get(col);
      return i === undefined ? null : (row.cells[i] ?? null);
    },
  };
}
