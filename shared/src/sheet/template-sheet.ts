/**
 * Template → sheet model (what a clerk fills), and the mirror: the sheet's cell values → a
 * submission draft. Both renderers (office.js and .xlsx) draw this model; both readers use
 * readTemplateSheet, so no layout logic is written twice.
 */
import { catalogue } from '../i18n/catalogue';
import { sheetLabels } from '../i18n/labels';
import { formatDateVi } from '../periods';
import type {
  Campaign,
  Column,
  Field,
  FieldValue,
  Language,
  Period,
  TableRow,
  Template,
  Unit,
} from '../schemas';
import { activeTables } from '../template';
import { localize } from '../text';
import { DEFAULT_MAX_LENGTH, type ValidationIssue } from '../validation';
import {
  BOOLEAN_WORDS,
  cellRef,
  fromCellValue,
  numberFormatFor,
  rangeRef,
  safeSheetName,
  toCellValue,
} from './cells';
import {
  emptySheet,
  type CellModel,
  type CellValue,
  type DataValidationModel,
  type InputBinding,
  type SheetModel,
} from './model';

export interface TemplateSheetContext {
  campaign: Pick<Campaign, 'id' | 'name' | 'organisation' | 'mottos'>;
  unit?: Pick<Unit, 'id' | 'name'>;
  period?: Pick<Period, 'id' | 'label' | 'due'>;
  lang?: Language;
  /** Values to prefill (e.g. moving a draft to a new template version). */
  values?: Record<string, FieldValue>;
  tables?: Record<string, TableRow[]>;
}

/** Column layout of a template sheet. */
export const TEMPLATE_COLUMNS = { number: 1, label: 2, value: 3, note: 4 } as const;
const LAST_COLUMN = 4;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
export function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}

/** Defined names of the header cells and of each field's input cell. */
export const META_NAMES = {
  campaignId: 'meta_campaign',
  unitId: 'meta_unit',
  periodId: 'meta_period',
  templateId: 'meta_template',
  templateVersion: 'meta_version',
  receipt: 'meta_receipt',
} as const;
export const fieldName = (key: string) => `f_${key}`;
export const tableName = (key: string) => `t_${key}`;

function clip(text: string, max: number): string {
  return [...text].length <= max ? text : [...text].slice(0, max - 1).join('') + '…';
}

function promptFor(def: Field | Column, lang: Language): string {
  const help = def.help ? localize(def.help, lang) : '';
  const { prompts, locale } = catalogue(lang);
  let rule = '';
  switch (def.type) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'date':
      rule = prompts[def.type];
      break;
    case 'choice':
    case 'boolean':
      rule = prompts.pick;
      break;
    default:
      rule = prompts.maxLength((def.maxLength ?? DEFAULT_MAX_LENGTH[def.type]).toLocaleString(locale));
  }
  const min = def.min ?? (def.type === 'percent' ? 0 : undefined);
  const max = def.max ?? (def.type === 'percent' ? 1 : undefined);
  const fmt = (n: number) => (def.type === 'percent' ? `${n * 100}%` : n.toLocaleString(locale));
  if (min !== undefined && max !== undefined) rule += prompts.between(fmt(min), fmt(max));
  else if (min !== undefined) rule += prompts.atLeast(fmt(min));
  else if (max !== undefined) rule += prompts.atMost(fmt(max));
  if (def.required) rule += prompts.required;
  return clip(help ? `${rule}. ${help}` : `${rule}.`, 255);
}

/** The Excel data validation of an input cell or table column, with Vietnamese prompt and error. */
export function validationFor(def: Field | Column, ref: string, lang: Language): DataValidationModel {
  const label = localize(def.label, lang);
  const prompt = { title: clip(label, 32), message: promptFor(def, lang) };
  const errorTitle = catalogue(lang).prompts.invalidTitle;
  const base = { ref, prompt, error: { title: errorTitle, message: prompt.message } };
  const bounds = (
    min?: number,
    max?: number,
  ): Pick<DataValidationModel, 'operator' | 'formula1' | 'formula2'> => {
    if (min !== undefined && max !== undefined) return { operator: 'between', formula1: min, formula2: max };
    if (max !== undefined) return { operator: 'lessThanOrEqual', formula1: max };
    return { operator: 'greaterThanOrEqual', formula1: min ?? -1e15 };
  };
  switch (def.type) {
    case 'integer':
      return { ...base, type: 'whole', ...bounds(def.min, def.max) };
    case 'decimal':
      return { ...base, type: 'decimal', ...bounds(def.min, def.max) };
    case 'percent':
      return { ...base, type: 'decimal', ...bounds(def.min ?? 0, def.max ?? 1) };
    case 'date':
      return { ...base, type: 'date', operator: 'between', formula1: '1990-01-01', formula2: '2100-12-31' };
    case 'choice':
      return {
        ...base,
        type: 'list',
        operator: 'between',
        list: (def.choices ?? []).map((c) => localize(c.label, lang)),
      };
    case 'boolean':
      return { ...base, type: 'list', operator: 'between', list: [...BOOLEAN_WORDS[lang]] };
    case 'text':
    case 'longtext':
      return {
        ...base,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formula1: def.maxLength ?? DEFAULT_MAX_LENGTH[def.type],
      };
  }
}

