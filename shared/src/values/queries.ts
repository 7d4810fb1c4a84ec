/**
 * The batch of formula queries the custom functions send (POST /api/campaigns/{c}/values) and what
 * comes back for each (docs/architecture.md, "Custom functions"). Names are sent as the user typed them;
 * the server resolves them (name-match.ts) against the campaign's catalogue.
 */
import { z } from 'zod';
import type { ProblemParams } from '../i18n/problem';

/** One function of the BAOCAO namespace: TONG, GIATRI, CUNGKY, TIENDO, TRANGTHAI. */
export const VALUE_FUNCTIONS = ['total', 'value', 'lastYear', 'progress', 'state'] as const;
export type ValueFunction = (typeof VALUE_FUNCTIONS)[number];

/** At most this many distinct queries in one request (a sheet of 500 formulas has far fewer distinct ones). */
export const MAX_VALUE_QUERIES = 2000;
const NAME_CHARS = 200;

const Name = z.string().max(NAME_CHARS);

export const ValueQuerySchema = z
  .object({
    fn: z.enum(VALUE_FUNCTIONS),
    field: Name.optional(),
    period: Name,
    /** A unit (TONG, CUNGKY: or a khối; empty: the province). */
    unit: Name.optional(),
    /** TIENDO: expected, submitted, onTime, late, missing (or their labels). */
    state: Name.optional(),
  })
  .strict();
export type ValueQuery = z.infer<typeof ValueQuerySchema>;

export const ValuesRequestSchema = z
  .object({ queries: z.array(ValueQuerySchema).max(MAX_VALUE_QUERIES) })
  .strict();
export type ValuesRequest = z.infer<typeof ValuesRequestSchema>;

/** A cell's value; TIENDO without a state answers a row (a spilled array in Excel). */
export type ValueResult = number | string | boolean | number[][];

/**
 * `invalid`: the formula names something that does not exist or is ambiguous (Excel #VALUE!);
 * `notAvailable`: the name is right but there is no figure (not reported, no same period last year: #N/A).
 */
export type ValueErrorKind = 'invalid' | 'notAvailable';

export type ValueAnswer =
  | { value: ValueResult }
  | { error: { kind: ValueErrorKind; code: string; message: string; params?: ProblemParams } };

export interface ValuesResponse {
  /** The answers, in the order of the queries. */
  results: ValueAnswer[];
}

/** A query's identity: equal queries are asked once per batch and share one answer. */
export function queryKey(q: ValueQuery): string {
  return JSON.stringify([q.fn, q.field ?? '', q.period, q.unit ?? '', q.state ?? '']);
}

/** TIENDO's states, in the order of its row. */
export const PROGRESS_STATES = ['expected', 'submitted', 'onTime', 'late', 'missing'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];
