/**
 * A small, faithful fake of the part of the Excel JavaScript API the add-in's gateway uses.
 * Like office.js, it queues every command on proxy objects and carries them out at
 * `context.sync()`; loaded properties are readable only after the sync that loaded them. It counts
 * syncs and measures each request as the UTF-8 size of its serialised commands. Where office.js is
 * strict, so is the fake, each rule beside the Microsoft page that states it:
 * - writes to locked cells of a protected sheet, and value blocks whose shape does not match their
 *   range, are refused;
 * - table names are refused when invalid or when the workbook already has a table or a defined name
 *   of that name (case-insensitively); defined names likewise;
 * - `…OrNullObject` methods give a null object (`isNullObject` after the sync) instead of an error;
 * - conditional formats: only the properties of the format's own type, a known operator, the formulas
 *   it needs, text constants quoted, and none added to a protected sheet;
 * - a request over 5 MB is refused;
 * - cell notes exist only from ExcelApi 1.18 (the fake's `Office.context.requirements` says which version it
 *   plays), one cell at a time, and never on a protected sheet;
 * - nested app authentication is there only when the fake plays a host with the NestedAppAuth 1.1 set (the
 *   only version Microsoft lists).
 * It records what tests need to compare with the .xlsx renderer: values, number formats, fonts,
 * fills, borders, alignment, wrapping, locking, row heights, column widths and hidden columns,
 * frozen rows and columns, tab colours, validations, conditional formats, tables, names and charts.
 * Runs in node and in the browser.
 */
import { parseCellRef } from '../../shared/src/sheet/cells';

export type Value = string | number | boolean;

/** A border edge as `Continuous/Thin/#808080`. */
export type FakeEdge = string;

export interface FakeCell {
  value: Value;
  /** A formula set through Range.formulas (the fake keeps it and does not evaluate it). */
  formula?: string;
  numberFormat?: string;
  fill?: string;
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
  borders: { top?: FakeEdge; bottom?: FakeEdge; left?: FakeEdge; right?: FakeEdge };
  locked: boolean;
}

export interface FakeValidation {
  address: string;
  /** The rule as office.js was given it; a Range given as a list source appears as `{ range: address }`. */
  rule?: unknown;
  prompt?: { showPrompt?: boolean; title: string; message: string };
  errorAlert?: { showAlert?: boolean; style?: string; title: string; message: string };
}

/** A conditional format as office.js was given it (only `CellValue` formats are implemented); a sheet lists them highest priority first. */
export interface FakeConditionalFormat {
  address: string;
  type: string;
  rule?: { formula1: string; formula2?: string; operator: string };
  fill?: string;
  fontColor?: string;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  merges: string[];
  /** Sheet-scoped defined names → address. */
  names: Map<string, string>;
  tables: { name: string; address: string; style?: string; showFilterButton: boolean }[];
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  charts: { type: string; source: string; title: string; anchor: string; width?: number; height?: number }[];
  protected: boolean;
  frozenRows: number;
  frozenCols: number;
  /** Points, by 1-based column. */
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  /** Points, by 1-based row. */
  rowHeights: Map<number, number>;
  tabColor?: string;
  /** The page layout as set (ExcelApi 1.9). */
  page: FakePage;
  /** Cell notes (ExcelApi 1.18): address (`C20`) → text. */
  notes: Map<string, string>;
  /** Protected with `allowEditObjects` (notes may be added). */
  protectedAllowsObjects?: boolean;
}

