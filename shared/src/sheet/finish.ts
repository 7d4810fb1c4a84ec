/**
 * The finish step: a sheet model → a finished sheet in which every layout decision is taken, so
 * that the two renderers (addin/src/excel/gateway.ts with office.js, functions/src/workbook/
 * xlsx-writer.ts with ExcelJS) translate it word for word and decide nothing (docs/architecture.md, "The sheet model").
 *
 * One idea, long because it holds every layout decision (the list below), so that no renderer takes one.
 *
 * Decided here, once:
 * - every text made XML-legal (xml-text.ts), prompts clipped to Excel's 32/255 characters;
 * - number formats, with whole numbers on read-only cells under `#,##0.##` shown as `#,##0` (the
 *   decimal format would show “1,400.”);
 * - one look (looks.ts) per cell: styled cells, table headers, table bodies (grid, wrapping of text
 *   columns, centred whole-number columns such as STT), input tables; STT numbers centred;
 * - which cells are unlocked (inputs), row heights for wrapped text, freezing, tab colour;
 * - cell notes (a returned report's field comments): XML-legal, clipped to NOTE_LIMIT;
 * - table names unique in the workbook (see {@link workbookTableName});
 * - dropdown lists. Excel's list validation with a literal list (`"a,b,c"`) splits on commas and
 *   holds at most 255 characters, so a label such as “Tốt, đạt” would become two options and a
 *   long list would be cut. Instead the labels are written, one per cell, in a hidden column to the
 *   right of the sheet, and the validation points at that range (`$H$1:$H$4`): any label, any
 *   length, any number of choices, the same in Excel, Excel on the web and LibreOffice. The
 *   column is locked like every other non-input cell.
 */
import { cellRef, columnLetter, NUMBER_FORMATS, parseCellRef, rangeRef } from './cells';
import { CONDITIONAL_LOOKS, LOOKS, withLook, type Look } from './looks';
import type { CellValue, DataValidationModel, SheetModel, TableModel } from './model';
import { xmlLegal } from './xml-text';

export const GENERAL = 'General';

/** A cell outside the tables, as it is written. */
export interface FinishedCell {
  row: number;
  col: number;
  value: CellValue;
  /** Always set: `General` when the model gives none. */
  numberFormat: string;
  /** The model's formula (CellModel.formula), written as a formula by both renderers. */
  formula?: string;
}

/** A rectangle of cells sharing one look and one locking; the areas of a sheet never overlap. */
export interface StyledArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
  look: Look;
  locked: boolean;
}

export interface FinishedTable {
  /** Unique in the workbook. */
  name: string;
  /** The model's name for it (what charts and bindings call it). */
  modelName: string;
  row: number;
  col: number;
  lastRow: number;
  lastCol: number;
  header: string[];
  /** At least one row: Excel needs a body row under the header. */
  rows: CellValue[][];
  /** Per body cell. */
  numberFormats: string[][];
  style: string;
  /** Filter buttons would be refused on a protected input sheet. */
  filterButton: boolean;
}

export interface FinishedValidation {
  ref: string;
  type: DataValidationModel['type'];
  /** Not for lists. */
  operator?: DataValidationModel['operator'];
  /** Numbers, or ISO dates for `date`. */
  formula1?: number | string;
  formula2?: number | string;
  /** For lists: the hidden range holding the labels, as a range (`H1:H4`) and as a formula (`$H$1:$H$4`). */
  list?: { ref: string; formula: string };
  prompt: { title: string; message: string };
  error: { title: string; message: string };
  errorStyle: 'stop';
}

/**
 * A conditional format as both renderers say it: the cells of `ref` equal to the text constant
 * `formula` (`"Quá hạn"`, quotes inside doubled, as a formula writes text) take the fill and font colour.
 */
export interface FinishedConditionalFormat {
  ref: string;
  formula: string;
  /** `#RRGGBB`. */
  fill: string;
  fontColor: string;
}

