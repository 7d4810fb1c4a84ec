/**
 * An .xlsx package as the reader needs it: the workbook part found through the package
 * relationships (absolute or relative targets, any namespace prefix), its sheets and defined
 * names, the shared strings and which styles are dates. Each part is read within the limits.
 */
import { tooLarge, WorkbookReadError } from '../workbook-error';
import type { ReadLimits } from './limits';
import { Pacer } from './pacer';
import { dateStyles } from './styles';
import { SharedStrings } from './shared-strings';
import { xmlBytes, XmlScanner } from './xml';
import { ZipArchive } from './zip';

export interface SheetEntry {
  name: string;
  /** The worksheet part's path in the zip; undefined for chart sheets and dangling references. */
  part: string | undefined;
}

export interface DefinedName {
  name: string;
  /** The formula text, e.g. `'results PC06'!$C$9`. */
  formula: string;
  /** Set for a name scoped to one sheet. */
  localSheetId?: number;
}

export interface WorkbookPackage {
  zip: ZipArchive;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
  /** Reads the shared strings and date styles (once) then gives them. */
  cellContext(): Promise<CellContext>;
  pacer: Pacer;
  limits: ReadLimits;
}

export interface CellContext {
  strings: SharedStrings;
  dateStyles: Set<number>;
  date1904: boolean;
}

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

const notXlsx = () => new WorkbookReadError('not_xlsx');

function directoryOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** A relationship target → a part path: absolute (`/xl/x.xml`) or relative to the source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    /* keep it as written */
  }
  const joined = t.startsWith('/') ? t.slice(1) : directoryOf(sourcePart) + t;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), by id. */
async function relationships(zip: ZipArchive, sourcePart: string): Promise<Map<string, Relationship>> {
  const relsPart = `${directoryOf(sourcePart)}_rels/${sourcePart.slice(directoryOf(sourcePart).length)}.rels`;
  const bytes = await zip.read(relsPart);
  const out = new Map<string, Relationship>();
  if (!bytes) return out;
  const s = new XmlScanner(xmlBytes(bytes));
  while (s.next()) {
    if (s.kind !== 'open' || s.name !== 'Relationship') continue;
    const id = s.attr('Id');
    const type = s.attr('Type') ?? '';
    const target = s.attr('Target');
    if (!id || target === undefined) continue;
    const external = (s.attr('TargetMode') ?? '').toLowerCase() === 'external';
    out.set(id, { type, target: external ? target : resolveTarget(sourcePart, target), external });
  }
  return out;
}

const typeIs = (r: Relationship, suffix: string) => !r.external && r.type.endsWith(`/${suffix}`);

export async function openWorkbookPackage(bytes: Uint8Array, limits: ReadLimits): Promise<WorkbookPackage> {
  const zip = new ZipArchive(bytes, limits);
  const pacer = new Pacer();
  const root = await relationships(zip, '');
  const officeDocument = [...root.values()].find((r) => typeIs(r, 'officeDocument'));
  const workbookPart = officeDocument?.target ?? 'xl/workbook.xml';
  const workbookBytes = await zip.read(workbookPart);
  if (!workbookBytes) throw notXlsx();
  const rels = await relationships(zip, workbookPart);

  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  const s = new XmlScanner(xmlBytes(workbookBytes));
  let name: { name: string; localSheetId?: number; formula: string } | undefined;
  let sawWorkbook = false;
  while (s.next()) {
    if (pacer.due()) await pacer.pause();
    if (s.kind === 'open') {
      if (s.name === 'workbook') sawWorkbook = true;
      else if (s.name === 'workbookPr') date1904 = /^(1|true)$/i.test(s.attr('date1904') ?? '');
      else if (s.name === 'sheet') {
        if (sheets.length >= limits.maxSheets) throw tooLarge('sheets', limits.maxSheets);
        const rel = rels.get(s.attr('id') ?? '');
        sheets.push({
          name: s.attr('name') ?? '',
          part: rel && typeIs(rel, 'worksheet') ? rel.target : undefined,
        });
      } else if (s.name === 'definedName' && !s.selfClosing) {
        if (definedNames.length >= limits.maxNames) throw tooLarge('names', limits.maxNames);
        const local = s.attr('localSheetId');
        name = { name: s.attr('name') ?? '', formula: '', ...(local ? { localSheetId: Number(local) } : {}) };
      }
    } else if (s.kind === 'text' && name) {
      name.formula += s.text;
    } else if (s.kind === 'close' && s.name === 'definedName' && name) {
      definedNames.push(name);
      name = undefined;
    }
  }
  if (!sawWorkbook) throw notXlsx();

  const relOf = (suffix: string) => [...rels.values()].find((r) => typeIs(r, suffix))?.target;
  let context: Promise<CellContext> | undefined;
  const cellContext = () =>
    (context ??= (async () => {
      const sst = relOf('sharedStrings');
      const styles = relOf('styles');
      const sstBytes = sst ? await zip.read(sst) : undefined;
      const stylesBytes = styles ? await zip.read(styles) : undefined;
      return {
        strings: sstBytes
          ? await SharedStrings.parse(xmlBytes(sstBytes), limits.maxStrings, pacer)
          : SharedStrings.empty,
        dateStyles: stylesBytes ? await dateStyles(xmlBytes(stylesBytes), pacer) : new Set<number>(),
        date1904,
      };
    })());
  return { zip, sheets, definedNames, date1904, cellContext, pacer, limits };
}
