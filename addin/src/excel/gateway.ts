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
  type ChartModel,
  type DataValidationModel,
  type SheetModel,
} from '../../../shared/src';
import { CELL_LOOKS, ERROR_FILL, INPUT_FILL, POINTS_PER_CHARACTER } from './styles';

/** The values of a sheet, from A1, as one 2-D block (row-major). */
export interface SheetValues {
  sheetName: string;
  /** Every row from row 1, every column from A (empty cells are ''). */
  rows: CellValue[][];
  /** `cellAt(row, col)` with 1-based row and column. */
  cellAt: (row: number, col: number) => CellValue | undefined;
}

export interface ExcelGateway {
  /** Adds the model as a new sheet (a free name is chosen if taken) and activates it; returns its name. */
  insertSheet(model: SheetModel): Promise<string>;
  /** Writes several sheets (replacing sheets of the same names), in as few requests of bounded size as it can. */
  writeSheets(models: SheetModel[], onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Reads every value of a sheet (default: the active one) in one sync. */
  readSheet(sheetName?: string): Promise<SheetValues>;
  /** Marks cells as invalid and restores the input fill of the cells marked before. */
  /** Reads several sheets by name in one sync; a missing sheet gives undefined. */
  readSheets(names: string[]): Promise<Record<string, SheetValues | undefined>>;
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

/** Excel on the web refuses requests over 5 MB: queued writes are sent before they pass this. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** A table body is written in blocks of about this size. */
const BLOCK_BYTES = 500_000;

/**
 * Counts what has been queued on a context and syncs before a request would pass the budget, so a
 * large workbook goes out in a few requests of bounded size.
 */
export class WriteBudget {
  private bytes = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit = MAX_REQUEST_BYTES,
  ) {}

  async charge(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.limit) {
      await this.context.sync();
      this.bytes = 0;
    }
    this.bytes += bytes;
  }
}

const sizeOf = (block: unknown) => JSON.stringify(block).length + 64;

