/**
 * What the HTTP API answers, as zod schemas: the OpenAPI document (functions/src/http/openapi.ts) is
 * generated from these and from the request schemas of schemas.ts (docs/architecture.md, "HTTP").
 * Where the code builds an answer from a TypeScript type of its own (the roll-up, a unit's calendar, the
 * narrative report's model), the type is checked against the schema at compile time at the bottom of
 * this file, so the contract cannot drift from the code. Pure: no I/O.
 */
import { z } from 'zod';
import type { ReportDocument } from './report/model';
import type { Progress } from './progress';
import type { RankedUnit } from './ranking';
import type { Rollup } from './rollup';
import {
  CampaignSchema,
  ChoiceSchema,
  FIELD_TYPES,
  FieldValueSchema,
  LocalizedTextSchema,
  PERIOD_KINDS,
  PeriodSchema,
  ReviewSchema,
  ROLLUP_KINDS,
  SubmissionSchema,
  TEMPLATE_KINDS,
  TemplateSchema,
  UNIT_GROUPS,
  UnitSchema,
  type CampaignWithPeriods,
  type StoredSubmission,
} from './schemas';
import { UNIT_PERIOD_STATES, type UnitPeriodStatus } from './unit-calendar';
import { UserRecordSchema } from './registry-sheets';
import { MAX_REGISTRY_UNITS, MAX_UNITS_PATCH } from './registry-import';

// ---------------------------------------------------------------- errors

/** One detail of an error: a problem with its place and its rendered text (i18n/problem.ts). */
export const ProblemDetailSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  path: z.string().optional(),
  key: z.string().optional(),
  cell: z.string().optional(),
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
});

/** Every error of every route: `{ error: { code, message, params?, details? } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    /** A code of the catalogues (i18n/catalogue-vi.ts); clients act on it, never on the message. */
    code: z.string(),
    /** The code rendered in the caller's language (Accept-Language). */
    message: z.string(),
    params: z.record(z.string(), z.unknown()).optional(),
    /** One problem per thing wrong (with its place), or, for a few errors, plain data. */
    details: z.union([z.array(ProblemDetailSchema), z.record(z.string(), z.unknown())]).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---------------------------------------------------------------- answers

export const HealthAnswerSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  storage: z.enum(['reachable', 'unreachable']),
});

export const CampaignWithPeriodsSchema = CampaignSchema.omit({ calendar: true }).extend({
  periods: z.array(PeriodSchema),
});
export const CampaignsAnswerSchema = z.object({ campaigns: z.array(CampaignWithPeriodsSchema) });

export const UnitsAnswerSchema = z.object({ campaignId: z.string(), units: z.array(UnitSchema) });
/** PUT /units: the whole registry in one body (larger registries go by PATCH in chunks). */
export const UnitsBodySchema = z.object({ units: z.array(UnitSchema).min(1).max(MAX_REGISTRY_UNITS) });

export const UnitsPatchBodySchema = z
  .object({
    upsert: z.array(UnitSchema).max(MAX_UNITS_PATCH).optional(),
    remove: z.array(UnitSchema.shape.id).max(MAX_UNITS_PATCH).optional(),
    /**
     * `keep` (default): a unit already listed keeps its place, a new one goes at the end; `end`: every
     * upserted unit moves to the end in the order sent, so a registry sent in chunks keeps its order.
     */
    placement: z.enum(['keep', 'end']).optional(),
  })
  .refine((b) => (b.upsert?.length ?? 0) + (b.remove?.length ?? 0) >= 1, 'nothing to change');
export type UnitsPatchBody = z.infer<typeof UnitsPatchBodySchema>;
export const UnitsPatchAnswerSchema = z.object({
  campaignId: z.string(),
  /** Ids written, in the order sent. */
  upserted: z.array(z.string()),
  /** Ids removed (an id not in the registry is skipped: removing is idempotent). */
  removed: z.array(z.string()),
  /** Units in the registry after the change. */
  total: z.number().int(),
});
/** GET /units?limit=: a page, in unit-id order, and the cursor of the next one (absent on the last). */
export const UnitsPageAnswerSchema = UnitsAnswerSchema.extend({ nextCursor: z.string().optional() });
export const MAX_UNITS_PAGE = 1000;

export const TemplatesAnswerSchema = z.object({
  campaignId: z.string(),
  templates: z.array(TemplateSchema),
});
export const TemplatePublishedSchema = z.object({
  templateId: z.string(),
  version: z.number().int().positive(),
});

