/**
 * The template definition workbook, in the spirit of XLSForm: an admin authors a template as four
 * lists in Excel and publishes it; any published version can be exported back into the same form.
 *
 * - `settings`: a key/value list — template_id, kind, version, title::vi, title::en, description::vi,
 *   description::en.
 * - `fields`: one row per field — section, section_title::vi/en (on the section's first row), key,
 *   type, label::vi/en, required, min, max, max_length, choices, rollup, unit::vi/en, help::vi/en,
 *   retired. A row with only a section and its titles declares a section without fields.
 * - `tables`: one row per column of a repeating table — table, table_title::vi/en, max_rows,
 *   table_rollup, table_retired (on the table's first row), then column, type, label::vi/en, required,
 *   min, max, max_length, choices, unit::vi/en, help::vi/en.
 * - `rules`: id, check, when, field, message::vi, message::en.
 *
 * Columns are matched by header (any order, case-insensitive; `label` means `label::vi`; headers
 * starting with `#` are notes); blank rows are skipped; a blank section or table cell continues the
 * one above. Choices are written `excellent=Xuất sắc|Excellent; good=Tốt|Good` (a `\` escapes `;`,
 * `|` and `\` inside a label). Booleans: TRUE/FALSE, có/không, yes/no, x, 1/0, blank = no.
 * Text cells are trimmed.
 *
 * Every problem names the sheet, the 1-based row and the column letter, in Vietnamese. The result
 * then goes through {@link parseTemplate}, so every rule of the schema applies. Pure: no I/O.
 */
import { render } from './i18n/render';
import { parseComparison, referencesOf, RuleSyntaxError } from './rules';
import {
  FIELD_TYPES,
  ROLLUP_KINDS,
  TEMPLATE_KINDS,
  type Choice,
  type Column,
  type Field,
  type FieldType,
  type LocalizedText,
  type Template,
} from './schemas';
import { parseNumberText } from './sheet/cells';
import {
  canonicalHeader,
  cellBoolean,
  cellText,
  isBlankCell,
  locationText,
  readGrid,
  type Grid,
  type GridCell,
  type GridIssue,
  type GridRow,
} from './sheet/grid';
import { emptySheet, type SheetModel } from './sheet/model';
import { uniqueHeaders } from './sheet/template-sheet';
import { isNumericType, parseTemplate, TemplateError } from './template';

export const DEFINITION_SHEET_NAMES = ['settings', 'fields', 'tables', 'rules'] as const;
export type DefinitionSheetName = (typeof DEFINITION_SHEET_NAMES)[number];
export type DefinitionCell = string | number | boolean | null;
/** The four sheets as rows of cell values, each with its header row; row i is the sheet's row i + 1. */
export type DefinitionSheets = Record<DefinitionSheetName, DefinitionCell[][]>;

export const DEFINITION_COLUMNS = {
  settings: ['key', 'value'],
  fields: [
    'section',
    'section_title::vi',
    'section_title::en',
    'key',
    'type',
    'label::vi',
    'label::en',
    'required',
    'min',
    'max',
    'max_length',
    'choices',
    'rollup',
    'unit::vi',
    'unit::en',
    'help::vi',
    'help::en',
    'retired',
  ],
  tables: [
    'table',
    'table_title::vi',
    'table_title::en',
    'max_rows',
    'table_rollup',
    'table_retired',
    'column',
    'type',
    'label::vi',
    'label::en',
    'required',
    'min',
    'max',
    'max_length',
    'choices',
    'unit::vi',
    'unit::en',
    'help::vi',
    'help::en',
  ],
  rules: ['id', 'check', 'when', 'field', 'message::vi', 'message::en'],
} as const;

type FieldCol = (typeof DEFINITION_COLUMNS.fields)[number];
type TableCol = (typeof DEFINITION_COLUMNS.tables)[number];

export const DEFINITION_SETTINGS = [
  'template_id',
  'kind',
  'version',
  'title::vi',
  'title::en',
  'description::vi',
  'description::en',
] as const;
type SettingKey = (typeof DEFINITION_SETTINGS)[number];
const REQUIRED_SETTINGS: readonly SettingKey[] = ['template_id', 'kind', 'version', 'title::vi'];
const SETTING_ALIASES: Record<string, SettingKey> = {
  id: 'template_id',
  form_id: 'template_id',
  title: 'title::vi',
  description: 'description::vi',
};

export const TABLE_ROLLUP_KINDS = ['list', 'count', 'none'] as const;
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

/** A problem in the definition workbook: sheet, 1-based row and column letter (null when not one cell). */
export type DefinitionError = GridIssue<DefinitionSheetName>;
export type DefinitionResult = { ok: true; template: Template } | { ok: false; errors: DefinitionError[] };

export interface ParseDefinitionOptions {
  /** The campaign the template belongs to (the workbook does not say: a template can be reused). */
  campaignId: string;
}

