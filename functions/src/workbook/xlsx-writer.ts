/**
 * The .xlsx renderer of the shared sheet models (DESIGN §2: one sheet model, two renderers). The
 * add-in draws the same models with office.js; this draws them with ExcelJS into a file: values
 * with their number formats, one look per cell style, merges, widths and heights, workbook-level
 * defined names, data validation with input prompts and error alerts, Excel tables, protection
 * (only input cells unlocked) and frozen panes.
 *
 * Text is always written as text: ExcelJS writes a formula only for a `{ formula }` object, and
 * this module never builds one, so `=1+1`, `+84 912 345 678` or `@user` stay what the clerk typed.
 *
 * Charts (SheetModel.charts) are not written: ExcelJS cannot create charts. The add-in draws them;
 * the data they would show is in the sheet's tables.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import {
  cellRef,
  columnLetter,
  isoDateToSerial,
  NUMBER_FORMATS,
  parseCellRef,
  type CellStyle,
  type CellValue,
  type DataValidationModel,
  type SheetModel,
  type TableModel,
} from '../../../shared/src';

export interface RenderOptions {
  /** Sheet protection password; default none (protection guides the clerk, it is not a lock). */
  password?: string;
  /** Workbook properties. */
  creator?: string;
  title?: string;
  /** Stamped as the workbook's created/modified time; default now. */
  now?: Date;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Vietnamese administrative documents are set in Times New Roman. */
const FONT_NAME = 'Times New Roman';
const FONT_SIZE = 12;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const allThin: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

interface Look {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
}

const base: Partial<ExcelJS.Font> = { name: FONT_NAME, size: FONT_SIZE };

