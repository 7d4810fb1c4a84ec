/**
 * Template → sheet model (what a clerk fills and what prints as the unit's official form). Both
 * renderers (office.js and .xlsx) draw this model; the mirror, cell values → a submission draft, is
 * template-sheet-reader.ts, which reads through the same bindings, so no layout logic is written twice.
 *
 * Past 400 lines because it is one idea, the form's layout: the administrative header (Nghị định
 * 30/2020), the sections, the repeating tables, the signature block and the page setup, in print order.
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
import { DEFAULT_MAX_LENGTH } from '../validation';
import { BOOLEAN_WORDS, cellRef, numberFormatFor, rangeRef, safeSheetName, toCellValue } from './cells';
import {
  emptySheet,
  type CellModel,
  type CellValue,
  type DataValidationModel,
  type InputBinding,
  type SheetModel,
} from './model';

export interface TemplateSheetContext {
  campaign: Pick<Campaign, 'id' | 'name' | 'organisation' | 'mottos'> & Partial<Pick<Campaign, 'place'>>;
  unit?: Pick<Unit, 'id' | 'name'>;
  period?: Pick<Period, 'id' | 'label' | 'due'>;
  /** For a blank form: the units and periods the clerk picks from (by name). */
  units?: readonly Pick<Unit, 'id' | 'name'>[];
  periods?: readonly Pick<Period, 'id' | 'label'>[];
  lang?: Language;
  /** Values to prefill (e.g. moving a draft to a new template version). */
  values?: Record<string, FieldValue>;
  tables?: Record<string, TableRow[]>;
  /**
   * A returned report's field comments (key → the reviewer's text): the field's input cell, or the table's
   * title, stands out (look `inputCommented` / `sectionCommented`) and carries the comment as its note.
   */
  comments?: Readonly<Record<string, string>>;
}

/** Column layout of a template sheet: STT, label, value, unit of measure (and the choices). */
export const TEMPLATE_COLUMNS = { number: 1, label: 2, value: 3, note: 4 } as const;
/** The printed form spans A:E; tables may run further right. */
const LAST_COLUMN = 5;
const WIDTHS = [6, 44, 17, 17, 26];
/**
 * The identifiers the reader needs (campaign, unit, period, template, version) sit in a hidden
 * column, rows 1–5, the same for every template of every campaign: nothing of them prints.
 */
export const META_COLUMN = 10;

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

/** Sheet name of a template sheet: the kind of document, unit and period, within Excel's 31 characters. */
export function templateSheetName(
  template: Pick<Template, 'id' | 'version'> & Partial<Pick<Template, 'kind'>>,
  unitId?: string,
  periodId?: string,
  lang: Language = 'vi',
): string {
  const kind = template.kind ? sheetLabels(lang).documentType[template.kind] : template.id;
  const word = kind.charAt(0) + kind.slice(1).toLocaleLowerCase(lang);
  return safeSheetName([word, unitId, periodId].filter(Boolean).join(' '));
}

/** Section titles authored with their own number (“1. Sinh hoạt…”) lose it: the form numbers them all. */
function withoutNumber(title: string): string {
  return title.replace(/^\s*([0-9]+|[IVXLC]+)[.)]\s+/, '');
}

/** The widest-needing column of a table first (it gets the wide column B), the rest in order. */
function tableOrder(columns: readonly Column[]): Column[] {
  const need = (c: Column) => (c.type === 'longtext' ? 3 : c.type === 'text' ? 2 : 0);
  const first = columns.reduce((best, c) => (need(c) > need(best) ? c : best), columns[0]!);
  return [first, ...columns.filter((c) => c !== first)];
}

/** What a choice or yes/no field offers, printed beside it so the paper form shows it too. */
function choicesText(f: Field, lang: Language): string | null {
  const L = sheetLabels(lang);
  if (f.type === 'choice' && f.choices?.length)
    return L.chooseOne(f.choices.map((c) => localize(c.label, lang)).join('; '));
  if (f.type === 'boolean') return L.chooseOne(BOOLEAN_WORDS[lang].join('; '));
  return null;
}

