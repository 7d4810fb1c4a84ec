/** Small response helpers: every error has the contract's shape `{ error: { code, message, details? } }`. */
import type { HttpResponseInit } from '@azure/functions';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    jsonBody: body,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return json(status, { error: { code, message, ...(details !== undefined ? { details } : {}) } }, headers);
}

/** Thrown anywhere in a handler to answer with an error; `handle` turns it into a response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toResponse(): HttpResponseInit {
    return errorResponse(this.status, this.code, this.message, this.details, this.headers);
  }
}

export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, 'bad_request', message, details);
