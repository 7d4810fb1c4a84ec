/**
 * The domain's single source of types: every shape that crosses a boundary (data files, HTTP bodies,
 * storage rows, sheets) is a zod schema here, and its TypeScript type is inferred from it.
 * Pure: no I/O. Past 400 lines because it is one idea: one place for every shape, so none is declared twice.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from './languages';

export { LANGUAGES, type Language };

/** Bilingual text: Vietnamese is required, English falls back to it. */
export const LocalizedTextSchema = z.object({
  vi: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * Names a key may not take: they clash with the internals of a JavaScript object (`constructor`,
 * `__proto__`, `toString` …), so a value keyed by them could read something the user never sent.
 * Compared without case, so a looser key syntax later cannot let them in.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(
  [...Object.getOwnPropertyNames(Object.prototype), 'prototype', '__proto__'].map((k) => k.toLowerCase()),
);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key.toLowerCase());
}

/** Keys are stable identifiers used in storage, named ranges and rules: ASCII snake_case. */
export const KeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,47}$/,
    'key must be lower-case ASCII letters, digits and _, starting with a letter',
  )
  .superRefine((key, ctx) => {
    if (isUnsafeKey(key))
      ctx.addIssue({ code: 'custom', message: 'reserved key', params: { code: 'unsafe_key', key } });
  });

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'not a calendar date', params: { code: 'not_calendar_date' } },
  );

// ---------------------------------------------------------------- units

export const UNIT_GROUPS = [
  'board',
  'department',
  'district',
  'union',
  'commune',
  'agency',
  'other',
] as const;
/**
 * How a unit was before a change (units over time, shared/src/unit-history.ts): its name, group and parent
 * before `until`. The unit's own fields are how it is now; a roll-up of a period uses the version of its due date.
 */
export const UnitVersionSchema = z.object({
  until: IsoDateSchema,
  name: z.string().min(1),
  shortName: z.string().min(1).optional(),
  group: z.enum(UNIT_GROUPS),
  parentId: z.string().optional(),
});
export type UnitVersion = z.infer<typeof UnitVersionSchema>;

/**
 * A unit's e-mail address: zod's e-mail check (an ASCII local part and domain, as most mail systems
 * accept), at most 254 characters (RFC 5321's path limit less the brackets).
 */
export const UnitEmailSchema = z.string().trim().max(254).pipe(z.email());

export const UnitSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'unit id: letters, digits, - and _'),
  name: z.string().min(1),
  shortName: z.string().min(1).optional(),
  group: z.enum(UNIT_GROUPS),
  parentId: z.string().optional(),
  pilot: z.boolean().default(false),
  /** false for nodes that only aggregate (e.g. the provincial board itself). */
  reports: z.boolean().default(true),
  /** The unit is expected to report for periods due on or after this date. */
  activeFrom: IsoDateSchema.optional(),
  /** ...and before this date. */
  activeUntil: IsoDateSchema.optional(),
  /**
   * Units over time (docs/architecture.md "Units over time"): the units that take over this unit's work
   * (e.g. commune police after the district police ended). Their same period last year adds this unit's figures.
   */
  successors: z.array(z.string().min(1).max(40)).optional(),
  /** Earlier versions: each says what the unit was called, its group and parent before `until`. */
  history: z.array(UnitVersionSchema).optional(),
  /** Who to call about the unit's reports: a person and a phone, free text (the progress screen shows it). */
  contact: z.string().trim().min(1).max(200).optional(),
  /** Where reminders go (a `mailto:` link in the progress screen). */
  email: UnitEmailSchema.optional(),
  /**
   * The emulation cluster or bloc (cụm, khối thi đua) the unit is ranked in (shared/src/ranking.ts);
   * without one the unit is ranked with its group.
   */
  cluster: z.string().trim().min(1).max(100).optional(),
});
export type Unit = z.infer<typeof UnitSchema>;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

// ---------------------------------------------------------------- periods and calendars

