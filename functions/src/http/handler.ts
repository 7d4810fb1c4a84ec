/**
 * The one wrapper every endpoint goes through: services, authentication, errors in the contract's
 * shape, and never a 500 for bad input (only for a genuine fault, logged).
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  CampaignSchema,
  KeySchema,
  languageFromHeader,
  PeriodSchema,
  schemaProblems,
  UnitSchema,
  type ProblemCode,
  type SchemaIssue,
} from '../../../shared/src';
import { authorize, type Action, type Principal } from '../auth/principal';
import { getServices, type Services } from '../services';
import { EntityTooLargeError } from '../storage/entity-codec';
import {
  isTransientStorageError,
  RevisionConflictError,
  StorageUnavailableError,
} from '../storage/submission-store';
import { errorResponse, HttpError, notFound } from './responses';

export interface Call {
  request: HttpRequest;
  context: InvocationContext;
  services: Services;
}

/** Seconds a client is asked to wait when storage is unavailable. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Route parameters that name something have the syntax of what they name (DESIGN §3 ids). One that
 * cannot name anything — `../x`, a NUL, 10,000 characters — is answered 404 before any lookup.
 */
const ROUTE_PARAMETERS: Record<string, { valid: (v: string) => boolean; missing: ProblemCode }> = {
  campaignId: { valid: (v) => CampaignSchema.shape.id.safeParse(v).success, missing: 'campaign_not_found' },
  unitId: { valid: (v) => UnitSchema.shape.id.safeParse(v).success, missing: 'unit_not_found' },
  periodId: { valid: (v) => PeriodSchema.shape.id.safeParse(v).success, missing: 'period_not_found' },
  templateId: { valid: (v) => KeySchema.safeParse(v).success, missing: 'template_not_found' },
};

const SHOWN_PARAMETER_CHARS = 60;

function checkRouteParameters(request: HttpRequest): void {
  for (const [name, value] of Object.entries(request.params ?? {})) {
    const rule = ROUTE_PARAMETERS[name];
    if (!rule || value === undefined || rule.valid(value)) continue;
    // Echo a bounded, printable form of what was asked for.
    // eslint-disable-next-line no-control-regex
    const shown = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
    throw notFound(rule.missing, {
      [name]: shown.length > SHOWN_PARAMETER_CHARS ? `${shown.slice(0, SHOWN_PARAMETER_CHARS)}…` : shown,
    });
  }
}

export function endpoint(fn: (call: Call) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, context) => {
    const lang = languageFromHeader(request.headers.get('accept-language'));
    try {
      checkRouteParameters(request);
      const services = await getServices().catch((e) => {
        throw new StorageUnavailableError(`storage not ready: ${(e as Error).message}`);
      });
      return await fn({ request, context, services });
    } catch (e) {
      if (e instanceof HttpError) return e.toResponse(lang);
      if (e instanceof EntityTooLargeError)
        return errorResponse(413, { code: 'too_large', params: { limitKb: 960 } }, lang);
      if (e instanceof RevisionConflictError) return errorResponse(409, { code: 'revision_conflict' }, lang);
      // The store retries and then throws StorageUnavailableError; other storage calls (the catalogue) fail
      // with the SDK's own error once its retries are spent. Either way: 503, try again later — never 500.
      if (e instanceof StorageUnavailableError || isTransientStorageError(e)) {
        context.warn(`storage unavailable: ${(e as Error).message}`);
        return errorResponse(503, { code: 'storage_unavailable' }, lang, undefined, {
          'retry-after': String(STORAGE_RETRY_AFTER_SECONDS),
        });
      }
      context.error(e);
      return errorResponse(500, { code: 'internal' }, lang);
    }
  };
}

/** The caller, from the bearer token; throws 401 without a valid one. */
export async function authenticate(call: Call): Promise<Principal> {
  const result = await call.services.verify(call.request.headers.get('authorization'));
  if (!result.ok) throw new HttpError(result.status, result.code);
  return result.principal;
}

/** Throws 403 unless the principal may do the action. */
export function requireAllowed(call: Call, principal: Principal, action: Action): void {
  // Every route under /campaigns/{campaignId} is checked against the campaigns the caller may see.
  const campaignId = call.request.params.campaignId;
  const scoped =
    campaignId !== undefined && action.kind !== 'read-campaigns' ? { ...action, campaignId } : action;
  const decision = authorize(principal, scoped);
  if (!decision.ok) throw new HttpError(decision.status, decision.problem);
}

/** Authenticates and authorises in one step. */
export async function allowed(call: Call, action: Action): Promise<Principal> {
  const principal = await authenticate(call);
  requireAllowed(call, principal, action);
  return principal;
}

/**
 * Reads the body within the size limit: 413 over it (by Content-Length, or as read), 415 for a
 * content type not in `accept`, 400 for text that is not valid UTF-8.
 */
export async function readBody(
  call: Call,
  accept: readonly string[] = ['application/json'],
): Promise<{ contentType: string; bytes: Uint8Array }> {
  const limit = call.services.settings.maxBodyBytes;
  const declared = Number(call.request.headers.get('content-length') ?? NaN);
  const tooLarge = () =>
    new HttpError(413, { code: 'too_large', params: { limitKb: Math.round(limit / 1024) } });
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const contentType = (call.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accept.includes(contentType))
    throw new HttpError(415, {
      code: 'unsupported_media_type',
      params: { types: accept.length === 1 ? 'json' : 'json_xlsx' },
    });
  const bytes = new Uint8Array(await call.request.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge();
  return { contentType, bytes };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'bad_encoding');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_json');
  }
}

export async function readJson(call: Call): Promise<unknown> {
  return parseJson((await readBody(call)).bytes);
}

/** A body that fails its schema: 400 `invalid_body` with one problem per zod issue (never zod's own text). */
export function invalidBody(issues: readonly SchemaIssue[]): HttpError {
  return new HttpError(400, 'invalid_body', schemaProblems(issues));
}
