/**
 * A small, faithful fake of the part of the Excel JavaScript API the add-in's gateway uses.
 * Like office.js, it queues every command on proxy objects and carries them out at
 * `context.sync()`; loaded properties are readable only after the sync that loaded them. It counts
 * syncs and the size of each request, refuses writes to locked cells of a protected sheet, and
 * refuses value blocks whose shape does not match their range. Runs in node and in the browser.
 */
import { parseCellRef } from '../../shared/src/sheet/cells';

export type Value = string | number | boolean;

export interface FakeCell {
  value: Value;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  wrap?: boolean;
  locked: boolean;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  merges: string[];
  names: Map<string, string>;
  tables: { name: string; address: string; style?: string }[];
  validations: {
    address: string;
    rule?: unknown;
    prompt?: { title: string; message: string };
    errorAlert?: unknown;
  }[];
  charts: { type: string; source: string; title: string; anchor: string }[];
  protected: boolean;
  frozenRows: number;
  columnWidths: Map<number, number>;
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

class InvalidOperation extends Error {
  code = 'InvalidOperation';
}

type Op = { size: number; run: () => void };

export interface FakeExcel {
  /** Stands in for the global `Excel` namespace: `run` plus the enums the gateway uses. */
  Excel: { run: <T>(batch: (context: FakeContext) => Promise<T>) => Promise<T> };
  sheets: FakeSheet[];
  activeSheet: () => FakeSheet | undefined;
  selected: { sheet: string; address: string } | undefined;
  stats: { syncs: number; requestBytes: number[] };
  resetStats(): void;
  /** What a person typing into a cell does: refused on locked cells of a protected sheet. */
  type(sheetName: string, ref: string, value: Value): void;
  sheet(name: string): FakeSheet;
  value(sheetName: string, ref: string): Value | undefined;
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
    charts: [],
    protected: false,
    frozenRows: 0,
    columnWidths: new Map(),
  };
}

function cellOf(sheet: FakeSheet, row: number, col: number): FakeCell {
  const key = `${row}:${col}`;
  let c = sheet.cells.get(key);
  if (!c) {
    c = { value: '', locked: true };
    sheet.cells.set(key, c);
  }
  return c;
}