/**
 * The form, laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP on clerical
 * work, Phụ lục I and its layout diagram: the national name and motto top right — “CỘNG HÒA XÃ HỘI
 * CHỦ NGHĨA VIỆT NAM” in bold capitals over “Độc lập - Tự do - Hạnh phúc” —, the superior body over
 * the issuing body top left, the number “Số: …/BC-…” under it, the place and date in italics under
 * the motto, then the document type and its summary as the title, the body, and the signatures),
 * as summarised in https://thuvienphapluat.vn/hoi-dap-phap-luat/iframe/3E60B-hd-so-do-bo-tri-cac-thanh-phan-the-thuc-van-ban-tren-mot-trang-giay-kho-a4-210-mm-x-297-mm.html
 * and https://luatdaibang.net/?p=13209. Then: the reporting unit and period (lists of names on a
 * blank form), the figures by section (all numbered I, II, …), the repeating tables, and the
 * signature block. Identifiers sit in the hidden META_COLUMN.
 */
export function buildTemplateSheet(template: Template, ctx: TemplateSheetContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(templateSheetName(template, ctx.unit?.id, ctx.period?.id, lang), 'template');
  sheet.protect = true;
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const cells = sheet.cells;
  const heights: Record<number, number> = {};
  sheet.rowHeights = heights;
  const put = (row: number, col: number, value: CellValue, extra: Partial<CellModel> = {}) => {
    cells.push({ row, col, value, ...extra });
  };
  const merge = (row: number, from: number, to: number) => sheet.merges.push(rangeRef(row, from, row, to));

  // The identifiers, hidden (rows 1–5 of META_COLUMN, in this order).
  const meta = (key: InputBinding['key'] & keyof typeof META_NAMES, row: number, value: CellValue) => {
    put(row, META_COLUMN, value, { numberFormat: '@' });
    sheet.names.push({ name: META_NAMES[key], ref: cellRef(row, META_COLUMN) });
  };
  meta('campaignId', 1, ctx.campaign.id);
  meta('unitId', 2, ctx.unit?.id ?? null);
  meta('periodId', 3, ctx.period?.id ?? null);
  meta('templateId', 4, template.id);
  meta('templateVersion', 5, template.version);
  while (sheet.columns.length < META_COLUMN) sheet.columns.push({ width: 9 });
  sheet.columns[META_COLUMN - 1] = { width: 24, hidden: true };

  // The document header: left the superior body and the reporting unit, right the national name
  // and motto; under them the number and the place and date.
  put(1, 1, ctx.campaign.organisation.toLocaleUpperCase('vi'), { style: 'centered' });
  merge(1, 1, 2);
  put(1, 3, L.nationalName, { style: 'centeredBold' });
  merge(1, 3, LAST_COLUMN);
  put(2, 1, ctx.unit ? ctx.unit.name.toLocaleUpperCase('vi') : L.blankLine, { style: 'centeredBold' });
  merge(2, 1, 2);
  put(2, 3, L.nationalMotto, { style: 'centeredBold' });
  merge(2, 3, LAST_COLUMN);
  put(3, 1, '―――――', { style: 'centered' });
  merge(3, 1, 2);
  put(3, 3, '――――――――――', { style: 'centered' });
  merge(3, 3, LAST_COLUMN);
  put(4, 1, L.documentNumber, { style: 'centered' });
  merge(4, 1, 2);
  put(4, 3, L.placeDate(ctx.campaign.place ?? L.blankLine), { style: 'centeredItalic' });
  merge(4, 3, LAST_COLUMN);

  // The title: the kind of document, what it is about, the period.
  let row = 6;
  put(row, 1, L.documentType[template.kind], { style: 'title' });
  merge(row++, 1, LAST_COLUMN);
  put(row, 1, localize(template.title, lang), { style: 'subtitle', wrap: true });
  merge(row, 1, LAST_COLUMN);
  heights[row] = 33;
  row++;
  put(row, 1, ctx.period ? localize(ctx.period.label, lang) : L.blankLine, { style: 'centeredBold' });
  merge(row++, 1, LAST_COLUMN);
  if (ctx.campaign.mottos.length) {
    put(row, 1, ctx.campaign.mottos.map((m) => `${m.title}: ${m.text}`).join('\n'), {
      style: 'motto',
      wrap: true,
    });
    heights[row] = 16 * ctx.campaign.mottos.length + 4;
    merge(row++, 1, LAST_COLUMN);
  }
  row++;

  // Who reports, for which period: names; on a blank form, picked from lists.
  const pick = (
    key: 'unitId' | 'periodId',
    label: string,
    shown: string | null,
    options: readonly string[],
    metaRow: number,
  ) => {
    put(row, 2, `${label}:`, { style: 'headerLabel' });
    const input = shown === null;
    put(row, 3, shown, {
      style: input ? 'input' : 'headerValue',
      numberFormat: '@',
      ...(input ? { unlocked: true } : {}),
    });
    merge(row, 3, LAST_COLUMN);
    sheet.bindings.push({ kind: 'meta', key, row: metaRow, col: META_COLUMN, pick: { row, col: 3 } });
    if (input && options.length) {
      sheet.validations.push({
        ref: cellRef(row, 3),
        type: 'list',
        operator: 'between',
        list: [...options],
        prompt: { title: clip(label, 32), message: catalogue(lang).prompts.pick },
        error: { title: catalogue(lang).prompts.invalidTitle, message: catalogue(lang).prompts.pick },
      });
    }
    row++;
  };
  sheet.bindings.push({ kind: 'meta', key: 'campaignId', row: 1, col: META_COLUMN });
  pick(
    'unitId',
    L.reportingUnit,
    ctx.unit?.name ?? null,
    (ctx.units ?? []).map((u) => u.name),
    2,
  );
  const periodText = ctx.period
    ? `${localize(ctx.period.label, lang)} — ${L.due}: ${formatDateVi(ctx.period.due)}`
    : null;
  pick(
    'periodId',
    L.period,
    periodText,
    (ctx.periods ?? []).map((p) => localize(p.label, lang)),
    3,
  );
  sheet.bindings.push({ kind: 'meta', key: 'templateId', row: 4, col: META_COLUMN });
  sheet.bindings.push({ kind: 'meta', key: 'templateVersion', row: 5, col: META_COLUMN });
  put(row, 2, `${L.receipt}:`, { style: 'headerLabel' });
  put(row, 3, null, { style: 'headerValue' });
  merge(row, 3, LAST_COLUMN);
  sheet.names.push({ name: META_NAMES.receipt, ref: cellRef(row, 3) });
  row += 2;
  put(row, 1, `${L.inputHint} ${L.requiredLegend}`, { style: 'hint' });
  merge(row++, 1, LAST_COLUMN);

  // Column headings, then one block per section, numbered I, II, … whatever the titles carry.
  [L.number, L.indicator, L.value, L.unitOfMeasure].forEach((h, i) =>
    put(row, i + 1, h, { style: 'columnHeader' }),
  );
  merge(row, 4, LAST_COLUMN);
  row++;
  let part = 0;
  template.sections.forEach((section) => {
    const fields = section.fields.filter((f) => !f.retired);
    if (fields.length === 0) return;
    put(row, 1, roman(++part), { style: 'sectionHeader' });
    put(row, 2, withoutNumber(localize(section.title, lang)), { style: 'sectionHeader', wrap: true });
    merge(row, 2, LAST_COLUMN);
    row++;
    fields.forEach((f, fi) => {
      put(row, 1, fi + 1, { style: 'label' });
      put(row, 2, localize(f.label, lang) + (f.required ? ' (*)' : ''), { style: 'label', wrap: true });
      const numberFormat = numberFormatFor(f.type);
      const comment = commentOn(ctx, f.key);
      put(row, 3, toCellValue(f, ctx.values?.[f.key], lang), {
        style: comment ? 'inputCommented' : 'input',
        ...(comment ? { note: comment } : {}),
        unlocked: true,
        ...(numberFormat ? { numberFormat } : {}),
        ...(f.type === 'longtext' ? { wrap: true } : {}),
      });
      if (f.type === 'longtext') {
        merge(row, 3, LAST_COLUMN);
        heights[row] = 90;
      } else {
        const note = choicesText(f, lang) ?? (f.unitLabel ? localize(f.unitLabel, lang) : null);
        put(row, 4, note, { style: 'note', wrap: true });
        merge(row, 4, LAST_COLUMN);
      }
      sheet.names.push({ name: fieldName(f.key), ref: cellRef(row, 3) });
      sheet.bindings.push({ kind: 'field', key: f.key, row, col: 3 });
      sheet.validations.push(validationFor(f, cellRef(row, 3), lang));
      row++;
    });
  });

  // Repeating tables: numbered on, an STT column, the widest column first, rows to write in by hand;
  // a table's title and header never end a page (they keep with three rows), nor does a page begin
  // with its last row alone.
  const keepWithNext: { row: number; next: number }[] = [];
  for (const t of activeTables(template)) {
    row++;
    keepWithNext.push({ row, next: 4 });
    put(row, 1, roman(++part), { style: 'sectionHeader' });
    const tableComment = commentOn(ctx, t.key);
    put(row, 2, withoutNumber(localize(t.title, lang)), {
      style: tableComment ? 'sectionCommented' : 'sectionHeader',
      ...(tableComment ? { note: tableComment } : {}),
    });
    merge(row, 2, Math.max(LAST_COLUMN, 1 + t.columns.length));
    row++;
    const firstCol = 2;
    const columns = tableOrder(t.columns);
    const given = ctx.tables?.[t.key] ?? [];
    const body: CellValue[][] = [];
    for (let r = 0; r < t.maxRows; r++)
      body.push(columns.map((c) => toCellValue(c, given[r]?.[c.key], lang)));
    put(row, 1, L.number, { style: 'columnHeader' });
    sheet.tables.push({
      name: tableName(t.key),
      row,
      col: firstCol,
      header: uniqueHeaders(columns.map((c) => localize(c.label, lang) + (c.required ? ' (*)' : ''))),
      rows: body,
      numberFormats: columns.map((c) => numberFormatFor(c.type)),
      input: true,
      style: 'TableStyleLight9',
    });
    const tall = columns.some((c) => c.type === 'longtext') ? 36 : 28;
    for (let r = 1; r <= t.maxRows; r++) {
      put(row + r, 1, r, { style: 'label' });
      heights[row + r] = tall;
    }
    columns.forEach((c, ci) => {
      sheet.validations.push(
        validationFor(c, rangeRef(row + 1, firstCol + ci, row + t.maxRows, firstCol + ci), lang),
      );
    });
    sheet.bindings.push({
      kind: 'table',
      key: t.key,
      table: tableName(t.key),
      columns: columns.map((c) => c.key),
      row: row + 1,
      col: firstCol,
      rows: t.maxRows,
    });
    // … and its last rows do not go over alone either.
    if (t.maxRows > 6) keepWithNext.push({ row: row + t.maxRows - 2, next: 2 });
    row += t.maxRows + 1;
  }
  const widestTable = Math.max(0, ...activeTables(template).map((t) => t.columns.length));
  if (1 + widestTable >= META_COLUMN) throw new Error('a repeating table reaches the identifier column');
  for (let c = LAST_COLUMN + 1; c <= 1 + widestTable; c++) sheet.columns[c - 1] = { width: 20 };

  // The signatures: who made the form, and the head of the unit (signature and seal).
  row++;
  keepWithNext.push({ row, next: 2 }); // the signatures stay together
  put(row, 2, L.preparer, { style: 'centeredBold' });
  put(row, 4, L.head, { style: 'centeredBold' });
  merge(row, 4, LAST_COLUMN);
  row++;
  put(row, 2, L.signHint, { style: 'centeredItalic' });
  put(row, 4, L.signSealHint, { style: 'centeredItalic' });
  merge(row, 4, LAST_COLUMN);
  heights[row + 1] = 60;

  // Portrait, one page wide; no repeated heading (the tables below the figures have their own).
  sheet.page = { orientation: 'portrait', fitToWidth: 1, footer: `${L.page} &P/&N`, keepWithNext };
  return sheet;
}

/** The reviewer's comment on a field or table, if any (own keys only). */
function commentOn(ctx: TemplateSheetContext, key: string): string | undefined {
  const c = ctx.comments;
  const text = c && Object.prototype.hasOwnProperty.call(c, key) ? c[key]?.trim() : undefined;
  return text || undefined;
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