export const PERIOD_KINDS = ['plan', 'quarter', 'half', 'year', 'interim', 'final'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** `review`: the report of an interim or final review (sơ kết, tổng kết), for periods of kind `interim` or `final`. */
export const TEMPLATE_KINDS = ['plan', 'results', 'review'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * What a period's figures cover (“số liệu tính từ … đến …”), both days included. A report due before its
 * quarter ends (quý III due 15/9) says so here and in its label (“Báo cáo quý III (9 tháng)”).
 */
export const DataWindowSchema = z.object({ from: IsoDateSchema, to: IsoDateSchema });
export type DataWindow = z.infer<typeof DataWindowSchema>;

export const PeriodSchema = z.object({
  /** e.g. `2021-Q1`: the year, then the slot. */
  id: z.string().regex(/^\d{4}-[A-Z0-9]{1,8}$/),
  kind: z.enum(PERIOD_KINDS),
  /** The slot in the year (`Q1`, `H1`, `Y`, `PLAN` ...): same slot one year earlier is "cùng kỳ". */
  slot: z.string(),
  year: z.number().int(),
  label: LocalizedTextSchema,
  /** On time if received before 00:00 local time on this date. */
  due: IsoDateSchema,
  templateKind: z.enum(TEMPLATE_KINDS),
  locked: z.boolean().default(false),
  /** Due on or after the calendar's `endsOn`: the campaign had ended, nobody is expected to report. */
  afterEnd: z.boolean().optional(),
  window: DataWindowSchema.optional(),
});
export type Period = z.infer<typeof PeriodSchema>;

/** A period that recurs every year: `{year}` in labels is replaced. */
export const RecurringPeriodSchema = z.object({
  slot: z.string().regex(/^[A-Z0-9]{1,8}$/),
  kind: z.enum(PERIOD_KINDS),
  label: LocalizedTextSchema,
  /** Month and day of the due date, `MM-DD`. */
  due: z.string().regex(/^\d{2}-\d{2}$/),
  templateKind: z.enum(TEMPLATE_KINDS),
  /**
   * The figures' window as `MM-DD` days of the period's year; a `from` later in the year than `to`
   * is in the year before (`12-15` … `03-14`). Starts no earlier than the calendar's `startsOn`.
   */
  window: z
    .object({ from: z.string().regex(/^\d{2}-\d{2}$/), to: z.string().regex(/^\d{2}-\d{2}$/) })
    .optional(),
});
export type RecurringPeriod = z.infer<typeof RecurringPeriodSchema>;

export const CalendarSchema = z.object({
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  /** Recurring periods due before this date are not generated (the campaign had not started). */
  startsOn: IsoDateSchema.optional(),
  /**
   * The campaign ended on this date (its organisation was merged away): periods due on or after it stay in
   * the calendar, marked `afterEnd`, and no unit is expected to report in them (shared/src/units.ts).
   */
  endsOn: IsoDateSchema.optional(),
  recurring: z.array(RecurringPeriodSchema).default([]),
  /** Periods that happen once (the plan, an interim or final review). */
  once: z
    .array(PeriodSchema.omit({ locked: true, afterEnd: true }).extend({ locked: z.boolean().default(false) }))
    .default([]),
  /** Ids of locked periods: after locking, only an admin may write. */
  locked: z.array(z.string()).default([]),
});
export type Calendar = z.infer<typeof CalendarSchema>;

/** A campaign's overrides of the history hints' thresholds (history-hints.ts, README "Hints from history"). */
export const HintSettingsSchema = z
  .object({
    enabled: z.boolean(),
    lastPeriods: z.number().int().min(0).max(20),
    minPoints: z.number().int().min(2).max(50),
    zThreshold: z.number().positive().max(100),
    relativeMargin: z.number().min(0).max(100),
    absoluteMargin: z.number().min(0),
    percentAbsoluteMargin: z.number().min(0).max(1),
  })
  .partial()
  .strict();

// ---------------------------------------------------------------- scoring (bình xét thi đua)

const criterionBase = {
  id: KeySchema,
  label: LocalizedTextSchema,
  /** The most points the criterion gives. */
  points: z.number().positive().max(1000),
};

/**
 * One criterion of a scoring scheme and how its points are computed (shared/src/ranking.ts):
 * - `timeliness`: points × the share of the year's expected periods whose latest revision came on time;
 * - `completeness`: points × the share of the year's expected periods with a report;
 * - `indicator`: a numeric field over the year's results reports (`over`: `sum` of every report, or the
 *   `latest` report's figure, for figures counted from the start of the year), optionally per hundred of
 *   another field (`perHundredOf`), scaled linearly from 0 points at `lower` to all points at `upper`;
 * - `manual`: scored by the reviewer by hand, with a reason.
 */
export const ScoringCriterionSchema = z.discriminatedUnion('kind', [
  z.object({ ...criterionBase, kind: z.literal('timeliness') }).strict(),
  z.object({ ...criterionBase, kind: z.literal('completeness') }).strict(),
  z
    .object({
      ...criterionBase,
      kind: z.literal('indicator'),
      field: KeySchema,
      perHundredOf: KeySchema.optional(),
      over: z.enum(['sum', 'latest']).default('sum'),
      lower: z.number(),
      upper: z.number(),
    })
    .strict(),
  z.object({ ...criterionBase, kind: z.literal('manual') }).strict(),
]);
export type ScoringCriterion = z.infer<typeof ScoringCriterionSchema>;

export const ScoringSchema = z
  .object({ criteria: z.array(ScoringCriterionSchema).min(1).max(30) })
  .strict()
  .superRefine((scoring, ctx) => {
    const seen = new Set<string>();
    scoring.criteria.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({
          code: 'custom',
          message: 'duplicate criterion id',
          path: ['criteria', i, 'id'],
          params: { code: 'duplicate_criterion', key: c.id },
        });
      seen.add(c.id);
      if (c.kind === 'indicator' && !(c.upper > c.lower))
        ctx.addIssue({
          code: 'custom',
          message: 'upper must be above lower',
          path: ['criteria', i, 'upper'],
          params: { code: 'criterion_bounds', key: c.id },
        });
    });
  });