/** Groups cells into one block per row, so values go in a few range writes, not one per cell. */
async function writeCells(sheet: Excel.Worksheet, cells: readonly CellModel[], budget: WriteBudget) {
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
    await budget.charge(sizeOf(values) + sizeOf(formats));
    const range = sheet.getRange(rangeRef(row, first, row, last));
    range.numberFormat = formats;
    range.values = values;
  }
  for (const c of cells) {
    const look = c.style ? CELL_LOOKS[c.style] : undefined;
    if (!look && !c.unlocked && !c.wrap) continue;
    await budget.charge(200);
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

async function writeTables(sheet: Excel.Worksheet, model: SheetModel, budget: WriteBudget) {
  for (const t of model.tables) {
    const lastCol = t.col + t.header.length - 1;
    const lastRow = t.row + Math.max(1, t.rows.length);
    await budget.charge(sizeOf(t.header));
    sheet.getRange(rangeRef(t.row, t.col, t.row, lastCol)).values = [t.header];
    const rowBytes = Math.max(1, sizeOf(t.rows[0] ?? []) * 2);
    const rowsPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
    for (let start = 0; start < t.rows.length; start += rowsPerBlock) {
      const rows = t.rows.slice(start, start + rowsPerBlock);
      const values = rows.map((r) => r.map(safeValue));
      const formats = t.numberFormats
        ? rows.map(() => t.numberFormats!.map((f) => f ?? 'General'))
        : undefined;
      await budget.charge(sizeOf(values) + (formats ? sizeOf(formats) : 0));
      const block = sheet.getRange(rangeRef(t.row + 1 + start, t.col, t.row + start + rows.length, lastCol));
      if (formats) block.numberFormat = formats;
      block.values = values;
    }
    if (t.input && t.rows.length)
      sheet.getRange(rangeRef(t.row + 1, t.col, lastRow, lastCol)).format.protection.locked = false;
    await budget.charge(200);
    const table = sheet.tables.add(rangeRef(t.row, t.col, lastRow, lastCol), true);
    table.name = t.name;
    if (t.style) table.style = t.style;
  }
}

const CHART_TYPES: Record<ChartModel['type'], string> = {
  barClustered: 'BarClustered',
  columnClustered: 'ColumnClustered',
  columnStacked: 'ColumnStacked',
  pie: 'Pie',
};

function writeCharts(sheet: Excel.Worksheet, model: SheetModel) {
  for (const c of model.charts) {
    const t = model.tables.find((x) => x.name === c.table);
    if (!t || t.rows.length === 0) continue;
    // Categories (first column) and the series columns, header included.
    const lastRow = t.row + t.rows.length;
    const lastSeries = t.col + Math.max(...c.seriesColumns);
    const chart = sheet.charts.add(
      CHART_TYPES[c.type] as Excel.ChartType,
      sheet.getRange(rangeRef(t.row, t.col, lastRow, lastSeries)),
      'Columns' as Excel.ChartSeriesBy,
    );
    chart.title.text = c.title;
    chart.setPosition(cellRef(c.anchor.row, c.anchor.col));
    chart.width = c.size.width;
    chart.height = c.size.height;
  }
}

export async function writeSheetModel(
  sheet: Excel.Worksheet,
  model: SheetModel,
  budget: WriteBudget,
): Promise<void> {
  model.columns.forEach((c, i) => {
    const col = sheet.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`);
    col.format.columnWidth = c.width * POINTS_PER_CHARACTER;
    if (c.hidden) col.columnHidden = true;
  });
  for (const [row, height] of Object.entries(model.rowHeights ?? {}))
    sheet.getRange(`${row}:${row}`).format.rowHeight = height;
  await writeCells(sheet, model.cells, budget);
  for (const m of model.merges) sheet.getRange(m).merge(false);
  await writeTables(sheet, model, budget);
  for (const v of model.validations) {
    await budget.charge(sizeOf(v));
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
  writeCharts(sheet, model);
  if (model.freeze?.rows) sheet.freezePanes.freezeRows(model.freeze.rows);
  if (model.protect) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}

function sheetValues(sheetName: string, used: Excel.Range): SheetValues {
  const values = used.values as CellValue[][];
  const top = used.rowIndex + 1;
  const left = used.columnIndex + 1;
  const width = left - 1 + Math.max(0, ...values.map((r) => r.length));
  const rows: CellValue[][] = Array.from({ length: top - 1 }, () => Array<CellValue>(width).fill(''));
  for (const r of values) rows.push([...Array<CellValue>(left - 1).fill(''), ...r]);
  return { sheetName, rows, cellAt: (row, col) => values[row - top]?.[col - left] };
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
      await writeSheetModel(sheet, model, new WriteBudget(context));
      sheet.activate();
      await context.sync();
      return name;
    });
  },

  writeSheets(models, onProgress) {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      // Refreshing replaces the sheets of the same names (the summary is rewritten, never appended to).
      const wanted = new Set(models.map((m) => m.name.toLowerCase()));
      for (const s of sheets.items) if (wanted.has(s.name.toLowerCase())) s.delete();
      const budget = new WriteBudget(context);
      let first: Excel.Worksheet | undefined;
      for (const [i, model] of models.entries()) {
        const sheet = sheets.add(model.name);
        first ??= sheet;
        await writeSheetModel(sheet, model, budget);
        onProgress?.(i + 1, models.length);
      }
      first?.activate();
      await context.sync();
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
      return sheetValues(sheet.name, used);
    });
  },

  readSheets(names) {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const found = names.map((name) => {
        const sheet = sheets.getItemOrNullObject(name);
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load(['values', 'rowIndex', 'columnIndex', 'isNullObject']);
        return { name, used };
      });
      await context.sync();
      const out: Record<string, SheetValues | undefined> = {};
      for (const { name, used } of found) out[name] = used.isNullObject ? undefined : sheetValues(name, used);
      return out;
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