export interface FinishedChart {
  type: SheetModel['charts'][number]['type'];
  title: string;
  /** Categories in the first column and the series columns, header row included. */
  source: string;
  anchor: string;
  width: number;
  height: number;
}

/** Print setup, in the words both renderers use (A4 always). */
export interface FinishedPage {
  orientation: 'portrait' | 'landscape';
  /** Pages across and down the sheet is scaled to fit; 0 down: as many as it takes. */
  fitToWidth: number;
  fitToHeight: number;
  /** `5:6`, repeated at the top of every page. */
  titleRows?: string;
  /** `A:C`, repeated at the left of every page. */
  titleColumns?: string;
  centered: boolean;
  /** Inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** The centre footer with its font (Excel's codes), e.g. `&"Times New Roman,Regular"&10Trang &P/&N`. */
  footer: string;
  /** Rows that start a new page (manual page breaks above them), ascending. */
  breaks: number[];
}

export interface FinishedSheet {
  name: string;
  kind: SheetModel['kind'];
  protect: boolean;
  /** `#RRGGBB`. */
  tabColor?: string;
  freeze?: { rows: number; cols: number };
  /** Widths in characters of the default font. */
  columns: { width: number; hidden: boolean }[];
  /** Points. */
  rowHeights: Record<number, number>;
  cells: FinishedCell[];
  tables: FinishedTable[];
  areas: StyledArea[];
  merges: string[];
  names: { name: string; ref: string }[];
  validations: FinishedValidation[];
  /** In priority order, the first one first. */
  conditionalFormats: FinishedConditionalFormat[];
  charts: FinishedChart[];
  page: FinishedPage;
  /**
   * Cell notes (a returned report's field comments), XML-legal, at most {@link NOTE_LIMIT} characters. The
   * add-in writes them where the host has notes (ExcelApi 1.18), the .xlsx writer always.
   */
  notes: { ref: string; text: string }[];
}

/** A note is the reviewer's comment (≤ 300 characters) with room to spare; longer text is cut. */
export const NOTE_LIMIT = 1000;

/** Excel's limits on a validation's prompt and error texts. */
export const PROMPT_LIMITS = { title: 32, message: 255 } as const;

function clipUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let s = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1); // never cut a pair in two
  return s;
}

function cleanValue(v: CellValue): CellValue {
  if (typeof v === 'string') return xmlLegal(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v;
}

/** `#,##0.##` shows a whole number with a trailing separator (“1,400.”): read-only whole numbers get `#,##0`. */
function numberFormatOf(format: string | undefined, value: CellValue, unlocked: boolean): string {
  if (format === NUMBER_FORMATS.decimal && !unlocked && typeof value === 'number' && Number.isInteger(value))
    return NUMBER_FORMATS.integer;
  return format ?? GENERAL;
}

/** FNV-1a, 32 bits, base 36: a short stable fingerprint. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * A table's name in the workbook. Excel wants table names unique across the workbook's tables and
 * defined names (case-insensitively), made of letters, digits, `_` and `.`, starting with a letter
 * or `_`, at most 255 characters (LibreOffice also keeps them as database ranges, so no periods). Every template sheet has a `t_models` table, so two template
 * sheets in one workbook (two periods, or a sheet moved to a new version) would clash: the model's
 * name is prefixed with the sheet's name, folded to ASCII, plus a fingerprint of the exact sheet
 * name (sheet names are unique in a workbook, case-insensitively, but two may fold alike).
 */
export function workbookTableName(sheetName: string, modelName: string): string {
  const folded = sheetName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  const name = `${modelName}__${folded ? `${folded}__` : ''}${fingerprint(sheetName.normalize('NFC').toLowerCase())}`;
  return (/^[A-Za-z_]/.test(name) ? name : `_${name}`).slice(0, 255);
}

const LINE_HEIGHT = 15; // points, for the 12-point font

/**
 * Heights for rows whose wrapped text needs more than one line. Excel does not fit row heights
 * when it opens a file (LibreOffice not always), so a long label would be cut off: estimate the
 * lines from the text length and the column (or merged range) width. Heights the model gives win.
 */
function fitRowHeights(
  sheet: SheetModel,
  texts: { row: number; col: number; text: string; bold: boolean }[],
): Record<number, number> {
  const width = (col: number) => sheet.columns[col - 1]?.width ?? 9;
  const merged = new Map<string, number>();
  for (const range of sheet.merges) {
    const [a, b = a] = range.split(':') as [string, string?];
    const from = parseCellRef(a);
    const to = parseCellRef(b!);
    if (from.row !== to.row) continue;
    let w = 0;
    for (let c = from.col; c <= to.col; c++) w += width(c);
    merged.set(`${from.row}:${from.col}`, w);
  }
  const lines = new Map<number, number>();
  for (const { row, col, text, bold } of texts) {
    const perLine = Math.max(
      1,
      Math.floor((merged.get(`${row}:${col}`) ?? width(col)) * (bold ? 1.15 : 1.3)),
    );
    const n = text
      .split('\n')
      .reduce((sum, part) => sum + Math.max(1, Math.ceil([...part].length / perLine)), 0);
    lines.set(row, Math.max(lines.get(row) ?? 1, n));
  }
  const heights: Record<number, number> = {};
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) heights[Number(row)] = height;
  for (const [row, n] of lines) if (n > 1 && heights[row] === undefined) heights[row] = n * LINE_HEIGHT + 3;
  return heights;
}

