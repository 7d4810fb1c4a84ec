/**
 * The one module that talks to Excel. Every office.js call of the add-in is here; everything else
 * (sheet layout, reading, validation) is plain code in shared/. Each action uses a small, constant
 * number of `context.sync()` calls: writes are queued and sent together.
 */
import {
  cellRef,
  columnLetter,
  rangeRef,
  type CellModel,
  type CellValue,
  type DataValidationModel,
  type SheetModel,
} from '../../../shared/src';
import { CELL_LOOKS, ERROR_FILL, INPUT_FILL, POINTS_PER_CHARACTER } from './styles';

/** The values of a sheet, from A1, as one 2-D block (row-major). */
export interface SheetValues {
  sheetName: string;
  /** `cellAt(row, col)` with 1-based row and column. */
  cellAt: (row: number, col: number) => CellValue | undefined;
}

export interface ExcelGateway {
  /** Adds the model as a new sheet (a free name is chosen if taken) and activates it; returns its name. */
  insertSheet(model: SheetModel): Promise<string>;
  /** Reads every value of a sheet (default: the active one) in one sync. */
  readSheet(sheetName?: string): Promise<SheetValues>;
  /** Marks cells as invalid and restores the input fill of the cells marked before. */
  markInvalidCells(sheetName: string, refs: string[], previouslyMarked: string[]): Promise<void>;
  selectCell(sheetName: string, ref: string): Promise<void>;
  /** Writes text into one cell of a (possibly protected) sheet. */
  writeCell(sheetName: string, ref: string, value: CellValue): Promise<void>;
  activeSheetName(): Promise<string>;
}

function grid<T>(rows: number, cols: number, fill: T): T[][] {
  return Array.from({ length: rows }, () => Array<T>(cols).fill(fill));
}

/** office.js takes formula-looking text as a formula: a leading apostrophe keeps it text. */
export function safeValue(v: CellValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'string' && /^[=+\-@]/.test(v)) return `'${v}`;
  return v;
}

function operatorName(op: DataValidationModel['operator']): string {
  return op === 'between'
    ? 'Between'
    : op === 'greaterThanOrEqual'
      ? 'GreaterThanOrEqualTo'
      : 'LessThanOrEqualTo';
}

/** The office.js data-validation rule for a model validation. */
export function validationRule(v: DataValidationModel): Excel.DataValidationRule {
  const basic = {
    formula1: v.formula1 as number,
    ...(v.formula2 !== undefined ? { formula2: v.formula2 as number } : {}),
    operator: operatorName(v.operator) as Excel.DataValidationOperator,
  };
  switch (v.type) {
    case 'whole':
      return { wholeNumber: basic };
    case 'decimal':
      return { decimal: basic };
    case 'textLength':
      return { textLength: basic };
    case 'date':
      return {
        date: {
          operator: basic.operator,
          formula1: String(v.formula1),
          ...(v.formula2 !== undefined ? { formula2: String(v.formula2) } : {}),
        },
      };
    case 'list':
      return { list: { inCellDropDown: true, source: (v.list ?? []).join(',') } };
  }
}

/** Groups cells into rectangular blocks per row run so values go in a few range writes, not one per cell. */
function writeCells(sheet: Excel.Worksheet, cells: readonly CellModel[]) {
  const byRow = new Map<number, CellModel[]>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  for (const [row, rowCells] of byRow) {
    rowCells.sort((a, b) => a.col - b.col);
    const first = rowCells[0]!.col;
    const last = rowCells[rowCells.length - 1]!.col;
    const values = grid<string | number | boolean>(1, last - first + 1, '');
    const formats = grid<string>(1, last - first + 1, 'General');
    for (const c of rowCells) {
      values[0]![c.col - first] = safeValue(c.value);
      if (c.numberFormat) formats[0]![c.col - first] = c.numberFormat;
    }
    const range = sheet.getRange(rangeRef(row, first, row, last));
    range.numberFormat = formats;
    range.values = values;
  }
  for (const c of cells) {
    const look = c.style ? CELL_LOOKS[c.style] : undefined;
    if (!look && !c.unlocked && !c.wrap) continue;
    const range = sheet.getRange(cellRef(c.row, c.col));
    if (look?.bold) range.format.font.bold = true;
    if (look?.italic) range.format.font.italic = true;
    if (look?.size) range.format.font.size = look.size;
    if (look?.color) range.format.font.color = look.color;
    if (look?.fill) range.format.fill.color = look.fill;
    if (look?.horizontal) range.format.horizontalAlignment = look.horizontal as Excel.HorizontalAlignment;
    if (c.wrap) range.format.wrapText = true;
    if (c.unlocked) range.format.protection.locked = false;
  }
}