export interface FakePage {
  paperSize?: string;
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  centerHorizontally?: boolean;
  margins?: { unit: string; options: Record<string, number> };
  printTitleRows?: string;
  printTitleColumns?: string;
  centerFooter?: string;
  /** Rows with a manual page break above them. */
  breaks?: number[];
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `B3`, `B3:D9`, `C:C`, `4:4` → rows and columns (1-based, inclusive). */
export function parseAddress(address: string): Area {
  const a = address.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase();
  const [from, to = from] = a.split(':') as [string, string?];
  if (/^[A-Z]+$/.test(from)) {
    const l = parseCellRef(`${from}1`).col;
    const r = parseCellRef(`${to}1`).col;
    return { top: 1, left: l, bottom: 1_048_576, right: r };
  }
  if (/^\d+$/.test(from)) return { top: Number(from), left: 1, bottom: Number(to), right: 16_384 };
  const f = parseCellRef(from);
  const t = parseCellRef(to!);
  return { top: f.row, left: f.col, bottom: t.row, right: t.col };
}

/** An office.js error: `code` as OfficeExtension.Error has it. */
export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
const invalidOperation = (m: string) => new FakeExcelError('InvalidOperation', m);
const invalidArgument = (m: string) => new FakeExcelError('InvalidArgument', m);
const notLoaded = (p: string) => new FakeExcelError('PropertyNotLoaded', p);

/**
 * Excel on the web refuses a request (or response) over 5 MB.
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

/** A queued command: what would go over the wire (`cmd`) and what it does to the workbook (`run`). */
type Op = { cmd: unknown; run: () => void };

export interface FakeExcel {
  /** Stands in for the global `Excel` namespace: `run` plus the enums the gateway uses. */
  Excel: { run: <T>(batch: (context: FakeContext) => Promise<T>) => Promise<T> };
  /**
   * Stands in for the part of the global `Office` the gateway and the sign-in ask: which requirement sets the
   * host has (ExcelApi up to the fake's version, NestedAppAuth 1.1 when played; `isSetSupported(name, minVersion)`).
   * https://learn.microsoft.com/en-us/javascript/api/office/office.requirementsetsupport#office-office-requirementsetsupport-issetsupported-member(1)
   * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets
   */
  Office: { context: { requirements: { isSetSupported(name: string, minVersion?: string): boolean } } };
  sheets: FakeSheet[];
  /** Workbook-scoped defined names → address. */
  names: Map<string, string>;
  activeSheet: () => FakeSheet | undefined;
  selected: { sheet: string; address: string } | undefined;
  stats: { syncs: number; requestBytes: number[] };
  resetStats(): void;
  /** What a person typing into a cell does: refused on locked cells of a protected sheet. */
  type(sheetName: string, ref: string, value: Value): void;
  sheet(name: string): FakeSheet;
  value(sheetName: string, ref: string): Value | undefined;
  cell(sheetName: string, ref: string): FakeCell | undefined;
}

export interface FakeContext {
  workbook: FakeWorkbookProxy;
  sync(): Promise<void>;
}

type FakeWorkbookProxy = ReturnType<typeof makeWorkbookProxy>;

function newSheet(name: string): FakeSheet {
  return {
    name,
    cells: new Map(),
    merges: [],
    names: new Map(),
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    protected: false,
    frozenRows: 0,
    frozenCols: 0,
    columnWidths: new Map(),
    hiddenColumns: new Set(),
    rowHeights: new Map(),
    page: {},
    notes: new Map(),
  };
}

function cellOf(sheet: FakeSheet, row: number, col: number): FakeCell {
  const key = `${row}:${col}`;
  let c = sheet.cells.get(key);
  if (!c) {
    c = { value: '', locked: true, borders: {} };
    sheet.cells.set(key, c);
  }
  return c;
}

/**
 * Excel's rules for table and defined names: letters, digits, `_`, `.` and `\`, starting with a
 * letter, `_` or `\`; not a cell reference; at most 255 characters.
 * https://support.microsoft.com/office/rename-an-excel-table-fbf49a4f-82a3-43eb-8ba2-44d21233b114
 * https://support.microsoft.com/office/define-and-use-names-in-formulas-4d0f13ac-53b7-422e-afd2-abd7ff379c64
 */
export function isValidExcelName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return false;
  return true;
}

interface FakeState {
  /** The ExcelApi version the fake plays (`1.18`): APIs of a later set fail with ApiNotFound. */
  excelApi: string;
  sheets: FakeSheet[];
  names: Map<string, string>;
  active?: string;
  selected?: { sheet: string; address: string };
  tableCount: number;
}

/** Every table and defined name of the workbook, lower-cased: they share one namespace. */
function takenNames(state: FakeState, except?: { name: string }): Set<string> {
  const taken = new Set<string>();
  for (const s of state.sheets) {
    for (const t of s.tables) if (t !== except) taken.add(t.name.toLowerCase());
    for (const n of s.names.keys()) taken.add(n.toLowerCase());
  }
  for (const n of state.names.keys()) taken.add(n.toLowerCase());
  return taken;
}