function finishTable(t: TableModel, name: string): { table: FinishedTable; areas: StyledArea[] } {
  const width = t.header.length;
  const rows = (t.rows.length ? t.rows : [Array<CellValue>(width).fill(null)]).map((r) =>
    Array.from({ length: width }, (_, i) => cleanValue(r[i] ?? null)),
  );
  const lastRow = t.row + rows.length;
  const lastCol = t.col + width - 1;
  const areas: StyledArea[] = [
    { top: t.row, left: t.col, bottom: t.row, right: lastCol, look: LOOKS.columnHeader, locked: true },
  ];
  for (let ci = 0; ci < width; ci++) {
    let look: Look;
    if (t.input) look = LOOKS.tableInput;
    else {
      const text = t.wrap?.[ci] ?? rows.some((r) => typeof r[ci] === 'string');
      // Columns of whole numbers with no format of their own (STT, counts) sit centred.
      const centred =
        !t.numberFormats?.[ci] &&
        rows.every((r) => r[ci] === null || (typeof r[ci] === 'number' && Number.isInteger(r[ci])));
      look = withLook(LOOKS.tableBody, { wrap: text, ...(centred ? { horizontal: 'center' as const } : {}) });
    }
    areas.push({
      top: t.row + 1,
      left: t.col + ci,
      bottom: lastRow,
      right: t.col + ci,
      look,
      locked: !t.input,
    });
  }
  return {
    table: {
      name,
      modelName: t.name,
      row: t.row,
      col: t.col,
      lastRow,
      lastCol,
      header: t.header.map((h) => xmlLegal(h)),
      rows,
      numberFormats: rows.map((r) => r.map((v, ci) => numberFormatOf(t.numberFormats?.[ci], v, !!t.input))),
      style: t.style ?? 'TableStyleMedium2',
      filterButton: !t.input,
    },
    areas,
  };
}

function lastUsedColumn(sheet: SheetModel): number {
  let last = sheet.columns.length;
  for (const c of sheet.cells) last = Math.max(last, c.col);
  for (const t of sheet.tables) last = Math.max(last, t.col + t.header.length - 1);
  for (const m of sheet.merges) for (const r of m.split(':')) last = Math.max(last, parseCellRef(r).col);
  return last;
}

/**
 * Every layout decision applied: what both renderers draw. Pure. `sheetName` is the name the sheet
 * gets in the workbook (the add-in may have to pick a free one); `takenNames` are the table and
 * defined names the workbook already has, lower-cased (a sheet renamed by hand may hold names
 * derived from another sheet name): a table whose name is taken gets `_2`, `_3`, …
 */