/** Sheet name of a template sheet: template id, unit and period, within Excel's 31 characters. */
export function templateSheetName(
  template: Pick<Template, 'id' | 'version'>,
  unitId?: string,
  periodId?: string,
): string {
  return safeSheetName([template.id, unitId, periodId].filter(Boolean).join(' '));
}

export function buildTemplateSheet(template: Template, ctx: TemplateSheetContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(templateSheetName(template, ctx.unit?.id, ctx.period?.id), 'template');
  sheet.protect = true;
  sheet.columns = [{ width: 7 }, { width: 62 }, { width: 20 }, { width: 30 }];
  const cells = sheet.cells;
  const put = (row: number, col: number, value: CellValue, extra: Partial<CellModel> = {}) => {
    cells.push({ row, col, value, ...extra });
  };
  const mergeRow = (row: number, from = 1, to = LAST_COLUMN) =>
    sheet.merges.push(rangeRef(row, from, row, to));

  let row = 1;
  put(row, 1, ctx.campaign.organisation.toLocaleUpperCase('vi'), { style: 'subtitle' });
  mergeRow(row++);
  put(row, 1, localize(template.title, lang).toLocaleUpperCase(lang), { style: 'title', wrap: true });
  mergeRow(row);
  sheet.rowHeights = { [row]: 36 };
  row++;
  put(row, 1, localize(ctx.campaign.name, lang), { style: 'subtitle', wrap: true });
  mergeRow(row++);
  if (ctx.campaign.mottos.length) {
    put(row, 1, ctx.campaign.mottos.map((m) => `${m.title}: ${m.text}`).join('\n'), {
      style: 'motto',
      wrap: true,
    });
    sheet.rowHeights[row] = 15 * ctx.campaign.mottos.length + 6;
    mergeRow(row++);
  }
  row++;

  // Header: what this sheet is about. Column C holds the identifiers the reader needs.
  const header = (
    key: keyof typeof META_NAMES & InputBinding['key'],
    label: string,
    value: CellValue,
    text: string,
    input: boolean,
  ) => {
    put(row, 2, label, { style: 'headerLabel' });
    put(row, 3, value, {
      style: input ? 'input' : 'headerValue',
      numberFormat: '@',
      ...(input ? { unlocked: true } : {}),
    });
    put(row, 4, text, { style: 'note', wrap: true });
    sheet.names.push({ name: META_NAMES[key], ref: cellRef(row, 3) });
    sheet.bindings.push({ kind: 'meta', key: key as 'campaignId', row, col: 3 });
    if (input) {
      sheet.validations.push({
        ref: cellRef(row, 3),
        type: 'textLength',
        operator: 'between',
        formula1: 1,
        formula2: 40,
        prompt: {
          title: clip(label, 32),
          message: catalogue(lang).prompts.enterCode(label),
        },
        error: { title: catalogue(lang).prompts.invalidTitle, message: catalogue(lang).prompts.codeLength },
      });
    }
    row++;
  };
  header('campaignId', L.campaign, ctx.campaign.id, localize(ctx.campaign.name, lang), false);
  header('unitId', L.unit, ctx.unit?.id ?? null, ctx.unit?.name ?? '', !ctx.unit);
  const periodText = ctx.period
    ? `${localize(ctx.period.label, lang)} — ${L.due}: ${formatDateVi(ctx.period.due)}`
    : '';
  header('periodId', L.period, ctx.period?.id ?? null, periodText, !ctx.period);
  header('templateId', L.template, template.id, localize(template.title, lang), false);
  header('templateVersion', L.version, template.version, '', false);
  put(row, 2, L.receipt, { style: 'headerLabel' });
  put(row, 3, null, { style: 'headerValue' });
  sheet.merges.push(rangeRef(row, 3, row, 4));
  sheet.names.push({ name: META_NAMES.receipt, ref: cellRef(row, 3) });
  row += 2;
  put(row, 1, L.inputHint, { style: 'hint' });
  mergeRow(row++);

  // Column headings, then one block per section.
  [L.number, L.indicator, L.value, L.unitOfMeasure].forEach((h, i) =>
    put(row, i + 1, h, { style: 'columnHeader' }),
  );
  row++;
  template.sections.forEach((section, si) => {
    const fields = section.fields.filter((f) => !f.retired);
    if (fields.length === 0) return;
    // Titles authored with their own number ("1. Sinh hoạt chính trị…") are not numbered twice.
    const numbered = /^\s*([0-9]+|[IVX]+)[.)]\s/.test(localize(section.title, lang));
    put(row, 1, numbered ? null : roman(si + 1), { style: 'sectionHeader' });
    put(row, 2, localize(section.title, lang), { style: 'sectionHeader', wrap: true });
    sheet.merges.push(rangeRef(row, 2, row, LAST_COLUMN));
    row++;
    fields.forEach((f, fi) => {
      put(row, 1, fi + 1, { style: 'label' });
      put(row, 2, localize(f.label, lang) + (f.required ? ' (*)' : ''), { style: 'label', wrap: true });
      const numberFormat = numberFormatFor(f.type);
      put(row, 3, toCellValue(f, ctx.values?.[f.key], lang), {
        style: 'input',
        unlocked: true,
        ...(numberFormat ? { numberFormat } : {}),
        ...(f.type === 'longtext' ? { wrap: true } : {}),
      });
      if (f.type === 'longtext') {
        sheet.merges.push(rangeRef(row, 3, row, LAST_COLUMN));
        sheet.rowHeights![row] = 90;
      } else {
        put(row, 4, f.unitLabel ? localize(f.unitLabel, lang) : null, { style: 'note' });
      }
      sheet.names.push({ name: fieldName(f.key), ref: cellRef(row, 3) });
      sheet.bindings.push({ kind: 'field', key: f.key, row, col: 3 });
      sheet.validations.push(validationFor(f, cellRef(row, 3), lang));
      row++;
    });
  });

  // Repeating tables: a title row, then an Excel table with room for maxRows rows.
  let tableNumber = template.sections.length;
  for (const t of activeTables(template)) {
    row++;
    put(row, 1, roman(++tableNumber), { style: 'sectionHeader' });
    put(row, 2, localize(t.title, lang), { style: 'sectionHeader' });
    sheet.merges.push(rangeRef(row, 2, row, LAST_COLUMN));
    row++;
    const firstCol = 2;
    const given = ctx.tables?.[t.key] ?? [];
    const body: CellValue[][] = [];
    for (let r = 0; r < t.maxRows; r++)
      body.push(t.columns.map((c) => toCellValue(c, given[r]?.[c.key], lang)));
    sheet.tables.push({
      name: tableName(t.key),
      row,
      col: firstCol,
      header: uniqueHeaders(t.columns.map((c) => localize(c.label, lang) + (c.required ? ' (*)' : ''))),
      rows: body,
      numberFormats: t.columns.map((c) => numberFormatFor(c.type)),
      input: true,
      style: 'TableStyleLight9',
    });
    t.columns.forEach((c, ci) => {
      sheet.validations.push(
        validationFor(c, rangeRef(row + 1, firstCol + ci, row + t.maxRows, firstCol + ci), lang),
      );
    });
    sheet.bindings.push({
      kind: 'table',
      key: t.key,
      table: tableName(t.key),
      columns: t.columns.map((c) => c.key),
      row: row + 1,
      col: firstCol,
      rows: t.maxRows,
    });
    row += t.maxRows + 1;
  }
  const widestTable = Math.max(0, ...activeTables(template).map((t) => t.columns.length));
  while (sheet.columns.length < 1 + widestTable) sheet.columns.push({ width: 30 });
  return sheet;
}

/** Excel table headers must be unique: the second “Tên” becomes “Tên (2)”. */
export function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const base = h.trim() || '-';
    const n = (seen.get(base.toLocaleLowerCase()) ?? 0) + 1;
    seen.set(base.toLocaleLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
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
      const raw = cellAt(b.row, b.col);
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