/** A stored revision: the submission as accepted, with its receipt and review. */
export const StoredSubmissionSchema = SubmissionSchema.extend({
  revision: z.number().int().positive(),
  receivedAt: z.string(),
  onTime: z.boolean(),
  review: ReviewSchema,
});
export const SubmissionsAnswerSchema = z.object({
  campaignId: z.string(),
  periodId: z.string(),
  submissions: z.array(StoredSubmissionSchema),
});
export const RevisionsPageSchema = z.object({
  campaignId: z.string(),
  periodId: z.string(),
  unitId: z.string(),
  revisions: z.array(StoredSubmissionSchema),
  /** Pass it back as `?continuationToken=` for the next page; absent on the last page. */
  continuationToken: z.string().optional(),
});
export const ReviewAnswerSchema = z.object({
  unitId: z.string(),
  periodId: z.string(),
  revision: z.number().int().positive(),
  review: ReviewSchema,
});

const CompletenessSchema = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.array(z.string()),
});
const TotalValueSchema = z.union([
  z.number(),
  z.array(z.object({ unitId: z.string(), value: FieldValueSchema })),
  /** A `distribution` total: how many units gave each choice. */
  z.object({ counts: z.record(z.string(), z.number().int()) }),
  z.null(),
]);
export const RollupSchema = z.object({
  campaignId: z.string(),
  periodId: z.string(),
  templateId: z.string(),
  rootUnitId: z.string().optional(),
  fields: z.array(
    z.object({
      key: z.string(),
      section: z.string(),
      label: LocalizedTextSchema,
      type: z.enum(FIELD_TYPES),
      rollup: z.enum(ROLLUP_KINDS),
      weight: z.string().optional(),
      choices: z.array(ChoiceSchema).optional(),
      formerChoices: z.array(ChoiceSchema).optional(),
      unitLabel: LocalizedTextSchema.optional(),
      retired: z.boolean(),
    }),
  ),
  tables: z.array(
    z.object({
      key: z.string(),
      title: LocalizedTextSchema,
      columns: z.array(
        z.object({
          key: z.string(),
          label: LocalizedTextSchema,
          type: z.enum(FIELD_TYPES),
          choices: z.array(ChoiceSchema).optional(),
        }),
      ),
      rollup: z.enum(['list', 'count', 'none']),
      groupBy: z.string().optional(),
    }),
  ),
  totals: z.record(z.string(), TotalValueSchema),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      group: z.enum(UNIT_GROUPS),
      revision: z.number().int(),
      receivedAt: z.string(),
      onTime: z.boolean(),
      templateVersion: z.number().int(),
      review: ReviewSchema,
      values: z.record(z.string(), FieldValueSchema),
    }),
  ),
  groups: z.array(
    z.object({
      group: z.enum(UNIT_GROUPS),
      units: z.array(z.string()),
      totals: z.record(z.string(), TotalValueSchema),
      completeness: CompletenessSchema,
    }),
  ),
  tableRows: z.record(z.string(), z.array(z.object({ unitId: z.string() }).catchall(FieldValueSchema))),
  completeness: CompletenessSchema,
  unitNames: z.record(z.string(), z.string()).optional(),
  reviews: z.object({ pending: z.number().int(), accepted: z.number().int(), returned: z.number().int() }),
  previous: z
    .object({
      periodId: z.string(),
      totals: z.record(z.string(), TotalValueSchema),
      successors: z.array(
        z.object({
          unitId: z.string(),
          from: z.array(z.string()),
          values: z.record(z.string(), TotalValueSchema),
        }),
      ),
    })
    .nullable(),
  /** Weighted averages: the units left out of each for want of a weight. */
  unweighted: z.record(z.string(), z.array(z.string())).optional(),
});

const REPORT_ROLES = [
  'superior',
  'issuer',
  'nationalTitle',
  'motto',
  'number',
  'placeDate',
  'docType',
  'subject',
  'heading1',
  'heading2',
  'body',
  'item',
  'recipientsTitle',
  'recipient',
  'signerTitle',
  'signerNote',
  'signerName',
] as const;
const ReportParagraphSchema = z.object({
  kind: z.literal('paragraph'),
  role: z.enum(REPORT_ROLES),
  runs: z.array(
    z.object({
      text: z.string(),
      bold: z.boolean().optional(),
      italic: z.boolean().optional(),
      quoted: z.boolean().optional(),
      lineBreak: z.boolean().optional(),
    }),
  ),
});
/** The narrative report's renderer-neutral model (report/model.ts), for `?format=json`. */
export const ReportDocumentSchema = z.object({
  title: z.string(),
  author: z.string(),
  language: z.enum(['vi', 'en']),
  blocks: z.array(
    z.union([
      ReportParagraphSchema,
      z.object({
        kind: z.literal('columns'),
        widths: z.tuple([z.number(), z.number()]),
        rows: z.array(z.tuple([z.array(ReportParagraphSchema), z.array(ReportParagraphSchema)])),
      }),
    ]),
  ),
});

