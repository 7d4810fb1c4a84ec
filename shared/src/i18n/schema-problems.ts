/**
 * zod issues → the project's problems (docs/architecture.md, "Messages"): a clerk never sees zod's
 * own English. A refinement names its problem in `params.code` (see schemas.ts).
 */
import type { ProblemCode } from './catalogue';
import { vi } from './catalogue-vi';
import { problem, type Problem, type ProblemParams } from './problem';

/** The parts of a zod (v4) issue this mapping reads. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  input?: unknown;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(vi.problems, code);
}

function codeAndParams(issue: SchemaIssue): [ProblemCode, ProblemParams?] {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? ['schema_required']
        : ['schema_invalid_type', { expected: issue.expected ?? '' }];
    case 'too_small':
      return ['schema_too_small', { minimum: String(issue.minimum), origin: issue.origin ?? '' }];
    case 'too_big':
      return ['schema_too_big', { maximum: String(issue.maximum), origin: issue.origin ?? '' }];
    case 'invalid_format':
      return ['schema_invalid_format', { format: issue.format ?? '' }];
    case 'invalid_value':
      return ['schema_invalid_value', { options: (issue.values ?? []).map((v) => String(v)) }];
    case 'unrecognized_keys':
      return ['schema_unrecognized_keys', { keys: [...(issue.keys ?? [])] }];
    case 'custom': {
      const { code, ...params } = issue.params ?? {};
      if (isProblemCode(code)) return [code, params as ProblemParams];
      return ['schema_invalid'];
    }
    default:
      return ['schema_invalid'];
  }
}

/** One problem per issue, located by its path (`values.trainees`) and key (its last named part). */
export function schemaProblems(issues: readonly SchemaIssue[]): Problem[] {
  return issues.map((issue) => {
    const [code, params] = codeAndParams(issue);
    const path = issue.path.map(String).join('.');
    const key = [...issue.path].reverse().find((p) => typeof p === 'string');
    return problem(code, params, { path, key: key === undefined ? '' : String(key) });
  });
}
