/**
 * Reading an uploaded template workbook: the mirror of xlsx-writer. Finds the template sheet,
 * reads which template and version it is, rebuilds that template's sheet model for its bindings
 * and reads the cells through the shared readTemplateSheet, so an .xlsx upload goes through the
 * same reading code (and then the same validation) as the add-in.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import {
  buildTemplateSheet,
  cellRef,
  parseCellRef,
  readTemplateSheet,
  type Campaign,
  type CellValue,
  type InputBinding,
  type SheetDraft,
  type ProblemParams,
  type Template,
} from '../../../shared/src';

export type WorkbookErrorCode =
  'not_xlsx' | 'workbook_too_large' | 'not_template_workbook' | 'other_campaign' | 'unknown_template';

/** Anything wrong with the uploaded file itself; the HTTP layer answers 400 (413 for workbook_too_large). */
export class WorkbookReadError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    readonly params?: ProblemParams,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'WorkbookReadError';
  }
}

export interface ReadTemplateWorkbookOptions {
  campaign: Pick<Campaign, 'id' | 'name' | 'organisation' | 'mottos'>;
  /** Every version of the campaign's templates. */
  templates: readonly Template[];
  /** Largest total of the workbook's parts once unzipped. Default 64 MiB. */
  maxUnzippedBytes?: number;
}

export interface TemplateWorkbook {
  template: Template;
  sheetName: string;
  draft: SheetDraft;
  /** A1 cells of the header values (campaignId, unitId, periodId, templateId, templateVersion). */
  metaCells: Partial<Record<InputBinding['key'], string>>;
}

const DEFAULT_MAX_UNZIPPED = 64 * 1024 * 1024;

/**
 * A cheap look at the zip's central directory before any inflating: the file must be a zip, and
 * the sizes it declares must stay within the limit (a few hundred KB can unzip to gigabytes).
 */
export function inspectZip(bytes: Uint8Array, maxUnzippedBytes = DEFAULT_MAX_UNZIPPED): void {
  const notXlsx = () => new WorkbookReadError('not_xlsx');
  if (bytes.length < 30 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4)
    throw notXlsx();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entries === 0 || cdOffset + cdSize > bytes.length) throw notXlsx();
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw notXlsx();
    total += view.getUint32(p + 24, true); // uncompressed size (0xffffffff for zip64: refused below)
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (total > maxUnzippedBytes || entries > 10_000) throw new WorkbookReadError('workbook_too_large');
}

/** An ExcelJS cell value as a plain value: rich text → text, formula → its cached result, error → its code. */
export function plainCellValue(value: ExcelJS.CellValue | undefined): CellValue | Date | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return plainCellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    if ('hyperlink' in value) return plainCellValue((value as ExcelJS.CellHyperlinkValue).text);
  }
  return String(value);
}

interface NameRef {
  sheetName: string;
  row: number;
  col: number;
}

/** Where a workbook-level defined name points (its first cell), if it points at a cell. */
function definedName(wb: ExcelJS.Workbook, name: string): NameRef | undefined {
  const ranges = wb.definedNames.getRanges(name).ranges;
  const first = ranges[0];
  if (!first) return undefined;
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)/.exec(first);
  if (!m) return undefined;
  const sheetName = (m[1] ?? m[2]!).replace(/''/g, "'");
  return { sheetName, ...parseCellRef(`${m[3]}${m[4]}`) };
}

function text(v: CellValue | Date | undefined): string {
  if (v === null || v === undefined) return '';
  return (v instanceof Date ? v.toISOString() : String(v)).trim();
}

