/**
 * Reading the list sheets of an uploaded admin workbook (the campaign workbook, a template definition
 * workbook) by name, as rows of cell values for the shared parsers (sheet/grid.ts): the mirror of the
 * list sheets xlsx-writer writes. Read by the bounded reader in ./xlsx, like a filled template
 * (docs/architecture.md, "Reading workbooks"); sheets are matched by name without case, and a sheet
 * the workbook lacks is left out (the parser reports it on its sheet).
 */
import type { CellValue } from '../../../shared/src';
import { DEFAULT_LIMITS, type ReadLimits } from './xlsx/limits';
import { openWorkbookPackage } from './xlsx/package';
import { readSheetCells, type ReadValue } from './xlsx/sheet';
import { xmlBytes } from './xlsx/xml';
import { tooLarge } from './workbook-error';

/** A list sheet longer than this is not an admin's list (5,000 units, a few hundred fields). */
export const MAX_LIST_ROWS = 20_000;

export interface ReadListSheetsOptions {
  /** The sheets to read, by name. */
  sheets: readonly string[];
  limits?: Partial<ReadLimits>;
}

export type ListSheets = Record<string, CellValue[][]>;

/** A date cell as the parsers read dates: `yyyy-mm-dd` at midnight, else the ISO instant. */
function cellValue(v: ReadValue): CellValue {
  if (!(v instanceof Date)) return v;
  const iso = v.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

export async function readListSheets(bytes: Uint8Array, options: ReadListSheetsOptions): Promise<ListSheets> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const pkg = await openWorkbookPackage(bytes, limits);
  const ctx = await pkg.cellContext();
  const out: ListSheets = {};
  for (const wanted of options.sheets) {
    const entry =
      pkg.sheets.find((s) => s.name === wanted) ??
      pkg.sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    const part = entry?.part ? await pkg.zip.read(entry.part) : undefined;
    if (!entry || !part) continue;
    const cells = await readSheetCells(xmlBytes(part), ctx, pkg.pacer, {
      maxCells: limits.maxCells,
      sheetName: entry.name,
    });
    const last = cells.lastRow;
    if (last > MAX_LIST_ROWS) throw tooLarge('cells', MAX_LIST_ROWS, entry.name);
    const rows: CellValue[][] = Array.from({ length: last }, () => []);
    for (const [row, col, value] of cells.entries()) {
      const r = rows[row - 1]!;
      while (r.length < col - 1) r.push(null);
      r[col - 1] = cellValue(value);
    }
    for (const r of rows) for (let i = 0; i < r.length; i++) if (r[i] === undefined) r[i] = null;
    out[wanted] = rows;
  }
  return out;
}
