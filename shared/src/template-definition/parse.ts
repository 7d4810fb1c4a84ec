/**
 * Reading a template definition workbook (format.ts) into a template. Each cell is read on its own
 * (row-reader.ts), the rows of `fields` and `tables` are grouped into sections and tables
 * (groups.ts), the keys and rules are checked by the same code as a JSON template (checkTemplate),
 * and the result then goes through {@link parseTemplate}, so every rule of the schema applies. Every
 * problem is a code with parameters, placed on its sheet, row and column (locate.ts). Pure: no I/O.
 */
import { KeySchema, ROLLUP_KINDS, TEMPLATE_KINDS, type LocalizedText, type Template } from '../schemas';
import {
  canonicalHeader,
  cellText,
  isBlankCell,
  readGrid,
  sheetProblem,
  type Grid,
  type GridRow,
  type SheetProblem,
} from '../sheet/grid';
import type { CellValue } from '../sheet/model';
import { cellPositiveInteger, rowReader } from '../sheet/row-reader';
import { checkTemplate, type TemplateOutline } from '../template';
import { parseTemplate, TemplateError } from '../template-parse';
import { readFieldLike, type FieldLike } from './field-rows';
import {
  DEFINITION_COLUMNS,
  DEFINITION_GRIDS,
  DEFINITION_SETTINGS,
  REQUIRED_SETTINGS,
  SETTING_ALIASES,
  TABLE_ROLLUP_KINDS,
  type DefinitionError,
  type DefinitionResult,
  type DefinitionSheetName,
  type DefinitionSheets,
  type FieldCol,
  type ParseDefinitionOptions,
  type SettingKey,
  type TableCol,
} from './format';
import { groupRows, groupTitle, type RowGroup } from './groups';
import { placeProblem, sortProblems, type Locations } from './locate';

type Report = (problem: SheetProblem) => void;

export function parseTemplateDefinition(
  sheets: Partial<DefinitionSheets>,
  options: ParseDefinitionOptions,
): DefinitionResult {
  const problems: DefinitionError[] = [];
  const report: Report = (p) => problems.push(p as DefinitionError);
  const locations: Locations = { settings: new Map(), sections: [], tables: [], rules: [] };
  const grids = {
    settings: readGrid(sheets.settings ?? [], DEFINITION_GRIDS.settings, report),
    fields: readGrid(sheets.fields ?? [], DEFINITION_GRIDS.fields, report),
    tables: readGrid(sheets.tables ?? [], DEFINITION_GRIDS.tables, report),
    rules: readGrid(sheets.rules ?? [], DEFINITION_GRIDS.rules, report),
  };

  const input: Record<string, unknown> = {
    campaignId: options.campaignId,
    ...readSettings(grids.settings, report, locations),
  };
  const sections = readSections(grids.fields, report);
  const tables = readTables(grids.tables, report);
  const rules = readRules(grids.rules, report, locations);

  input.sections = sections.map((s) => {
    locations.sections.push({ row: s.first.row, fields: s.items.map((f) => f.row) });
    const title = groupTitle(
      grids.fields,
      s,
      'section_title::vi',
      'section_title::en',
      'missing_section_title',
      report,
    );
    return { key: s.key, title, fields: s.items.map((f) => f.props) };
  });
  input.tables = tables.map((t) => {
    locations.tables.push({ row: t.first.row, columns: t.items.map((c) => c.row) });
    return tableInput(grids.tables, t, report);
  });
  input.rules = rules;

  // Keys and rules: the checks of any template, on what the sheets gave so far.
  const outline: TemplateOutline = {
    sections: sections.map((s) => ({ fields: s.items.map((f) => ({ key: f.key, type: f.type })) })),
    tables: tables.map((t) => ({ key: t.key, columns: t.items.map((c) => ({ key: c.key })) })),
    rules,
  };
  const letter = (sheet: DefinitionSheetName, column: string) =>
    (grids[sheet] as Grid<string>).letter(column);
  for (const p of checkTemplate(outline)) problems.push(placeProblem(p, locations, letter));

  if (problems.length) return { ok: false, errors: sortProblems(problems) };
  let template: Template;
  try {
    template = parseTemplate(input);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { ok: false, errors: sortProblems(e.problems.map((p) => placeProblem(p, locations, letter))) };
  }
  return { ok: true, template };
}

// ---------------------------------------------------------------- settings

function readSettings(
  grid: Grid<'key' | 'value'>,
  report: Report,
  locations: Locations,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (grid.headerRow === null) {
    report(sheetProblem('settings', null, null, 'missing_sheet'));
    return out;
  }
  const given = new Map<SettingKey, { cell: CellValue; row: GridRow }>();
  for (const row of grid.rows) {
    const r = rowReader(grid, row, report);
    const written = r.text('key');
    if (written === undefined) continue;
    const canonical = canonicalHeader(written);
    const key = SETTING_ALIASES[canonical] ?? canonical;
    if (!(DEFINITION_SETTINGS as readonly string[]).includes(key)) {
      r.fail('key', 'unknown_setting', { value: written, allowed: DEFINITION_SETTINGS });
      continue;
    }
    const first = given.get(key as SettingKey);
    if (first) {
      r.fail('key', 'duplicate_setting', { value: written, row: first.row.row });
      continue;
    }
    const cell = r.raw('value');
    if (isBlankCell(cell)) continue;
    given.set(key as SettingKey, { cell, row });
    locations.settings.set(key as SettingKey, row.row);
  }
  for (const k of REQUIRED_SETTINGS)
    if (!given.has(k)) report(sheetProblem('settings', null, null, 'missing_setting', { value: k }));

  const reader = (k: SettingKey) => {
    const s = given.get(k);
    return s && { r: rowReader(grid, s.row, report), text: cellText(s.cell), cell: s.cell };
  };
  const id = reader('template_id');
  if (id) {
    if (KeySchema.safeParse(id.text).success) out.id = id.text;
    else id.r.fail('value', 'bad_key', { value: id.text });
  }
  const kind = reader('kind')?.r.oneOf('value', TEMPLATE_KINDS, 'unknown_kind');
  if (kind) out.kind = kind;
  const version = reader('version');
  if (version) {
    const n = cellPositiveInteger(version.cell);
    if (n !== undefined) out.version = n;
    else version.r.fail('value', 'bad_version', { value: version.text });
  }
  const localized = (vi: SettingKey, en: SettingKey): LocalizedText | undefined => {
    const v = reader(vi);
    const e = reader(en);
    if (!v) {
      if (e) e.r.fail('key', 'en_without_vi', { en, vi });
      return undefined;
    }
    return e ? { vi: v.text, en: e.text } : { vi: v.text };
  };
  const title = localized('title::vi', 'title::en');
  if (title) out.title = title;
  const description = localized('description::vi', 'description::en');
  if (description) out.description = description;
  return out;
}

