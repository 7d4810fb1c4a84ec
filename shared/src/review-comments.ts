/**
 * What a reviewer works with beside the figures (docs/architecture.md, "Domain": review): comments on fields
 * of a returned report — checked against the reviewed revision's template, NFC — and what changed between two
 * revisions of a unit's report. Pure.
 */
import { problem, type Problem } from './i18n/problem';
import type { FieldValue, LocalizedText, TableRow, Template } from './schemas';
import { allFields } from './template';
import { keyMap, nfc } from './text';

/** Field comments as stored: NFC, trimmed, empty ones dropped; undefined when none is left. */
export function normalizeReviewFields(
  fields: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (!fields) return undefined;
  const out = keyMap<string>();
  for (const [key, text] of Object.entries(fields)) {
    const clean = nfc(text).trim();
    if (clean) out[key] = clean;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A comment may be about a field or a repeating table of the template (retired ones included). */
export function reviewTargets(template: Template): Map<string, LocalizedText> {
  const targets = new Map<string, LocalizedText>();
  for (const f of allFields(template)) targets.set(f.key, f.label);
  for (const t of template.tables) targets.set(t.key, t.title);
  return targets;
}

/** One `unknown_review_field` problem per key the template does not have. */
export function reviewFieldProblems(template: Template, fields: Readonly<Record<string, string>>): Problem[] {
  const targets = reviewTargets(template);
  return Object.keys(fields)
    .filter((key) => !targets.has(key))
    .map((key) =>
      problem('unknown_review_field', { key, templateId: template.id }, { key, path: `fields.${key}` }),
    );
}

/** A change between two revisions: a field's value, or a table's rows (counted). */
export interface SubmissionChange {
  key: string;
  label?: LocalizedText;
  from: FieldValue | undefined;
  to: FieldValue | undefined;
  /** A repeating table: `from`/`to` count its rows; its content changed. */
  table?: true;
}

interface Content {
  values?: Readonly<Record<string, FieldValue>>;
  tables?: Readonly<Record<string, readonly TableRow[]>>;
}

const own = <T>(r: Readonly<Record<string, T>> | undefined, k: string): T | undefined =>
  r && Object.prototype.hasOwnProperty.call(r, k) ? r[k] : undefined;

/**
 * What changed from `before` to `after`: every field whose value differs (added, removed or changed), in the
 * template's order, then keys the template does not know, then every table whose rows differ.
 */
export function submissionChanges(template: Template, before: Content, after: Content): SubmissionChange[] {
  const labels = reviewTargets(template);
  const ordered = [...allFields(template).map((f) => f.key)];
  const known = new Set(ordered);
  for (const k of [...Object.keys(before.values ?? {}), ...Object.keys(after.values ?? {})])
    if (!known.has(k)) {
      known.add(k);
      ordered.push(k);
    }
  const changes: SubmissionChange[] = [];
  for (const key of ordered) {
    const from = own(before.values, key);
    const to = own(after.values, key);
    if (from === to || ((from ?? null) === null && (to ?? null) === null)) continue;
    const label = labels.get(key);
    changes.push({ key, ...(label ? { label } : {}), from: from ?? null, to: to ?? null });
  }
  const tableKeys = new Set([...Object.keys(before.tables ?? {}), ...Object.keys(after.tables ?? {})]);
  for (const t of template.tables) tableKeys.add(t.key);
  for (const key of tableKeys) {
    const from = own(before.tables, key) ?? [];
    const to = own(after.tables, key) ?? [];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const label = labels.get(key);
    changes.push({ key, ...(label ? { label } : {}), from: from.length, to: to.length, table: true });
  }
  return changes;
}
