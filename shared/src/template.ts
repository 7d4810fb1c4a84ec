/** Template helpers: lookups by key, consistency checks, and what a new version may change. */
import { parseComparison, referencesOf, RuleSyntaxError } from './rules';
import {
  TemplateSchema,
  type Column,
  type Field,
  type TableDef,
  type Template,
  type TemplateInput,
} from './schemas';
import { normalizeDeep } from './text';
import { problem, type Problem } from './i18n/problem';
import { schemaProblems } from './i18n/schema-problems';

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

/** Consistency the schema alone cannot see: unique keys, rules that parse and name real keys. Each problem has its path and key. */
export function checkTemplate(template: Template): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string, key: string) => ({ path, key });
  const keys = new Map<string, string>();
  const claim = (key: string, path: string) => {
    const first = keys.get(key);
    if (first) problems.push(problem('duplicate_key', { key, where: first }, at(path, key)));
    else keys.set(key, path);
  };
  template.sections.forEach((s, si) => {
    s.fields.forEach((f, fi) => claim(f.key, `sections[${si}].fields[${fi}]`));
  });
  template.tables.forEach((t, ti) => {
    claim(t.key, `tables[${ti}]`);
    const cols = new Set<string>();
    t.columns.forEach((c, ci) => {
      if (cols.has(c.key))
        problems.push(
          problem(
            'duplicate_column_key',
            { key: c.key, table: t.key },
            at(`tables[${ti}].columns[${ci}]`, c.key),
          ),
        );
      cols.add(c.key);
    });
  });
  const fields = fieldByKey(template);
  const tables = new Set(template.tables.map((t) => t.key));
  const ruleIds = new Set<string>();
  template.rules.forEach((rule, ri) => {
    const path = `rules[${ri}]`;
    if (ruleIds.has(rule.id)) problems.push(problem('duplicate_rule_id', { id: rule.id }, at(path, rule.id)));
    ruleIds.add(rule.id);
    for (const part of ['check', 'when'] as const) {
      const source = rule[part];
      if (source === undefined) continue;
      const where = at(`${path}.${part}`, rule.id);
      try {
        const refs = referencesOf(parseComparison(source));
        for (const key of refs.fields) {
          const f = fields.get(key);
          if (!f) problems.push(problem('rule_unknown_field', { key }, where));
          else if (!isNumericType(f.type) && f.type !== 'boolean') {
            problems.push(problem('rule_not_number', { key, type: f.type }, where));
          }
        }
        for (const t of refs.tables) {
          if (!tables.has(t)) problems.push(problem('rule_unknown_table', { key: t }, where));
        }
      } catch (e) {
        if (!(e instanceof RuleSyntaxError)) throw e;
        problems.push(problem('rule_syntax', { detail: e.message }, where));
      }
    }
    if (rule.field !== undefined && !fields.has(rule.field)) {
      problems.push(problem('rule_unknown_field', { key: rule.field }, at(`${path}.field`, rule.id)));
    }
  });
  return problems;
}

export function isNumericType(type: Field['type']): boolean {
  return type === 'integer' || type === 'decimal' || type === 'percent';
}

export class TemplateError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid template: ${problems.map((p) => `${p.path}: ${p.code}`).join('; ')}`);
  }
}

/** Parses, normalises to NFC and checks a template; throws TemplateError with every problem. */
export function parseTemplate(input: unknown): Template {
  const result = TemplateSchema.safeParse(normalizeDeep(input));
  if (!result.success) {
    throw new TemplateError(schemaProblems(result.error.issues));
  }
  const problems = checkTemplate(result.data);
  if (problems.length) throw new TemplateError(problems);
  return result.data;
}

export type { TemplateInput };

/**
 * What a new version may not do (DESIGN §3): change a key's type (in any earlier version), reuse a
 * table key as a field or back, change a table column's type, or change the template's kind.
 * Adding, retiring, relabelling and re-constraining are allowed. Returns the reasons it is refused.
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
    if (before && before.type !== type) {
      reasons.push(
        problem(
          'key_type_changed',
          { key, before: before.type, version: before.version, now: type },
          { path: key, key },
        ),
      );
    }
  };
  for (const f of allFields(next)) check(f.key, f.type, typeOf);
  for (const table of next.tables) {
    check(table.key, 'table', typeOf);
    for (const c of table.columns) check(`${table.key}.${c.key}`, c.type, columnTypes);
  }
  const nextKeys = new Set([...allFields(next).map((f) => f.key), ...next.tables.map((t) => t.key)]);
  for (const [key, was] of typeOf) {
    if (!nextKeys.has(key)) {
      reasons.push(problem('key_removed', { key, version: was.version }, { path: key, key }));
    }
  }
  return reasons;
}

/** A column is validated exactly like a field. */
export type Cellish = Field | Column;