// ---------------------------------------------------------------- fields and tables

const FIELD_ITEM_COLUMNS = DEFINITION_COLUMNS.fields.filter((c) => !c.startsWith('section'));
const TABLE_ATTRIBUTES = [
  'table_title::vi',
  'table_title::en',
  'max_rows',
  'table_rollup',
  'table_group_by',
  'table_retired',
] as const satisfies readonly TableCol[];
const TABLE_ITEM_COLUMNS = DEFINITION_COLUMNS.tables.filter(
  (c) => !(['table', ...TABLE_ATTRIBUTES] as readonly string[]).includes(c),
);

function readSections(grid: Grid<FieldCol>, report: Report): RowGroup<FieldCol, FieldLike>[] {
  if (grid.headerRow === null) report(sheetProblem('fields', null, null, 'missing_sheet'));
  const sections = groupRows(
    grid,
    {
      keyColumn: 'section',
      what: 'section',
      notContiguous: 'section_not_contiguous',
      attributes: ['section_title::vi', 'section_title::en'],
      itemColumns: FIELD_ITEM_COLUMNS,
      readItem: (r) => {
        const field = readFieldLike(r, 'key', 'key');
        const rollup = r.oneOf('rollup', ROLLUP_KINDS, 'unknown_rollup');
        if (rollup) field.props.rollup = rollup;
        const weight = r.key('weight', 'field', false);
        if (weight) field.props.weight = weight;
        const retired = r.bool('retired');
        if (retired !== undefined) field.props.retired = retired;
        return field;
      },
    },
    report,
  );
  if (grid.headerRow !== null && sections.length === 0)
    report(sheetProblem('fields', null, null, 'no_fields'));
  return sections;
}

function readTables(grid: Grid<TableCol>, report: Report): RowGroup<TableCol, FieldLike>[] {
  return groupRows(
    grid,
    {
      keyColumn: 'table',
      what: 'table',
      notContiguous: 'table_not_contiguous',
      attributes: TABLE_ATTRIBUTES,
      itemColumns: TABLE_ITEM_COLUMNS,
      readItem: (r) => readFieldLike(r, 'column', 'column'),
    },
    report,
  );
}

/** A table's input: its attributes (read on the row that gave them) and its columns. */
function tableInput(
  grid: Grid<TableCol>,
  t: RowGroup<TableCol, FieldLike>,
  report: Report,
): Record<string, unknown> {
  const out: Record<string, unknown> = { key: t.key };
  const title = groupTitle(grid, t, 'table_title::vi', 'table_title::en', 'missing_table_title', report);
  if (title) out.title = title;
  out.columns = t.items.map((c) => c.props);
  const first = rowReader(grid, t.first, report);
  if (t.items.length === 0 && t.key) first.fail('column', 'table_without_columns', { value: t.key });
  const at = (c: TableCol) => {
    const a = t.attributes.get(c);
    return a && rowReader(grid, a.row, report);
  };
  const maxRows = at('max_rows');
  if (maxRows) {
    const n = maxRows.positiveInt('max_rows');
    if (n !== undefined && n > 500) maxRows.fail('max_rows', 'max_rows_range', { value: n });
    else if (n !== undefined) out.maxRows = n;
  } else if (t.key) first.fail('max_rows', 'missing_max_rows');
  const rollup = at('table_rollup')?.oneOf('table_rollup', TABLE_ROLLUP_KINDS, 'unknown_table_rollup');
  if (rollup) out.rollup = rollup;
  const groupBy = at('table_group_by')?.key('table_group_by', 'column', false);
  if (groupBy) out.groupBy = groupBy;
  const retired = at('table_retired')?.bool('table_retired');
  if (retired !== undefined) out.retired = retired;
  return out;
}

// ---------------------------------------------------------------- rules

interface RuleInput {
  id?: string;
  check?: string;
  when?: string;
  field?: string;
  message?: LocalizedText;
}

function readRules(
  grid: Grid<(typeof DEFINITION_COLUMNS.rules)[number]>,
  report: Report,
  locations: Locations,
) {
  return grid.rows.map((row) => {
    const r = rowReader(grid, row, report);
    const out: RuleInput = {};
    const id = r.key('id', 'id', true);
    if (id !== undefined) out.id = id;
    const check = r.required('check');
    if (check !== undefined) out.check = check;
    const when = r.text('when');
    if (when !== undefined) out.when = when;
    const field = r.key('field', 'field', false);
    if (field !== undefined) out.field = field;
    const message = r.localized('message::vi', 'message::en', true);
    if (message) out.message = message;
    locations.rules.push(row.row);
    return out;
  });
}
