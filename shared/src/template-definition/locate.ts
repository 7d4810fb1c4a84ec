/**
 * Placing a template's problems on the definition workbook: a path of the template
 * (`sections.0.fields.2.min`, `rules.1.check`, from the schema or checkTemplate) → the sheet, row and
 * column it was read from; and the order problems are listed in (sheet, row, column). Pure.
 */
import type { Problem } from '../i18n/problem';
import { sheetProblem, sortSheetProblems } from '../sheet/grid';
import type { DefinitionError, DefinitionSheetName, SettingKey } from './format';

/** Where each part of the template input came from (1-based rows), filled in while parsing. */
export interface Locations {
  settings: Map<SettingKey, number>;
  sections: { row: number; fields: number[] }[];
  tables: { row: number; columns: number[] }[];
  rules: number[];
}

export interface Located {
  sheet: DefinitionSheetName;
  row: number | null;
  /** A canonical column name (`min`, `label::en`), null when the problem is not one cell. */
  column: string | null;
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
  weight: 'weight',
  retired: 'retired',
};

/** A parseTemplate path (`sections.0.fields.2.min`, `rules[1].check`) → the sheet, row and column. */
export function locate(path: string, at: Locations): Located {
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
              : prop === 'groupBy'
                ? 'table_group_by'
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

/**
 * A template problem placed on the workbook: its path becomes sheet, row and column letter (`letter`
 * gives a column's letter in that sheet), and a repeat's `first` path becomes `firstSheet`/`firstRow`.
 */
export function placeProblem(
  p: Problem,
  at: Locations,
  letter: (sheet: DefinitionSheetName, column: string) => string | null,
): DefinitionError {
  const here = locate(p.path ?? '', at);
  let params = p.params;
  if (params && typeof params.first === 'string') {
    const { first, ...rest } = params;
    const there = locate(first, at);
    if (there.row !== null) params = { ...rest, firstSheet: there.sheet, firstRow: there.row };
  }
  const column = here.column === null ? null : letter(here.sheet, here.column);
  return sheetProblem(here.sheet, here.row, column, p.code, params);
}

const SHEET_ORDER: Record<DefinitionSheetName, number> = { settings: 0, fields: 1, tables: 2, rules: 3 };

/** Problems in the order of the workbook: sheet, row, column, then as found. */
export function sortProblems(errors: DefinitionError[]): DefinitionError[] {
  return sortSheetProblems(errors, SHEET_ORDER);
}