/** Every Vietnamese text of this module (after the location), in one place. */
export const DEFINITION_MESSAGES = {
  missingSheet: 'thiếu trang này hoặc trang trống',
  noFields: 'chưa có chỉ tiêu hay phần nào (cần ít nhất một phần)',
  unknownType: (v: string) => `kiểu “${v}” không hợp lệ (${FIELD_TYPES.join(', ')})`,
  missingType: `thiếu kiểu dữ liệu (${FIELD_TYPES.join(', ')})`,
  unknownRollup: (v: string) => `cách tổng hợp “${v}” không hợp lệ (${ROLLUP_KINDS.join(', ')})`,
  unknownTableRollup: (v: string) =>
    `cách tổng hợp bảng “${v}” không hợp lệ (${TABLE_ROLLUP_KINDS.join(', ')})`,
  unknownKind: (v: string) => `loại biểu mẫu “${v}” không hợp lệ (${TEMPLATE_KINDS.join(', ')})`,
  missingKey: (what: string) => `thiếu ${what}`,
  badKey: (v: string) =>
    `mã “${v}” không hợp lệ: chỉ dùng chữ thường không dấu a–z, chữ số và dấu _, bắt đầu bằng chữ cái, tối đa 48 ký tự`,
  duplicateKey: (v: string, where: string) =>
    `khóa “${v}” đã dùng ở ${where}; mỗi khóa chỉ được dùng một lần`,
  duplicateColumnKey: (v: string, table: string, row: number) =>
    `cột “${v}” của bảng “${table}” đã có ở dòng ${row}`,
  duplicateRuleId: (v: string, row: number) => `quy tắc “${v}” đã có ở dòng ${row}`,
  sectionNotContiguous: (v: string, row: number) =>
    `phần “${v}” đã bắt đầu ở dòng ${row}; các dòng của một phần phải liền nhau`,
  tableNotContiguous: (v: string, row: number) =>
    `bảng “${v}” đã bắt đầu ở dòng ${row}; các dòng của một bảng phải liền nhau`,
  conflict: (column: string, value: string, row: number) =>
    `“${column}” khác với giá trị “${value}” đã ghi ở dòng ${row} cho cùng phần/bảng`,
  badBoolean: (v: string) => `“${v}” không phải giá trị có/không (TRUE/FALSE, có/không, x, hoặc để trống)`,
  badNumber: (v: string) => `“${v}” không phải là số`,
  badPositiveInteger: (v: string) => `“${v}” không phải là số nguyên dương`,
  badVersion: (v: string) => `phiên bản “${v}” không hợp lệ: phải là số nguyên dương (1, 2, 3 …)`,
  minAboveMax: (min: number, max: number) => `giá trị nhỏ nhất (${min}) lớn hơn giá trị lớn nhất (${max})`,
  maxRowsRange: (v: number) => `số dòng tối đa ${v} phải từ 1 đến 500`,
  missingMaxRows: 'thiếu số dòng tối đa của bảng (max_rows)',
  missingText: (column: string) => `thiếu “${column}”`,
  enWithoutVi: (en: string, vi: string) => `có “${en}” nhưng thiếu “${vi}”`,
  missingSectionTitle: (v: string) => `phần “${v}” chưa có tên (section_title::vi)`,
  missingTableTitle: (v: string) => `bảng “${v}” chưa có tên (table_title::vi)`,
  tableWithoutColumns: (v: string) => `bảng “${v}” chưa có cột nào`,
  choiceSyntax: (item: string) =>
    `lựa chọn “${item}” phải có dạng giá_trị=Nhãn tiếng Việt|English label (các lựa chọn cách nhau bởi dấu ;)`,
  duplicateChoice: (v: string) => `lựa chọn “${v}” lặp lại`,
  choicesNeeded: 'kiểu choice cần danh sách lựa chọn, ví dụ: excellent=Xuất sắc|Excellent; good=Tốt|Good',
  ruleSyntax: (detail: string) => `biểu thức không hợp lệ: ${detail}`,
  ruleUnknownField: (k: string) => `không có chỉ tiêu “${k}” trong biểu mẫu`,
  ruleUnknownTable: (k: string) => `không có bảng “${k}” trong biểu mẫu`,
  ruleNotNumber: (k: string, type: string) => `chỉ tiêu “${k}” có kiểu ${type}, không so sánh được như số`,
  unknownSetting: (v: string) => `thiết lập “${v}” không được hỗ trợ (${DEFINITION_SETTINGS.join(', ')})`,
  duplicateSetting: (v: string, row: number) => `thiết lập “${v}” đã ghi ở dòng ${row}`,
  missingSetting: (v: string) => `thiếu thiết lập “${v}”`,
} as const;

// ---------------------------------------------------------------- reading cells

interface Ctx {
  errors: DefinitionError[];
}

function issueAt<C extends string>(
  ctx: Ctx,
  grid: Grid<C>,
  row: number | null,
  col: C | null,
  message: string,
): void {
  const column = col === null ? null : grid.letter(col);
  const sheet = grid.sheet as DefinitionSheetName;
  ctx.errors.push({ sheet, row, column, message: `${locationText(sheet, row, column)}: ${message}` });
}