export type Scoring = z.infer<typeof ScoringSchema>;

export const CampaignSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  name: LocalizedTextSchema,
  /** Who runs it, e.g. "Công an tỉnh Lạng Sơn". */
  organisation: z.string().min(1),
  /** Where the reports are written, for the place and date line of the forms (e.g. "Lạng Sơn"). */
  place: z.string().min(1).optional(),
  /** The standing office that receives reports, e.g. PX03. */
  standingOffice: z.string().min(1),
  timeZone: z.string().default('Asia/Ho_Chi_Minh'),
  /** A note on the campaign's data, e.g. why it ended (the province was merged) and the source. */
  note: LocalizedTextSchema.optional(),
  /** Mottos shown on the campaign's pages, e.g. "5 xin, 5 luôn". */
  mottos: z.array(z.object({ title: z.string(), text: z.string() })).default([]),
  /**
   * How the standing office signs its narrative report (shared/src/report/narrative.ts): the place in
   * “Lạng Sơn, ngày … tháng … năm …”, the signer's title (“TRƯỞNG PHÒNG”) and the “Nơi nhận” lines.
   * All optional: without them the report leaves dotted blanks for the office to fill.
   */
  report: z
    .object({
      place: z.string().min(1).optional(),
      signerTitle: z.string().min(1).optional(),
      recipients: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  calendar: CalendarSchema,
  /**
   * Hints from history (shared/src/history-hints.ts): the thresholds of the test that flags a value far from
   * the unit's own history. Every setting is optional; the defaults are DEFAULT_HINT_SETTINGS.
   */
  hints: HintSettingsSchema.optional(),
  /** The scoring scheme of the yearly ranking (bình xét thi đua, shared/src/ranking.ts); none = no ranking. */
  scoring: ScoringSchema.optional(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** A campaign as the API returns it: with its calendar expanded into periods. */
export type CampaignWithPeriods = Omit<Campaign, 'calendar'> & { periods: Period[] };

// ---------------------------------------------------------------- templates

export const FIELD_TYPES = [
  'integer',
  'decimal',
  'percent',
  'text',
  'longtext',
  'date',
  'choice',
  'boolean',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/**
 * How a field rolls up (rollup.ts `aggregate`): `count` counts the units that answered (a boolean only
 * when true); `wavg` is the average weighted by the field named in `weight`; `distribution` counts
 * the units per choice of a choice field.
 */
export const ROLLUP_KINDS = [
  'sum',
  'avg',
  'wavg',
  'min',
  'max',
  'count',
  'distribution',
  'list',
  'none',
] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];

export const ChoiceSchema = z.object({ value: KeySchema, label: LocalizedTextSchema });
export type Choice = z.infer<typeof ChoiceSchema>;

const fieldShape = {
  key: KeySchema,
  type: z.enum(FIELD_TYPES),
  label: LocalizedTextSchema,
  required: z.boolean().default(false),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().optional(),
  choices: z.array(ChoiceSchema).optional(),
  help: LocalizedTextSchema.optional(),
  /** What is counted, shown beside the cell: "lượt", "người", "mô hình". */
  unitLabel: LocalizedTextSchema.optional(),
};

function checkFieldConstraints(
  f: { type: FieldType; min?: number | undefined; max?: number | undefined; choices?: Choice[] | undefined },
  ctx: z.RefinementCtx,
) {
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
    ctx.addIssue({
      code: 'custom',
      message: 'min must not exceed max',
      path: ['min'],
      params: { code: 'min_above_max', min: f.min, max: f.max },
    });
  }
  if (f.type === 'choice' && (!f.choices || f.choices.length === 0)) {
    ctx.addIssue({
      code: 'custom',
      message: 'a choice field needs choices',
      path: ['choices'],
      params: { code: 'choices_needed' },
    });
  }
  if (f.choices) {
    const seen = new Set<string>();
    for (const c of f.choices) {
      if (seen.has(c.value))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate choice ${c.value}`,
          path: ['choices'],
          params: { code: 'duplicate_choice', value: c.value },
        });
      seen.add(c.value);
    }
  }
}

export const FieldSchema = z
  .object({
    ...fieldShape,
    rollup: z.enum(ROLLUP_KINDS).default('none'),
    /** For `rollup: 'wavg'`: the numeric field of the same template that weighs each unit's value. */
    weight: KeySchema.optional(),
    /** A retired field is no longer asked for; its key stays reserved for its type. */
    retired: z.boolean().default(false),
  })
  .superRefine(checkFieldConstraints);
export type Field = z.infer<typeof FieldSchema>;

export const SectionSchema = z.object({
  key: KeySchema,
  title: LocalizedTextSchema,
  fields: z.array(FieldSchema),
});
export type Section = z.infer<typeof SectionSchema>;

export const ColumnSchema = z.object({ ...fieldShape }).superRefine(checkFieldConstraints);
export type Column = z.infer<typeof ColumnSchema>;

/** A repeating table, e.g. the unit's models (name, slogan, start date). */
export const TableDefSchema = z.object({
  key: KeySchema,
  title: LocalizedTextSchema,
  columns: z.array(ColumnSchema).min(1),
  maxRows: z.number().int().positive().max(500),
  /** `list` gathers every unit's rows into the roll-up; `count` only counts them. */
  rollup: z.enum(['list', 'count', 'none']).default('list'),
  /**
   * A choice column the list is grouped by (e.g. the award form of the proposed commendations): the
   * summary sheet orders the rows by its choices and counts them per choice, the narrative report
   * lists them choice by choice with the totals.
   */
  groupBy: KeySchema.optional(),
  retired: z.boolean().default(false),
});
export type TableDef = z.infer<typeof TableDefSchema>;

/**
 * A cross-field rule: `check` is a comparison such as `manners_opinions <= opinions_received`
 * (operands: field keys, numbers, `+`/`-`, `count(table)`), optionally only `when` another holds.
 */
export const RuleSchema = z.object({
  id: KeySchema,
  check: z.string().min(1),
  when: z.string().min(1).optional(),
  message: LocalizedTextSchema,
  /** Field the message points at (defaults to the first field named in `check`). */
  field: KeySchema.optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

/**
 * The largest template version: versions are 8-digit parts of storage keys and 1–6 digit route segments
 * (`…/versions/{version}`), so a version that could be published but never stored or asked for is refused.
 */
export const MAX_TEMPLATE_VERSION = 999_999;

export const TemplateSchema = z.object({
  id: KeySchema,
  campaignId: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  version: z.number().int().positive().max(MAX_TEMPLATE_VERSION),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  sections: z.array(SectionSchema).min(1),
  tables: z.array(TableDefSchema).default([]),
  rules: z.array(RuleSchema).default([]),
});
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;

// ---------------------------------------------------------------- submissions

/** A scalar as it travels in JSON: numbers, text, ISO dates (as text), choice values, booleans. */
export const FieldValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof FieldValueSchema>;
export type FieldValues = Record<string, FieldValue>;
export type TableRow = Record<string, FieldValue>;

export const MAX_EXPLANATION_CHARS = 1000;

export const SubmissionSchema = z.object({
  submissionId: z.uuid(),
  templateId: KeySchema,
  templateVersion: z.number().int().positive().max(MAX_TEMPLATE_VERSION),
  unitId: z.string().min(1).max(40),
  periodId: z.string().min(1).max(20),
  values: z.record(KeySchema, FieldValueSchema).default({}),
  tables: z.record(KeySchema, z.array(z.record(KeySchema, FieldValueSchema))).default({}),
  /** Admin only: when a paper report was received (ISO instant). */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  /**
   * Why values flagged by the history hints are right (the clerk's own words, shown to the reviewer):
   * optional, NFC, trimmed; empty means none.
   */
  explanation: z.string().max(MAX_EXPLANATION_CHARS).optional(),
});
export type Submission = z.infer<typeof SubmissionSchema>;
export type SubmissionInput = z.input<typeof SubmissionSchema>;

export const ReceiptSchema = z.object({
  submissionId: z.string(),
  unitId: z.string(),
  periodId: z.string(),
  revision: z.number().int().positive(),
  receivedAt: z.string(),
  onTime: z.boolean(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const REVIEW_STATES = ['pending', 'accepted', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const ReviewSchema = z.object({
  state: z.enum(REVIEW_STATES),
  comment: z.string().optional(),
  by: z.string().optional(),
  at: z.string().optional(),
  /** The revision the review is about. */
  revision: z.number().int().positive().optional(),
  /** A returned report's comments on fields: field (or table) key → what to correct. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** Field comments of one review: at most this many keys, each comment at most this many characters. */
export const MAX_REVIEW_FIELDS = 30;
export const MAX_REVIEW_FIELD_CHARS = 300;

/** Field key → comment; keys are checked against the reviewed revision's template by the endpoint. */
export const ReviewFieldsSchema = z
  .record(KeySchema, z.string().trim().min(1).max(MAX_REVIEW_FIELD_CHARS))
  .superRefine((fields, ctx) => {
    const n = Object.keys(fields).length;
    if (n > MAX_REVIEW_FIELDS)
      ctx.addIssue({
        code: 'custom',
        message: 'too many field comments',
        params: { code: 'too_many_review_fields', max: MAX_REVIEW_FIELDS, count: n },
      });
  });

const reviewActionShape = z.object({
  action: z.enum(['accept', 'return']),
  comment: z.string().max(2000).optional(),
  /** Only with `return`: comments on fields, shown on the clerk's sheet. */
  fields: ReviewFieldsSchema.optional(),
  /** The revision the reviewer saw; a newer one makes the review 409 `revision_conflict`. */
  revision: z.number().int().positive().optional(),
});

function fieldsOnlyOnReturn(
  a: { action: string; fields?: Record<string, string> | undefined },
  ctx: z.RefinementCtx,
) {
  if (a.action === 'accept' && a.fields && Object.keys(a.fields).length)
    ctx.addIssue({
      code: 'custom',
      message: 'field comments go with a return',
      path: ['fields'],
      params: { code: 'review_fields_on_accept' },
    });
}

export const ReviewActionSchema = reviewActionShape.superRefine(fieldsOnlyOnReturn);
export type ReviewAction = z.infer<typeof ReviewActionSchema>;

/** POST …/reviews: several reviews at once, each answered on its own. */
export const MAX_BULK_REVIEWS = 100;
export const BulkReviewItemSchema = reviewActionShape
  .extend({ unitId: UnitSchema.shape.id, periodId: PeriodSchema.shape.id })
  .superRefine(fieldsOnlyOnReturn);
export type BulkReviewItem = z.infer<typeof BulkReviewItemSchema>;
export const BulkReviewSchema = z.object({
  reviews: z.array(BulkReviewItemSchema).min(1).max(MAX_BULK_REVIEWS),
});

/** A stored revision: the submission as accepted, with its receipt and review. */
export type StoredSubmission = Submission & {
  revision: number;
  receivedAt: string;
  onTime: boolean;
  review: Review;
};
