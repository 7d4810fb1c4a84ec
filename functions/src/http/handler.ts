/**
 * The one wrapper every endpoint goes through: services, authentication, errors in the contract's
 * shape, and never a 500 for bad input (only for a genuine fault, logged).
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { CampaignSchema, KeySchema, PeriodSchema, UnitSchema } from '../../../shared/src';
import { authorize, type Action, type Principal } from '../auth/principal';
import { getServices, type Services } from '../services';
import { EntityTooLargeError } from '../storage/entity-codec';
import {
  isTransientStorageError,
  RevisionConflictError,
  StorageUnavailableError,
} from '../storage/submission-store';
import { httpMessages } from './messages';
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
const ROUTE_PARAMETERS: Record<string, { valid: (v: string) => boolean; missing: (v: string) => string }> = {
  campaignId: {
    valid: (v) => CampaignSchema.shape.id.safeParse(v).success,
    missing: httpMessages.campaignNotFound,
  },
  unitId: { valid: (v) => UnitSchema.shape.id.safeParse(v).success, missing: httpMessages.unitNotFound },
  periodId: {
    valid: (v) => PeriodSchema.shape.id.safeParse(v).success,
    missing: httpMessages.periodNotFound,
  },
  templateId: { valid: (v) => KeySchema.safeParse(v).success, missing: httpMessages.templateNotFound },
};

const SHOWN_PARAMETER_CHARS = 60;

function checkRouteParameters(request: HttpRequest): void {
  for (const [name, value] of Object.entries(request.params ?? {})) {
    const rule = ROUTE_PARAMETERS[name];
    if (!rule || value === undefined || rule.valid(value)) continue;
    // Echo a bounded, printable form of what was asked for.
    // eslint-disable-next-line no-control-regex
    const shown = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
    throw notFound(
      rule.missing(
        shown.length > SHOWN_PARAMETER_CHARS ? `${shown.slice(0, SHOWN_PARAMETER_CHARS)}…` : shown,
      ),
    );
  }
}

export function endpoint(fn: (call: Call) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, context) => {
    try {
      checkRouteParameters(request);
      const services = await getServices().catch((e) => {
        throw new StorageUnavailableError(`storage not ready: ${(e as Error).message}`);
      });
      return await fn({ request, context, services });
    } catch (e) {
      if (e instanceof HttpError) return e.toResponse();
      if (e instanceof EntityTooLargeError)
        return errorResponse(413, 'too_large', httpMessages.tooLarge(960 * 1024));
      if (e instanceof RevisionConflictError) {
        return errorResponse(409, 'revision_conflict', httpMessages.revisionConflict);
      }
      // The store retries and then throws StorageUnavailableError; other storage calls (the catalogue) fail
      // with the SDK's own error once its retries are spent. Either way: 503, try again later — never 500.
      if (e instanceof StorageUnavailableError || isTransientStorageError(e)) {
        context.warn(`storage unavailable: ${(e as Error).message}`);
        return errorResponse(503, 'storage_unavailable', httpMessages.storageUnavailable, undefined, {
          'retry-after': String(STORAGE_RETRY_AFTER_SECONDS),
        });
      }
      context.error(e);
      return errorResponse(500, 'internal', httpMessages.internal);
    }
  };
}

/** The caller, from the bearer token; throws 401 without a valid one. */
export async function authenticate(call: Call): Promise<Principal> {
  const result = await call.services.verify(call.request.headers.get('authorization'));
  if (!result.ok) throw new HttpError(result.status, result.code, result.message);
  return result.principal;
}

/** Throws 403 unless the principal may do the action. */
export function requireAllowed(call: Call, principal: Principal, action: Action): void {
  // Every route under /campaigns/{campaignId} is checked against the campaigns the caller may see.
  const campaignId = call.request.params.campaignId;
  const scoped =
    campaignId !== undefined && action.kind !== 'read-campaigns' ? { ...action, campaignId } : action;
  const decision = authorize(principal, scoped);
  if (!decision.ok) throw new HttpError(decision.status, decision.code, decision.message);
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
  if (Number.isFinite(declared) && declared > limit)
    throw new HttpError(413, 'too_large', httpMessages.tooLarge(limit));
  const contentType = (call.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accept.includes(contentType)) throw new HttpError(415, 'unsupported_media_type', httpMessages.notJson);
  const bytes = new Uint8Array(await call.request.arrayBuffer());
  if (bytes.byteLength > limit) throw new HttpError(413, 'too_large', httpMessages.tooLarge(limit));
  return { contentType, bytes };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'bad_encoding', httpMessages.badUtf8);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_json', httpMessages.badJson);
  }
}

export async function readJson(call: Call): Promise<unknown> {
  return parseJson((await readBody(call)).bytes);
}

/** zod issues → the contract's validation details `{ path, key, message }`. */
export function schemaIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { path, key: String(i.path[i.path.length - 1] ?? ''), message: i.message };
  });
}