function reader<C extends string>(ctx: Ctx, grid: Grid<C>, row: GridRow) {
  // A required column the sheet lacks has been reported once, at the header: not again on every row.
  const fail = (col: C, message: string) => {
    if (!grid.missing(col)) issueAt(ctx, grid, row.row, col, message);
  };
  const raw = (col: C): GridCell => grid.get(row, col);
  const text = (col: C): string | undefined => cellText(raw(col)) || undefined;
  return {
    fail,
    raw,
    text,
    blank: (col: C) => isBlankCell(raw(col)),
    key(col: C, what: string, required: boolean): string | undefined {
      const v = text(col);
      if (v === undefined) {
        if (required) fail(col, DEFINITION_MESSAGES.missingKey(what));
        return undefined;
      }
      if (!KEY_PATTERN.test(v)) {
        fail(col, DEFINITION_MESSAGES.badKey(v));
        return undefined;
      }
      return v;
    },
    bool(col: C): boolean | undefined {
      const v = cellBoolean(raw(col));
      if (v === 'bad') {
        fail(col, DEFINITION_MESSAGES.badBoolean(cellText(raw(col))));
        return undefined;
      }
      return v;
    },
    num(col: C): number | undefined {
      const v = raw(col);
      if (isBlankCell(v)) return undefined;
      const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : undefined;
      if (n === undefined || !Number.isFinite(n)) {
        fail(col, DEFINITION_MESSAGES.badNumber(cellText(v)));
        return undefined;
      }
      return n === 0 ? 0 : n; // no -0
    },
    positiveInt(col: C): number | undefined {
      const v = raw(col);
      if (isBlankCell(v)) return undefined;
      const n = typeof v === 'number' ? v : /^\+?\d+$/.test(cellText(v)) ? Number(cellText(v)) : NaN;
      if (!Number.isInteger(n) || n < 1) {
        fail(col, DEFINITION_MESSAGES.badPositiveInteger(cellText(v)));
        return undefined;
      }
      return n;
    },
    oneOf<T extends string>(col: C, options: readonly T[], bad: (v: string) => string): T | undefined {
      const v = text(col);
      if (v === undefined) return undefined;
      const lower = v.toLowerCase();
      if (!(options as readonly string[]).includes(lower)) {
        fail(col, bad(v));
        return undefined;
      }
      return lower as T;
    },
    localized(vi: C, en: C, required: boolean): LocalizedText | undefined {
      const v = text(vi);
      const e = text(en);
      if (v === undefined) {
        if (e !== undefined) fail(vi, DEFINITION_MESSAGES.enWithoutVi(en, vi));
        else if (required) fail(vi, DEFINITION_MESSAGES.missingText(vi));
        return undefined;
      }
      return e === undefined ? { vi: v } : { vi: v, en: e };
    },
  };
}

// ---------------------------------------------------------------- choices