function writeTables(sheet: Excel.Worksheet, model: SheetModel) {
  for (const t of model.tables) {
    const lastCol = t.col + t.header.length - 1;
    const lastRow = t.row + Math.max(1, t.rows.length);
    const headerRange = sheet.getRange(rangeRef(t.row, t.col, t.row, lastCol));
    headerRange.values = [t.header];
    if (t.rows.length) {
      const body = sheet.getRange(rangeRef(t.row + 1, t.col, lastRow, lastCol));
      if (t.numberFormats) body.numberFormat = t.rows.map(() => t.numberFormats!.map((f) => f ?? 'General'));
      body.values = t.rows.map((r) => r.map(safeValue));
      if (t.input) body.format.protection.locked = false;
    }
    const table = sheet.tables.add(rangeRef(t.row, t.col, lastRow, lastCol), true);
    table.name = t.name;
    if (t.style) table.style = t.style;
  }
}

export function writeSheetModel(sheet: Excel.Worksheet, model: SheetModel): void {
  model.columns.forEach((c, i) => {
    const col = sheet.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`);
    col.format.columnWidth = c.width * POINTS_PER_CHARACTER;
    if (c.hidden) col.columnHidden = true;
  });
  for (const [row, height] of Object.entries(model.rowHeights ?? {}))
    sheet.getRange(`${row}:${row}`).format.rowHeight = height;
  writeCells(sheet, model.cells);
  for (const m of model.merges) sheet.getRange(m).merge(false);
  writeTables(sheet, model);
  for (const v of model.validations) {
    const range = sheet.getRange(v.ref);
    range.dataValidation.rule = validationRule(v);
    range.dataValidation.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
    range.dataValidation.errorAlert = {
      showAlert: true,
      style: 'Stop' as Excel.DataValidationAlertStyle,
      title: v.error.title,
      message: v.error.message,
    };
  }
  // Sheet-scoped names: two template sheets in one workbook each keep their own f_<key>.
  for (const n of model.names) sheet.names.add(n.name, sheet.getRange(n.ref));
  if (model.freeze?.rows) sheet.freezePanes.freezeRows(model.freeze.rows);
  if (model.protect) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}

function freeName(taken: Set<string>, wanted: string): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, 31 - String(n).length - 3)} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export const officeExcelGateway: ExcelGateway = {
  insertSheet(model) {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const name = freeName(new Set(sheets.items.map((s) => s.name.toLowerCase())), model.name);
      const sheet = sheets.add(name);
      writeSheetModel(sheet, model);
      sheet.activate();
      await context.sync();
      return name;
    });
  },

  readSheet(sheetName) {
    return Excel.run(async (context) => {
      const sheet = sheetName
        ? context.workbook.worksheets.getItem(sheetName)
        : context.workbook.worksheets.getActiveWorksheet();
      const used = sheet.getUsedRange(true);
      used.load(['values', 'rowIndex', 'columnIndex']);
      sheet.load('name');
      await context.sync();
      const values = used.values as CellValue[][];
      const top = used.rowIndex + 1;
      const left = used.columnIndex + 1;
      return {
        sheetName: sheet.name,
        cellAt: (row, col) => values[row - top]?.[col - left],
      };
    });
  },

  markInvalidCells(sheetName, refs, previouslyMarked) {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.protection.load('protected');
      await context.sync();
      const wasProtected = sheet.protection.protected;
      if (wasProtected) sheet.protection.unprotect();
      for (const ref of previouslyMarked) sheet.getRange(ref).format.fill.color = INPUT_FILL;
      for (const ref of refs) sheet.getRange(ref).format.fill.color = ERROR_FILL;
      if (wasProtected) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
      await context.sync();
    });
  },

  selectCell(sheetName, ref) {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(ref).select();
      await context.sync();
    });
  },

  writeCell(sheetName, ref, value) {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.protection.load('protected');
      await context.sync();
      const wasProtected = sheet.protection.protected;
      if (wasProtected) sheet.protection.unprotect();
      sheet.getRange(ref).values = [[safeValue(value)]];
      if (wasProtected) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
      await context.sync();
    });
  },

  activeSheetName() {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });
  },
};