/** One consistent look per CellStyle name. */
export const CELL_LOOKS: Record<CellStyle, Look> = {
  title: {
    font: { ...base, size: 14, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  subtitle: { font: { ...base, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  motto: {
    font: { ...base, italic: true, color: { argb: 'FF1F4E79' } },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  hint: { font: { ...base, italic: true, color: { argb: 'FF595959' } }, alignment: { wrapText: true } },
  headerLabel: { font: { ...base, bold: true }, alignment: { vertical: 'middle' } },
  headerValue: {
    font: { ...base, bold: true, color: { argb: 'FF1F4E79' } },
    alignment: { vertical: 'middle' },
  },
  columnHeader: {
    font: { ...base, bold: true },
    fill: fill('FFD9E1F2'),
    border: allThin,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  sectionHeader: {
    font: { ...base, bold: true },
    fill: fill('FFEDEDED'),
    border: allThin,
    alignment: { vertical: 'middle', wrapText: true },
  },
  label: { font: { ...base }, border: allThin, alignment: { vertical: 'top', wrapText: true } },
  input: { font: { ...base }, fill: fill('FFFFF2CC'), border: allThin, alignment: { vertical: 'top' } },
  note: { font: { ...base, color: { argb: 'FF7F7F7F' } }, alignment: { vertical: 'top' } },
  total: {
    font: { ...base, bold: true },
    border: { top: { style: 'medium', color: { argb: 'FF000000' } } },
    alignment: { vertical: 'middle' },
  },
};

/** XML 1.0 cannot carry most C0 control characters; Excel would call the file corrupt. */
function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** A model value as an ExcelJS cell value: never an object, so never a formula. */
function plain(value: CellValue): string | number | boolean | null {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

/**
 * `#,##0.##` shows a whole number with a trailing separator (“1,400.”) in Excel and LibreOffice.
 * On read-only cells holding whole numbers the integer format shows the same number cleanly.
 */
function numberFormatOf(format: string | undefined, value: CellValue, unlocked: boolean): string | undefined {
  if (format === NUMBER_FORMATS.decimal && !unlocked && typeof value === 'number' && Number.isInteger(value))
    return NUMBER_FORMATS.integer;
  return format;
}

function applyLook(cell: ExcelJS.Cell, look: Look | undefined, wrap?: boolean) {
  cell.font = { ...base, ...(look?.font ?? {}) };
  if (look?.fill) cell.fill = look.fill;
  if (look?.border) cell.border = look.border;
  const alignment = { ...(look?.alignment ?? {}), ...(wrap ? { wrapText: true } : {}) };
  if (Object.keys(alignment).length) cell.alignment = alignment;
}

/** `'Sheet name'!$C$7`, quotes doubled as Excel writes them. */
export function absoluteRef(sheetName: string, ref: string): string {
  const parts = ref.split(':').map((r) => {
    const { row, col } = parseCellRef(r);
    const a1 = cellRef(row, col);
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    return `$${m[1]}$${m[2]}`;
  });
  return `'${sheetName.replace(/'/g, "''")}'!${parts.join(':')}`;
}

function formula(v: number | string | undefined, type: DataValidationModel['type']): unknown {
  if (v === undefined) return undefined;
  if (type === 'date') {
    // ExcelJS turns Date objects into serial numbers for date validations.
    const serial = typeof v === 'number' ? v : isoDateToSerial(v);
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  }
  return v;
}

/**
 * A list validation's inline list: quoted, items separated by commas, at most 255 characters.
 * Returns whether every item fitted (if not, the alert only informs: the server still validates).
 */
function listFormula(items: string[]): { formula: string; complete: boolean } {
  const cleaned = items.map((s) => cleanText(s).replace(/"/g, "'").replace(/,/g, ';'));
  const kept: string[] = [];
  for (const item of cleaned) {
    if ([...kept, item].join(',').length > 255) break;
    kept.push(item);
  }
  return { formula: `"${kept.join(',')}"`, complete: kept.length === cleaned.length };
}

type WithValidations = { dataValidations: { add(ref: string, validation: ExcelJS.DataValidation): void } };

function addValidation(ws: ExcelJS.Worksheet, v: DataValidationModel) {
  const list = v.type === 'list' ? listFormula(v.list ?? []) : undefined;
  const dv: ExcelJS.DataValidation = {
    type: v.type,
    allowBlank: true,
    formulae: list
      ? [list.formula]
      : [formula(v.formula1, v.type), formula(v.formula2, v.type)].filter((x) => x !== undefined),
    showInputMessage: true,
    promptTitle: cleanText(v.prompt.title).slice(0, 32),
    prompt: cleanText(v.prompt.message).slice(0, 255),
    showErrorMessage: true,
    errorStyle: list && !list.complete ? 'information' : 'stop',
    errorTitle: cleanText(v.error.title).slice(0, 32),
    error: cleanText(v.error.message).slice(0, 255),
  };
  if (v.type !== 'list') dv.operator = v.operator;
  // Worksheet.dataValidations (one entry per range) exists in ExcelJS 4 but is missing from its typings.
  (ws as unknown as WithValidations).dataValidations.add(v.ref, dv);
}

function addTable(ws: ExcelJS.Worksheet, t: TableModel) {
  const width = t.header.length;
  // Excel needs at least one body row under the header.
  const rows = t.rows.length ? t.rows : [Array<CellValue>(width).fill(null)];
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: cellRef(t.row, t.col),
    headerRow: true,
    totalsRow: false,
    style: {
      theme: (t.style ?? 'TableStyleMedium2') as ExcelJS.TableStyleProperties['theme'],
      showRowStripes: true,
    },
    // Filter buttons would be refused on a protected input sheet.
    columns: t.header.map((h) => ({ name: cleanText(h), filterButton: !t.input })),
    rows: rows.map((r) => r.map(plain)),
  });
  // Cell formatting as well as the table style: LibreOffice and print show no table styles, and
  // Excel draws cell formatting over the style (body rows keep its stripes).
  t.header.forEach((_, ci) => applyLook(ws.getCell(t.row, t.col + ci), CELL_LOOKS.columnHeader));
  const centred = t.header.map(
    (_, ci) =>
      !t.input &&
      !t.numberFormats?.[ci] &&
      rows.every((r) => r[ci] === null || (typeof r[ci] === 'number' && Number.isInteger(r[ci]))),
  );
  rows.forEach((r, ri) => {
    r.forEach((value, ci) => {
      const cell = ws.getCell(t.row + 1 + ri, t.col + ci);
      if (t.input) {
        applyLook(cell, { ...CELL_LOOKS.input, alignment: { vertical: 'top', wrapText: true } });
        cell.protection = { locked: false };
      } else {
        applyLook(cell, {
          border: allThin,
          alignment: {
            vertical: 'top',
            ...(typeof value === 'string' ? { wrapText: true } : {}),
            ...(centred[ci] ? { horizontal: 'center' } : {}),
          },
        });
      }
      const fmt = numberFormatOf(t.numberFormats?.[ci], value, !!t.input);
      if (fmt) cell.numFmt = fmt;
    });
  });
}

const LINE_HEIGHT = 15; // points, for the 12-point font

/**
 * Heights for rows whose wrapped text needs more than one line. Excel does not fit row heights
 * when it opens a file (LibreOffice not always), so a long label would be cut off: estimate the
 * lines from the text length and the column (or merged range) width. Heights the model gives win.
 */
function fitRowHeights(ws: ExcelJS.Worksheet, sheet: SheetModel) {
  const width = (col: number) => sheet.columns[col - 1]?.width ?? 9;
  const merged = new Map<string, number>();
  for (const range of sheet.merges) {
    const [from, to = from] = range.split(':').map(parseCellRef) as [
      { row: number; col: number },
      ...{ row: number; col: number }[],
    ];
    if (from.row !== to.row) continue;
    let w = 0;
    for (let c = from.col; c <= to.col; c++) w += width(c);
    merged.set(`${from.row}:${from.col}`, w);
  }
  const lines = new Map<number, number>();
  const consider = (row: number, col: number, text: string, bold: boolean) => {
    const perLine = Math.max(
      1,
      Math.floor((merged.get(`${row}:${col}`) ?? width(col)) * (bold ? 1.15 : 1.3)),
    );
    const n = text
      .split('\n')
      .reduce((sum, part) => sum + Math.max(1, Math.ceil([...part].length / perLine)), 0);
    lines.set(row, Math.max(lines.get(row) ?? 1, n));
  };
  for (const c of sheet.cells) {
    const look = c.style ? CELL_LOOKS[c.style] : undefined;
    if (typeof c.value === 'string' && (c.wrap || look?.alignment?.wrapText))
      consider(c.row, c.col, c.value, !!look?.font?.bold);
  }
  for (const t of sheet.tables) {
    t.header.forEach((h, ci) => consider(t.row, t.col + ci, h, true));
    if (!t.input)
      t.rows.forEach((r, ri) =>
        r.forEach((v, ci) => typeof v === 'string' && consider(t.row + 1 + ri, t.col + ci, v, false)),
      );
  }
  for (const [row, n] of lines) {
    if (n > 1 && sheet.rowHeights?.[row] === undefined) ws.getRow(row).height = n * LINE_HEIGHT + 3;
  }
}

function renderSheet(wb: ExcelJS.Workbook, sheet: SheetModel) {
  const totalWidth = sheet.columns.reduce((s, c) => s + c.width, 0);
  // A4: up to ~125 width units fit a portrait page and ~250 a landscape one at a readable scale;
  // wider sheets (the units × fields matrix) print across pages, repeating the frozen titles.
  const wide = totalWidth > 250;
  const ws = wb.addWorksheet(sheet.name, {
    ...(sheet.tabColor ? { properties: { tabColor: { argb: `FF${sheet.tabColor.replace('#', '')}` } } } : {}),
    pageSetup: {
      paperSize: 9, // A4
      orientation: totalWidth > 125 ? 'landscape' : 'portrait',
      ...(wide ? { fitToPage: false, scale: 80 } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
      horizontalCentered: !wide,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(wide && sheet.freeze?.rows ? { printTitlesRow: `${sheet.freeze.rows}:${sheet.freeze.rows}` } : {}),
      ...(wide && sheet.freeze?.cols ? { printTitlesColumn: `A:${columnLetter(sheet.freeze.cols)}` } : {}),
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
  });
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) ws.getRow(Number(row)).height = height;

  for (const t of sheet.tables) addTable(ws, t);
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.row, c.col);
    cell.value = plain(c.value);
    applyLook(cell, c.style ? CELL_LOOKS[c.style] : undefined, c.wrap);
    // Row numbers (STT) in the label column sit centred, as in a printed report.
    if (c.style === 'label' && typeof c.value === 'number')
      cell.alignment = { ...cell.alignment, horizontal: 'center' };
    const fmt = numberFormatOf(c.numberFormat, c.value, !!c.unlocked);
    if (fmt) cell.numFmt = fmt;
    if (c.unlocked) cell.protection = { locked: false };
  }
  for (const range of sheet.merges) ws.mergeCells(range);
  fitRowHeights(ws, sheet);
  for (const v of sheet.validations) addValidation(ws, v);
  for (const n of sheet.names) wb.definedNames.add(absoluteRef(sheet.name, n.ref), n.name);
  // sheet.charts: ExcelJS cannot write charts (see the header comment); their data is in the tables.

  if (sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.cols > 0)) {
    ws.views = [
      {
        state: 'frozen',
        xSplit: sheet.freeze.cols,
        ySplit: sheet.freeze.rows,
        topLeftCell: cellRef(sheet.freeze.rows + 1, sheet.freeze.cols + 1),
      },
    ];
  }
  return ws;
}

async function protect(ws: ExcelJS.Worksheet, password: string | undefined) {
  await ws.protect(password ?? '', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    deleteRows: false,
    insertColumns: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
    spinCount: 10_000,
  });
}

/** Renders sheet models into one .xlsx workbook, sheets in the given order and with the given names. */
export async function renderWorkbook(
  sheets: readonly SheetModel[],
  options: RenderOptions = {},
): Promise<Buffer> {
  const wb = new (loadExcelJS().Workbook)();
  const now = options.now ?? new Date();
  wb.creator = options.creator ?? 'Báo cáo phong trào thi đua';
  wb.created = now;
  wb.modified = now;
  if (options.title) wb.title = options.title;
  for (const sheet of sheets) {
    const ws = renderSheet(wb, sheet);
    if (sheet.protect) await protect(ws, options.password);
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
