/**
 * How an endpoint describes itself for the OpenAPI document (docs/architecture.md, "HTTP"): each endpoint
 * file passes an {@link OperationDoc} to `registerHttp` beside its handler, with the zod schemas the handler
 * itself parses and answers with; functions/src/http/openapi.ts turns the route table into the document.
 * What every route shares (the error shape, 401/403 for a token, 404 for a route parameter that cannot be
 * an id, 413/415 for a body, 503 for storage) is added there, not repeated here.
 */
import type { z } from 'zod';
import type { ProblemCode } from '../../../shared/src';
import type { Role } from '../auth/principal';

/** A file an operation answers with or accepts. */
export type FileKind = 'xlsx' | 'docx' | 'csv';

export interface ResponseDoc {
  description: string;
  /** The JSON body, when the answer is JSON. */
  json?: z.ZodType;
  /** Or a file. */
  file?: FileKind;
  example?: unknown;
  /** Response headers worth saying (OpenAPI `headers`), by name: what each means. */
  headers?: Record<string, string>;
}

export interface QueryDoc {
  schema: z.ZodType;
  description: string;
  required?: boolean;
  example?: string;
}

export interface OperationDoc {
  /** A short phrase, no final full stop (OpenAPI `summary`). */
  summary: string;
  description?: string;
  /** Groups operations in the reference (OpenAPI `tags`). */
  tag: string;
  /**
   * Who may call: `anyone` (no token), or the roles that may. A clerk is allowed only on their own unit
   * (`ownUnit`); every route under /campaigns/{campaignId} is also limited to the caller's campaigns.
   */
  access: 'anyone' | { roles: readonly Role[]; clerkOwnUnit?: boolean };
  /** Examples of the route parameters, when they differ from the shared ones (openapi.ts). */
  pathExamples?: Record<string, string>;
  /** Route parameters other than the shared ones (campaignId, unitId, periodId, templateId, version, userId). */
  pathParameters?: Record<string, { schema: z.ZodType; description: string; example: string }>;
  query?: Record<string, QueryDoc>;
  body?: {
    /** The schema the handler parses the JSON body with. */
    json: z.ZodType;
    /** The body may also be a filled template workbook. */
    file?: FileKind;
    description?: string;
    example: unknown;
  };
  /** The answers when all goes well, by status. */
  responses: Record<number, ResponseDoc>;
  /** The errors particular to this operation, by status, with the problem codes each may carry. */
  errors?: Partial<Record<400 | 403 | 404 | 409 | 413, readonly ProblemCode[]>>;
}
