/**
 * Problems are data (docs/architecture.md, "Messages"): a code from the catalogues, its parameters,
 * and where it is. Nothing below the edge writes a sentence; `render` (render.ts) turns a problem
 * into text in the reader's language, with one catalogue per language (catalogue-vi.ts, catalogue-en.ts).
 */
import type { LocalizedText } from '../schemas';
import type { ProblemCode } from './catalogue-vi';

export type { ProblemCode };

/** A parameter: plain data. LocalizedText (a field's label, a rule's message) is localised when rendered. */
export type ParamValue =
  string | number | boolean | LocalizedText | readonly (string | number | LocalizedText)[];
export type ProblemParams = Readonly<Record<string, ParamValue | undefined>>;

/**
 * Where a problem is. In a submission: `path` (`values.trainees`, `tables.models[2].name`), `key` (the
 * field key, or the table key for a table cell) and, when it came from a sheet, `cell` (`C12`). In a
 * list sheet (definition, registry): `sheet`, 1-based `row`, column `letter`.
 */
export interface ProblemLocation {
  path?: string;
  key?: string;
  cell?: string;
  sheet?: string;
  row?: number | null;
  column?: string | null;
}

/** A problem: its code, its parameters, and where it is (flat, as the HTTP contract's details are). */
export interface Problem extends ProblemLocation {
  code: ProblemCode;
  params?: ProblemParams;
}

export function problem(code: ProblemCode, params?: ProblemParams, location?: ProblemLocation): Problem {
  return { code, ...(params !== undefined ? { params } : {}), ...location };
}

/** Thrown where a problem cannot be returned; the edge (HTTP handler, pane, CLI) renders it. */
export class ProblemError extends Error {
  readonly problems: readonly Problem[];
  constructor(first: Problem, more: readonly Problem[] = []) {
    super(first.code);
    this.name = 'ProblemError';
    this.problems = [first, ...more];
  }
  get problem(): Problem {
    return this.problems[0]!;
  }
}
