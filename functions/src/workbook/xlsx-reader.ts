/**
 * Reading an uploaded template workbook: the mirror of xlsx-writer. Finds the template sheet,
 * reads which template and version it is, rebuilds that template's sheet model for its bindings
 * and reads the cells through the shared readTemplateSheet, so an .xlsx upload goes through the
 * same reading code (and then the same validation) as the add-in.
 *
 * The file is read by the bounded reader in ./xlsx (not ExcelJS): only the parts and cells needed,
 * within ReadLimits whatever the file declares, yielding to the event loop as it goes.
 */
import {
  buildTemplateSheet,
  cellRef,
  parseCellRef,
  readTemplateSheet,
  type Campaign,
  type InputBinding,
  type SheetDraft,
  type Template,
} from '../../../shared/src';
import { DEFAULT_LIMITS, type ReadLimits } from './xlsx/limits';
import { openWorkbookPackage, type DefinedName, type WorkbookPackage } from './xlsx/package';
import { readSheetCells, type ReadValue, type SheetCells } from './xlsx/sheet';
import { xmlBytes } from './xlsx/xml';
import { WorkbookReadError } from './workbook-error';

export { WorkbookReadError, type WorkbookErrorCode } from './workbook-error';

export interface ReadTemplateWorkbookOptions {
  campaign: Pick<Campaign, 'id' | 'name' | 'organisation' | 'mottos'>;
  /** Every version of the campaign's templates. */
  templates: readonly Template[];
  /** Bounds of the read (tests lower them); DEFAULT_LIMITS otherwise. */
  limits?: Partial<ReadLimits>;
}

export interface TemplateWorkbook {
  template: Template;
  sheetName: string;
  draft: SheetDraft;
  /** A1 cells of the header values (campaignId, unitId, periodId, templateId, templateVersion). */
  metaCells: Partial<Record<InputBinding['key'], string>>;
}

interface NameRef {
  sheetName: string;
  row: number;
  col: number;
}

/** Where each defined name points (its first cell), by name in lower case; workbook-level names first. */
function definedNames(pkg: WorkbookPackage): (name: string) => NameRef | undefined {
  const byName = new Map<string, DefinedName>();
  for (const n of pkg.definedNames) {
    const key = n.name.toLowerCase();
    const seen = byName.get(key);
    if (!seen || (seen.localSheetId !== undefined && n.localSheetId === undefined)) byName.set(key, n);
  }
  return (name) => {
    const found = byName.get(name.toLowerCase());
    const m = found && /^\s*=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)/.exec(found.formula);
    if (!m) return undefined;
    const sheetName = (m[1] ?? m[2]!).replace(/''/g, "'");
    return { sheetName, ...parseCellRef(`${m[3]!.toUpperCase()}${m[4]}`) };
  };
}

function text(v: ReadValue | undefined): string {
  if (v === null || v === undefined) return '';
  return (v instanceof Date ? v.toISOString() : String(v)).trim();
}

function versionOf(v: ReadValue | undefined): number | undefined {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Reads a filled template workbook into a submission draft. Throws WorkbookReadError for a bad file. */
export async function readTemplateWorkbook(
  buffer: Uint8Array,
  options: ReadTemplateWorkbookOptions,
): Promise<TemplateWorkbook> {
  const { campaign, templates } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const pkg = await openWorkbookPackage(buffer, limits);
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
  const ctx = await pkg.cellContext();
  const definedName = definedNames(pkg);
  const sheetXml = async (part: string | undefined) => {
    const bytes = part ? await pkg.zip.read(part) : undefined;
    return bytes ? xmlBytes(bytes) : undefined;
  };
  const readCells = (xml: string, sheetName: string, lastRow?: number) =>
    readSheetCells(xml, ctx, pkg.pacer, {
      maxCells: limits.maxCells,
      sheetName,
      ...(lastRow !== undefined ? { lastRow } : {}),
    });

  // 1. The sheet the defined names meta_template and meta_version point into.
  let found: { name: string; cells: SheetCells } | undefined;
  let offset = { rows: 0, cols: 0 };
  const idName = definedName('meta_template');
  const versionName = definedName('meta_version');
  if (idName && versionName && idName.sheetName === versionName.sheetName) {
    const entry =
      pkg.sheets.find((s) => s.name === idName.sheetName) ??
      pkg.sheets.find((s) => s.name.toLowerCase() === idName.sheetName.toLowerCase());
    const xml = await sheetXml(entry?.part);
    if (entry && xml !== undefined) {
      found = { name: entry.name, cells: await readCells(xml, entry.name) };
      offset = { rows: idName.row - expectedTemplate.row, cols: idName.col - expectedTemplate.col };
    }
  }
  // 2. Otherwise the first sheet with a known template id and a version where the layout puts them
  //    (only each sheet's first rows are read to decide).
  if (!found) {
    const headerRows = Math.max(expectedTemplate.row, expectedVersion.row);
    const examined = new Set<string>(); // each part once, however many sheets point at it
    for (const entry of pkg.sheets) {
      if (!entry.part || examined.has(entry.part)) continue;
      examined.add(entry.part);
      const xml = await sheetXml(entry.part);
      if (xml === undefined) continue;
      const head = await readCells(xml, entry.name, headerRows);
      if (
        knownIds.has(text(head.get(expectedTemplate.row, expectedTemplate.col))) &&
        versionOf(head.get(expectedVersion.row, expectedVersion.col)) !== undefined
      ) {
        found = { name: entry.name, cells: await readCells(xml, entry.name) };
        break;
      }
    }
  }
  if (!found) throw notTemplate();
  const { name: sheetName, cells } = found;

  const cellAt = (row: number, col: number) => cells.get(row, col);
  const templateId = text(cellAt(expectedTemplate.row + offset.rows, expectedTemplate.col + offset.cols));
  const versionRaw = cellAt(expectedVersion.row + offset.rows, expectedVersion.col + offset.cols);
  const version = versionOf(versionRaw);
  if (!templateId || version === undefined) throw notTemplate();
  const template = templates.find((t) => t.id === templateId && t.version === version);
  if (!template) {
    throw new WorkbookReadError(
      'unknown_template',
      { templateId, version },
      { templateId, templateVersion: version },
    );
  }

  // The template's own bindings, moved to where the file's defined names say the cells are
  // (a header that grew or shrank since the file was made moves every row by the same offset).
  const model = buildTemplateSheet(template, { campaign });
  const sheetNameRef = (name: string) => {
    const ref = definedName(name);
    return ref && ref.sheetName.toLowerCase() === sheetName.toLowerCase() ? ref : undefined;
  };
  const bindings: InputBinding[] = model.bindings.map((b) => {
    const named = b.kind === 'field' ? sheetNameRef(`f_${b.key}`) : undefined;
    if (named) return { ...b, row: named.row, col: named.col };
    const moved = { ...b, row: b.row + offset.rows, col: b.col + offset.cols };
    return moved.kind === 'meta' && moved.pick
      ? { ...moved, pick: { row: moved.pick.row + offset.rows, col: moved.pick.col + offset.cols } }
      : moved;
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
  return { template, sheetName, draft, metaCells };
}
