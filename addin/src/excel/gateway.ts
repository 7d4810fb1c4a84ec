/**
 * The one module that talks to Excel. Every office.js call of the add-in is here; everything else
 * (sheet layout, reading, validation) is plain code in shared/. Each action uses a small, constant
 * number of `context.sync()` calls: writes are queued and sent together.
 *
 * It is long because it is one idea: the office.js boundary (docs/architecture.md, "The sheet model").
 * Splitting it would spread office.js calls over several files, which the layout forbids.
 */
import {
  columnLetter,
  ERROR_FILL,
  finishSheet,
  INPUT_FILL,
  rangeRef,
  type BorderEdge,
  type CellValue,
  type DataValidationModel,
  type FinishedCell,
  type FinishedChart,
  type FinishedSheet,
  type FinishedTable,
  type FinishedValidation,
  type SheetModel,
  type StyledArea,
} from '../../../shared/src';

/** The values of a sheet, from A1, as one 2-D block (row-major). */
export interface SheetValues {
  sheetName: string;
  /** Every row from row 1, every column from A (empty cells are ''). */
  rows: CellValue[][];
  /** `cellAt(row, col)` with 1-based row and column. */
  cellAt: (row: number, col: number) => CellValue | undefined;
}

export interface ExcelGateway {
  /**
   * Whether the pane runs inside Excel. Outside it (a plain browser) the pane still reads and reviews
   * through the API, but every method below rejects with {@link ExcelUnavailableError}.
   */
  readonly available: boolean;
  /** Adds the model as a new sheet (a free name is chosen if taken) and activates it; returns its name. */
  insertSheet(model: SheetModel): Promise<string>;
  /** Writes several sheets (replacing sheets of the same names), in as few requests of bounded size as it can. */
  writeSheets(models: SheetModel[], onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Reads every value of a sheet (default: the active one) in one sync. */
  readSheet(sheetName?: string): Promise<SheetValues>;
  /** Reads several sheets by name in one sync; a missing sheet gives undefined. */
  readSheets(names: string[]): Promise<Record<string, SheetValues | undefined>>;
  /** Marks cells as invalid and restores the input fill of the cells marked before. */
  markInvalidCells(sheetName: string, refs: string[], previouslyMarked: string[]): Promise<void>;
  selectCell(sheetName: string, ref: string): Promise<void>;
  /** Writes text into one cell of a (possibly protected) sheet. */
  writeCell(sheetName: string, ref: string, value: CellValue): Promise<void>;
  activeSheetName(): Promise<string>;
  /** Whether cell notes can be written here (ExcelApi 1.18): a sheet's notes are written only then. */
  supportsNotes(): boolean;
}

/**
 * Cell notes came with ExcelApi 1.18 (Excel on the web; Microsoft 365 on Windows from version 2501; Mac from
 * 16.93; not in perpetual Office 2021/2024):
 * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-notes
 * Where the set is missing, a returned report's commented cells are still highlighted (their look, decided by
 * the sheet model) and the pane lists the comments.
 */
export const NOTES_REQUIREMENT = { set: 'ExcelApi', version: '1.18' } as const;

/** `Office.context.requirements.isSetSupported` for notes; false outside Office or when it cannot be asked. */
export function notesSupported(): boolean {
  try {
    return (
      typeof Office !== 'undefined' &&
      Office.context?.requirements?.isSetSupported(NOTES_REQUIREMENT.set, NOTES_REQUIREMENT.version) === true
    );
  } catch {
    return false;
  }
}

/**
 * office.js takes text as if typed: `=1+1` becomes a formula, `0912345678` a number, `TRUE` a
 * boolean, `1/2` a date. A leading apostrophe keeps it the text it is (and is not part of the
 * value). Given to every text that could be read as something else — generously: the apostrophe
 * costs nothing on text that would have stayed text.
 */
export function safeValue(v: CellValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (/^[=+\-@'.(\d$€£¥₫]/.test(t) || /^(true|false)$/i.test(t)) return `'${v}`;
  return v;
}

function operatorName(op: DataValidationModel['operator']): string {
  return op === 'between'
    ? 'Between'
    : op === 'greaterThanOrEqual'
      ? 'GreaterThanOrEqualTo'
      : 'LessThanOrEqualTo';
}

/** The office.js data-validation rule for a finished validation (list sources are ranges of the sheet). */
export function validationRule(v: FinishedValidation, sheet: Excel.Worksheet): Excel.DataValidationRule {
  const operator = operatorName(v.operator ?? 'between') as Excel.DataValidationOperator;
  const basic = {
    formula1: v.formula1 as number,
    ...(v.formula2 !== undefined ? { formula2: v.formula2 as number } : {}),
    operator,
  };
  switch (v.type) {
    case 'whole':
      return { wholeNumber: basic };
    case 'decimal':
      return { decimal: basic };
    case 'textLength':
      return { textLength: basic };
    case 'date':
      // ISO dates are accepted as the operands of a date rule.
      return {
        date: {
          operator,
          formula1: String(v.formula1),
          ...(v.formula2 !== undefined ? { formula2: String(v.formula2) } : {}),
        },
      };
    case 'list':
      return { list: { inCellDropDown: true, source: sheet.getRange(v.list!.ref) } };
  }
}

/** Excel on the web refuses requests over 5 MB: queued writes are sent before they pass this. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** A table body is written in blocks of about this size. */
const BLOCK_BYTES = 500_000;
/** Excel column widths are set in points; the model counts characters. */
export const POINTS_PER_CHARACTER = 7;

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

const utf8 = new TextEncoder();
/** What a block costs in a request: its JSON in UTF-8 (Vietnamese letters take two or three bytes), plus the command around it. */
const sizeOf = (block: unknown) => utf8.encode(JSON.stringify(block)).length + 160;
/** One area's look is about a dozen small property sets. */
const AREA_BYTES = 2_000;

/** Cells in runs of neighbours on one row, so values go in a few range writes, not one per cell. */
async function writeCells(sheet: Excel.Worksheet, cells: readonly FinishedCell[], budget: WriteBudget) {
  const byRow = new Map<number, FinishedCell[]>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  for (const [row, rowCells] of byRow) {
    rowCells.sort((a, b) => a.col - b.col);
    const runs: FinishedCell[][] = [];
    for (const c of rowCells) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1]!.col === c.col - 1) run.push(c);
      else runs.push([c]);
    }
    for (const run of runs) {
      const values = [run.map((c) => safeValue(c.value))];
      const formats = [run.map((c) => c.numberFormat)];
      await budget.charge(sizeOf(values) + sizeOf(formats));
      const range = sheet.getRange(rangeRef(row, run[0]!.col, row, run[run.length - 1]!.col));
      range.numberFormat = formats;
      range.values = values;
    }
  }
  // A model's formulas (CellModel.formula), one cell each: only they may start with "=".
  for (const c of cells) {
    if (c.formula === undefined) continue;
    await budget.charge(c.formula.length);
    sheet.getRange(rangeRef(c.row, c.col, c.row, c.col)).formulas = [[c.formula]];
  }
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;
const WEIGHT = { thin: 'Thin', medium: 'Medium' } as const;

const sameEdge = (a?: BorderEdge, b?: BorderEdge) =>
  !!a && !!b && a.weight === b.weight && a.color === b.color;

function setEdge(range: Excel.Range, index: string, e: BorderEdge) {
  const border = range.format.borders.getItem(index as Excel.BorderIndex);
  border.style = 'Continuous' as Excel.BorderLineStyle;
  border.weight = WEIGHT[e.weight] as Excel.BorderWeight;
  border.color = e.color;
}

/** One area's look and locking, property by property. */
function paintArea(sheet: Excel.Worksheet, a: StyledArea) {
  const range = sheet.getRange(rangeRef(a.top, a.left, a.bottom, a.right));
  const { font, fill, border, horizontal, vertical, wrap } = a.look;
  range.format.font.name = font.name;
  range.format.font.size = font.size;
  range.format.font.bold = font.bold;
  range.format.font.italic = font.italic;
  range.format.font.color = font.color;
  if (fill) range.format.fill.color = fill;
  if (horizontal) range.format.horizontalAlignment = HORIZONTAL[horizontal] as Excel.HorizontalAlignment;
  if (vertical) range.format.verticalAlignment = VERTICAL[vertical] as Excel.VerticalAlignment;
  range.format.wrapText = wrap;
  // Edges of the range, and the lines between its cells when every cell has the same on both sides.
  if (border.top) setEdge(range, 'EdgeTop', border.top);
  if (border.bottom) setEdge(range, 'EdgeBottom', border.bottom);
  if (border.left) setEdge(range, 'EdgeLeft', border.left);
  if (border.right) setEdge(range, 'EdgeRight', border.right);
  if (a.bottom > a.top && (border.top || border.bottom)) {
    if (!sameEdge(border.top, border.bottom))
      throw new Error('an area taller than a row needs the same top and bottom edges');
    setEdge(range, 'InsideHorizontal', border.top!);
  }
  if (a.right > a.left && (border.left || border.right)) {
    if (!sameEdge(border.left, border.right))
      throw new Error('an area wider than a cell needs the same left and right edges');
    setEdge(range, 'InsideVertical', border.left!);
  }
  if (!a.locked) range.format.protection.locked = false;
}

async function writeTables(sheet: Excel.Worksheet, tables: readonly FinishedTable[], budget: WriteBudget) {
  for (const t of tables) {
    await budget.charge(sizeOf(t.header));
    sheet.getRange(rangeRef(t.row, t.col, t.row, t.lastCol)).values = [t.header.map(safeValue)];
    const rowBytes = Math.max(1, sizeOf(t.rows[0] ?? []) + sizeOf(t.numberFormats[0] ?? []));
    const rowsPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
    for (let start = 0; start < t.rows.length; start += rowsPerBlock) {
      const values = t.rows.slice(start, start + rowsPerBlock).map((r) => r.map(safeValue));
      const formats = t.numberFormats.slice(start, start + rowsPerBlock);
      await budget.charge(sizeOf(values) + sizeOf(formats));
      const block = sheet.getRange(
        rangeRef(t.row + 1 + start, t.col, t.row + start + values.length, t.lastCol),
      );
      block.numberFormat = formats;
      block.values = values;
    }
    await budget.charge(400);
    const table = sheet.tables.add(rangeRef(t.row, t.col, t.lastRow, t.lastCol), true);
    table.name = t.name;
    table.style = t.style;
    table.showFilterButton = t.filterButton;
  }
}

const CHART_TYPES: Record<FinishedChart['type'], string> = {
  barClustered: 'BarClustered',
  columnClustered: 'ColumnClustered',
  columnStacked: 'ColumnStacked',
  pie: 'Pie',
};

function writeCharts(sheet: Excel.Worksheet, charts: readonly FinishedChart[]) {
  for (const c of charts) {
    const chart = sheet.charts.add(
      CHART_TYPES[c.type] as Excel.ChartType,
      sheet.getRange(c.source),
      'Columns' as Excel.ChartSeriesBy,
    );
    chart.title.text = c.title;
    chart.setPosition(c.anchor);
    chart.width = c.width;
    chart.height = c.height;
  }
}

/**
 * The print setup (ExcelApi 1.9 page layout): A4, orientation, fit to pages, margins, print titles
 * and the centre footer, as the finish step decided them.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayout
 */
function pageSetup(sheet: Excel.Worksheet, p: FinishedSheet['page']) {
  const layout = sheet.pageLayout;
  layout.paperSize = 'A4' as Excel.PaperType;
  layout.orientation = (p.orientation === 'landscape' ? 'Landscape' : 'Portrait') as Excel.PageOrientation;
  layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
  layout.centerHorizontally = p.centered;
  layout.setPrintMargins('Inches' as Excel.PrintMarginUnit, { ...p.margins });
  if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows.replace(':', ':$')}`);
  if (p.titleColumns) layout.setPrintTitleColumns(`$${p.titleColumns.replace(':', ':$')}`);
  layout.headersFooters.defaultForAllPages.centerFooter = p.footer;
  // A break above the top-left cell of the range given.
  for (const row of p.breaks) sheet.horizontalPageBreaks.add(`A${row}`);
}

function freeze(sheet: Excel.Worksheet, f: FinishedSheet['freeze']) {
  if (!f) return;
  if (f.rows > 0 && f.cols > 0) sheet.freezePanes.freezeAt(sheet.getRange(rangeRef(1, 1, f.rows, f.cols)));
  else if (f.rows > 0) sheet.freezePanes.freezeRows(f.rows);
  else sheet.freezePanes.freezeColumns(f.cols);
}

/**
 * Draws a sheet model into a new, empty worksheet: the shared finish step (shared/src/sheet/
 * finish.ts) takes every layout decision, this says it in office.js words. `sheetName` is the name
 * the worksheet got (table names are made unique from it), `takenNames` the workbook's table and
 * defined names already in use (lower-cased).
 */
export async function writeSheetModel(
  sheet: Excel.Worksheet,
  model: SheetModel,
  budget: WriteBudget,
  sheetName: string = model.name,
  takenNames: ReadonlySet<string> = new Set(),
): Promise<FinishedSheet> {
  const f = finishSheet(model, sheetName, takenNames);
  if (f.tabColor) sheet.tabColor = f.tabColor;
  f.columns.forEach((c, i) => {
    const col = sheet.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`);
    col.format.columnWidth = c.width * POINTS_PER_CHARACTER;
    if (c.hidden) col.columnHidden = true;
  });
  for (const [row, height] of Object.entries(f.rowHeights))
    sheet.getRange(`${row}:${row}`).format.rowHeight = height;
  await writeCells(sheet, f.cells, budget);
  await writeTables(sheet, f.tables, budget);
  for (const a of f.areas) {
    await budget.charge(AREA_BYTES);
    paintArea(sheet, a);
  }
  for (const m of f.merges) sheet.getRange(m).merge(false);
  for (const v of f.validations) {
    await budget.charge(sizeOf(v));
    const range = sheet.getRange(v.ref);
    range.dataValidation.rule = validationRule(v, sheet);
    range.dataValidation.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
    range.dataValidation.errorAlert = {
      showAlert: true,
      style: 'Stop' as Excel.DataValidationAlertStyle,
      title: v.error.title,
      message: v.error.message,
    };
  }
  // Conditional formats (ExcelApi 1.6): “Cell Value equal to” a text, with a fill and a font colour.
  // Each one added goes to the top priority, so the last of the list goes first.
  // https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalcellvaluerule
  // https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)
  for (const c of [...f.conditionalFormats].reverse()) {
    await budget.charge(4 * sizeOf(c)); // four commands, each naming the range
    const format = sheet.getRange(c.ref).conditionalFormats.add('CellValue' as Excel.ConditionalFormatType);
    format.cellValue.format.fill.color = c.fill;
    format.cellValue.format.font.color = c.fontColor;
    format.cellValue.rule = { formula1: `=${c.formula}`, operator: 'EqualTo' };
  }
  // Sheet-scoped names: two template sheets in one workbook each keep their own f_<key>.
  for (const n of f.names) sheet.names.add(n.name, sheet.getRange(n.ref));
  // Notes before the protection (a protected sheet refuses them), and only where the host has them.
  if (f.notes.length && notesSupported())
    for (const n of f.notes) {
      await budget.charge(sizeOf(n));
      sheet.notes.add(sheet.getRange(n.ref), n.text);
    }
  writeCharts(sheet, f.charts);
  freeze(sheet, f.freeze);
  pageSetup(sheet, f.page);
  if (f.protect) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  return f;
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

/**
 * Queues loading the workbook's table names (but those of sheets about to be replaced) and
 * workbook-scoped names; after the sync, the function gives them lower-cased.
 */
function loadNames(
  context: Excel.RequestContext,
  replaced: ReadonlySet<string> = new Set(),
): () => Set<string> {
  const tables = context.workbook.tables;
  tables.load('items/name, items/worksheet/name');
  const names = context.workbook.names;
  names.load('items/name');
  return () =>
    new Set([
      ...tables.items
        .filter((t) => !replaced.has(t.worksheet.name.toLowerCase()))
        .map((t) => t.name.toLowerCase()),
      ...names.items.map((n) => n.name.toLowerCase()),
    ]);
}

function freeName(taken: Set<string>, wanted: string): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, 31 - String(n).length - 3)} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** The pane is not running inside Excel (a plain browser, or another Office application). */
export class ExcelUnavailableError extends Error {
  readonly code = 'excel_unavailable';
  constructor() {
    super('Excel is not available: the task pane is not running inside Excel.');
    this.name = 'ExcelUnavailableError';
  }
}

/** `Excel.run`, or ExcelUnavailableError where there is no Excel (never a ReferenceError). */
function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  if (!excelLoaded()) return Promise.reject(new ExcelUnavailableError());
  return Excel.run(batch);
}

function excelLoaded(): boolean {
  return typeof Excel !== 'undefined' && typeof Excel.run === 'function';
}

/**
 * Waits for office.js and tells where the pane runs: Office's host information when office.js is
 * loaded (Excel, another Office application, or none: a plain browser), else whether an `Excel` API is
 * present (the browser test's fake). Never rejects.
 */
export async function connectExcel(): Promise<ExcelGateway> {
  let inExcel = excelLoaded();
  if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
    // In a plain browser office.js still loads, and says so: no host.
    const info = await Office.onReady().catch(() => undefined);
    inExcel = String(info?.host) === 'Excel' && excelLoaded();
  }
  return inExcel ? officeExcelGateway : noExcelGateway;
}

export const officeExcelGateway: ExcelGateway = {
  available: true,

  insertSheet(model) {
    return run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      const names = loadNames(context);
      await context.sync();
      const name = freeName(new Set(sheets.items.map((s) => s.name.toLowerCase())), model.name);
      const sheet = sheets.add(name);
      await writeSheetModel(sheet, model, new WriteBudget(context), name, names());
      sheet.activate();
      await context.sync();
      return name;
    });
  },

  writeSheets(models, onProgress) {
    return run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      // Refreshing replaces the sheets of the same names (the summary is rewritten, never appended to).
      const wanted = new Set(models.map((m) => m.name.toLowerCase()));
      const names = loadNames(context, wanted);
      await context.sync();
      for (const s of sheets.items) if (wanted.has(s.name.toLowerCase())) s.delete();
      const taken = names();
      const budget = new WriteBudget(context);
      let first: Excel.Worksheet | undefined;
      for (const [i, model] of models.entries()) {
        const sheet = sheets.add(model.name);
        first ??= sheet;
        const written = await writeSheetModel(sheet, model, budget, model.name, taken);
        for (const t of written.tables) taken.add(t.name.toLowerCase());
        onProgress?.(i + 1, models.length);
      }
      first?.activate();
      await context.sync();
    });
  },

  readSheet(sheetName) {
    return run(async (context) => {
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
    return run(async (context) => {
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
    return run(async (context) => {
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
    return run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(ref).select();
      await context.sync();
    });
  },

  writeCell(sheetName, ref, value) {
    return run(async (context) => {
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
    return run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });
  },

  supportsNotes: notesSupported,
};

const unavailable = () => Promise.reject(new ExcelUnavailableError());

/** Outside Excel: nothing to write to; the pane disables its Excel actions. */
export const noExcelGateway: ExcelGateway = {
  available: false,
  insertSheet: unavailable,
  writeSheets: unavailable,
  readSheet: unavailable,
  readSheets: unavailable,
  markInvalidCells: unavailable,
  selectCell: unavailable,
  writeCell: unavailable,
  activeSheetName: unavailable,
  supportsNotes: () => false,
};