function versionOf(v: CellValue | Date | undefined): number | undefined {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Reads a filled template workbook into a submission draft. Throws WorkbookReadError for a bad file. */
export async function readTemplateWorkbook(
  buffer: Uint8Array,
  options: ReadTemplateWorkbookOptions,
): Promise<TemplateWorkbook> {
  const { campaign, templates } = options;
  inspectZip(buffer, options.maxUnzippedBytes);
  const wb = new (loadExcelJS().Workbook)();
  try {
    await wb.xlsx.load(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) as never);
  } catch {
    throw new WorkbookReadError('not_xlsx');
  }
  const notTemplate = () => new WorkbookReadError('not_template_workbook');
  if (templates.length === 0) throw notTemplate();

  // Where buildTemplateSheet puts the header values (the same for every template of a campaign).
  const layout = buildTemplateSheet(templates[0]!, { campaign });
  const metaAt = (key: InputBinding['key']) => {
    const b = layout.bindings.find((x) => x.kind === 'meta' && x.key === key);
    return b ? { row: b.row, col: b.col } : undefined;
  };
  const expectedTemplate = metaAt('templateId')!;
  const expectedVersion = metaAt('templateVersion')!;
  const knownIds = new Set(templates.map((t) => t.id));

  // 1. The sheet the defined names meta_template and meta_version point into.
  let ws: ExcelJS.Worksheet | undefined;
  let offset = { rows: 0, cols: 0 };
  const idName = definedName(wb, 'meta_template');
  const versionName = definedName(wb, 'meta_version');
  if (idName && versionName && idName.sheetName === versionName.sheetName) {
    const candidate = wb.getWorksheet(idName.sheetName);
    if (candidate) {
      ws = candidate;
      offset = { rows: idName.row - expectedTemplate.row, cols: idName.col - expectedTemplate.col };
    }
  }
  // 2. Otherwise the first sheet with a known template id and a version where the layout puts them.
  if (!ws) {
    ws = wb.worksheets.find(
      (s) =>
        knownIds.has(text(plainCellValue(s.getCell(expectedTemplate.row, expectedTemplate.col).value))) &&
        versionOf(plainCellValue(s.getCell(expectedVersion.row, expectedVersion.col).value)) !== undefined,
    );
  }
  if (!ws) throw notTemplate();
  const sheet = ws;

  const cellAt = (row: number, col: number) =>
    row < 1 || col < 1 ? undefined : plainCellValue(sheet.getCell(row, col).value);
  const templateId = text(cellAt(expectedTemplate.row + offset.rows, expectedTemplate.col + offset.cols));
  const versionRaw = cellAt(expectedVersion.row + offset.rows, expectedVersion.col + offset.cols);
  const version = versionOf(versionRaw);
  if (!templateId || version === undefined) throw notTemplate();
  const template = templates.find((t) => t.id === templateId && t.version === version);
  if (!template) {
    throw new WorkbookReadError(
      'unknown_template',
      { templateId, version },
      {
        templateId,
        templateVersion: version,
      },
    );
  }

  // The template's own bindings, moved to where the file's defined names say the cells are
  // (a header that grew or shrank since the file was made moves every row by the same offset).
  const model = buildTemplateSheet(template, { campaign });
  const sheetNameRef = (name: string) => {
    const ref = definedName(wb, name);
    return ref && ref.sheetName === sheet.name ? ref : undefined;
  };
  const bindings: InputBinding[] = model.bindings.map((b) => {
    const named = b.kind === 'field' ? sheetNameRef(`f_${b.key}`) : undefined;
    return named
      ? { ...b, row: named.row, col: named.col }
      : { ...b, row: b.row + offset.rows, col: b.col + offset.cols };
  });
  const draft = readTemplateSheet(template, bindings, cellAt);
  if (draft.campaignId !== null && draft.campaignId !== campaign.id) {
    throw new WorkbookReadError(
      'other_campaign',
      { found: draft.campaignId, expected: campaign.id },
      { campaignId: draft.campaignId },
    );
  }
  const metaCells: TemplateWorkbook['metaCells'] = {};
  for (const b of bindings) if (b.kind === 'meta') metaCells[b.key] = cellRef(b.row, b.col);
  return { template, sheetName: sheet.name, draft, metaCells };
}
