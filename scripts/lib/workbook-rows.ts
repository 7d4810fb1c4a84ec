/**
 * An .xlsx workbook as plain rows of cell values, sheet by sheet: what the shared sheet parsers
 * (template definition, unit and user registers) read. Row i of a sheet's rows is the sheet's row
 * i + 1 and cell j is column j + 1, so the parsers' row numbers and column letters are Excel's.
 * Dates become ISO dates (`2022-07-01`); formulas their cached results; rich text its text.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../shared/src';
import { plainCellValue } from '../../functions/src/workbook/exceljs';

export type SheetRows = CellValue[][];

/** Every worksheet's rows, keyed by the sheet's name in lower case (trimmed). */
export async function readWorkbookRows(bytes: Uint8Array): Promise<Map<string, SheetRows>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const out = new Map<string, SheetRows>();
  for (const ws of wb.worksheets) {
    const rows: SheetRows = [];
    const height = ws.rowCount;
    const width = ws.columnCount;
    for (let r = 1; r <= height; r++) {
      const row = ws.getRow(r);
      const cells: CellValue[] = [];
      for (let c = 1; c <= width; c++) {
        const v = plainCellValue(row.getCell(c).value);
        cells.push(v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null));
      }
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      rows.push(cells);
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
    out.set(ws.name.trim().toLowerCase(), rows);
  }
  return out;
}