function splitUnescaped(s: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      current += ch + s[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const unescapeText = (s: string) => s.replace(/\\(.)/gs, '$1');
const escapeText = (s: string) => s.replace(/[\\;|]/g, (c) => `\\${c}`);

/** `excellent=Xuất sắc|Excellent; good=Tốt|Good` → choices, or the message of the first problem. */
export function parseChoices(text: string): { ok: true; choices: Choice[] } | { ok: false; message: string } {
  const choices: Choice[] = [];
  for (const rawItem of splitUnescaped(text, ';')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) return { ok: false, message: DEFINITION_MESSAGES.choiceSyntax(item) };
    const value = item.slice(0, eq).trim();
    if (!KEY_PATTERN.test(value)) return { ok: false, message: DEFINITION_MESSAGES.badKey(value) };
    const labels = splitUnescaped(item.slice(eq + 1), '|').map((p) => unescapeText(p.trim()));
    if (labels.length > 2 || !labels[0])
      return { ok: false, message: DEFINITION_MESSAGES.choiceSyntax(item) };
    if (choices.some((c) => c.value === value))
      return { ok: false, message: DEFINITION_MESSAGES.duplicateChoice(value) };
    choices.push({ value, label: labels[1] ? { vi: labels[0], en: labels[1] } : { vi: labels[0] } });
  }
  return { ok: true, choices };
}

export function formatChoices(choices: readonly Choice[]): string {
  return choices
    .map(
      (c) =>
        `${c.value}=${escapeText(c.label.vi)}${c.label.en !== undefined ? `|${escapeText(c.label.en)}` : ''}`,
    )
    .join('; ');
}

// ---------------------------------------------------------------- parsing

type Located = { sheet: DefinitionSheetName; row: number | null };

interface FieldLike {
  key?: string;
  type?: FieldType;
  row: number;
  props: Record<string, unknown>;
}

const fieldAttributeColumns: readonly FieldCol[] = DEFINITION_COLUMNS.fields.filter(
  (c) => !c.startsWith('section'),
);
const columnAttributeColumns: readonly TableCol[] = DEFINITION_COLUMNS.tables.filter(
  (c) => !c.startsWith('table') && c !== 'max_rows',
);

/** The shared part of a field row and a table column row. */
function readFieldLike<C extends FieldCol | TableCol>(
  r: ReturnType<typeof reader<C>>,
  keyCol: C,
  what: string,
): FieldLike {
  const col = (name: string) => name as C;
  const key = r.key(keyCol, what, true);
  let type: FieldType | undefined;
  const typeText = r.text(col('type'));
  if (typeText === undefined) r.fail(col('type'), DEFINITION_MESSAGES.missingType);
  else type = r.oneOf(col('type'), FIELD_TYPES, DEFINITION_MESSAGES.unknownType);
  const props: Record<string, unknown> = {};
  if (key !== undefined) props.key = key;
  if (type !== undefined) props.type = type;
  const label = r.localized(col('label::vi'), col('label::en'), true);
  if (label) props.label = label;
  const required = r.bool(col('required'));
  if (required !== undefined) props.required = required;
  const min = r.num(col('min'));
  const max = r.num(col('max'));
  if (min !== undefined) props.min = min;
  if (max !== undefined) props.max = max;
  if (min !== undefined && max !== undefined && min > max)
    r.fail(col('min'), DEFINITION_MESSAGES.minAboveMax(min, max));
  const maxLength = r.positiveInt(col('max_length'));
  if (maxLength !== undefined) props.maxLength = maxLength;
  const choicesText = r.text(col('choices'));
  const parsedChoices = choicesText === undefined ? undefined : parseChoices(choicesText);
  if (parsedChoices && !parsedChoices.ok) r.fail(col('choices'), parsedChoices.message);
  else if (parsedChoices?.choices.length) props.choices = parsedChoices.choices;
  if (type === 'choice' && !props.choices && parsedChoices?.ok !== false)
    r.fail(col('choices'), DEFINITION_MESSAGES.choicesNeeded);
  const help = r.localized(col('help::vi'), col('help::en'), false);
  if (help) props.help = help;
  const unitLabel = r.localized(col('unit::vi'), col('unit::en'), false);
  if (unitLabel) props.unitLabel = unitLabel;
  return { ...(key !== undefined ? { key } : {}), ...(type !== undefined ? { type } : {}), row: 0, props };
}

/** Sets a group attribute (section or table title …) from the first row giving it; later rows must agree. */
function groupAttribute<C extends string>(
  ctx: Ctx,
  grid: Grid<C>,
  row: GridRow,
  col: C,
  holder: Map<string, { value: string; row: number }>,
): void {
  const value = cellText(grid.get(row, col));
  if (value === '') return;
  const first = holder.get(col);
  if (!first) holder.set(col, { value, row: row.row });
  else if (first.value !== value)
    issueAt(ctx, grid, row.row, col, DEFINITION_MESSAGES.conflict(col, first.value, first.row));
}

interface SectionBuilder {
  key: string;
  row: number;
  attrs: Map<string, { value: string; row: number }>;
  fields: FieldLike[];
}

interface TableBuilder {
  key: string;
  row: number;
  attrs: Map<string, { value: string; row: number }>;
  columns: FieldLike[];
}

/** Where each part of the template input came from, to place parseTemplate's problems. */
interface Locations {
  settings: Map<SettingKey, number>;
  sections: { row: number; fields: number[] }[];
  tables: { row: number; columns: number[] }[];
  rules: number[];
}

export function parseTemplateDefinition(
  sheets: Partial<DefinitionSheets>,
  options: ParseDefinitionOptions,
): DefinitionResult {
  const ctx: Ctx = { errors: [] };
  const report = (i: GridIssue) => ctx.errors.push(i as DefinitionError);
  const locations: Locations = { settings: new Map(), sections: [], tables: [], rules: [] };

  // settings
  const settingsGrid = readGrid(
    sheets.settings ?? [],
    {
      sheet: 'settings',
      columns: DEFINITION_COLUMNS.settings,
      required: DEFINITION_COLUMNS.settings,
      aliases: { setting: 'key', name: 'key', property: 'key' },
      requireHeader: true,
    },
    report,
  );
  const settings = new Map<SettingKey, { cell: GridCell; row: GridRow }>();
  if (settingsGrid.headerRow === null)
    issueAt(ctx, settingsGrid, null, null, DEFINITION_MESSAGES.missingSheet);
  for (const row of settingsGrid.rows) {
    const rawKey = cellText(settingsGrid.get(row, 'key'));
    if (rawKey === '') continue;
    let key = canonicalHeader(rawKey);
    key = SETTING_ALIASES[key] ?? key;
    if (!(DEFINITION_SETTINGS as readonly string[]).includes(key)) {
      issueAt(ctx, settingsGrid, row.row, 'key', DEFINITION_MESSAGES.unknownSetting(rawKey));
      continue;
    }
    const first = settings.get(key as SettingKey);
    if (first) {
      issueAt(ctx, settingsGrid, row.row, 'key', DEFINITION_MESSAGES.duplicateSetting(rawKey, first.row.row));
      continue;
    }
    const cell = settingsGrid.get(row, 'value');
    if (isBlankCell(cell)) continue;
    settings.set(key as SettingKey, { cell, row });
    locations.settings.set(key as SettingKey, row.row);
  }
  if (settingsGrid.headerRow !== null) {
    for (const k of REQUIRED_SETTINGS)
      if (!settings.has(k)) issueAt(ctx, settingsGrid, null, null, DEFINITION_MESSAGES.missingSetting(k));
  }
  const settingReader = (k: SettingKey) => {
    const s = settings.get(k);
    return s ? { r: reader(ctx, settingsGrid, s.row), text: cellText(s.cell) } : undefined;
  };
  const input: Record<string, unknown> = { campaignId: options.campaignId };
  const idSetting = settingReader('template_id');
  if (idSetting) {
    if (KEY_PATTERN.test(idSetting.text)) input.id = idSetting.text;
    else idSetting.r.fail('value', DEFINITION_MESSAGES.badKey(idSetting.text));
  }
  const kindSetting = settingReader('kind');
  if (kindSetting) {
    const kind = kindSetting.r.oneOf('value', TEMPLATE_KINDS, DEFINITION_MESSAGES.unknownKind);
    if (kind) input.kind = kind;
  }
  const versionSetting = settings.get('version');
  if (versionSetting) {
    const v = versionSetting.cell;
    const n = typeof v === 'number' ? v : /^\+?\d+$/.test(cellText(v)) ? Number(cellText(v)) : NaN;
    if (Number.isInteger(n) && n >= 1) input.version = n;
    else
      issueAt(
        ctx,
        settingsGrid,
        versionSetting.row.row,
        'value',
        DEFINITION_MESSAGES.badVersion(cellText(v)),
      );
  }
  const localizedSetting = (vi: SettingKey, en: SettingKey): LocalizedText | undefined => {
    const v = settings.get(vi);
    const e = settings.get(en);
    if (!v) {
      if (e) issueAt(ctx, settingsGrid, e.row.row, 'key', DEFINITION_MESSAGES.enWithoutVi(en, vi));
      return undefined;
    }
    return e ? { vi: cellText(v.cell), en: cellText(e.cell) } : { vi: cellText(v.cell) };
  };
  const title = localizedSetting('title::vi', 'title::en');
  if (title) input.title = title;
  const description = localizedSetting('description::vi', 'description::en');
  if (description) input.description = description;

  // fields
  const fieldsGrid = readGrid(
    sheets.fields ?? [],
    {
      sheet: 'fields',
      columns: DEFINITION_COLUMNS.fields,
      required: ['section', 'section_title::vi', 'key', 'type', 'label::vi'],
      aliases: { unit_label: 'unit::vi', 'unit_label::vi': 'unit::vi', 'unit_label::en': 'unit::en' },
      requireHeader: true,
    },
    report,
  );
  if (fieldsGrid.headerRow === null) issueAt(ctx, fieldsGrid, null, null, DEFINITION_MESSAGES.missingSheet);
  const sections: SectionBuilder[] = [];
  let section: SectionBuilder | undefined;
  for (const row of fieldsGrid.rows) {
    const r = reader(ctx, fieldsGrid, row);
    const sectionText = r.text('section');
    if (sectionText !== undefined) {
      if (section?.key !== sectionText) {
        const earlier = sections.find((s) => s.key === sectionText);
        if (earlier) r.fail('section', DEFINITION_MESSAGES.sectionNotContiguous(sectionText, earlier.row));
        else if (!KEY_PATTERN.test(sectionText)) r.fail('section', DEFINITION_MESSAGES.badKey(sectionText));
        section = { key: sectionText, row: row.row, attrs: new Map(), fields: [] };
        if (!earlier) sections.push(section);
      }
    } else if (!section) {
      r.fail('section', DEFINITION_MESSAGES.missingKey('mã phần (section)'));
      section = { key: '', row: row.row, attrs: new Map(), fields: [] }; // reported; keeps reading
    }
    groupAttribute(ctx, fieldsGrid, row, 'section_title::vi', section.attrs);
    groupAttribute(ctx, fieldsGrid, row, 'section_title::en', section.attrs);
    if (fieldAttributeColumns.every((c) => r.blank(c))) continue; // a section row
    const field = readFieldLike(r, 'key', 'khóa chỉ tiêu (key)');
    field.row = row.row;
    const rollup = r.oneOf('rollup', ROLLUP_KINDS, DEFINITION_MESSAGES.unknownRollup);
    if (rollup) field.props.rollup = rollup;
    const retired = r.bool('retired');
    if (retired !== undefined) field.props.retired = retired;
    section.fields.push(field);
  }
  if (fieldsGrid.headerRow !== null && sections.length === 0)
    issueAt(ctx, fieldsGrid, null, null, DEFINITION_MESSAGES.noFields);
  const sectionsInput = sections.map((s) => {
    const vi = s.attrs.get('section_title::vi');
    const en = s.attrs.get('section_title::en');
    if (!vi && s.key) {
      issueAt(
        ctx,
        fieldsGrid,
        en?.row ?? s.row,
        'section_title::vi',
        en
          ? DEFINITION_MESSAGES.enWithoutVi('section_title::en', 'section_title::vi')
          : DEFINITION_MESSAGES.missingSectionTitle(s.key),
      );
    }
    locations.sections.push({ row: s.row, fields: s.fields.map((f) => f.row) });
    return {
      key: s.key,
      title: vi ? (en ? { vi: vi.value, en: en.value } : { vi: vi.value }) : undefined,
      fields: s.fields.map((f) => f.props),
    };
  });
  input.sections = sectionsInput;

  // tables
  const tablesGrid = readGrid(
    sheets.tables ?? [],
    {
      sheet: 'tables',
      columns: DEFINITION_COLUMNS.tables,
      required: ['table', 'table_title::vi', 'max_rows', 'column', 'type', 'label::vi'],
      aliases: {
        unit_label: 'unit::vi',
        'unit_label::vi': 'unit::vi',
        'unit_label::en': 'unit::en',
        key: 'column',
      },
    },
    report,
  );
  const tables: TableBuilder[] = [];
  let table: TableBuilder | undefined;
  for (const row of tablesGrid.rows) {
    const r = reader(ctx, tablesGrid, row);
    const tableText = r.text('table');
    if (tableText !== undefined) {
      if (table?.key !== tableText) {
        const earlier = tables.find((t) => t.key === tableText);
        if (earlier) r.fail('table', DEFINITION_MESSAGES.tableNotContiguous(tableText, earlier.row));
        else if (!KEY_PATTERN.test(tableText)) r.fail('table', DEFINITION_MESSAGES.badKey(tableText));
        table = { key: tableText, row: row.row, attrs: new Map(), columns: [] };
        if (!earlier) tables.push(table);
      }
    } else if (!table) {
      r.fail('table', DEFINITION_MESSAGES.missingKey('mã bảng (table)'));
      table = { key: '', row: row.row, attrs: new Map(), columns: [] };
    }
    for (const c of [
      'table_title::vi',
      'table_title::en',
      'max_rows',
      'table_rollup',
      'table_retired',
    ] as const)
      groupAttribute(ctx, tablesGrid, row, c, table.attrs);
    if (columnAttributeColumns.every((c) => r.blank(c))) continue; // a row with the table's attributes only
    const column = readFieldLike(r, 'column', 'khóa cột (column)');
    column.row = row.row;
    table.columns.push(column);
  }
  const tablesInput = tables.map((t) => {
    const at = (c: TableCol) => t.attrs.get(c);
    const rowOf = (c: TableCol) => at(c)?.row ?? t.row;
    const tr = (c: TableCol) =>
      reader(
        ctx,
        tablesGrid,
        tablesGrid.rows.find((x) => x.row === rowOf(c))!,
      );
    const out: Record<string, unknown> = { key: t.key };
    const vi = at('table_title::vi');
    const en = at('table_title::en');
    if (vi) out.title = en ? { vi: vi.value, en: en.value } : { vi: vi.value };
    else if (t.key)
      issueAt(
        ctx,
        tablesGrid,
        en?.row ?? t.row,
        'table_title::vi',
        en
          ? DEFINITION_MESSAGES.enWithoutVi('table_title::en', 'table_title::vi')
          : DEFINITION_MESSAGES.missingTableTitle(t.key),
      );
    out.columns = t.columns.map((c) => c.props);
    if (t.columns.length === 0 && t.key)
      issueAt(ctx, tablesGrid, t.row, 'column', DEFINITION_MESSAGES.tableWithoutColumns(t.key));
    if (at('max_rows')) {
      const n = tr('max_rows').positiveInt('max_rows');
      if (n !== undefined && n > 500)
        issueAt(ctx, tablesGrid, rowOf('max_rows'), 'max_rows', DEFINITION_MESSAGES.maxRowsRange(n));
      else if (n !== undefined) out.maxRows = n;
    } else if (t.key) issueAt(ctx, tablesGrid, t.row, 'max_rows', DEFINITION_MESSAGES.missingMaxRows);
    if (at('table_rollup')) {
      const v = tr('table_rollup').oneOf(
        'table_rollup',
        TABLE_ROLLUP_KINDS,
        DEFINITION_MESSAGES.unknownTableRollup,
      );
      if (v) out.rollup = v;
    }
    if (at('table_retired')) {
      const v = tr('table_retired').bool('table_retired');
      if (v !== undefined) out.retired = v;
    }
    locations.tables.push({ row: t.row, columns: t.columns.map((c) => c.row) });
    return out;
  });
  input.tables = tablesInput;

  // keys are unique across fields and tables
  const claimed = new Map<string, string>();
  const claim = (key: string | undefined, grid: Grid<string>, row: number, col: string) => {
    if (!key) return;
    const first = claimed.get(key);
    if (first) issueAt(ctx, grid, row, col, DEFINITION_MESSAGES.duplicateKey(key, first));
    else claimed.set(key, `trang “${grid.sheet}”, dòng ${row}`);
  };
  for (const s of sections) for (const f of s.fields) claim(f.key, fieldsGrid as Grid<string>, f.row, 'key');
  for (const t of tables) {
    claim(t.key || undefined, tablesGrid as Grid<string>, t.row, 'table');
    const seen = new Map<string, number>();
    for (const c of t.columns) {
      if (!c.key) continue;
      const first = seen.get(c.key);
      if (first !== undefined)
        issueAt(
          ctx,
          tablesGrid,
          c.row,
          'column',
          DEFINITION_MESSAGES.duplicateColumnKey(c.key, t.key, first),
        );
      else seen.set(c.key, c.row);
    }
  }

  // rules
  const rulesGrid = readGrid(
    sheets.rules ?? [],
    {
      sheet: 'rules',
      columns: DEFINITION_COLUMNS.rules,
      required: ['id', 'check', 'message::vi'],
      aliases: { message: 'message::vi' },
    },
    report,
  );
  const fieldTypes = new Map<string, FieldType | undefined>();
  for (const s of sections) for (const f of s.fields) if (f.key) fieldTypes.set(f.key, f.type);
  const tableKeys = new Set(tables.map((t) => t.key));
  const ruleIds = new Map<string, number>();
  const rulesInput = rulesGrid.rows.map((row) => {
    const r = reader(ctx, rulesGrid, row);
    const out: Record<string, unknown> = {};
    const id = r.key('id', 'mã quy tắc (id)', true);
    if (id !== undefined) {
      const first = ruleIds.get(id);
      if (first !== undefined) r.fail('id', DEFINITION_MESSAGES.duplicateRuleId(id, first));
      else ruleIds.set(id, row.row);
      out.id = id;
    }
    for (const part of ['check', 'when'] as const) {
      const source = r.text(part);
      if (source === undefined) {
        if (part === 'check') r.fail('check', DEFINITION_MESSAGES.missingText('check'));
        continue;
      }
      out[part] = source;
      try {
        const refs = referencesOf(parseComparison(source));
        for (const key of refs.fields) {
          if (!fieldTypes.has(key)) r.fail(part, DEFINITION_MESSAGES.ruleUnknownField(key));
          else {
            const type = fieldTypes.get(key);
            if (type !== undefined && !isNumericType(type) && type !== 'boolean')
              r.fail(part, DEFINITION_MESSAGES.ruleNotNumber(key, type));
          }
        }
        for (const t of refs.tables)
          if (!tableKeys.has(t)) r.fail(part, DEFINITION_MESSAGES.ruleUnknownTable(t));
      } catch (e) {
        if (!(e instanceof RuleSyntaxError)) throw e;
        r.fail(part, DEFINITION_MESSAGES.ruleSyntax(e.message));
      }
    }
    const field = r.key('field', 'khóa chỉ tiêu', false);
    if (field !== undefined) {
      if (!fieldTypes.has(field)) r.fail('field', DEFINITION_MESSAGES.ruleUnknownField(field));
      out.field = field;
    }
    const message = r.localized('message::vi', 'message::en', true);
    if (message) out.message = message;
    locations.rules.push(row.row);
    return out;
  });
  input.rules = rulesInput;

  if (ctx.errors.length) return { ok: false, errors: sortErrors(ctx.errors) };
  try {
    return { ok: true, template: parseTemplate(input) };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const grids = {
      settings: settingsGrid,
      fields: fieldsGrid,
      tables: tablesGrid,
      rules: rulesGrid,
    } as const;
    const errors = e.problems.map((p) => {
      const at = locate(p.path ?? '', locations);
      const grid = grids[at.sheet] as Grid<string>;
      const column = at.column === null ? null : grid.letter(at.column);
      return {
        sheet: at.sheet,
        row: at.row,
        column,
        message: `${locationText(at.sheet, at.row, column)}: ${render(p)}`,
      };
    });
    return { ok: false, errors: sortErrors(errors) };
  }
}

const SHEET_ORDER: Record<DefinitionSheetName, number> = { settings: 0, fields: 1, tables: 2, rules: 3 };

function sortErrors(errors: DefinitionError[]): DefinitionError[] {
  const colIndex = (c: string | null) =>
    c === null ? 0 : [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return errors
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        SHEET_ORDER[a.e.sheet] - SHEET_ORDER[b.e.sheet] ||
        (a.e.row ?? 0) - (b.e.row ?? 0) ||
        colIndex(a.e.column) - colIndex(b.e.column) ||
        a.i - b.i,
    )
    .map(({ e }) => e);
}

const FIELD_PROPERTY_COLUMNS: Record<string, string> = {
  key: 'key',
  type: 'type',
  label: 'label',
  required: 'required',
  min: 'min',
  max: 'max',
  maxLength: 'max_length',
  choices: 'choices',
  help: 'help',
  unitLabel: 'unit',
  rollup: 'rollup',
  retired: 'retired',
};

/** A parseTemplate path (`sections.0.fields.2.min`, `rules[1].check`) → the sheet, row and column. */
function locate(path: string, at: Locations): Located & { column: string | null } {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  const n = (i: number) => Number(parts[i]);
  const localized = (base: string, i: number) => (parts[i] === 'en' ? `${base}::en` : `${base}::vi`);
  const head = parts[0];
  if (head === 'sections') {
    const s = at.sections[n(1)];
    if (!s) return { sheet: 'fields', row: null, column: null };
    if (parts[2] === 'fields' && parts[3] !== undefined) {
      const row = s.fields[n(3)] ?? s.row;
      const prop = parts[4];
      const base = prop ? FIELD_PROPERTY_COLUMNS[prop] : undefined;
      if (!base) return { sheet: 'fields', row, column: null };
      return {
        sheet: 'fields',
        row,
        column: ['label', 'help', 'unit'].includes(base) ? localized(base, 5) : base,
      };
    }
    if (parts[2] === 'title') return { sheet: 'fields', row: s.row, column: localized('section_title', 3) };
    return { sheet: 'fields', row: s.row, column: 'section' };
  }
  if (head === 'tables') {
    const t = at.tables[n(1)];
    if (!t) return { sheet: 'tables', row: null, column: null };
    if (parts[2] === 'columns' && parts[3] !== undefined) {
      const row = t.columns[n(3)] ?? t.row;
      const prop = parts[4];
      const base = prop === 'key' ? 'column' : prop ? FIELD_PROPERTY_COLUMNS[prop] : undefined;
      if (!base) return { sheet: 'tables', row, column: 'column' };
      return {
        sheet: 'tables',
        row,
        column: ['label', 'help', 'unit'].includes(base) ? localized(base, 5) : base,
      };
    }
    const prop = parts[2];
    const column =
      prop === 'title'
        ? localized('table_title', 3)
        : prop === 'maxRows'
          ? 'max_rows'
          : prop === 'rollup'
            ? 'table_rollup'
            : prop === 'retired'
              ? 'table_retired'
              : 'table';
    return { sheet: 'tables', row: t.row, column };
  }
  if (head === 'rules') {
    const row = at.rules[n(1)] ?? null;
    const prop = parts[2];
    const column = prop === 'message' ? localized('message', 3) : (prop ?? null);
    return { sheet: 'rules', row, column };
  }
  const setting: SettingKey | undefined =
    head === 'id'
      ? 'template_id'
      : head === 'kind' || head === 'version'
        ? head
        : head === 'title' || head === 'description'
          ? (`${head}::${parts[1] === 'en' ? 'en' : 'vi'}` as SettingKey)
          : undefined;
  const row = setting ? (at.settings.get(setting) ?? null) : null;
  return { sheet: 'settings', row, column: row === null ? null : 'value' };
}

// ---------------------------------------------------------------- writing

function fieldLikeCells(
  def: Field | Column,
): Record<Exclude<FieldCol & TableCol, 'key' | 'column'> | 'key', DefinitionCell> {
  return {
    key: def.key,
    type: def.type,
    'label::vi': def.label.vi,
    'label::en': def.label.en ?? null,
    required: def.required ? true : null,
    min: def.min ?? null,
    max: def.max ?? null,
    max_length: def.maxLength ?? null,
    choices: def.choices?.length ? formatChoices(def.choices) : null,
    'unit::vi': def.unitLabel?.vi ?? null,
    'unit::en': def.unitLabel?.en ?? null,
    'help::vi': def.help?.vi ?? null,
    'help::en': def.help?.en ?? null,
  };
}

function rowOf<C extends string>(
  columns: readonly C[],
  values: Partial<Record<C, DefinitionCell>>,
): DefinitionCell[] {
  return columns.map((c) => values[c] ?? null);
}

/** A published template as the four sheets of the definition workbook (the inverse of parsing). */
export function templateToDefinition(template: Template): DefinitionSheets {
  const settings: DefinitionCell[][] = [
    [...DEFINITION_COLUMNS.settings],
    ['template_id', template.id],
    ['kind', template.kind],
    ['version', template.version],
    ['title::vi', template.title.vi],
    ['title::en', template.title.en ?? null],
    ['description::vi', template.description?.vi ?? null],
    ['description::en', template.description?.en ?? null],
  ];
  const fields: DefinitionCell[][] = [[...DEFINITION_COLUMNS.fields]];
  for (const s of template.sections) {
    const sectionCells = {
      section: s.key,
      'section_title::vi': s.title.vi,
      'section_title::en': s.title.en ?? null,
    };
    if (s.fields.length === 0) fields.push(rowOf(DEFINITION_COLUMNS.fields, sectionCells));
    s.fields.forEach((f, i) => {
      fields.push(
        rowOf(DEFINITION_COLUMNS.fields, {
          ...(i === 0 ? sectionCells : { section: s.key }),
          ...fieldLikeCells(f),
          rollup: f.rollup,
          retired: f.retired ? true : null,
        }),
      );
    });
  }
  const tables: DefinitionCell[][] = [[...DEFINITION_COLUMNS.tables]];
  for (const t of template.tables) {
    t.columns.forEach((c, i) => {
      const { key, ...rest } = fieldLikeCells(c);
      tables.push(
        rowOf(DEFINITION_COLUMNS.tables, {
          table: t.key,
          ...(i === 0
            ? {
                'table_title::vi': t.title.vi,
                'table_title::en': t.title.en ?? null,
                max_rows: t.maxRows,
                table_rollup: t.rollup,
                table_retired: t.retired ? true : null,
              }
            : {}),
          column: key,
          ...rest,
        }),
      );
    });
  }
  const rules: DefinitionCell[][] = [[...DEFINITION_COLUMNS.rules]];
  for (const r of template.rules) {
    rules.push(
      rowOf(DEFINITION_COLUMNS.rules, {
        id: r.id,
        check: r.check,
        when: r.when ?? null,
        field: r.field ?? null,
        'message::vi': r.message.vi,
        'message::en': r.message.en ?? null,
      }),
    );
  }
  return { settings, fields, tables, rules };
}

/** A definition workbook to start a new template from: the headers, and the settings to fill. */
export function emptyDefinition(): DefinitionSheets {
  return {
    settings: [[...DEFINITION_COLUMNS.settings], ...DEFINITION_SETTINGS.map((k) => [k, null])],
    fields: [[...DEFINITION_COLUMNS.fields]],
    tables: [[...DEFINITION_COLUMNS.tables]],
    rules: [[...DEFINITION_COLUMNS.rules]],
  };
}

const COLUMN_WIDTHS: Record<string, number> = {
  key: 26,
  value: 60,
  section: 20,
  table: 18,
  column: 18,
  id: 26,
  type: 10,
  required: 10,
  retired: 9,
  table_retired: 9,
  min: 9,
  max: 9,
  max_length: 11,
  max_rows: 10,
  rollup: 9,
  table_rollup: 12,
  choices: 40,
  check: 40,
  when: 26,
  field: 22,
};
const wideText = /::(vi|en)$/;
const TAB_COLORS: Record<DefinitionSheetName, string> = {
  settings: '#7F7F7F',
  fields: '#2F5597',
  tables: '#548235',
  rules: '#C55A11',
};

/**
 * Rows of the definition workbook (possibly edited, even invalid) as sheet models: one Excel table
 * per sheet from A1, header styled, header row frozen. The xlsx writer and the add-in render them.
 */
export function definitionSheetModelsFromSheets(sheets: Partial<DefinitionSheets>): SheetModel[] {
  return DEFINITION_SHEET_NAMES.map((name) => {
    const rows = (sheets[name] ?? []).filter((r) => r.some((c) => !isBlankCell(c)));
    const headerCells = rows[0] ?? [...DEFINITION_COLUMNS[name]];
    let width = headerCells.length;
    while (width > 0 && isBlankCell(headerCells[width - 1])) width--;
    const body = rows.slice(1);
    for (const r of body) {
      for (let i = r.length - 1; i >= width; i--)
        if (!isBlankCell(r[i])) {
          width = i + 1;
          break;
        }
    }
    const header = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(headerCells[i] ?? null)));
    const sheet = emptySheet(name, 'summary');
    sheet.columns = header.map((h) => {
      const canon = canonicalHeader(h);
      return { width: COLUMN_WIDTHS[canon] ?? (wideText.test(canon) ? 36 : 14) };
    });
    sheet.tables.push({
      name: `def_${name}`,
      row: 1,
      col: 1,
      header,
      rows: body.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)),
      style: 'TableStyleMedium2',
    });
    sheet.freeze = { rows: 1, cols: 0 };
    sheet.tabColor = TAB_COLORS[name];
    return sheet;
  });
}

/** The definition workbook of a template, as sheet models (see {@link definitionSheetModelsFromSheets}). */
export function definitionSheetModels(template: Template): SheetModel[] {
  return definitionSheetModelsFromSheets(templateToDefinition(template));
}