function makeWorkbookProxy(state: FakeState, queue: (op: Op) => void, onSynced: (fn: () => void) => void) {
  const byName = (name: string) => {
    const s = state.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new FakeExcelError('ItemNotFound', `no worksheet named ${name}`);
    return s;
  };
  /** The sheet a proxy stands for; undefined for a null object. */
  type Resolve = () => FakeSheet | undefined;
  const must = (resolve: Resolve) => () => {
    const s = resolve();
    if (!s) throw invalidOperation('the object is a null object');
    return s;
  };

  function rangeProxy(resolveSheet: () => FakeSheet, sheetPath: string, address: string) {
    const path = `${sheetPath}.getRange(${JSON.stringify(address)})`;
    const area = () => parseAddress(address);
    const forEachCell = (fn: (c: FakeCell, r: number, k: number, a: Area) => void, write: boolean) => {
      const sheet = resolveSheet();
      const a = area();
      const bottom = Math.min(a.bottom, a.top + 2000);
      const right = Math.min(a.right, a.left + 200);
      for (let r = a.top; r <= bottom; r++) {
        for (let k = a.left; k <= right; k++) {
          const c = cellOf(sheet, r, k);
          if (write && sheet.protected && c.locked) {
            throw invalidOperation(`The cell ${address} is on a protected sheet and locked`);
          }
          fn(c, r, k, a);
        }
      }
    };
    const set = (property: string, value: unknown, run: () => void) =>
      queue({ cmd: { o: path, s: property, v: value }, run });
    const setBlock = (what: string, block: unknown[][], apply: (c: FakeCell, v: unknown) => void) => {
      set(what, block, () => {
        const a = area();
        if (block.length !== a.bottom - a.top + 1 || block.some((r) => r.length !== a.right - a.left + 1)) {
          throw invalidArgument(`${what}: the block does not match the size of ${address}`);
        }
        forEachCell(
          (c, r, k) => apply(c, block[r - a.top]![k - a.left]),
          what === 'values' || what === 'formulas',
        );
      });
    };
    const setFormat = (property: string, value: unknown, apply: (c: FakeCell) => void) =>
      set(property, value, () => forEachCell(apply, true));
    const border = (index: string) => {
      const edit = (property: string, value: string) =>
        setFormat(`format.borders.getItem(${index}).${property}`, value, () => {});
      const parts: { style?: string; weight?: string; color?: string } = {};
      // A border is kept per cell side: edges on the range's outline, inside lines between its cells.
      // https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangebordercollection
      const applyEdge = () =>
        set(`format.borders.getItem(${index})`, null, () =>
          forEachCell((c, r, k, a) => {
            const edge = `${parts.style ?? 'Continuous'}/${parts.weight ?? 'Thin'}/${parts.color ?? '#000000'}`;
            if (index === 'EdgeTop' && r === a.top) c.borders.top = edge;
            if (index === 'EdgeBottom' && r === a.bottom) c.borders.bottom = edge;
            if (index === 'EdgeLeft' && k === a.left) c.borders.left = edge;
            if (index === 'EdgeRight' && k === a.right) c.borders.right = edge;
            if (index === 'InsideHorizontal') {
              if (r > a.top) c.borders.top = edge;
              if (r < a.bottom) c.borders.bottom = edge;
            }
            if (index === 'InsideVertical') {
              if (k > a.left) c.borders.left = edge;
              if (k < a.right) c.borders.right = edge;
            }
          }, true),
        );
      let queued = false;
      const touch = () => {
        if (!queued) applyEdge();
        queued = true;
      };
      return {
        set style(v: string) {
          parts.style = v;
          edit('style', v);
          touch();
        },
        set weight(v: string) {
          parts.weight = v;
          edit('weight', v);
          touch();
        },
        set color(v: string) {
          parts.color = v;
          edit('color', v);
          touch();
        },
      };
    };
    const loaded: { values?: Value[][]; rowIndex?: number; columnIndex?: number } = {};
    const fill = () => {
      const sheet = resolveSheet();
      const a = area();
      const values: Value[][] = [];
      for (let r = a.top; r <= a.bottom; r++) {
        const row: Value[] = [];
        for (let k = a.left; k <= a.right; k++) row.push(sheet.cells.get(`${r}:${k}`)?.value ?? '');
        values.push(row);
      }
      loaded.values = values;
      loaded.rowIndex = a.top - 1;
      loaded.columnIndex = a.left - 1;
    };
    const proxy = {
      __address: address,
      /** Reads the values now (for a range made while a sync runs). */
      __fill: () => fill(),
      /** How a Range inside another command's argument (a list source) is serialised. */
      toJSON: () => ({ range: address }),
      /**
       * Text is taken as if typed: a leading apostrophe keeps it text (and is not part of the value);
       * otherwise, in a cell of the General format, text that reads as a number or TRUE/FALSE becomes
       * that number or boolean. Formula-looking text (=, +, -) would be a formula.
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member
       */
      set values(block: Value[][]) {
        setBlock('values', block, (c, v) => {
          delete c.formula;
          if (typeof v !== 'string') c.value = v as Value;
          else if (v.startsWith("'")) c.value = v.slice(1);
          else if (/^[=+-]/.test(v) && v.length > 1)
            throw invalidArgument(`the fake does not evaluate formulas: ${v}`);
          else c.value = (c.numberFormat ?? 'General') === 'General' ? typed(v) : v;
        });
      },
      /**
       * Formulas in A1 style: a string that starts with "=" is a formula; anything else is taken as `values`
       * takes it. The fake keeps the formula and does not compute it (the value reads as empty).
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-formulas-member
       */
      set formulas(block: Value[][]) {
        setBlock('formulas', block, (c, v) => {
          if (typeof v === 'string' && v.startsWith('=') && v.length > 1) {
            c.formula = v;
            c.value = '';
          } else {
            delete c.formula;
            c.value = typeof v === 'string' ? typed(v) : (v as Value);
          }
        });
      },
      get values(): Value[][] {
        if (!loaded.values) throw notLoaded('values');
        return loaded.values;
      },
      get rowIndex() {
        if (loaded.rowIndex === undefined) throw notLoaded('rowIndex');
        return loaded.rowIndex;
      },
      get columnIndex() {
        if (loaded.columnIndex === undefined) throw notLoaded('columnIndex');
        return loaded.columnIndex;
      },
      set numberFormat(block: string[][]) {
        setBlock('numberFormat', block, (c, v) => (c.numberFormat = String(v)));
      },
      set columnHidden(v: boolean) {
        set('columnHidden', v, () => {
          const a = area();
          for (let k = a.left; k <= a.right; k++) {
            if (v) resolveSheet().hiddenColumns.add(k);
            else resolveSheet().hiddenColumns.delete(k);
          }
        });
      },
      format: {
        fill: {
          set color(v: string) {
            setFormat('format.fill.color', v, (c) => (c.fill = v.toUpperCase()));
          },
        },
        font: {
          set name(v: string) {
            setFormat('format.font.name', v, (c) => (c.fontName = v));
          },
          set bold(v: boolean) {
            setFormat('format.font.bold', v, (c) => (c.bold = v));
          },
          set italic(v: boolean) {
            setFormat('format.font.italic', v, (c) => (c.italic = v));
          },
          set size(v: number) {
            setFormat('format.font.size', v, (c) => (c.fontSize = v));
          },
          set color(v: string) {
            setFormat('format.font.color', v, (c) => (c.fontColor = v.toUpperCase()));
          },
        },
        borders: { getItem: border },
        set wrapText(v: boolean) {
          setFormat('format.wrapText', v, (c) => (c.wrap = v));
        },
        set horizontalAlignment(v: string) {
          setFormat('format.horizontalAlignment', v, (c) => (c.horizontal = v));
        },
        set verticalAlignment(v: string) {
          setFormat('format.verticalAlignment', v, (c) => (c.vertical = v));
        },
        set columnWidth(v: number) {
          set('format.columnWidth', v, () => {
            const a = area();
            for (let k = a.left; k <= a.right; k++) resolveSheet().columnWidths.set(k, v);
          });
        },
        set rowHeight(v: number) {
          set('format.rowHeight', v, () => {
            const a = area();
            for (let r = a.top; r <= a.bottom; r++) resolveSheet().rowHeights.set(r, v);
          });
        },
        protection: {
          set locked(v: boolean) {
            // Changing locking needs an unprotected sheet, as in Excel.
            setFormat('format.protection.locked', v, (c) => (c.locked = v));
          },
        },
      },
      dataValidation: {
        set rule(rule: unknown) {
          const stored = JSON.parse(JSON.stringify(rule)) as unknown;
          set('dataValidation.rule', rule, () => (validationOf().rule = stored));
        },
        set prompt(p: FakeValidation['prompt']) {
          set('dataValidation.prompt', p, () => (validationOf().prompt = p));
        },
        set errorAlert(e: FakeValidation['errorAlert']) {
          set('dataValidation.errorAlert', e, () => (validationOf().errorAlert = e));
        },
      },
      conditionalFormats: { add: (type: string) => conditionalFormat(type) },
      merge(across: boolean) {
        queue({ cmd: { o: path, m: 'merge', a: [across] }, run: () => resolveSheet().merges.push(address) });
      },
      select() {
        queue({
          cmd: { o: path, m: 'select' },
          run: () => (state.selected = { sheet: resolveSheet().name, address }),
        });
      },
      load(props: string | string[]) {
        queue({ cmd: { o: path, m: 'load', a: [props] }, run: () => {} });
        onSynced(fill);
        return proxy;
      },
    };
    /**
     * `conditionalFormats.add(type)` (ExcelApi 1.6) adds “at the first/top priority”. Of the types, the
     * fake implements `CellValue`; a
     * format exposes only its own type's properties (`cellValue` “if the current conditional format is a
     * CellValue type”), the rule's operator is one of ConditionalCellValueOperator (not `Invalid`),
     * `Between`/`NotBetween` need formula2, and a formula is a number or a quoted text constant
     * (`="Quá hạn"`: an unquoted word would be a name, refused as an invalid formula). A protected sheet
     * refuses formatting unless it allows it (`allowFormatCells`).
     * https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)
     * https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-cellvalue-member
     * https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalcellvaluerule
     * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotectionoptions#excel-excel-worksheetprotectionoptions-allowformatcells-member
     */
    const conditionalFormat = (type: string) => {
      const TYPES = [
        'Custom',
        'DataBar',
        'ColorScale',
        'IconSet',
        'TopBottom',
        'PresetCriteria',
        'ContainsText',
        'CellValue',
      ];
      if (!TYPES.includes(type)) throw invalidArgument(`“${type}” is not a ConditionalFormatType`);
      if (type !== 'CellValue')
        throw new Error(`the fake implements CellValue conditional formats only, not ${type}`);
      const cf: FakeConditionalFormat = { address, type };
      const cfPath = `${path}.conditionalFormats.add(${JSON.stringify(type)})`;
      queue({
        cmd: { o: path, m: 'conditionalFormats.add', a: [type] },
        run: () => {
          const sheet = resolveSheet();
          if (sheet.protected) throw invalidOperation('the sheet is protected: formatting is not allowed');
          // A new format goes to the top priority: the sheet's list is in priority order, highest first.
          sheet.conditionalFormats.unshift(cf);
        },
      });
      const c = (property: string, v: unknown, run: () => void) =>
        queue({ cmd: { o: cfPath, s: property, v }, run });
      const formulaOk = (f: unknown) =>
        typeof f === 'string' && /^=?\s*(-?\d+(\.\d+)?|"([^"]|"")*")\s*$/.test(f);
      const OPERATORS = [
        'Between',
        'NotBetween',
        'EqualTo',
        'NotEqualTo',
        'GreaterThan',
        'LessThan',
        'GreaterThanOrEqual',
        'LessThanOrEqual',
      ];
      return {
        get type() {
          return type;
        },
        cellValue: {
          format: {
            fill: {
              set color(v: string) {
                c('cellValue.format.fill.color', v, () => (cf.fill = v.toUpperCase()));
              },
            },
            font: {
              set color(v: string) {
                c('cellValue.format.font.color', v, () => (cf.fontColor = v.toUpperCase()));
              },
            },
          },
          set rule(rule: { formula1: string; formula2?: string; operator: string }) {
            c('cellValue.rule', rule, () => {
              if (!OPERATORS.includes(rule.operator))
                throw invalidArgument(`“${rule.operator}” is not a ConditionalCellValueOperator`);
              if (!formulaOk(rule.formula1))
                throw invalidArgument(`formula1 is not a number or a quoted text: ${rule.formula1}`);
              const two = rule.operator === 'Between' || rule.operator === 'NotBetween';
              if (two && !formulaOk(rule.formula2)) throw invalidArgument(`${rule.operator} needs formula2`);
              cf.rule = { ...rule };
            });
          },
        },
      };
    };
    const validationOf = () => {
      const sheet = resolveSheet();
      let v = sheet.validations.find((x) => x.address === address);
      if (!v) {
        v = { address };
        sheet.validations.push(v);
      }
      return v;
    };
    return proxy;
  }

  /**
   * A worksheet proxy. `orNull`: made by getItemOrNullObject — a missing sheet gives a null object
   * whose isNullObject is true after the sync, instead of an ItemNotFound error.
   * https://learn.microsoft.com/en-us/javascript/api/office/officeextension.clientobject#office-officeextension-clientobject-isnullobject-member
   * https://learn.microsoft.com/en-us/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties
   */
  function sheetProxy(resolveOrNull: Resolve, path: string, preloadedName?: string, orNull = false) {
    const resolve = must(resolveOrNull);
    let loadedName: string | undefined = preloadedName;
    let loadedProtected: boolean | undefined;
    let isNull: boolean | undefined;
    if (orNull) onSynced(() => (isNull = resolveOrNull() === undefined));
    const q = (cmd: Record<string, unknown>, run: () => void) => queue({ cmd: { o: path, ...cmd }, run });
    const proxy = {
      get isNullObject() {
        if (!orNull) return false;
        if (isNull === undefined) throw notLoaded('isNullObject (call context.sync() first)');
        return isNull;
      },
      get name() {
        if (loadedName === undefined) throw notLoaded('name');
        return loadedName;
      },
      load(p: string) {
        q({ m: 'load', a: [p] }, () => {});
        onSynced(() => (loadedName = resolveOrNull()?.name));
        return proxy;
      },
      set tabColor(v: string) {
        q({ s: 'tabColor', v }, () => (resolve().tabColor = v.toUpperCase()));
      },
      getRange: (address: string) => rangeProxy(resolve, path, address),
      getUsedRangeOrNullObject(valuesOnly?: boolean) {
        return usedRange(true, valuesOnly);
      },
      getUsedRange(valuesOnly?: boolean) {
        return usedRange(false, valuesOnly);
      },
    };
    function usedRange(orNullRange: boolean, _valuesOnly?: boolean) {
      // The bounding box of the cells that have values, decided when the sync runs.
      const boxAddress = () => {
        let top = Infinity;
        let left = Infinity;
        let bottom = 1;
        let right = 1;
        for (const [key, c] of resolve().cells) {
          if (c.value === '') continue;
          const [r, k] = key.split(':').map(Number) as [number, number];
          top = Math.min(top, r);
          left = Math.min(left, k);
          bottom = Math.max(bottom, r);
          right = Math.max(right, k);
        }
        return top === Infinity ? 'A1' : `${colName(left)}${top}:${colName(right)}${bottom}`;
      };
      let inner: ReturnType<typeof rangeProxy> | undefined;
      let nullRange: boolean | undefined;
      const used = {
        get isNullObject() {
          if (!orNullRange) return false;
          if (nullRange === undefined) throw notLoaded('isNullObject (call context.sync() first)');
          return nullRange;
        },
        load(props: string | string[]) {
          q({ m: orNullRange ? 'getUsedRangeOrNullObject' : 'getUsedRange', a: [props] }, () => {
            // The …OrNullObject variant: a missing (null) sheet or an empty one gives a null object.
            const sheet = resolveOrNull();
            if (orNullRange && (!sheet || (boxAddress() === 'A1' && !sheet.cells.get('1:1')?.value))) {
              nullRange = true;
              return;
            }
            if (!sheet) throw invalidOperation('the worksheet is a null object');
            nullRange = false;
            inner = rangeProxy(resolve, path, boxAddress());
          });
          onSynced(() => {
            if (!nullRange) inner!.__fill();
          });
          return used;
        },
        get values() {
          if (!inner) throw notLoaded('values');
          return inner.values;
        },
        get rowIndex() {
          if (!inner) throw notLoaded('rowIndex');
          return inner.rowIndex;
        },
        get columnIndex() {
          if (!inner) throw notLoaded('columnIndex');
          return inner.columnIndex;
        },
      };
      return used;
    }
    Object.assign(proxy, {
      tables: {
        /**
         * A new table gets a free default name (Table1, …); renaming is refused when the name is
         * invalid or already a table or defined name anywhere in the workbook.
         * https://learn.microsoft.com/en-us/javascript/api/excel/excel.table#excel-excel-table-name-member
         * https://support.microsoft.com/office/rename-an-excel-table-fbf49a4f-82a3-43eb-8ba2-44d21233b114
         */
        add(address: string, hasHeaders: boolean) {
          const table = { name: '', address, style: undefined as string | undefined, showFilterButton: true };
          const tablePath = `${path}.tables.add(${JSON.stringify(address)})`;
          q({ m: 'tables.add', a: [address, hasHeaders] }, () => {
            const taken = takenNames(state);
            do table.name = `Table${++state.tableCount}`;
            while (taken.has(table.name.toLowerCase()));
            resolve().tables.push(table);
          });
          return {
            set name(n: string) {
              queue({
                cmd: { o: tablePath, s: 'name', v: n },
                run: () => {
                  if (!isValidExcelName(n)) throw invalidArgument(`“${n}” is not a valid table name`);
                  if (takenNames(state, table).has(n.toLowerCase()))
                    throw invalidArgument(`A table or name called “${n}” already exists in the workbook`);
                  table.name = n;
                },
              });
            },
            set style(s: string) {
              queue({ cmd: { o: tablePath, s: 'style', v: s }, run: () => (table.style = s) });
            },
            set showFilterButton(v: boolean) {
              queue({
                cmd: { o: tablePath, s: 'showFilterButton', v },
                run: () => (table.showFilterButton = v),
              });
            },
          };
        },
      },
      charts: {
        add(type: string, source: { __address?: string }, seriesBy?: string) {
          const chart = {
            type,
            source: String(source.__address ?? ''),
            title: '',
            anchor: '',
            width: undefined as number | undefined,
            height: undefined as number | undefined,
          };
          const chartPath = `${path}.charts.add(${JSON.stringify(chart.source)})`;
          q({ m: 'charts.add', a: [type, chart.source, seriesBy] }, () => resolve().charts.push(chart));
          const c = (cmd: Record<string, unknown>, run: () => void) =>
            queue({ cmd: { o: chartPath, ...cmd }, run });
          return {
            title: {
              set text(t: string) {
                c({ s: 'title.text', v: t }, () => (chart.title = t));
              },
            },
            setPosition(start: string) {
              c({ m: 'setPosition', a: [start] }, () => (chart.anchor = start));
            },
            set width(w: number) {
              c({ s: 'width', v: w }, () => (chart.width = w));
            },
            set height(h: number) {
              c({ s: 'height', v: h }, () => (chart.height = h));
            },
          };
        },
      },
      /**
       * Sheet-scoped names: unique in their scope, and never the name of a table.
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.nameditemcollection#excel-excel-nameditemcollection-add-member(1)
       */
      names: {
        add(name: string, range: { __address?: string }) {
          const address = range.__address ?? '';
          q({ m: 'names.add', a: [name, { range: address }] }, () => {
            const sheet = resolve();
            if (!isValidExcelName(name)) throw invalidArgument(`“${name}” is not a valid name`);
            const tables = new Set(state.sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase())));
            if (
              [...sheet.names.keys()].some((n) => n.toLowerCase() === name.toLowerCase()) ||
              tables.has(name.toLowerCase())
            )
              throw invalidArgument(`The name “${name}” already exists`);
            sheet.names.set(name, address);
          });
        },
      },
      /**
       * Cell notes, ExcelApi 1.18. A host without the set has no such API: the command fails with ApiNotFound
       * (office.js: "The method or property … is part of the … requirement set, which is not available in your
       * version of …"; the code is one of OfficeExtension.ErrorCodes).
       * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/excel/excel-api-1-18-requirement-set
       * https://learn.microsoft.com/en-us/office/dev/add-ins/testing/application-specific-api-error-handling
       * `add` takes one cell ("If the string is invalid, or the range is not a single cell, an
       * InvalidCellAddress error is thrown"):
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.notecollection#excel-excel-notecollection-add-member(1)
       * A protected sheet refuses new notes unless protected with `allowEditObjects` (notes are objects of the
       * sheet; Excel disables “New Note” on a protected sheet):
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotectionoptions#excel-excel-worksheetprotectionoptions-alloweditobjects-member
       * https://support.microsoft.com/office/protect-a-worksheet-3179efdb-1285-4d49-a9c3-f4ca36276de6
       */
      notes: {
        add(cell: { __address?: string } | string, content: string) {
          const address = typeof cell === 'string' ? cell : (cell.__address ?? '');
          q({ m: 'notes.add', a: [address, content] }, () => {
            if (versionBelow(state.excelApi, '1.18'))
              throw new FakeExcelError('ApiNotFound', 'Worksheet.notes needs ExcelApi 1.18');
            const a = parseAddress(address);
            if (a.top !== a.bottom || a.left !== a.right)
              throw new FakeExcelError('InvalidCellAddress', `a note goes on one cell, not ${address}`);
            const sheet = resolve();
            if (sheet.protected && !sheet.protectedAllowsObjects)
              throw invalidOperation('the sheet is protected: notes cannot be added');
            sheet.notes.set(`${colName(a.left)}${a.top}`, String(content));
          });
        },
      },
      protection: {
        get protected() {
          if (loadedProtected === undefined) throw notLoaded('protected');
          return loadedProtected;
        },
        load(p: string) {
          q({ m: 'protection.load', a: [p] }, () => {});
          onSynced(() => (loadedProtected = resolve().protected));
        },
        protect(options?: { allowEditObjects?: boolean }) {
          q({ m: 'protection.protect', a: [options ?? null] }, () => {
            const sheet = resolve();
            sheet.protected = true;
            sheet.protectedAllowsObjects = options?.allowEditObjects === true;
          });
        },
        unprotect() {
          q({ m: 'protection.unprotect' }, () => {
            const sheet = resolve();
            sheet.protected = false;
            sheet.protectedAllowsObjects = false;
          });
        },
      },
      /**
       * Manual page breaks: `add` breaks above the top-left cell of the range.
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagebreakcollection#excel-excel-pagebreakcollection-add-member(1)
       */
      horizontalPageBreaks: {
        add(range: string) {
          q({ m: 'horizontalPageBreaks.add', a: [range] }, () => {
            const page = resolve().page;
            page.breaks = [...(page.breaks ?? []), parseAddress(range).top];
          });
        },
      },
      /**
       * The page layout: properties set as given; print titles must be whole rows (`$5:$6`) or whole
       * columns (`$A:$C`), as Excel refuses anything else.
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.pagelayout
       */
      pageLayout: {
        set paperSize(v: string) {
          q({ s: 'pageLayout.paperSize', v }, () => (resolve().page.paperSize = v));
        },
        set orientation(v: string) {
          q({ s: 'pageLayout.orientation', v }, () => (resolve().page.orientation = v));
        },
        set zoom(v: FakePage['zoom']) {
          q({ s: 'pageLayout.zoom', v }, () => (resolve().page.zoom = { ...v }));
        },
        set centerHorizontally(v: boolean) {
          q({ s: 'pageLayout.centerHorizontally', v }, () => (resolve().page.centerHorizontally = v));
        },
        setPrintMargins(unit: string, options: Record<string, number>) {
          q({ m: 'pageLayout.setPrintMargins', a: [unit, options] }, () => {
            resolve().page.margins = { unit, options: { ...options } };
          });
        },
        setPrintTitleRows(rows: string) {
          q({ m: 'pageLayout.setPrintTitleRows', a: [rows] }, () => {
            if (!/^\$\d+:\$\d+$/.test(rows))
              throw invalidArgument(`print title rows must be whole rows: ${rows}`);
            resolve().page.printTitleRows = rows;
          });
        },
        setPrintTitleColumns(cols: string) {
          q({ m: 'pageLayout.setPrintTitleColumns', a: [cols] }, () => {
            if (!/^\$[A-Z]+:\$[A-Z]+$/.test(cols))
              throw invalidArgument(`print title columns must be whole columns: ${cols}`);
            resolve().page.printTitleColumns = cols;
          });
        },
        headersFooters: {
          defaultForAllPages: {
            set centerFooter(v: string) {
              q({ s: 'pageLayout.headersFooters.defaultForAllPages.centerFooter', v }, () => {
                resolve().page.centerFooter = v;
              });
            },
          },
        },
      },
      /**
       * freezeRows/freezeColumns freeze the top rows / left columns; freezeAt freezes the rows and
       * columns of the range given (from A1). Each sets the sheet's one frozen pane.
       * https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetfreezepanes
       */
      freezePanes: {
        freezeRows(n: number) {
          q({ m: 'freezePanes.freezeRows', a: [n] }, () =>
            Object.assign(resolve(), { frozenRows: n, frozenCols: 0 }),
          );
        },
        freezeColumns(n: number) {
          q({ m: 'freezePanes.freezeColumns', a: [n] }, () =>
            Object.assign(resolve(), { frozenRows: 0, frozenCols: n }),
          );
        },
        freezeAt(range: { __address?: string } | string) {
          const address = typeof range === 'string' ? range : (range.__address ?? '');
          q({ m: 'freezePanes.freezeAt', a: [address] }, () => {
            const a = parseAddress(address);
            if (a.top !== 1 || a.left !== 1) throw invalidArgument('the frozen range must start at A1');
            Object.assign(resolve(), { frozenRows: a.bottom, frozenCols: a.right });
          });
        },
      },
      activate() {
        q({ m: 'activate' }, () => (state.active = resolve().name));
      },
      delete() {
        q({ m: 'delete' }, () => {
          const s = resolve();
          state.sheets.splice(state.sheets.indexOf(s), 1);
        });
      },
    });
    return proxy as typeof proxy & Record<string, any>;
  }

  const worksheets = {
    items: [] as ReturnType<typeof sheetProxy>[],
    load(p: string) {
      queue({ cmd: { o: 'worksheets', m: 'load', a: [p] }, run: () => {} });
      onSynced(() => {
        worksheets.items = state.sheets.map((s) =>
          sheetProxy(() => s, `worksheets.getItem(${JSON.stringify(s.name)})`, s.name),
        );
      });
      return worksheets;
    },
    add(name: string) {
      const sheet = newSheet(name);
      queue({
        cmd: { o: 'worksheets', m: 'add', a: [name] },
        run: () => {
          if (state.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
            throw invalidArgument(`A sheet named ${name} exists`);
          }
          state.sheets.push(sheet);
        },
      });
      return sheetProxy(() => sheet, `worksheets.add(${JSON.stringify(name)})`);
    },
    getItem: (name: string) => sheetProxy(() => byName(name), `worksheets.getItem(${JSON.stringify(name)})`),
    getItemOrNullObject: (name: string) =>
      sheetProxy(
        () => state.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase()),
        `worksheets.getItemOrNullObject(${JSON.stringify(name)})`,
        undefined,
        true,
      ),
    getActiveWorksheet: () => sheetProxy(() => byName(state.active ?? ''), 'worksheets.getActiveWorksheet()'),
  };
  /** Every table of the workbook; a table's worksheet is a navigation property. */
  const tables = {
    items: [] as { name: string; worksheet: { name: string } }[],
    load(p: string) {
      queue({ cmd: { o: 'tables', m: 'load', a: [p] }, run: () => {} });
      onSynced(() => {
        tables.items = state.sheets.flatMap((s) =>
          s.tables.map((t) => ({ name: t.name, worksheet: { name: s.name } })),
        );
      });
      return tables;
    },
  };
  /** Workbook-scoped names (sheet-scoped ones are in each worksheet's `names`). */
  const names = {
    items: [] as { name: string }[],
    load(p: string) {
      queue({ cmd: { o: 'names', m: 'load', a: [p] }, run: () => {} });
      onSynced(() => {
        names.items = [...state.names.keys()].map((name) => ({ name }));
      });
      return names;
    },
  };
  return { worksheets, tables, names };
}

