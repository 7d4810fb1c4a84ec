/**
 * Validation of a submission against its template: types, required, ranges, choices, lengths,
 * table row limits and cross-field rules. Text is normalised to NFC first. Every issue is a problem
 * (code, parameters, field key and path); the edge renders it in the reader's language.
 */
import type { ProblemCode } from './i18n/catalogue';
import type { ProblemParams } from './i18n/problem';
import { evaluateComparison, parseComparison, referencesOf } from './rules';
import type { Column, Field, FieldValue, Submission, TableRow, Template } from './schemas';
import { activeTables, fieldByKey } from './template';
import { keyMap, nfc, own } from './text';

export interface ValidationIssue {
  code: ProblemCode;
  params?: ProblemParams;
  /** Where in the submission: `values.trainees`, `tables.models[2].name`. */
  path: string;
  /** The field key (for a table cell: the table key). */
  key: string;
  /** For table cells. */
  column?: string;
  row?: number;
  /** The worksheet cell, when the submission came from a sheet (see sheet/template-sheet). */
  cell?: string;
}

/** Hard ceilings for text without a maxLength: what one Table Storage property pair holds comfortably. */
export const DEFAULT_MAX_LENGTH = { text: 1000, longtext: 32000 } as const;

/**
 * The largest magnitude a number field accepts when its template sets no tighter bound (docs/architecture.md, "Domain":
 * counts of people, cards, masks …). Far below 2^53, so every integer is exact and a province's total
 * of thousands of units stays exact too; configurable per deployment (MAX_NUMBER).
 */
export const DEFAULT_MAX_NUMBER = 1e12;

export interface ValidationOptions {
  /** See {@link DEFAULT_MAX_NUMBER}; never above Number.MAX_SAFE_INTEGER. */
  maxNumber?: number;
}

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** NFC-normalise and trim text, drop empty values and empty table rows. */
export function normalizeSubmission<T extends Pick<Submission, 'values' | 'tables'>>(s: T): T {
  const clean = (v: FieldValue): FieldValue => (typeof v === 'string' ? nfc(v).trim() : v);
  // Keys come from users: the maps have no prototype (see schemas.ts UNSAFE_KEYS for the other half).
  const cleanRecord = (r: Record<string, FieldValue>) => {
    const out = keyMap<FieldValue>();
    for (const [k, v] of Object.entries(r)) {
      const c = clean(v);
      if (!isEmpty(c)) out[k] = c;
    }
    return out;
  };
  const tables = keyMap<TableRow[]>();
  for (const [k, rows] of Object.entries(s.tables ?? {})) {
    tables[k] = rows.map(cleanRecord).filter((r) => Object.keys(r).length > 0);
  }
  const out = { ...s, values: cleanRecord(s.values ?? {}), tables };
  // The clerk's explanation (history hints): NFC and trimmed like a value; an empty one is none.
  const explanation = (s as { explanation?: unknown }).explanation;
  if (typeof explanation === 'string') {
    const clean = nfc(explanation).trim();
    if (clean) (out as { explanation?: string }).explanation = clean;
    else delete (out as { explanation?: string }).explanation;
  }
  return out;
}

/** Checks one value against its field or column definition; returns the message key of the problem. */
export function checkValue(
  def: Field | Column,
  value: FieldValue | undefined,
  options: ValidationOptions = {},
): { code: ProblemCode; min?: number; max?: number } | undefined {
  if (isEmpty(value)) return def.required ? { code: 'required' } : undefined;
  switch (def.type) {
    case 'integer':
    case 'decimal':
    case 'percent': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return {
          code:
            def.type === 'integer' ? 'not_integer' : def.type === 'percent' ? 'not_percent' : 'not_number',
        };
      }
      if (def.type === 'integer' && !Number.isInteger(value)) return { code: 'not_integer' };
      const limit = Math.min(options.maxNumber ?? DEFAULT_MAX_NUMBER, Number.MAX_SAFE_INTEGER);
      const min = Math.max(def.min ?? (def.type === 'percent' ? 0 : -limit), -limit);
      const max = Math.min(def.max ?? (def.type === 'percent' ? 1 : limit), limit);
      if (min !== undefined && value < min) return { code: 'below_min', min };
      if (max !== undefined && value > max) return { code: 'above_max', max };
      return undefined;
    }
    case 'text':
    case 'longtext': {
      if (typeof value !== 'string') return { code: 'not_text' };
      const limit = def.maxLength ?? DEFAULT_MAX_LENGTH[def.type];
      return [...value].length > limit ? { code: 'too_long' } : undefined;
    }
    case 'date': {
      if (typeof value !== 'string' || !isIsoDate(value)) return { code: 'not_date' };
      return undefined;
    }
    case 'choice':
      return typeof value === 'string' && (def.choices ?? []).some((c) => c.value === value)
        ? undefined
        : { code: 'not_choice' };
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { code: 'not_boolean' };
  }
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function formatBound(def: Field | Column, n: number): string | number {
  return def.type === 'percent' ? `${Math.round(n * 10000) / 100}%` : n;
}

