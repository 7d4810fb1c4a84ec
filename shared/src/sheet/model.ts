/**
 * The sheet model: everything a renderer needs to draw one worksheet, and nothing about how.
 * The add-in renders it with office.js, the function app with an .xlsx library; reading back goes
 * through the same bindings. Rows and columns are 1-based, like A1 references.
 */
export type CellValue = string | number | boolean | null;

export type CellStyle =
  | 'title'
  | 'subtitle'
  | 'motto'
  | 'hint'
  | 'headerLabel'
  | 'headerValue'
  | 'columnHeader'
  | 'sectionHeader'
  | 'label'
  | 'input'
  | 'note'
  | 'total'
  | 'subtotal'
  /** The document header and signature block: centred, plain, bold or italic. */
  | 'centered'
  | 'centeredBold'
  | 'centeredItalic'
  /** An input the reviewer commented on when returning the report (the comment is the cell's note). */
  | 'inputCommented'
  /** A table title the reviewer commented on. */
  | 'sectionCommented'
  /** A short state word in a grid (the progress matrix): bordered, centred. */
  | 'status';

export interface CellModel {
  row: number;
  col: number;
  value: CellValue;
  style?: CellStyle;
  /** Excel number format code, e.g. `#,##0`, `0.0%`, `dd/mm/yyyy`, `@`. */
  numberFormat?: string;
  /** Input cells are the only unlocked cells of a protected sheet. */
  unlocked?: boolean;
  wrap?: boolean;
  /** A note on the cell (Excel's notes, once “comments”): the reviewer's comment on a returned field. */
  note?: string;
  /**
   * A formula, as office.js `Range.formulas` takes it (`=BAOCAO.TONG("participants",$C$3)`: English
   * function names, comma separators, the leading `=`); `value` is then null. Only a model's own text is a
   * formula: a value that starts with `=` is always written as text.
   */
  formula?: string;
}

export interface DataValidationModel {
  /** A1 range, e.g. `C14` or `B40:B89`. */
  ref: string;
  type: 'whole' | 'decimal' | 'list' | 'date' | 'textLength';
  operator: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  /** Numbers, or ISO dates for `date`. */
  formula1?: number | string;
  formula2?: number | string;
  /** For `list`: the allowed values, in the order shown. */
  list?: string[];
  /** Shown when the cell is selected (Excel: title ≤ 32, message ≤ 255 characters). */
  prompt: { title: string; message: string };
  /** Shown when a bad value is typed. */
  error: { title: string; message: string };
}

/**
 * Conditional formatting: the cells of `ref` whose value equals `equals` take the named look
 * (looks.ts CONDITIONAL_LOOKS) — Excel's “Format only cells with: Cell Value equal to”. The colour
 * stays with the text if a user edits the sheet, sorts it or copies it elsewhere.
 */
export interface ConditionalFormatModel {
  /** A1 range, e.g. `C7:F40`. */
  ref: string;
  equals: string;
  look: ConditionalLookName;
}

/** The looks a conditional format can give (colours in looks.ts). */
export type ConditionalLookName = 'good' | 'neutral' | 'warning' | 'bad' | 'info' | 'muted';

/** An Excel table (ListObject): a header row and a body written as one block. */
export interface TableModel {
  /** Workbook-unique, letters/digits/underscore. */
  name: string;
  /** Top-left cell of the header row. */
  row: number;
  col: number;
  /** Unique header texts. */
  header: string[];
  /** Body rows, each as long as the header. */
  rows: CellValue[][];
  /** Number format per column (undefined: general). */
  numberFormats?: (string | undefined)[];
  /** Body cells are inputs (template tables): unlocked, with the validations listed on the sheet. */
  input?: boolean;
  /**
   * Per column, whether body text wraps (default: every column holding text). Codes and short
   * words do not: their column is made wide enough instead, so they never break across lines.
   */
  wrap?: (boolean | undefined)[];
  style?: string;
}

export interface ChartModel {
  type: 'barClustered' | 'columnClustered' | 'columnStacked' | 'pie';
  title: string;
  /** The table whose body holds the data: first column categories, the given columns series. */
  table: string;
  seriesColumns: number[];
  /** Where the chart's top-left corner sits. */
  anchor: { row: number; col: number };
  size: { width: number; height: number };
}

/** Where a value read from the sheet goes in a submission draft. */
export type InputBinding =
  | {
      kind: 'meta';
      key: 'campaignId' | 'unitId' | 'periodId' | 'templateId' | 'templateVersion';
      row: number;
      col: number;
      /** Where the value is picked by name when the identifier cell is empty (a blank form). */
      pick?: { row: number; col: number };
    }
  | { kind: 'field'; key: string; row: number; col: number }
  | { kind: 'table'; key: string; table: string; columns: string[]; row: number; col: number; rows: number };

/**
 * How the sheet prints (A4): orientation, scaling to a number of pages across (and, when the
 * builder knows the sheet is meant to fit them, down), the rows and columns repeated on every page,
 * and the footer (Excel's header/footer codes: `&P` the page, `&N` the pages).
 */
export interface PageSetupModel {
  orientation: 'portrait' | 'landscape';
  /** Pages across: the sheet is scaled down until its used columns fit them. */
  fitToWidth: number;
  /** Pages down; 0 or absent: as many as it takes (the finish step may still pull a last orphan row back). */
  fitToHeight?: number;
  /** Rows printed at the top of every page, first and last (1-based). */
  titleRows?: [number, number];
  /** Columns printed at the left of every page, first and last (1-based). */
  titleColumns?: [number, number];
  /** Footer text in the centre, e.g. `Trang &P/&N`. */
  footer?: string;
  /**
   * Rows that must print on the same page as the `next` rows below them (a table's title and
   * header with its first rows): the finish step starts a new page before such a row rather
   * than leave it alone at the foot of one.
   */
  keepWithNext?: { row: number; next: number }[];
}

export interface SheetModel {
  name: string;
  kind: 'template' | 'summary';
  columns: { width: number; hidden?: boolean }[];
  rowHeights?: Record<number, number>;
  cells: CellModel[];
  merges: string[];
  /** Workbook-level defined names pointing into this sheet. */
  names: { name: string; ref: string }[];
  validations: DataValidationModel[];
  /** Applied in order, the first one first (Excel's priority). */
  conditionalFormats?: ConditionalFormatModel[];
  tables: TableModel[];
  charts: ChartModel[];
  protect: boolean;
  freeze?: { rows: number; cols: number };
  tabColor?: string;
  /** Template sheets: how to read the inputs back. */
  bindings: InputBinding[];
  /** Print setup; the finish step decides one from the width when absent. */
  page?: PageSetupModel;
}

export function emptySheet(name: string, kind: SheetModel['kind']): SheetModel {
  return {
    name,
    kind,
    columns: [],
    cells: [],
    merges: [],
    names: [],
    validations: [],
    tables: [],
    charts: [],
    protect: false,
    bindings: [],
  };
}

/** Every value the sheet shows, keyed `row:col`: plain cells and table headers and bodies. */
export function sheetCellValues(sheet: SheetModel): Map<string, CellValue> {
  const grid = new Map<string, CellValue>();
  for (const c of sheet.cells) grid.set(`${c.row}:${c.col}`, c.value);
  for (const t of sheet.tables) {
    t.header.forEach((h, i) => grid.set(`${t.row}:${t.col + i}`, h));
    t.rows.forEach((r, ri) => r.forEach((v, ci) => grid.set(`${t.row + 1 + ri}:${t.col + ci}`, v)));
  }
  return grid;
}
