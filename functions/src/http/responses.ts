/**
 * Response helpers: every error has the contract's shape `{ error: { code, message, params?, details? } }`
 * (docs/architecture.md, "HTTP"). An error is a problem (docs/architecture.md, "Messages"); its text is rendered here, at
 * the edge, in the caller's language (Accept-Language; Vietnamese by default).
 */
import type { HttpResponseInit } from '@azure/functions';
import {
  problem,
  render,
  type Language,
  type Problem,
  type ProblemCode,
  type ProblemParams,
} from '../../../shared/src';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    jsonBody: body,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

/** A detail: a problem with its place (path, key, cell …) and its text; or, for a few errors, plain data. */
export type ErrorDetails = readonly Problem[] | Readonly<Record<string, unknown>>;

function renderDetails(details: ErrorDetails, lang: Language): unknown {
  if (!Array.isArray(details)) return details;
  return (details as readonly Problem[]).map((d) => ({ ...d, message: render(d, lang) }));
}

export function errorResponse(
  status: number,
  error: Problem,
  lang: Language,
  details?: ErrorDetails,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return json(
    status,
    {
      error: {
        code: error.code,
        message: render(error, lang),
        ...(error.params !== undefined ? { params: error.params } : {}),
        ...(details !== undefined ? { details: renderDetails(details, lang) } : {}),
      },
    },
    { 'content-language': lang, ...headers },
  );
}

/** Thrown anywhere in a handler to answer with an error; `endpoint` renders it in the caller's language. */
export class HttpError extends Error {
  readonly problem: Problem;
  constructor(
    readonly status: number,
    error: ProblemCode | Problem,
    readonly details?: ErrorDetails,
    readonly headers: Record<string, string> = {},
  ) {
    const p = typeof error === 'string' ? problem(error) : error;
    super(p.code);
    this.problem = p;
  }

  get code(): ProblemCode {
    return this.problem.code;
  }

  toResponse(lang: Language): HttpResponseInit {
    return errorResponse(this.status, this.problem, lang, this.details, this.headers);
  }
}

export const notFound = (code: ProblemCode, params?: ProblemParams) =>
  new HttpError(404, problem(code, params));
export const badRequest = (code: ProblemCode, params?: ProblemParams, details?: ErrorDetails) =>
  new HttpError(400, problem(code, params), details);