/** The parameters of a value's problem: the label (localised when rendered) and the limits. */
function paramsOf(def: Field | Column, problem: NonNullable<ReturnType<typeof checkValue>>): ProblemParams {
  return {
    label: def.label,
    ...(problem.min !== undefined ? { min: formatBound(def, problem.min) } : {}),
    ...(problem.max !== undefined ? { max: formatBound(def, problem.max) } : {}),
    ...(def.maxLength !== undefined || def.type === 'text' || def.type === 'longtext'
      ? { maxLength: def.maxLength ?? DEFAULT_MAX_LENGTH[def.type as 'text' | 'longtext'] }
      : {}),
    ...(def.choices ? { choices: def.choices.map((c) => c.label) } : {}),
  };
}

/**
 * Validates field values and table rows (already normalised with normalizeSubmission) against the
 * template. Returns every issue found, in sheet order; an empty list means valid.
 */
export function validateSubmission(
  template: Template,
  submission: Pick<Submission, 'values' | 'tables'>,
  options: ValidationOptions = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const fields = fieldByKey(template);

  for (const key of Object.keys(submission.values)) {
    const f = fields.get(key);
    if (!f)
      issues.push({
        path: `values.${key}`,
        key,
        code: 'unknown_field',
        params: { key },
      });
    else if (f.retired && !isEmpty(own(submission.values, key))) {
      issues.push({
        path: `values.${key}`,
        key,
        code: 'retired_field',
        params: { label: f.label },
      });
    }
  }
  for (const section of template.sections) {
    for (const f of section.fields) {
      if (f.retired) continue;
      const problem = checkValue(f, own(submission.values, f.key), options);
      if (problem)
        issues.push({
          path: `values.${f.key}`,
          key: f.key,
          code: problem.code,
          params: paramsOf(f, problem),
        });
    }
  }

  const tableDefs = new Map(template.tables.map((t) => [t.key, t]));
  for (const [key, rows] of Object.entries(submission.tables)) {
    const t = tableDefs.get(key);
    if (!t || (t.retired && rows.length > 0)) {
      issues.push({
        path: `tables.${key}`,
        key,
        code: 'unknown_table',
        params: { key },
      });
    }
  }
  for (const t of activeTables(template)) {
    const rows = own(submission.tables, t.key) ?? [];
    if (rows.length > t.maxRows) {
      issues.push({
        path: `tables.${t.key}`,
        key: t.key,
        code: 'too_many_rows',
        params: { table: t.title, maxRows: t.maxRows },
      });
    }
    const columns = new Map(t.columns.map((c) => [c.key, c]));
    rows.forEach((row, r) => {
      for (const colKey of Object.keys(row)) {
        if (!columns.has(colKey)) {
          issues.push({
            path: `tables.${t.key}[${r}].${colKey}`,
            key: t.key,
            column: colKey,
            row: r,
            code: 'unknown_field',
            params: { key: colKey },
          });
        }
      }
      for (const c of t.columns) {
        const problem = checkValue(c, own(row, c.key), options);
        if (problem) {
          issues.push({
            path: `tables.${t.key}[${r}].${c.key}`,
            key: t.key,
            column: c.key,
            row: r,
            code: problem.code,
            params: paramsOf(c, problem),
          });
        }
      }
    });
  }

  // Cross-field rules run on values that passed their own checks, so a message is never about garbage.
  const invalidKeys = new Set(issues.map((i) => i.key));
  for (const rule of template.rules) {
    const check = parseComparison(rule.check);
    const refs = referencesOf(check);
    if (refs.fields.some((k) => invalidKeys.has(k))) continue;
    const data = { values: submission.values, tables: submission.tables };
    if (rule.when !== undefined && evaluateComparison(parseComparison(rule.when), data) !== true) continue;
    if (evaluateComparison(check, data) === false) {
      const key = rule.field ?? refs.fields[0] ?? refs.tables[0] ?? rule.id;
      issues.push({
        path: `values.${key}`,
        key,
        code: 'rule_failed',
        params: { rule: rule.id, message: rule.message },
      });
    }
  }
  return issues;
}
