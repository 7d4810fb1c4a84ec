/** Template helpers: lookups by key, consistency checks, and what a new version may change. */
import { problem, type Problem } from './i18n/problem';
import { parseComparison, referencesOf, RuleSyntaxError } from './rules';
import type { Column, Field, TableDef, Template, TemplateInput } from './schemas';

/** Fields still asked for, in sheet order. */
export function activeFields(template: Template): Field[] {
  return template.sections.flatMap((s) => s.fields.filter((f) => !f.retired));
}

export function allFields(template: Template): Field[] {
  return template.sections.flatMap((s) => s.fields);
}

export function activeTables(template: Template): TableDef[] {
  return template.tables.filter((t) => !t.retired);
}

export function fieldByKey(template: Template): Map<string, Field> {
  return new Map(allFields(template).map((f) => [f.key, f]));
}

/**
 * What {@link checkTemplate} reads: a template, or the parts of one a definition workbook gave so far
 * (a key or type that did not read is missing), so the workbook is checked by the same code.
 */
export interface TemplateOutline {
  sections: readonly {
    fields: readonly {
      key?: string | undefined;
      type?: Field['type'] | undefined;
      rollup?: Field['rollup'] | undefined;
      weight?: string | undefined;
    }[];
  }[];
  tables: readonly {
    key?: string | undefined;
    groupBy?: string | undefined;
    columns: readonly { key?: string | undefined; type?: Field['type'] | undefined }[];
  }[];
  rules: readonly {
    id?: string | undefined;
    check?: string | undefined;
    when?: string | undefined;
    field?: string | undefined;
  }[];
}

/**
 * Consistency the schema alone cannot see: keys unique across fields and tables, column keys unique
 * in their table, rule ids unique, rules that parse and name real keys, roll-ups that fit their field
 * (`wavg` names a numeric field of the template as its `weight`; `distribution` is for choice fields). Each problem's path is where
 * it is (`sections.0.fields.2.key`, `rules.1.check`); a repeat names the `first` path in its params.
 */
export function checkTemplate(template: TemplateOutline): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string, key: string) => ({ path, key });
  const keys = new Map<string, string>();
  const claim = (key: string | undefined, path: string) => {
    if (!key) return;
    const first = keys.get(key);
    if (first) problems.push(problem('duplicate_key', { key, first }, at(path, key)));
    else keys.set(key, path);
  };
  const fieldTypes = new Map<string, Field['type'] | undefined>();
  template.sections.forEach((s, si) => {
    s.fields.forEach((f, fi) => {
      claim(f.key, `sections.${si}.fields.${fi}.key`);
      if (f.key && !fieldTypes.has(f.key)) fieldTypes.set(f.key, f.type);
    });
  });
  template.sections.forEach((s, si) => {
    s.fields.forEach((f, fi) => {
      const path = `sections.${si}.fields.${fi}`;
      const key = f.key ?? '';
      if (f.rollup === 'wavg') {
        if (f.weight === undefined)
          problems.push(problem('weight_needed', { key }, at(`${path}.weight`, key)));
        else if (!fieldTypes.has(f.weight))
          problems.push(
            problem('weight_unknown_field', { key, weight: f.weight }, at(`${path}.weight`, key)),
          );
        else if (f.weight === f.key)
          problems.push(problem('weight_is_itself', { key }, at(`${path}.weight`, key)));
        else {
          const type = fieldTypes.get(f.weight);
          if (type !== undefined && !isNumericType(type))
            problems.push(
              problem('weight_not_number', { key, weight: f.weight, type }, at(`${path}.weight`, key)),
            );
        }
        if (f.type !== undefined && !isNumericType(f.type))
          problems.push(problem('rollup_needs_number', { key, rollup: 'wavg' }, at(`${path}.rollup`, key)));
      } else if (f.weight !== undefined)
        problems.push(problem('weight_without_wavg', { key }, at(`${path}.weight`, key)));
      if (f.rollup === 'distribution' && f.type !== undefined && f.type !== 'choice')
        problems.push(problem('distribution_needs_choice', { key }, at(`${path}.rollup`, key)));
    });
  });
  const tables = new Set<string>();
  template.tables.forEach((t, ti) => {
    claim(t.key, `tables.${ti}.key`);
    if (t.key) tables.add(t.key);
    const columns = new Map<string, string>();
    t.columns.forEach((c, ci) => {
      if (!c.key) return;
      const path = `tables.${ti}.columns.${ci}.key`;
      const first = columns.get(c.key);
      if (first)
        problems.push(
          problem('duplicate_column_key', { key: c.key, table: t.key ?? '', first }, at(path, c.key)),
        );
      else columns.set(c.key, path);
    });
    if (t.groupBy !== undefined) {
      const column = t.columns.find((c) => c.key === t.groupBy);
      if (!column || (column.type !== undefined && column.type !== 'choice'))
        problems.push(
          problem(
            'group_by_not_choice',
            { table: t.key ?? '', column: t.groupBy },
            at(`tables.${ti}.groupBy`, t.groupBy),
          ),
        );
    }
  });
  const ruleIds = new Map<string, string>();
  template.rules.forEach((rule, ri) => {
    const path = `rules.${ri}`;
    if (rule.id) {
      const first = ruleIds.get(rule.id);
      if (first)
        problems.push(problem('duplicate_rule_id', { id: rule.id, first }, at(`${path}.id`, rule.id)));
      else ruleIds.set(rule.id, `${path}.id`);
    }
    for (const part of ['check', 'when'] as const) {
      const source = rule[part];
      if (source === undefined) continue;
      const where = at(`${path}.${part}`, rule.id ?? '');
      try {
        const refs = referencesOf(parseComparison(source));
        for (const key of refs.fields) {
          if (!fieldTypes.has(key)) problems.push(problem('rule_unknown_field', { key }, where));
          else {
            const type = fieldTypes.get(key);
            if (type !== undefined && !isNumericType(type) && type !== 'boolean')
              problems.push(problem('rule_not_number', { key, type }, where));
          }
        }
        for (const key of refs.tables)
          if (!tables.has(key)) problems.push(problem('rule_unknown_table', { key }, where));
      } catch (e) {
        if (!(e instanceof RuleSyntaxError)) throw e;
        const token = e.token !== undefined ? { token: e.token } : {};
        problems.push(problem('rule_syntax', { reason: e.reason, source: e.source, ...token }, where));
      }
    }
    if (rule.field !== undefined && !fieldTypes.has(rule.field))
      problems.push(problem('rule_unknown_field', { key: rule.field }, at(`${path}.field`, rule.id ?? '')));
  });
  return problems;
}

