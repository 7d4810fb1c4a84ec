/**
 * The .xlsx renderer of the shared sheet models (docs/architecture.md, "The sheet model"). The
 * add-in draws the same models with office.js; this draws them with ExcelJS into a file. Every
 * layout decision (looks, number formats, alignment, dropdown lists, row heights, table names,
 * XML-legal text) is taken by the shared finishSheet (shared/src/sheet/finish.ts); this module only
 * says it in ExcelJS's words: values with their number formats, each area's look, merges, widths
 * and heights, workbook-level defined names, data validation with input prompts and error alerts,
 * Excel tables, protection (only input cells unlocked), frozen panes, tab colour and the page
 * setup (A4, orientation, fit to pages, print titles, footer), and conditional formats.
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
  finishSheet,
  GENERAL,
  isoDateToSerial,
  parseCellRef,
  sheetLabels,
  xmlLegal,
  type Language,
  type BorderEdge,
  type FinishedTable,
  type FinishedValidation,
  type Look,
  type SheetModel,
} from '../../../shared/src';

export interface RenderOptions {
  /** Language of the workbook's own words (author, page footer); default Vietnamese. */
  lang?: Language;
  /** Sheet protection password; default none (protection guides the clerk, it is not a lock). */
  password?: string;
  /** Workbook properties. */
  creator?: string;
  title?: string;
  /** Stamped as the workbook's created/modified time; default now. */
  now?: Date;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A shared look (shared/src/sheet/looks.ts) in ExcelJS's words. */
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function edge(e: BorderEdge | undefined): Partial<ExcelJS.Border> | undefined {
  return e ? { style: e.weight, color: { argb: argb(e.color) } } : undefined;
}

/** A look's ExcelJS style parts. */
interface LookParts {
  font: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
}

/**
 * Each look's parts are made once and the same objects given to every cell of that look: ExcelJS
 * only reads them (it writes one style per distinct combination), and a 10,000-unit matrix has
 * 600,000 cells of a handful of looks (docs/benchmarks.md, summary export).
 */
const lookParts = new WeakMap<Look, LookParts>();

function partsOf(look: Look): LookParts {
  let parts = lookParts.get(look);
  if (parts) return parts;
  const border: Partial<ExcelJS.Borders> = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const e = edge(look.border[side]);
    if (e) border[side] = e;
  }
  const alignment: Partial<ExcelJS.Alignment> = {
    ...(look.horizontal ? { horizontal: look.horizontal } : {}),
    ...(look.vertical ? { vertical: look.vertical } : {}),
    ...(look.wrap ? { wrapText: true } : {}),
  };
  parts = {
    font: {
      name: look.font.name,
      size: look.font.size,
      bold: look.font.bold,
      italic: look.font.italic,
      color: { argb: argb(look.font.color) },
    },
    ...(look.fill
      ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(look.fill) } } as ExcelJS.Fill }
      : {}),
    ...(Object.keys(border).length ? { border } : {}),
    ...(Object.keys(alignment).length ? { alignment } : {}),
  };
  lookParts.set(look, parts);
  return parts;
}

const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };

function applyLook(cell: ExcelJS.Cell, look: Look, locked: boolean) {
  const parts = partsOf(look);
  cell.font = parts.font;
  if (parts.fill) cell.fill = parts.fill;
  if (parts.border) cell.border = parts.border;
  if (parts.alignment) cell.alignment = parts.alignment;
  if (!locked) cell.protection = UNLOCKED;
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

function formula(v: number | string | undefined, type: FinishedValidation['type']): unknown {
  if (v === undefined) return undefined;
  if (type === 'date') {
    // ExcelJS turns Date objects into serial numbers for date validations.
    const serial = typeof v === 'number' ? v : isoDateToSerial(v);
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  }
  return v;
}

type WithValidations = { dataValidations: { add(ref: string, validation: ExcelJS.DataValidation): void } };

function addValidation(ws: ExcelJS.Worksheet, v: FinishedValidation) {
  const dv: ExcelJS.DataValidation = {
    type: v.type,
    allowBlank: true,
    formulae: v.list
      ? [v.list.formula]
      : [formula(v.formula1, v.type), formula(v.formula2, v.type)].filter((x) => x !== undefined),
    showInputMessage: true,
    promptTitle: v.prompt.title,
    prompt: v.prompt.message,
    showErrorMessage: true,
    errorStyle: v.errorStyle,
    errorTitle: v.error.title,
    error: v.error.message,
  };
  if (v.operator) dv.operator = v.operator;
  // Worksheet.dataValidations (one entry per range) exists in ExcelJS 4 but is missing from its typings.
  (ws as unknown as WithValidations).dataValidations.add(v.ref, dv);
}

/**
 * Text as the file format carries it: `_xHHHH_` in a cell is read back as the character U+HHHH (ECMA-376
 * ST_Xstring), so a literal one — a field key such as `y_x9338_ph_` — is written with its underscore
 * escaped (`_x005F_`), which every reader (Excel, LibreOffice, ExcelJS, our upload reader) turns back.
 * ExcelJS does not do it on writing. Not a layout decision: the same text, in the file's own syntax.
 */
export function fileText<T>(value: T): T {
  return (typeof value === 'string' ? value.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : value) as T;
}

function addTable(ws: ExcelJS.Worksheet, t: FinishedTable) {
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: cellRef(t.row, t.col),
    headerRow: true,
    totalsRow: false,
    style: { theme: t.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
    columns: t.header.map((h) => ({ name: h, filterButton: t.filterButton })),
    rows: t.rows.map((r) => r.map(fileText)),
  });
  t.numberFormats.forEach((r, ri) =>
    r.forEach((fmt, ci) => {
      if (fmt !== GENERAL) ws.getCell(t.row + 1 + ri, t.col + ci).numFmt = fmt;
    }),
  );
}

function renderSheet(wb: ExcelJS.Workbook, model: SheetModel) {
  const sheet = finishSheet(model);
  const p = sheet.page;
  const ws = wb.addWorksheet(sheet.name, {
    ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
    pageSetup: {
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      horizontalCentered: p.centered,
      margins: { ...p.margins },
      ...(p.titleRows ? { printTitlesRow: p.titleRows } : {}),
      ...(p.titleColumns ? { printTitlesColumn: p.titleColumns } : {}),
    },
    headerFooter: { oddFooter: `&C${p.footer}` },
  });
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
  });
  for (const [row, height] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row)).height = height;
  // A manual break below the row before each row that starts a page.
  for (const row of p.breaks) ws.getRow(row - 1).addPageBreak();

  for (const t of sheet.tables) addTable(ws, t);
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.row, c.col);
    // A string, number, boolean or null — never a formula — unless the model says formula (CellModel.formula).
    cell.value = c.formula !== undefined ? { formula: c.formula.slice(1) } : fileText(c.value);
    if (c.numberFormat !== GENERAL) cell.numFmt = c.numberFormat;
  }
  for (const a of sheet.areas)
    for (let r = a.top; r <= a.bottom; r++)
      for (let k = a.left; k <= a.right; k++) applyLook(ws.getCell(r, k), a.look, a.locked);
  for (const range of sheet.merges) ws.mergeCells(range);
  for (const v of sheet.validations) addValidation(ws, v);
  // “Cell Value equal to” a text (a `cellIs` rule), with the look as a differential format.
  sheet.conditionalFormats.forEach((c, i) =>
    ws.addConditionalFormatting({
      ref: c.ref,
      rules: [
        {
          type: 'cellIs',
          operator: 'equal',
          formulae: [c.formula],
          priority: i + 1,
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(c.fill) } },
            font: { color: { argb: argb(c.fontColor) } },
          },
        },
      ],
    }),
  );
  for (const n of sheet.names) wb.definedNames.add(absoluteRef(sheet.name, n.ref), n.name);
  // Notes (a returned report's field comments) as plain cell notes, as the add-in writes them.
  for (const n of sheet.notes) ws.getCell(n.ref).note = n.text;
  // sheet.charts: ExcelJS cannot write charts (see the header comment); their data is in the tables.

  if (sheet.freeze) {
    ws.views = [
      {
        state: 'frozen',
        xSplit: sheet.freeze.cols,
        ySplit: sheet.freeze.rows,
        topLeftCell: cellRef(sheet.freeze.rows + 1, sheet.freeze.cols + 1),
      },
    ];
  }
  return { ws, sheet };
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
  const labels = sheetLabels(options.lang ?? 'vi');
  wb.creator = xmlLegal(options.creator ?? labels.workbookCreator);
  wb.created = now;
  wb.modified = now;
  if (options.title) wb.title = xmlLegal(options.title);
  for (const model of sheets) {
    const { ws, sheet } = renderSheet(wb, model);
    if (sheet.protect) await protect(ws, options.password);
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