export function finishSheet(
  model: SheetModel,
  sheetName: string = model.name,
  takenNames: ReadonlySet<string> = new Set(),
): FinishedSheet {
  const name = xmlLegal(sheetName);
  const columns = model.columns.map((c) => ({ width: c.width, hidden: !!c.hidden }));
  const cells: FinishedCell[] = [];
  const areas: StyledArea[] = [];
  const wrapped: { row: number; col: number; text: string; bold: boolean }[] = [];
  const notes: FinishedSheet['notes'] = [];

  for (const c of model.cells) {
    const value = c.formula !== undefined ? null : cleanValue(c.value);
    if (c.formula !== undefined && !c.formula.startsWith('='))
      throw new Error(`cell ${c.row}:${c.col}: a formula starts with "=": ${c.formula}`);
    cells.push({
      row: c.row,
      col: c.col,
      value,
      numberFormat: numberFormatOf(c.numberFormat, value, !!c.unlocked),
      ...(c.formula !== undefined ? { formula: c.formula } : {}),
    });
    let look = LOOKS[c.style ?? 'plain'];
    if (c.wrap) look = withLook(look, { wrap: true });
    // Row numbers (STT) in the label column sit centred, as in a printed report.
    if (c.style === 'label' && typeof value === 'number') look = withLook(look, { horizontal: 'center' });
    areas.push({ top: c.row, left: c.col, bottom: c.row, right: c.col, look, locked: !c.unlocked });
    if (typeof value === 'string' && look.wrap)
      wrapped.push({ row: c.row, col: c.col, text: value, bold: look.font.bold });
    if (c.note?.trim())
      notes.push({ ref: cellRef(c.row, c.col), text: xmlLegal(clipUnits(c.note, NOTE_LIMIT)) });
  }

  const tables: FinishedTable[] = [];
  const taken = new Set(takenNames);
  for (const t of model.tables) {
    const wanted = workbookTableName(name, t.name);
    let tableName = wanted;
    for (let n = 2; taken.has(tableName.toLowerCase()); n++) tableName = `${wanted}_${n}`;
    taken.add(tableName.toLowerCase());
    const done = finishTable(t, tableName);
    tables.push(done.table);
    areas.push(...done.areas);
    done.table.header.forEach((h, ci) => wrapped.push({ row: t.row, col: t.col + ci, text: h, bold: true }));
    if (!t.input)
      done.table.rows.forEach((r, ri) =>
        r.forEach((v, ci) => {
          if (typeof v === 'string' && t.wrap?.[ci] !== false)
            wrapped.push({ row: t.row + 1 + ri, col: t.col + ci, text: v, bold: false });
        }),
      );
  }

  // Dropdown lists: the labels in a hidden column (see the header comment).
  const listColumn = lastUsedColumn(model) + 1;
  const lists = new Map<string, { ref: string; formula: string }>();
  let listRow = 1;
  const validations: FinishedValidation[] = [];
  for (const v of model.validations) {
    const prompt = {
      title: xmlLegal(clipUnits(v.prompt.title, PROMPT_LIMITS.title)),
      message: xmlLegal(clipUnits(v.prompt.message, PROMPT_LIMITS.message)),
    };
    const error = {
      title: xmlLegal(clipUnits(v.error.title, PROMPT_LIMITS.title)),
      message: xmlLegal(clipUnits(v.error.message, PROMPT_LIMITS.message)),
    };
    if (v.type === 'list') {
      const items = (v.list ?? []).map((s) => xmlLegal(s));
      if (items.length === 0) continue; // nothing to pick from: no dropdown
      const key = JSON.stringify(items);
      let list = lists.get(key);
      if (!list) {
        const first = listRow;
        for (const item of items) {
          cells.push({ row: listRow, col: listColumn, value: item, numberFormat: NUMBER_FORMATS.text });
          areas.push({
            top: listRow,
            left: listColumn,
            bottom: listRow,
            right: listColumn,
            look: LOOKS.plain,
            locked: true,
          });
          listRow++;
        }
        const last = listRow - 1;
        const letter = columnLetter(listColumn);
        list = {
          ref: rangeRef(first, listColumn, last, listColumn),
          formula: `$${letter}$${first}:$${letter}$${last}`,
        };
        lists.set(key, list);
      }
      validations.push({ ref: v.ref, type: 'list', list, prompt, error, errorStyle: 'stop' });
    } else {
      validations.push({
        ref: v.ref,
        type: v.type,
        operator: v.operator,
        ...(v.formula1 !== undefined ? { formula1: v.formula1 } : {}),
        ...(v.formula2 !== undefined ? { formula2: v.formula2 } : {}),
        prompt,
        error,
        errorStyle: 'stop',
      });
    }
  }
  if (lists.size) {
    while (columns.length < listColumn - 1) columns.push({ width: 9, hidden: false });
    columns.push({ width: 24, hidden: true });
  }

  const charts: FinishedChart[] = [];
  for (const c of model.charts) {
    const t = model.tables.find((x) => x.name === c.table);
    if (!t || t.rows.length === 0) continue;
    charts.push({
      type: c.type,
      title: xmlLegal(c.title),
      source: rangeRef(t.row, t.col, t.row + t.rows.length, t.col + Math.max(...c.seriesColumns)),
      anchor: cellRef(c.anchor.row, c.anchor.col),
      width: c.size.width,
      height: c.size.height,
    });
  }

  const freeze =
    model.freeze && (model.freeze.rows > 0 || model.freeze.cols > 0)
      ? { rows: Math.max(0, model.freeze.rows), cols: Math.max(0, model.freeze.cols) }
      : undefined;
  const tabColor = model.tabColor ? `#${model.tabColor.replace(/^#/, '').toUpperCase()}` : undefined;

  const rowHeights = fitRowHeights(model, wrapped);
  return {
    name,
    kind: model.kind,
    protect: model.protect,
    ...(tabColor ? { tabColor } : {}),
    ...(freeze ? { freeze } : {}),
    columns,
    rowHeights,
    cells,
    tables,
    areas,
    merges: [...model.merges],
    names: model.names.map((n) => ({ ...n })),
    validations,
    conditionalFormats: (model.conditionalFormats ?? []).map((c) => ({
      ref: c.ref,
      formula: `"${xmlLegal(c.equals).replace(/"/g, '""')}"`,
      ...CONDITIONAL_LOOKS[c.look],
    })),
    charts,
    page: finishPage(model, columns, rowHeights, lastUsedRow(model)),
    notes,
  };
}

