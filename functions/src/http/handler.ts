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
  problem,
  schemaProblems,
  UnitSchema,
  type ProblemCode,
  type SchemaIssue,
} from '../../../shared/src';
import { entraAuthority } from '../auth/config';
import type { AuthFailure, VerifyResult } from '../auth/verify';
import { authorize, type Action, type Principal } from '../auth/principal';
import { getServices, type Services } from '../services';
import { EntityTooLargeError } from '../storage/entity-codec';
import {
  isTransientStorageError,
  RevisionConflictError,
  StorageUnavailableError,
  SubmissionIdReusedError,
} from '../storage/submission-store';
import { badRequest, errorResponse, HttpError, notFound } from './responses';

export interface Call {
  request: HttpRequest;
  context: InvocationContext;
  services: Services;
  /** The request's body, read (within the size limit) before anything else was done for the request. */
  body?: Uint8Array;
}

/** Seconds a client is asked to wait when storage is unavailable. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Route parameters that name something have the syntax of what they name (docs/architecture.md, "Domain": ids). One that
 * cannot name anything — `../x`, a NUL, 10,000 characters — is answered 404 before any lookup.
 */
const ROUTE_PARAMETERS: Record<string, { valid: (v: string) => boolean; missing: ProblemCode }> = {
  campaignId: { valid: (v) => CampaignSchema.shape.id.safeParse(v).success, missing: 'campaign_not_found' },
  unitId: { valid: (v) => UnitSchema.shape.id.safeParse(v).success, missing: 'unit_not_found' },
  periodId: { valid: (v) => PeriodSchema.shape.id.safeParse(v).success, missing: 'period_not_found' },
  templateId: { valid: (v) => KeySchema.safeParse(v).success, missing: 'template_not_found' },
  criterionId: { valid: (v) => KeySchema.safeParse(v).success, missing: 'criterion_not_found' },
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

/**
 * A query parameter that names a unit or a period (`?unitId=`, `?periodId=`, `?rootUnitId=`), checked like
 * a route parameter: absent → undefined; empty, with spaces around it, or not of the id's syntax → 400
 * `bad_query` naming it. Nothing is trimmed silently: `unitId=%20PC06` is not PC06, it is a mistake.
 */
export function queryId(call: Call, name: string, kind: 'unitId' | 'periodId'): string | undefined {
  const raw = call.request.query.get(name);
  if (raw === null) return undefined;
  if (raw === '' || raw !== raw.trim() || !ROUTE_PARAMETERS[kind]!.valid(raw))
    throw new HttpError(400, { code: 'bad_query', params: { name } });
  return raw;
}

export function endpoint(fn: (call: Call) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, context) => {
    const lang = languageFromHeader(request.headers.get('accept-language'));
    try {
      checkRouteParameters(request);
      const services = await getServices().catch((e) => {
        throw new StorageUnavailableError(`storage not ready: ${(e as Error).message}`);
      });
      // The body is cut at the limit while it streams, before any authentication work (a token check
      // may fetch keys or read the user table): an anonymous 15 MB body costs at most the limit.
      const body = await readLimitedBody(request, services.settings.maxBodyBytes);
      return await fn({ request, context, services, ...(body ? { body } : {}) });
    } catch (e) {
      if (e instanceof HttpError) return e.toResponse(lang);
      if (e instanceof EntityTooLargeError)
        return errorResponse(413, { code: 'too_large', params: { limitKb: 960 } }, lang);
      if (e instanceof RevisionConflictError) return errorResponse(409, { code: 'revision_conflict' }, lang);
      if (e instanceof SubmissionIdReusedError)
        return errorResponse(
          409,
          { code: 'submission_id_reused', params: { submissionId: e.submissionId, differs: [...e.differs] } },
          lang,
        );
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

/** Seconds a client is asked to wait when the identity provider's keys cannot be fetched. */
export const AUTH_KEYS_RETRY_AFTER_SECONDS = 30;

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3): bare `Bearer` when no credentials were sent,
 * `error="invalid_request"` for a malformed Authorization header, `error="invalid_token"` for a token
 * that was refused (Power Query and other clients decide to sign in again from it).
 *
 * In Microsoft Entra ID mode (`authority` = `https://login.microsoftonline.com/<tenant>`) the challenge first
 * names where to sign in: `realm="<authority>", authorization_uri="<authority>/oauth2/authorize"`. Power
 * Query (Excel's and Power BI's Get Data → From Web, "Organizational account") probes with an empty
 * `Authorization: Bearer` and signs in at the `authorization_uri` of the 401 (Microsoft Learn, "Authentication
 * with a data source"); Power BI's OData troubleshooting page expects the realm too. That probe holds no
 * credentials, so it gets no error code (RFC 6750 §3.1).
 */
export function bearerChallenge(code: string, authority?: string, header?: string | null): string {
  const bareBearer = typeof header === 'string' && /^\s*bearer\s*$/i.test(header);
  const error =
    code === 'unauthenticated' || bareBearer
      ? undefined
      : code === 'bad_auth_scheme'
        ? 'invalid_request'
        : 'invalid_token';
  const params = [
    ...(authority ? [`realm="${authority}"`, `authorization_uri="${authority}/oauth2/authorize"`] : []),
    ...(error ? [`error="${error}"`] : []),
  ];
  return params.length ? `Bearer ${params.join(', ')}` : 'Bearer';
}

/**
 * The caller, from the bearer token; throws 401 (with its `WWW-Authenticate` challenge) without a valid
 * one, and 503 with Retry-After when the token cannot be checked because the key service is unreachable.
 */
export async function authenticate(call: Call): Promise<Principal> {
  return principalOf(call, await call.services.verify(call.request.headers.get('authorization')));
}

/**
 * The token checked now — a bad one is 401 before anything is read or written — and the caller (the user
 * table's row, a reviewer's campaigns) resolved alongside what the route reads next: `principal` settles
 * like {@link authenticate}. The route must authorise with it before answering anything it read.
 */
export async function authenticateAlongside(call: Call): Promise<{ principal: Promise<Principal> }> {
  const check = call.services.verify.check;
  if (!check) return { principal: Promise.resolve(await authenticate(call)) };
  const checked = await check(call.request.headers.get('authorization'));
  if (!checked.ok) throw refusal(call, checked);
  const principal = checked.resolve().then((result) => principalOf(call, result));
  principal.catch(() => {}); // awaited by the route; not an unhandled rejection meanwhile
  return { principal };
}

async function principalOf(call: Call, result: VerifyResult): Promise<Principal> {
  if (!result.ok) throw refusal(call, result);
  return bindReviewer(call.services, result.principal);
}

/** A refused token: 401 with its challenge, or 503 when the keys to check it cannot be fetched. */
function refusal(call: Call, failure: AuthFailure): HttpError {
  if (failure.code === 'auth_keys_unavailable') {
    call.context.warn(`auth keys unavailable: ${failure.reason ?? ''}`);
    return new HttpError(503, 'auth_keys_unavailable', undefined, {
      'retry-after': String(AUTH_KEYS_RETRY_AFTER_SECONDS),
    });
  }
  const header = call.request.headers.get('authorization');
  return new HttpError(failure.status, failure.problem ?? failure.code, undefined, {
    'www-authenticate': bearerChallenge(failure.code, entraAuthority(call.services.authConfig), header),
  });
}

/** How long an instance keeps the campaigns' standing offices (campaign data changes seldom). */
const STANDING_OFFICES_MS = 30_000;
const standingOfficesCache = new WeakMap<Services, { at: number; offices: Promise<Map<string, string>> }>();

/** campaignId → its standing office unit, briefly cached per instance. */
function standingOffices(services: Services): Promise<Map<string, string>> {
  const known = standingOfficesCache.get(services);
  if (known && Date.now() - known.at < STANDING_OFFICES_MS) return known.offices;
  const offices = services.catalog
    .listCampaigns()
    .then((campaigns) => new Map(campaigns.map((c) => [c.id, c.standingOffice.trim().normalize('NFC')])));
  standingOfficesCache.set(services, { at: Date.now(), offices });
  offices.catch(() => standingOfficesCache.delete(services));
  return offices;
}

/**
 * A reviewer is the standing office of some campaigns: a reviewer bound to a unit, without a campaign
 * limit of its own (token claim or user table), reaches only the campaigns whose standing office is that
 * unit. A reviewer without a unit keeps every campaign (a provincial steering board, say).
 */
async function bindReviewer(services: Services, principal: Principal): Promise<Principal> {
  if (!principal.roles.includes('reviewer') || !principal.unitId || principal.campaignIds !== undefined)
    return principal;
  const unit = principal.unitId.trim().normalize('NFC');
  const offices = await standingOffices(services);
  return {
    ...principal,
    standingOfficeOf: [...offices].filter(([, office]) => office === unit).map(([id]) => id),
  };
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

/** 413 for a body over `limit` bytes. */
function tooLarge(limit: number): HttpError {
  return new HttpError(413, { code: 'too_large', params: { limitKb: Math.round(limit / 1024) } });
}

/**
 * Reads a request body incrementally and stops at `limit` bytes (413): a declared Content-Length
 * over the limit is refused before a byte is read, and a chunked body without one is cut as soon as
 * it passes the limit. Undefined when the request has no body.
 *
 * The local host hands over a body it has already cut at the same limit (local-host.ts). Under the
 * Functions host, `request.body` streams from the worker only with HTTP streams enabled
 * (`app.setup({ enableHttpStream: true })`, host ≥ 4.28); without them the worker has buffered the body
 * (up to the host's own limit, 100 MB by default) and this bounds what the handler copies and parses.
 */
export async function readLimitedBody(request: HttpRequest, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const stream = request.body;
  if (!stream) return undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } finally {
    if (size > limit) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * The body within the size limit (read up front by `endpoint`, see {@link readLimitedBody}): 415 for
 * a content type not in `accept`, 413 over the limit.
 */
export async function readBody(
  call: Call,
  accept: readonly string[] = ['application/json'],
): Promise<{ contentType: string; bytes: Uint8Array }> {
  const limit = call.services.settings.maxBodyBytes;
  const contentType = (call.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accept.includes(contentType))
    throw new HttpError(415, {
      code: 'unsupported_media_type',
      params: { types: accept.length === 1 ? 'json' : 'json_xlsx' },
    });
  const bytes =
    call.body ?? (call.request.bodyUsed ? new Uint8Array(0) : await readLimitedBody(call.request, limit));
  if (bytes === undefined) return { contentType, bytes: new Uint8Array(0) };
  if (bytes.byteLength > limit) throw tooLarge(limit);
  return { contentType, bytes };
}

/** JSON nested deeper than this is refused before it is parsed (every schema is far shallower). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, by one scan of its bytes (brackets
 * inside strings do not count). Run before JSON.parse, so that nothing recursive ever sees a 100,000-deep
 * value (JSON.parse copes; normalising, validating or storing it would overflow the stack).
 */
export function jsonTooDeep(bytes: Uint8Array, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c /* backslash: skip the escaped byte */) i++;
      else if (b === 0x22 /* " */) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b /* [ */ || b === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (b === 0x5d /* ] */ || b === 0x7d /* } */) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'bad_encoding');
  }
  if (jsonTooDeep(bytes))
    throw new HttpError(400, { code: 'json_too_deep', params: { limit: MAX_JSON_DEPTH } });
  let protoKey = false;
  let value: unknown;
  try {
    // A `__proto__` key (however escaped) would be silently dropped or become a prototype further on.
    value = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__') protoKey = true;
      return v;
    });
  } catch {
    throw new HttpError(400, 'bad_json');
  }
  if (protoKey)
    throw badRequest('invalid_body', undefined, [
      problem('unsafe_key', { key: '__proto__' }, { path: '__proto__', key: '__proto__' }),
    ]);
  return value;
}

export async function readJson(call: Call): Promise<unknown> {
  return parseJson((await readBody(call)).bytes);
}

/** A body that fails its schema: 400 `invalid_body` with one problem per zod issue (never zod's own text). */
export function invalidBody(issues: readonly SchemaIssue[]): HttpError {
  return new HttpError(400, 'invalid_body', schemaProblems(issues));
}