export function isNumericType(type: Field['type']): boolean {
  return type === 'integer' || type === 'decimal' || type === 'percent';
}

export type { TemplateInput };

/**
 * What a new version may not do (docs/architecture.md, "Domain"): change a key's type (in any earlier version), reuse a
 * table key as a field or back, change a table column's type (key `table.column`), drop a key, or
 * change the template's kind. Adding, retiring, relabelling and re-constraining are allowed.
 * Returns why it is refused: key_type_changed, key_removed, kind_changed.
 */
export function incompatibilities(earlier: readonly Template[], next: Template): Problem[] {
  const reasons: Problem[] = [];
  const typeOf = new Map<string, { type: string; version: number }>();
  const columnTypes = new Map<string, { type: string; version: number }>();
  for (const t of earlier) {
    if (t.id !== next.id) continue;
    if (t.kind !== next.kind)
      reasons.push(
        problem(
          'kind_changed',
          { version: t.version, before: t.kind, now: next.kind },
          { path: 'kind', key: 'kind' },
        ),
      );
    for (const f of allFields(t)) typeOf.set(f.key, { type: f.type, version: t.version });
    for (const table of t.tables) {
      typeOf.set(table.key, { type: 'table', version: t.version });
      for (const c of table.columns)
        columnTypes.set(`${table.key}.${c.key}`, { type: c.type, version: t.version });
    }
  }
  const check = (key: string, type: string, map: Map<string, { type: string; version: number }>) => {
    const before = map.get(key);
    if (before && before.type !== type)
      reasons.push(
        problem(
          'key_type_changed',
          { key, before: before.type, version: before.version, now: type },
          { path: key, key },
        ),
      );
  };
  for (const f of allFields(next)) check(f.key, f.type, typeOf);
  for (const table of next.tables) {
    check(table.key, 'table', typeOf);
    for (const c of table.columns) check(`${table.key}.${c.key}`, c.type, columnTypes);
  }
  const nextKeys = new Set([...allFields(next).map((f) => f.key), ...next.tables.map((t) => t.key)]);
  for (const [key, was] of typeOf)
    if (!nextKeys.has(key))
      reasons.push(problem('key_removed', { key, version: was.version }, { path: key, key }));
  return reasons;
}

/** A column is validated exactly like a field. */
export type Cellish = Field | Column;