/** What Excel makes of text typed into a General cell: a number, a boolean, or the text. */
function typed(text: string): Value {
  const s = text.trim();
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+|\d{1,3}(?:,\d{3})+(?:\.\d*)?)(?:e[+-]?\d+)?)(%?)$/i.exec(s);
  if (!m) return text;
  const n = Number(m[1]!.replace(/,/g, '')) / (m[2] ? 100 : 1);
  return Number.isFinite(n) ? n : text;
}

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const utf8 = new TextEncoder();

/** Whether version `a` (`1.9`) is below `b` (`1.18`), part by part. */
function versionBelow(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

export interface FakeExcelOptions {
  /** The ExcelApi requirement set the fake plays; default 1.18 (notes). */
  excelApi?: string;
  /**
   * Whether the host has nested app authentication (`NestedAppAuth` 1.1, the set's only version; Office on the
   * web only for documents opened from SharePoint Online or OneDrive); default false, as in an older Office.
   * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets
   */
  nestedAppAuth?: boolean;
}

export function createFakeExcel(
  initialSheets: string[] = ['Sheet1'],
  options: FakeExcelOptions = {},
): FakeExcel {
  const state: FakeState = {
    excelApi: options.excelApi ?? '1.18',
    sheets: initialSheets.map(newSheet),
    names: new Map(),
    active: initialSheets[0],
    tableCount: 0,
  };
  const stats = { syncs: 0, requestBytes: [] as number[] };

  async function run<T>(batch: (context: FakeContext) => Promise<T>): Promise<T> {
    let ops: Op[] = [];
    let afterSync: (() => void)[] = [];
    const workbook = makeWorkbookProxy(
      state,
      (op) => ops.push(op),
      (fn) => afterSync.push(fn),
    );
    const context: FakeContext = {
      workbook,
      async sync() {
        stats.syncs++;
        const current = ops;
        const loads = afterSync;
        ops = [];
        afterSync = [];
        // The request is the serialised commands, measured as sent (UTF-8).
        const bytes = utf8.encode(JSON.stringify(current.map((op) => op.cmd))).length;
        stats.requestBytes.push(bytes);
        await Promise.resolve();
        if (bytes > REQUEST_LIMIT_BYTES)
          throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `the request is ${bytes} bytes`);
        for (const op of current) op.run();
        for (const fn of loads) fn();
      },
    };
    return batch(context);
  }

  const fake: FakeExcel = {
    Excel: { run },
    Office: {
      context: {
        requirements: {
          isSetSupported: (name, minVersion = '1.1') =>
            (name === 'ExcelApi' && !versionBelow(state.excelApi, minVersion)) ||
            (name === 'NestedAppAuth' && options.nestedAppAuth === true && !versionBelow('1.1', minVersion)),
        },
      },
    },
    sheets: state.sheets,
    names: state.names,
    activeSheet: () => state.sheets.find((s) => s.name === state.active),
    get selected() {
      return state.selected;
    },
    stats,
    resetStats() {
      stats.syncs = 0;
      stats.requestBytes.length = 0;
    },
    sheet(name) {
      const s = state.sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    },
    type(sheetName, ref, value) {
      const s = fake.sheet(sheetName);
      const { row, col } = parseCellRef(ref);
      const c = cellOf(s, row, col);
      if (s.protected && c.locked) throw invalidOperation(`${ref} is locked`);
      c.value = value;
    },
    value(sheetName, ref) {
      const { row, col } = parseCellRef(ref);
      return fake.sheet(sheetName).cells.get(`${row}:${col}`)?.value;
    },
    cell(sheetName, ref) {
      const { row, col } = parseCellRef(ref);
      return fake.sheet(sheetName).cells.get(`${row}:${col}`);
    },
  };
  return fake;
}