export const UnitPeriodStatusSchema = z.object({
  periodId: z.string(),
  label: LocalizedTextSchema,
  kind: z.enum(PERIOD_KINDS),
  templateKind: z.enum(TEMPLATE_KINDS),
  due: z.string(),
  state: z.enum(UNIT_PERIOD_STATES),
  daysLeft: z.number().int(),
  locked: z.boolean(),
  revision: z.number().int().optional(),
  receivedAt: z.string().optional(),
  onTime: z.boolean().optional(),
  review: ReviewSchema.optional(),
});
export const UnitStatusAnswerSchema = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  timeZone: z.string(),
  now: z.string(),
  periods: z.array(UnitPeriodStatusSchema),
});

export const LockBodySchema = z.object({
  locked: z.boolean(),
  reason: z.string().trim().min(1).max(500),
});
export const PeriodLockAnswerSchema = z.object({
  campaignId: z.string(),
  periodId: z.string(),
  locked: z.boolean(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
  /** The calendar's own lock, which the stored state overrides. */
  calendarLocked: z.boolean(),
});

/** The standing office's progress (progress.ts): units × periods with each unit's state, counts per period. */
export const ProgressSchema = z.object({
  periods: z.array(z.string()),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      shortName: z.string().optional(),
      group: z.enum(UNIT_GROUPS),
      contact: z.string().optional(),
      email: z.string().optional(),
      cells: z.record(
        z.string(),
        z.object({
          state: z.enum(UNIT_PERIOD_STATES).exclude(['not_expected']),
          revision: z.number().int().optional(),
          onTime: z.boolean().optional(),
          expected: z.literal(false).optional(),
        }),
      ),
    }),
  ),
  counts: z.record(
    z.string(),
    z.object({
      expected: z.number().int(),
      submitted: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      pending: z.number().int(),
      returned: z.number().int(),
      accepted: z.number().int(),
      missing: z.number().int(),
      notDue: z.number().int(),
    }),
  ),
});
export const ProgressAnswerSchema = ProgressSchema.extend({
  campaignId: z.string(),
  timeZone: z.string(),
  now: z.string(),
  standingOffice: z.object({ unitId: z.string(), name: z.string() }),
});

export const UsersAnswerSchema = z.object({ users: z.array(UserRecordSchema) });
export const UserAnswerSchema = z.object({ user: UserRecordSchema });

// ---------------------------------------------------------------- scoring and ranking (ranking.ts)

export const MAX_SCORE_REASON_CHARS = 500;
/** PUT …/ranking/{year}/units/{u}/scores/{criterionId}: a hand score and why (required). */
export const HandScoreBodySchema = z.object({
  score: z.number().finite(),
  reason: z.string().trim().min(1).max(MAX_SCORE_REASON_CHARS),
});
export const HandScoreAnswerSchema = z.object({
  campaignId: z.string(),
  year: z.number().int(),
  unitId: z.string(),
  criterionId: z.string(),
  score: z.number(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

export const RankedUnitSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  cluster: z.string(),
  score: z.number(),
  rank: z.number().int(),
  expected: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
  criteria: z.array(
    z.object({
      id: z.string(),
      label: LocalizedTextSchema,
      kind: z.enum(['timeliness', 'completeness', 'indicator', 'manual']),
      points: z.number(),
      score: z.number(),
      value: z.number().optional(),
      reason: z.string().optional(),
      by: z.string().optional(),
      at: z.string().optional(),
    }),
  ),
});
export const RankingAnswerSchema = z.object({
  campaignId: z.string(),
  year: z.number().int(),
  /** Periods due after this ISO date are not counted yet. */
  until: z.string(),
  units: z.array(RankedUnitSchema),
});

// ---------------------------------------------------------------- the code's types are described

type Assert<T extends true> = T;
/** Both ways: what the code builds passes the schema, and a property the code adds cannot be missed by it. */
type Describes<Schema extends z.ZodType, T> = [T] extends [z.output<Schema>]
  ? [z.output<Schema>] extends [T]
    ? true
    : false
  : false;
export type ProgressIsDescribed = Assert<Describes<typeof ProgressSchema, Progress>>;
export type RollupIsDescribed = Assert<Describes<typeof RollupSchema, Rollup>>;
export type ReportIsDescribed = Assert<Describes<typeof ReportDocumentSchema, ReportDocument>>;
export type UnitStatusIsDescribed = Assert<Describes<typeof UnitPeriodStatusSchema, UnitPeriodStatus>>;
export type CampaignIsDescribed = Assert<Describes<typeof CampaignWithPeriodsSchema, CampaignWithPeriods>>;
export type StoredSubmissionIsDescribed = Assert<Describes<typeof StoredSubmissionSchema, StoredSubmission>>;
export type RankedUnitIsDescribed = Assert<Describes<typeof RankedUnitSchema, RankedUnit>>;
