/**
 * The template definition workbook, in the spirit of XLSForm: an admin authors a template as four
 * lists in Excel and publishes it; any published version can be exported back into the same form.
 * This file says what the four sheets are; parse.ts reads them, write.ts writes them.
 *
 * - `settings`: a key/value list — template_id, kind, version, title::vi, title::en, description::vi,
 *   description::en.
 * - `fields`: one row per field — section, section_title::vi/en (on the section's first row), key,
 *   type, label::vi/en, required, min, max, max_length, choices, rollup, weight (the field weighing a
 *   `wavg` roll-up), unit::vi/en, help::vi/en,
 *   retired. A row with only a section and its titles declares a section without fields.
 * - `tables`: one row per column of a repeating table — table, table_title::vi/en, max_rows,
 *   table_rollup, table_group_by (a choice column the list is grouped by), table_retired (on the table's first row), then column, type, label::vi/en, required,
 *   min, max, max_length, choices, unit::vi/en, help::vi/en.
 * - `rules`: id, check, when, field, message::vi, message::en.
 *
 * Columns are matched by header (any order, case-insensitive; `label` means `label::vi`; headers
 * starting with `#` are notes); blank rows are skipped; a blank section or table cell continues the
 * one above. Choices are written `excellent=Xuất sắc|Excellent; good=Tốt|Good` (choices.ts).
 * Booleans: TRUE/FALSE, có/không, yes/no, x, 1/0, blank = no. Text cells are trimmed. Pure: no I/O.
 */
import type { Template } from '../schemas';
import type { GridSpec, SheetProblem } from '../sheet/grid';
import type { CellValue } from '../sheet/model';

export const DEFINITION_SHEET_NAMES = ['settings', 'fields', 'tables', 'rules'] as const;
export type DefinitionSheetName = (typeof DEFINITION_SHEET_NAMES)[number];
/** The four sheets as rows of cell values, each with its header row; row i is the sheet's row i + 1. */
export type DefinitionSheets = Record<DefinitionSheetName, CellValue[][]>;

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
    'weight',
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
    'table_group_by',
  ],
  rules: ['id', 'check', 'when', 'field', 'message::vi', 'message::en'],
} as const;

export type FieldCol = (typeof DEFINITION_COLUMNS.fields)[number];
export type TableCol = (typeof DEFINITION_COLUMNS.tables)[number];
export type RuleCol = (typeof DEFINITION_COLUMNS.rules)[number];

/** How each sheet is read (grid.ts): its columns, the ones it needs, other headers people write. */
export const DEFINITION_GRIDS = {
  settings: {
    sheet: 'settings',
    columns: DEFINITION_COLUMNS.settings,
    required: DEFINITION_COLUMNS.settings,
    aliases: { setting: 'key', name: 'key', property: 'key' },
    requireHeader: true,
  },
  fields: {
    sheet: 'fields',
    columns: DEFINITION_COLUMNS.fields,
    required: ['section', 'section_title::vi', 'key', 'type', 'label::vi'],
    aliases: { unit_label: 'unit::vi', 'unit_label::vi': 'unit::vi', 'unit_label::en': 'unit::en' },
    requireHeader: true,
  },
  tables: {
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
  rules: {
    sheet: 'rules',
    columns: DEFINITION_COLUMNS.rules,
    required: ['id', 'check', 'message::vi'],
    aliases: { message: 'message::vi' },
  },
} as const satisfies {
  [S in DefinitionSheetName]: GridSpec<(typeof DEFINITION_COLUMNS)[S][number]> & { sheet: S };
};

export const DEFINITION_SETTINGS = [
  'template_id',
  'kind',
  'version',
  'title::vi',
  'title::en',
  'description::vi',
  'description::en',
] as const;
export type SettingKey = (typeof DEFINITION_SETTINGS)[number];
export const REQUIRED_SETTINGS: readonly SettingKey[] = ['template_id', 'kind', 'version', 'title::vi'];
export const SETTING_ALIASES: Readonly<Record<string, SettingKey>> = {
  id: 'template_id',
  form_id: 'template_id',
  title: 'title::vi',
  description: 'description::vi',
};

export const TABLE_ROLLUP_KINDS = ['list', 'count', 'none'] as const;

/** A problem in the definition workbook: code and parameters, sheet, 1-based row and column letter. */
export type DefinitionError = SheetProblem<DefinitionSheetName>;
export type DefinitionResult = { ok: true; template: Template } | { ok: false; errors: DefinitionError[] };

export interface ParseDefinitionOptions {
  /** The campaign the template belongs to (the workbook does not say: a template can be reused). */
  campaignId: string;
}
