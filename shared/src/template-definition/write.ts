/** Writing a template as the four sheets of its definition workbook (format.ts): the inverse of parse.ts. Pure. */
import type { Column, Field, Template } from '../schemas';
import type { CellValue } from '../sheet/model';
import { formatChoices } from './choices';
import {
  DEFINITION_COLUMNS,
  DEFINITION_SETTINGS,
  type DefinitionSheets,
  type FieldCol,
  type TableCol,
} from './format';

function fieldLikeCells(
  def: Field | Column,
): Record<Exclude<FieldCol & TableCol, 'key' | 'column'> | 'key', CellValue> {
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

function rowOf<C extends string>(columns: readonly C[], values: Partial<Record<C, CellValue>>): CellValue[] {
  return columns.map((c) => values[c] ?? null);
}

/** A published template as the four sheets of the definition workbook (the inverse of parsing). */
export function templateToDefinition(template: Template): DefinitionSheets {
  const settings: CellValue[][] = [
    [...DEFINITION_COLUMNS.settings],
    ['template_id', template.id],
    ['kind', template.kind],
    ['version', template.version],
    ['title::vi', template.title.vi],
    ['title::en', template.title.en ?? null],
    ['description::vi', template.description?.vi ?? null],
    ['description::en', template.description?.en ?? null],
  ];
  const fields: CellValue[][] = [[...DEFINITION_COLUMNS.fields]];
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
          weight: f.weight ?? null,
          retired: f.retired ? true : null,
        }),
      );
    });
  }
  const tables: CellValue[][] = [[...DEFINITION_COLUMNS.tables]];
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
                table_group_by: t.groupBy ?? null,
                table_retired: t.retired ? true : null,
              }
            : {}),
          column: key,
          ...rest,
        }),
      );
    });
  }
  const rules: CellValue[][] = [[...DEFINITION_COLUMNS.rules]];
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