/**
 * Manual page breaks for the rows that keep with the next ones: the rows are laid out page by page
 * with their estimated heights; a kept row whose block would not fit what is left of its page
 * starts a new one. A block taller than a page is not moved.
 */
function pageBreaks(
  keep: readonly { row: number; next: number }[],
  perPage: number,
  afterTitles: number,
  lastRow: number,
  rowHeights: Record<number, number>,
): number[] {
  if (keep.length === 0) return [];
  const height = (r: number) => rowHeights[r] ?? DEFAULT_ROW_POINTS;
  const kept = new Map(keep.map((k) => [k.row, k.next]));
  const breaks: number[] = [];
  let used = 0;
  for (let r = 1; r <= lastRow; r++) {
    const next = kept.get(r);
    if (next !== undefined && used > 0) {
      let block = 0;
      for (let k = r; k <= Math.min(lastRow, r + next); k++) block += height(k);
      if (block <= perPage && used + block > perPage) {
        breaks.push(r);
        used = 0;
      }
    }
    if (used + height(r) > perPage) used = 0; // the page ends here by itself
    used += height(r);
  }
  return breaks;
}

function lastUsedRow(sheet: SheetModel): number {
  let last = 0;
  for (const c of sheet.cells) last = Math.max(last, c.row);
  for (const t of sheet.tables) last = Math.max(last, t.row + Math.max(1, t.rows.length));
  for (const m of sheet.merges) for (const r of m.split(':')) last = Math.max(last, parseCellRef(r).row);
  return last;
}

