/**
 * Workbook test helpers. Workbooks written by ExcelJS are opened with SheetJS (`xlsx`), a second,
 * independent library; raw parts (sheet XML, styles) are read from the zip through SheetJS too.
 */
import * as XLSX from 'xlsx';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { buildTemplateSheet, isoDateToSerial, type InputBinding, type Template } from '../../shared/src';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const langSon = loadCampaignBundles().find((b) => b.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
export const resultsV1 = langSon.templates.find((t) => t.id === 'results' && t.version === 1)!;

export function readBook(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'buffer', bookFiles: true, cellNF: true } as XLSX.ParsingOptions);
}

/** A part of the xlsx zip as text, e.g. `xl/worksheets/sheet1.xml`. */
export function part(book: XLSX.WorkBook, path: string): string {
  const files = (book as unknown as { files: Record<string, { content: Uint8Array }> }).files;
  const entry = files[path];
  if (!entry) throw new Error(`no part ${path} in the workbook`);
  return Buffer.from(entry.content).toString('utf8');
}

/** The A1 cell a workbook-level defined name points at (`'Sheet'!$C$7` → `C7`). */
export function namedCell(book: XLSX.WorkBook, name: string): string | undefined {
  const ref = book.Workbook?.Names?.find((n) => n.Name === name)?.Ref;
  return ref ? ref.split('!').pop()!.replace(/\$/g, '') : undefined;
}

export function valueAt(book: XLSX.WorkBook, address: string, sheet = 0): unknown {
  return book.Sheets[book.SheetNames[sheet]!]![address]?.v;
}

function put(ws: XLSX.WorkSheet, address: string, value: unknown, dateCell = false) {
  const v =
    dateCell && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? isoDateToSerial(value)
      : value;
  XLSX.utils.sheet_add_aoa(ws, [[v]], { origin: address });
  if (dateCell && typeof v === 'number') ws[address]!.z = 'dd/mm/yyyy';
}

/** Where the template's tables start (the header cells stay where buildTemplateSheet puts them). */
function tableBindings(template: Template) {
  return buildTemplateSheet(template, { campaign: langSon.campaign }).bindings.filter(
    (b): b is Extract<InputBinding, { kind: 'table' }> => b.kind === 'table',
  );
}

/**
 * Fills a template workbook the way a clerk without the add-in would, but with SheetJS: values go
 * into the input cells named `f_<key>`, table rows under the table headers; the header is kept
 * (or overwritten by `header`). Returns the new file.
 */
export function fillWithSheetJs(
  bytes: Uint8Array,
  fill: {
    values?: Record<string, unknown>;
    tables?: Record<string, Record<string, unknown>[]>;
    header?: Partial<Record<'unitId' | 'periodId' | 'templateVersion', unknown>>;
  },
  template: Template = resultsV1,
): Buffer {
  const book = XLSX.read(bytes, { type: 'buffer' });
  const ws = book.Sheets[book.SheetNames[0]!]!;
  const fields = new Map(template.sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(fill.values ?? {})) {
    const address = namedCell(book, `f_${key}`);
    if (!address) throw new Error(`no defined name f_${key}`);
    put(ws, address, value, fields.get(key)?.type === 'date');
  }
  const headerNames = { unitId: 'meta_unit', periodId: 'meta_period', templateVersion: 'meta_version' };
  for (const [key, value] of Object.entries(fill.header ?? {}))
    put(ws, namedCell(book, headerNames[key as keyof typeof headerNames])!, value);
  for (const [key, rows] of Object.entries(fill.tables ?? {})) {
    const binding = tableBindings(template).find((b) => b.key === key)!;
    const columns = template.tables.find((t) => t.key === key)!.columns;
    rows.forEach((row, r) =>
      binding.columns.forEach((colKey, c) => {
        if (row[colKey] === undefined) return;
        const address = XLSX.utils.encode_cell({ r: binding.row - 1 + r, c: binding.col - 1 + c });
        put(ws, address, row[colKey], columns.find((x) => x.key === colKey)?.type === 'date');
      }),
    );
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** A fetch that keeps binary bodies binary. */
export async function fetchBytes(
  url: string,
  init: { token?: string; method?: string; body?: Uint8Array; contentType?: string } = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer; json: any }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body ? { body: init.body as BodyInit } : {}),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: any;
  if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, json };
}
