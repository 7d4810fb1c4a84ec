/**
 * The flat data feed (docs/architecture.md, "The data feed"): one row per unit, period and field of the
 * latest revisions, for pivot tables in Excel and Power BI. Pure: the endpoint
 * (functions/src/functions/data-get.ts) reads the rows and pages; this builds them and writes CSV.
 */
import { catalogue } from './i18n/catalogue';
import type { FieldValue, Language, Period, ReviewState, StoredSubmission, Template, Unit } from './schemas';

/** The feed's columns, in order: the keys of a JSON row and the columns of the CSV. */
export const FEED_COLUMNS = [
  'campaignId',
  'periodId',
  'periodLabel',
  'unitId',
  'unitName',
  'group',
  'templateId',
  'templateVersion',
  'fieldKey',
  'fieldLabel',
  'value',
  'receivedAt',
  'onTime',
  'reviewState',
] as const;
export type FeedColumn = (typeof FEED_COLUMNS)[number];

export interface FeedRow {
  campaignId: string;
  periodId: string;
  /** The period's label in the feed's language (“6 tháng đầu năm 2022”). */
  periodLabel: string;
  unitId: string;
  /** The unit's name in the registry, else its id. */
  unitName: string;
  /** The unit's group (khối) in the feed's language; empty for a unit no longer in the registry. */
  group: string;
  templateId: string;
  templateVersion: number;
  fieldKey: string;
  /** The field's label in the feed's language, else its key. */
  fieldLabel: string;
  /** As submitted: a number stays a number; null when the field was left empty. */
  value: FieldValue;
  receivedAt: string;
  onTime: boolean;
  reviewState: ReviewState;
}

export interface FeedContext {
  campaignId: string;
  period: Period;
  /** The registry's unit, when it is still there. */
  unit?: Unit | undefined;
  /** The template version the submission was made on, when it is known. */
  template?: Template | undefined;
  lang: Language;
}

/**
 * The rows of one submission, in a stable order: the template's fields as its sections list them (a
 * retired field only when the report holds a value for it), then any other key the report holds, by key.
 * Repeating tables are not flattened into the feed (their rows have no single value per field).
 */
export function feedRowsOf(submission: StoredSubmission, ctx: FeedContext): FeedRow[] {
  const values = submission.values ?? {};
  const fields: { key: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const section of ctx.template?.sections ?? []) {
    for (const field of section.fields) {
      if (seen.has(field.key)) continue;
      if (field.retired && !Object.hasOwn(values, field.key)) continue;
      seen.add(field.key);
      fields.push({ key: field.key, label: field.label[ctx.lang] || field.key });
    }
  }
  for (const key of Object.keys(values).sort()) {
    if (!seen.has(key)) fields.push({ key, label: key });
  }
  const groups = catalogue(ctx.lang).labels.groups as Record<string, string>;
  const common = {
    campaignId: ctx.campaignId,
    periodId: ctx.period.id,
    periodLabel: ctx.period.label[ctx.lang] || ctx.period.id,
    unitId: submission.unitId,
    unitName: ctx.unit?.name ?? submission.unitId,
    group: ctx.unit ? (groups[ctx.unit.group] ?? ctx.unit.group) : '',
    templateId: submission.templateId,
    templateVersion: submission.templateVersion,
    receivedAt: submission.receivedAt,
    onTime: submission.onTime,
    reviewState: submission.review?.state ?? 'pending',
  };
  return fields.map((f) => ({
    ...common,
    fieldKey: f.key,
    fieldLabel: f.label,
    value: Object.hasOwn(values, f.key) ? (values[f.key] ?? null) : null,
  }));
}

/** The feed's column headers in a language (from the catalogue). */
export function feedHeaders(lang: Language): string[] {
  const names = catalogue(lang).feed.columns;
  return FEED_COLUMNS.map((c) => names[c]);
}

// ---------------------------------------------------------------- CSV

/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 (and Vietnamese correctly) only with it. */
export const CSV_BOM = '\uFEFF';

/**
 * A text cell that a spreadsheet would read as a formula (OWASP "CSV Injection": a leading `=`, `+`, `-`,
 * `@`, tab or carriage return) is prefixed with `'`, so it is shown as text and never evaluated.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): numbers as numbers (a negative number is a number, not a formula), booleans
 * as TRUE/FALSE, null as empty; text neutralised against formulas, then quoted when it holds a quote,
 * a comma, CR or LF (quotes doubled).
 */
export function csvField(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated (RFC 4180 §2.1). */
export function csvRecord(fields: readonly (FieldValue | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The header record of the feed in a language. */
export function feedCsvHeader(lang: Language): string {
  return csvRecord(feedHeaders(lang));
}

/** One feed row as a CSV record, columns in {@link FEED_COLUMNS} order. */
export function feedCsvRecord(row: FeedRow): string {
  return csvRecord(FEED_COLUMNS.map((c) => row[c]));
}
