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

export interface TemplateProblem {
  path: string;
  message: string;
}

/** Consistency the schema alone cannot see: unique keys, rules that parse and name real keys. */
export function checkTemplate(template: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const keys = new Map<string, string>();
  const claim = (key: string, path: string) => {
    const first = keys.get(key);
    if (first) problems.push({ path, message: `key “${key}” is already used at ${first}` });
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
        problems.push({ path: `tables[${ti}].columns[${ci}]`, message: `column “${c.key}” twice` });
      cols.add(c.key);
    });
  });
  const fields = fieldByKey(template);
  const tables = new Set(template.tables.map((t) => t.key));
  const ruleIds = new Set<string>();
  template.rules.forEach((rule, ri) => {
    const path = `rules[${ri}]`;
    if (ruleIds.has(rule.id)) problems.push({ path, message: `rule id “${rule.id}” twice` });
    ruleIds.add(rule.id);
    for (const part of ['check', 'when'] as const) {
      const source = rule[part];
      if (source === undefined) continue;
      try {
        const refs = referencesOf(parseComparison(source));
        for (const key of refs.fields) {
          const f = fields.get(key);
          if (!f) problems.push({ path: `${path}.${part}`, message: `unknown field “${key}”` });
          else if (!isNumericType(f.type) && f.type !== 'boolean') {
            problems.push({ path: `${path}.${part}`, message: `field “${key}” is not a number` });
          }
        }
        for (const t of refs.tables) {
          if (!tables.has(t)) problems.push({ path: `${path}.${part}`, message: `unknown table “${t}”` });
        }
      } catch (e) {
        if (!(e instanceof RuleSyntaxError)) throw e;
        problems.push({ path: `${path}.${part}`, message: e.message });
      }
    }
    if (rule.field !== undefined && !fields.has(rule.field)) {
      problems.push({ path: `${path}.field`, message: `unknown field “${rule.field}”` });
    }
  });
  return problems;
}

export function isNumericType(type: Field['type']): boolean {
  return type === 'integer' || type === 'decimal' || type === 'percent';
}

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(`invalid template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** Parses, normalises to NFC and checks a template; throws TemplateError with every problem. */
export function parseTemplate(input: unknown): Template {
  const result = TemplateSchema.safeParse(normalizeDeep(input));
  if (!result.success) {
    throw new TemplateError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
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
export function incompatibilities(earlier: readonly Template[], next: Template): string[] {
  const reasons: string[] = [];
  const typeOf = new Map<string, { type: string; version: number }>();
  const columnTypes = new Map<string, { type: string; version: number }>();
  for (const t of earlier) {
    if (t.id !== next.id) continue;
    if (t.kind !== next.kind) reasons.push(`version ${t.version} is a ${t.kind} template, not ${next.kind}`);
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
        `“${key}” was ${before.type} in version ${before.version}; a key never changes its type (now ${type})`,
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
      reasons.push(
        `“${key}” (version ${was.version}) is missing; retire it with "retired": true instead of deleting it`,
      );
    }
  }
  return reasons;
}

/** A column is validated exactly like a field. */
export type Cellish = Field | Column;