/** A4 in points, less the margins below; column-width units and default row height in points. */
const A4 = { long: 842, short: 595 };
const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
// Measured on LibreOffice's print (a 110-unit form prints 496 points wide at 68%).
const POINTS_PER_WIDTH_UNIT = 6.6;
const DEFAULT_ROW_POINTS = 15;

/**
 * The print setup. Sheets without one of their own go portrait or landscape by their width, one
 * page wide. Then the orphan rule: when the last page would hold only a few rows (under a third
 * of a page), the sheet is fitted to one page fewer, which shrinks it a little instead.
 */
function finishPage(
  model: SheetModel,
  columns: { width: number; hidden: boolean }[],
  rowHeights: Record<number, number>,
  lastRow: number,
): FinishedPage {
  // What prints: the columns up to the last one holding something (hidden ones never print).
  let lastPrinted = 0;
  const seen = (col: number) => {
    if (!columns[col - 1]?.hidden) lastPrinted = Math.max(lastPrinted, col);
  };
  for (const c of model.cells) if (c.value !== null || c.style) seen(c.col);
  for (const t of model.tables) seen(t.col + t.header.length - 1);
  for (const m of model.merges) for (const r of m.split(':')) seen(parseCellRef(r).col);
  const totalWidth = columns
    .slice(0, lastPrinted || columns.length)
    .reduce((s, c) => s + (c.hidden ? 0 : c.width), 0);
  const given = model.page;
  const orientation = given?.orientation ?? (totalWidth > 125 ? 'landscape' : 'portrait');
  const fitToWidth = Math.max(1, given?.fitToWidth ?? 1);
  const pageWidth = (orientation === 'landscape' ? A4.long : A4.short) - 72 * (MARGINS.left + MARGINS.right);
  const pageHeight =
    (orientation === 'landscape' ? A4.short : A4.long) -
    72 * (MARGINS.top + MARGINS.bottom + MARGINS.header / 2 + MARGINS.footer / 2);
  const titleCols = given?.titleColumns;
  const titleWidth = titleCols
    ? columns.slice(titleCols[0] - 1, titleCols[1]).reduce((s, c) => s + (c.hidden ? 0 : c.width), 0)
    : 0;
  const widthPoints = (totalWidth + titleWidth * (fitToWidth - 1)) * POINTS_PER_WIDTH_UNIT;
  const scale = Math.min(1, (pageWidth * fitToWidth) / Math.max(1, widthPoints));
  let height = 0;
  for (let r = 1; r <= lastRow; r++) height += rowHeights[r] ?? DEFAULT_ROW_POINTS;
  const titleRows =
    given?.titleRows ?? (model.freeze?.rows ? [model.freeze.rows, model.freeze.rows] : undefined);
  let titleHeight = 0;
  if (titleRows)
    for (let r = titleRows[0]; r <= titleRows[1]; r++) titleHeight += rowHeights[r] ?? DEFAULT_ROW_POINTS;
  const perPage = pageHeight / scale - titleHeight;
  const pagesDown = (height - titleHeight) / Math.max(1, perPage);
  let fitToHeight = given?.fitToHeight ?? 0;
  if (!fitToHeight && pagesDown > 1 && pagesDown - Math.floor(pagesDown) < 0.35)
    fitToHeight = Math.floor(pagesDown);
  const footer = given?.footer ?? '&P/&N';
  return {
    breaks: pageBreaks(given?.keepWithNext ?? [], perPage, titleRows?.[1] ?? 0, lastRow, rowHeights),
    orientation,
    fitToWidth,
    fitToHeight,
    ...(titleRows ? { titleRows: `${titleRows[0]}:${titleRows[1]}` } : {}),
    ...(titleCols ? { titleColumns: `${columnLetter(titleCols[0])}:${columnLetter(titleCols[1])}` } : {}),
    centered: fitToWidth === 1,
    margins: { ...MARGINS },
    footer: `&"Times New Roman,Regular"&10${footer}`,
  };
}