function makeWorkbookProxy(state: FakeState, queue: (op: Op) => void, onSynced: (fn: () => void) => void) {
  const byName = (name: string) => {
    const s = state.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new InvalidOperation(`ItemNotFound: ${name}`);
    return s;
  };

  function rangeProxy(resolveSheet: () => FakeSheet, address: string) {
    const area = () => parseAddress(address);
    const forEachCell = (fn: (c: FakeCell, r: number, k: number) => void, write: boolean) => {
      const sheet = resolveSheet();
      const a = area();
      const bottom = Math.min(a.bottom, a.top + 2000);
      const right = Math.min(a.right, a.left + 200);
      for (let r = a.top; r <= bottom; r++) {
        for (let k = a.left; k <= right; k++) {
          const c = cellOf(sheet, r, k);
          if (write && sheet.protected && c.locked) {
            throw new InvalidOperation(`The cell ${address} is on a protected sheet and locked`);
          }
          fn(c, r - a.top, k - a.left);
        }
      }
    };
    const setBlock = (what: string, block: unknown[][], apply: (c: FakeCell, v: unknown) => void) => {
      queue({
        size: JSON.stringify(block).length + address.length + 40,
        run: () => {
          const a = area();
          if (block.length !== a.bottom - a.top + 1 || block.some((r) => r.length !== a.right - a.left + 1)) {
            throw new InvalidOperation(`${what}: the block does not match the size of ${address}`);
          }
          forEachCell((c, r, k) => apply(c, block[r]![k]), what === 'values');
        },
      });
    };
    const setFormat = (apply: (c: FakeCell) => void) =>
      queue({ size: address.length + 60, run: () => forEachCell(apply, true) });
    const loaded: { values?: Value[][]; rowIndex?: number; columnIndex?: number } = {};
    const proxy = {
      __address: address,
      __fillNow: undefined as undefined | (() => void),
      set values(block: Value[][]) {
        setBlock('values', block, (c, v) => {
          const text = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
          c.value = text as Value;
        });
      },
      get values(): Value[][] {
        if (!loaded.values) throw new InvalidOperation('PropertyNotLoaded: values');
        return loaded.values;
      },
      get rowIndex() {
        if (loaded.rowIndex === undefined) throw new InvalidOperation('PropertyNotLoaded: rowIndex');
        return loaded.rowIndex;
      },
      get columnIndex() {
        if (loaded.columnIndex === undefined) throw new InvalidOperation('PropertyNotLoaded: columnIndex');
        return loaded.columnIndex;
      },
      set numberFormat(block: string[][]) {
        setBlock('numberFormat', block, (c, v) => (c.numberFormat = String(v)));
      },
      set columnHidden(_v: boolean) {
        queue({ size: 40, run: () => {} });
      },
      format: {
        fill: {
          set color(v: string) {
            setFormat((c) => (c.fill = v));
          },
        },
        font: {
          set bold(v: boolean) {
            setFormat((c) => (c.bold = v));
          },
          set italic(v: boolean) {
            setFormat((c) => (c.italic = v));
          },
          set size(v: number) {
            setFormat((c) => (c.fontSize = v));
          },
          set color(v: string) {
            setFormat((c) => (c.fontColor = v));
          },
        },
        set wrapText(v: boolean) {
          setFormat((c) => (c.wrap = v));
        },
        set horizontalAlignment(_v: string) {
          setFormat(() => {});
        },
        set columnWidth(v: number) {
          queue({ size: 50, run: () => resolveSheet().columnWidths.set(area().left, v) });
        },
        set rowHeight(_v: number) {
          queue({ size: 50, run: () => {} });
        },
        protection: {
          set locked(v: boolean) {
            // Changing locking needs an unprotected sheet, as in Excel.
            setFormat((c) => (c.locked = v));
          },
        },
      },
      dataValidation: {
        set rule(rule: unknown) {
          queue({ size: JSON.stringify(rule).length + 40, run: () => (validationOf().rule = rule) });
        },
        set prompt(p: { title: string; message: string }) {
          queue({ size: JSON.stringify(p).length + 40, run: () => (validationOf().prompt = p) });
        },
        set errorAlert(e: unknown) {
          queue({ size: JSON.stringify(e).length + 40, run: () => (validationOf().errorAlert = e) });
        },
      },
      merge(_across: boolean) {
        queue({ size: address.length + 30, run: () => resolveSheet().merges.push(address) });
      },
      select() {
        queue({
          size: address.length + 20,
          run: () => (state.selected = { sheet: resolveSheet().name, address }),
        });
      },
      load(_props: string | string[]) {
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
        onSynced(fill);
        proxy.__fillNow = fill;
        return proxy;
      },
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

  function sheetProxy(resolve: () => FakeSheet, preloadedName?: string) {
    let loadedName: string | undefined = preloadedName;
    let loadedProtected: boolean | undefined;
    const proxy = {
      get name() {
        if (loadedName === undefined) throw new InvalidOperation('PropertyNotLoaded: name');
        return loadedName;
      },
      load(_p: string) {
        onSynced(() => (loadedName = resolve().name));
        return proxy;
      },
      getRange: (address: string) => rangeProxy(resolve, address),
      getUsedRangeOrNullObject(valuesOnly?: boolean) {
        return usedRange(true, valuesOnly);
      },
      getUsedRange(valuesOnly?: boolean) {
        return usedRange(false, valuesOnly);
      },
    };
    function usedRange(orNull: boolean, _valuesOnly?: boolean) {
      const sheetExists = () => {
        try {
          resolve();
          return true;
        } catch {
          return false;
        }
      };
      {
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
        let isNull = false;
        const used = {
          get isNullObject() {
            return isNull;
          },
          load(props: string | string[]) {
            queue({
              size: 30,
              run: () => {
                // The …OrNullObject variant: a missing or empty sheet gives a null object, not an error.
                if (
                  orNull &&
                  (!sheetExists() || (boxAddress() === 'A1' && !resolve().cells.get('1:1')?.value))
                ) {
                  isNull = true;
                  return;
                }
                inner = rangeProxy(resolve, boxAddress());
              },
            });
            onSynced(() => {
              if (isNull) return;
              inner!.load(props);
              inner!.__fillNow!();
            });
            return used;
          },
          get values() {
            return inner!.values;
          },
          get rowIndex() {
            return inner!.rowIndex;
          },
          get columnIndex() {
            return inner!.columnIndex;
          },
        };
        return used;
      }
    }
    Object.assign(proxy, {
      tables: {
        add(address: string, _hasHeaders: boolean) {
          const table = { name: '', address, style: undefined as string | undefined };
          queue({ size: address.length + 40, run: () => resolve().tables.push(table) });
          return {
            set name(n: string) {
              queue({ size: n.length + 20, run: () => (table.name = n) });
            },
            set style(s: string) {
              queue({ size: s.length + 20, run: () => (table.style = s) });
            },
          };
        },
      },
      charts: {
        add(type: string, source: { __address?: string }, _seriesBy?: string) {
          const chart = { type, source: String(source.__address ?? ''), title: '', anchor: '' };
          queue({ size: 80, run: () => resolve().charts.push(chart) });
          return {
            title: {
              set text(t: string) {
                queue({ size: t.length + 20, run: () => (chart.title = t) });
              },
            },
            setPosition(start: string) {
              queue({ size: 40, run: () => (chart.anchor = start) });
            },
            set width(_w: number) {
              queue({ size: 20, run: () => {} });
            },
            set height(_h: number) {
              queue({ size: 20, run: () => {} });
            },
          };
        },
      },
      names: {
        add(name: string, range: { __address?: string } | ReturnType<typeof rangeProxy>) {
          const address = (range as { __address?: string }).__address ?? '';
          queue({ size: name.length + address.length + 30, run: () => resolve().names.set(name, address) });
        },
      },
      protection: {
        get protected() {
          if (loadedProtected === undefined) throw new InvalidOperation('PropertyNotLoaded: protected');
          return loadedProtected;
        },
        load(_p: string) {
          onSynced(() => (loadedProtected = resolve().protected));
        },
        protect(_options?: unknown) {
          queue({ size: 40, run: () => (resolve().protected = true) });
        },
        unprotect() {
          queue({ size: 30, run: () => (resolve().protected = false) });
        },
      },
      freezePanes: {
        freezeRows(n: number) {
          queue({ size: 30, run: () => (resolve().frozenRows = n) });
        },
      },
      activate() {
        queue({ size: 20, run: () => (state.active = resolve().name) });
      },
      delete() {
        queue({
          size: 20,
          run: () => {
            const s = resolve();
            state.sheets.splice(state.sheets.indexOf(s), 1);
          },
        });
      },
    });
    return proxy as typeof proxy & Record<string, any>;
  }

  const worksheets = {
    items: [] as ReturnType<typeof sheetProxy>[],
    load(_p: string) {
      onSynced(() => {
        worksheets.items = state.sheets.map((s) => sheetProxy(() => s, s.name));
      });
      return worksheets;
    },
    add(name: string) {
      const sheet = newSheet(name);
      queue({
        size: name.length + 30,
        run: () => {
          if (state.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
            throw new InvalidOperation(`A sheet named ${name} exists`);
          }
          state.sheets.push(sheet);
        },
      });
      return sheetProxy(() => sheet);
    },
    getItem: (name: string) => sheetProxy(() => byName(name)),
    getItemOrNullObject: (name: string) => sheetProxy(() => byName(name)),
    getActiveWorksheet: () => sheetProxy(() => byName(state.active ?? '')),
  };
  return { worksheets };
}

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface FakeState {
  sheets: FakeSheet[];
  active?: string;
  selected?: { sheet: string; address: string };
}

export function createFakeExcel(initialSheets: string[] = ['Sheet1']): FakeExcel {
  const state: FakeState = { sheets: initialSheets.map(newSheet), active: initialSheets[0] };
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
        stats.requestBytes.push(current.reduce((n, op) => n + op.size, 0));
        await Promise.resolve();
        for (const op of current) op.run();
        for (const fn of loads) fn();
      },
    };
    return batch(context);
  }

  const fake: FakeExcel = {
    Excel: { run },
    sheets: state.sheets,
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
      if (s.protected && c.locked) throw new InvalidOperation(`${ref} is locked`);
      c.value = value;
    },
    value(sheetName, ref) {
      const { row, col } = parseCellRef(ref);
      return fake.sheet(sheetName).cells.get(`${row}:${col}`)?.value;
    },
  };
  return fake;
}
