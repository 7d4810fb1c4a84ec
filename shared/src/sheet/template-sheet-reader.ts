/**
 * The mirror of template-sheet.ts: cell values (from office.js or an uploaded .xlsx) → a submission
 * draft, through the sheet model's bindings (docs/architecture.md, "The sheet model").
 */
import type { FieldValue, TableRow, Template } from '../schemas';
import { nfc } from '../text';
import type { ValidationIssue } from '../validation';
import { cellRef, fromCellValue } from './cells';
import type { CellValue, InputBinding, SheetModel } from './model';
import { buildTemplateSheet, type TemplateSheetContext } from './template-sheet';

/**
 * A unit or period as read from a form: its id, or the name a blank form's list offered (matched
 * without regard to case or Unicode form; a name followed by “ — …”, as the period cell shows it,
 * too). What matches nothing is returned as read, for validation to name.
 */
export function resolvePicked(text: string, options: readonly { id: string; label: string }[]): string {
  const fold = (s: string) => nfc(s).trim().toLocaleLowerCase('vi');
  const t = fold(text);
  if (options.some((o) => o.id === text.trim())) return text.trim();
  const hit =
    options.find((o) => fold(o.label) === t) ?? options.find((o) => t.startsWith(`${fold(o.label)} — `));
  return hit ? hit.id : text.trim();
}

/** What a sheet read gives: the draft, and where each value came from. */
export interface SheetDraft {
  campaignId: string | null;
  unitId: string | null;
  periodId: string | null;
  templateId: string | null;
  templateVersion: number | null;
  values: Record<string, FieldValue>;
  tables: Record<string, TableRow[]>;
  /** Issue path (`values.key`, `tables.key[r].col`) → A1 cell. */
  cells: Record<string, string>;
}

/** Reads cell values (any source) → a submission draft, via the sheet model's bindings. */
export function readTemplateSheet(
  template: Template,
  bindings: readonly InputBinding[],
  cellAt: (row: number, col: number) => CellValue | Date | undefined,
): SheetDraft {
  const draft: SheetDraft = {
    campaignId: null,
    unitId: null,
    periodId: null,
    templateId: null,
    templateVersion: null,
    values: {},
    tables: {},
    cells: {},
  };
  const fields = new Map(template.sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
  const tables = new Map(template.tables.map((t) => [t.key, t]));
  for (const b of bindings) {
    if (b.kind === 'meta') {
      let raw = cellAt(b.row, b.col);
      // A blank form: the unit or period picked by name in the visible cell (the API maps it to its id).
      if ((raw === null || raw === undefined || String(raw).trim() === '') && b.pick)
        raw = cellAt(b.pick.row, b.pick.col);
      if (b.key === 'templateVersion') {
        const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
        draft.templateVersion = Number.isInteger(n) && n > 0 ? n : null;
      } else {
        const s = raw === null || raw === undefined ? '' : String(raw).trim();
        draft[b.key] = s === '' ? null : s;
      }
    } else if (b.kind === 'field') {
      const f = fields.get(b.key);
      if (!f) continue;
      const v = fromCellValue(f, cellAt(b.row, b.col));
      draft.cells[`values.${b.key}`] = cellRef(b.row, b.col);
      if (v !== null) draft.values[b.key] = v;
    } else {
      const t = tables.get(b.key);
      if (!t) continue;
      const rows: TableRow[] = [];
      for (let r = 0; r < b.rows; r++) {
        const row: TableRow = {};
        b.columns.forEach((colKey, ci) => {
          const c = t.columns.find((x) => x.key === colKey);
          if (!c) return;
          const v = fromCellValue(c, cellAt(b.row + r, b.col + ci));
          if (v !== null) row[colKey] = v;
        });
        if (Object.keys(row).length === 0) continue;
        const index = rows.length;
        b.columns.forEach((colKey, ci) => {
          draft.cells[`tables.${b.key}[${index}].${colKey}`] = cellRef(b.row + r, b.col + ci);
        });
        rows.push(row);
      }
      draft.tables[b.key] = rows;
    }
  }
  return draft;
}

/** Adds the worksheet cell to each validation issue that has one. */
export function attachCells(issues: ValidationIssue[], cells: Record<string, string>): ValidationIssue[] {
  return issues.map((i) => {
    const cell = cells[i.path] ?? (i.path.startsWith('tables.') ? undefined : cells[`values.${i.key}`]);
    return cell ? { ...i, cell } : i;
  });
}

export type LocatedSheet =
  | { ok: true; template: Template; sheet: SheetModel; draft: SheetDraft }
  | {
      ok: false;
      reason: 'not_a_template' | 'unknown_template';
      templateId?: string;
      templateVersion?: number;
    };

/**
 * Reads a template sheet whose template is not known yet: the header rows are the same for every
 * template of a campaign, so the template id and version are read first, then the sheet itself.
 */
export function readCampaignSheet(
  campaign: TemplateSheetContext['campaign'],
  templates: readonly Template[],
  cellAt: (row: number, col: number) => CellValue | Date | undefined,
): LocatedSheet {
  const any = templates[0];
  if (!any) return { ok: false, reason: 'unknown_template' };
  const header = readTemplateSheet(
    any,
    buildTemplateSheet(any, { campaign }).bindings.filter((b) => b.kind === 'meta'),
    cellAt,
  );
  if (header.campaignId !== campaign.id || !header.templateId || header.templateVersion === null) {
    return { ok: false, reason: 'not_a_template' };
  }
  const template = templates.find((t) => t.id === header.templateId && t.version === header.templateVersion);
  if (!template) {
    return {
      ok: false,
      reason: 'unknown_template',
      templateId: header.templateId,
      templateVersion: header.templateVersion,
    };
  }
  const sheet = buildTemplateSheet(template, { campaign });
  return { ok: true, template, sheet, draft: readTemplateSheet(template, sheet.bindings, cellAt) };
}
