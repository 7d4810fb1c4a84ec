/**
 * Bearer token → {@link Principal}. Dev mode: HS256 tokens signed with the development secret
 * (minted by scripts/token.ts). Entra mode: RS256 tokens from Microsoft Entra ID, checked against
 * the tenant's published keys. Claims map to the same Principal, so authorisation (principal.ts)
 * is identical in both modes. The verifier never throws: every failure is a 401 result.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { createSecretKey } from 'node:crypto';
import { problem, type Problem } from '../../../shared/src';
import type { AuthConfig } from './config';
import { isRole, type Principal, type Role } from './principal';

/** Why a token is refused: a problem code of the catalogues (the HTTP edge renders it). */
export type AuthFailureCode =
  | 'unauthenticated'
  | 'bad_auth_scheme'
  | 'invalid_token'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_wrong_audience'
  | 'token_bad_signature'
  | 'auth_keys_unavailable'
  | 'token_no_subject'
  | 'token_bad_claim'
  | 'no_role'
  | 'clerk_without_unit';

export type AuthFailure = {
  ok: false;
  status: 401;
  code: AuthFailureCode;
  /** Short English reason for logs; not for the user. */
  reason?: string;
  /** The problem with its parameters, when the code alone does not say enough (`token_bad_claim`). */
  problem?: Problem;
};

export type VerifyResult = { ok: true; principal: Principal } | AuthFailure;

/**
 * The token alone checked — bearer, signature, lifetime, audience, subject; no storage read — and what
 * decides the caller (the user table's row) still to come: a route may read alongside it, never write
 * before a bad token is refused (http/handler.ts authenticateAlongside).
 */
export type TokenCheck = AuthFailure | { ok: true; resolve: () => Promise<VerifyResult> };

export type Verifier = ((authorizationHeader: string | null | undefined) => Promise<VerifyResult>) & {
  /** Present on verifiers made by {@link createVerifier}. */
  check?: (authorizationHeader: string | null | undefined) => Promise<TokenCheck>;
};

export interface VerifierOptions {
  /**
   * Entra tokens may carry no unit claim; a unit assignment table can supply the clerk's unit.
   * Called only for a clerk token without a `unit` / `extn.unitId` claim. Errors count as "no unit".
   */
  resolveUnitId?: (principal: Principal, claims: JWTPayload) => Promise<string | undefined>;
  /**
   * The user table's row for a subject (PUT /api/users), in both modes. When there is one, its roles,
   * unit and campaigns decide — the token only proves who is calling. Not caught: when the table cannot
   * be read the verifier throws (the API answers 503), it never falls back to the token's wider claims.
   */
  resolveUser?: (subject: string) => Promise<StoredAssignment | undefined>;
}

/** What the user table says of a user (see catalog/user-store.ts). */
export interface StoredAssignment {
  roles: readonly string[];
  unitId?: string;
  name?: string;
  /** Undefined: every campaign. */
  campaignIds?: readonly string[];
}

/** Accepted clock skew between the token issuer and this server. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Larger headers are refused before any parsing. */
const MAX_HEADER_LENGTH = 16 * 1024;
/** RFC 6750 b64token after a case-insensitive "Bearer". */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

function fail(code: AuthFailureCode, reason: string): AuthFailure {
  return { ok: false, status: 401, code, reason };
}

/** Extracts the token from an Authorization header, or explains why there is none. */
export function parseBearer(header: string | null | undefined): { ok: true; token: string } | AuthFailure {
  if (typeof header !== 'string' || header.trim() === '') {
    return fail('unauthenticated', 'no Authorization header');
  }
  if (header.length > MAX_HEADER_LENGTH) {
    return fail('bad_auth_scheme', 'Authorization header too long');
  }
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) return fail('bad_auth_scheme', 'not a Bearer token');
  return { ok: true, token: match[1] };
}

function stringClaim(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** A claim that is there but not of its type: refused, never read as "no limit". */
class BadClaim extends Error {
  constructor(readonly claim: string) {
    super(`malformed ${claim} claim`);
  }
}

/**
 * The `campaigns` claim: absent = no limit; a string or an array of non-empty strings = those campaigns
 * (an empty array = none). Anything else — null, a number, an object, `true`, an array holding anything
 * but strings — is a malformed claim (401), never a wider grant.
 */
function campaignsClaim(claims: JWTPayload): string[] | undefined {
  if (!('campaigns' in claims) || claims['campaigns'] === undefined) return undefined;
  const value = claims['campaigns'];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' && v.trim() !== ''))
    throw new BadClaim('campaigns');
  return [...new Set(list.map((v: string) => v.trim().normalize('NFC')))];
}

/** The `unit` claim: absent, or a string. A number or an object would otherwise unbind a clerk or reviewer. */
function unitClaim(claims: JWTPayload, name: string): string | undefined {
  if (!(name in claims) || claims[name] === undefined) return undefined;
  const value = claims[name];
  if (typeof value !== 'string') throw new BadClaim(name);
  return value.trim() || undefined;
}

function rolesFrom(claims: JWTPayload): Role[] {
  const roles: Role[] = [];
  for (const value of stringList(claims['roles']) ?? []) {
    const role = value.trim().toLowerCase();
    if (isRole(role) && !roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** Maps JOSE errors (by their stable `code`) to a 401 result. */
function failureFromError(error: unknown, entra: boolean): AuthFailure {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const claim =
    typeof error === 'object' && error !== null ? (error as { claim?: unknown }).claim : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return fail('token_expired', 'token expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss' || claim === 'aud') return fail('token_wrong_audience', detail);
      if (claim === 'nbf' || claim === 'iat') return fail('token_not_yet_valid', detail);
      return fail('invalid_token', detail);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return fail('token_bad_signature', detail);
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return fail('auth_keys_unavailable', detail);
    case 'ERR_JOSE_GENERIC':
      // jose's key fetch answers a non-200 or unreadable key set with this generic error: the key
      // service is at fault (503 upstream), not the token.
      return fail(entra ? 'auth_keys_unavailable' : 'invalid_token', detail);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JWK_INVALID':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return fail('invalid_token', detail);
    default:
      // Other JOSE errors are about the token. Anything else in Entra mode is most likely a failure to
      // fetch the tenant's keys: not the caller's fault, but the request still cannot be authenticated.
      if (typeof code === 'string' && /^ERR_J(OSE|WS|WT|WK|WE)/.test(code)) {
        return fail('invalid_token', detail);
      }
      return fail(entra ? 'auth_keys_unavailable' : 'invalid_token', detail);
  }
}

export function createVerifier(config: AuthConfig, options: VerifierOptions = {}): Verifier {
  const entra = config.mode === 'entra';
  const verifyJwt = jwtVerifierFor(config);

  const principalOf = async (subject: string, claims: JWTPayload): Promise<VerifyResult> => {
    // Outside the try: a user table that cannot be read is not the caller's fault (503), and never a
    // reason to fall back on the token's own claims.
    const stored = options.resolveUser ? await options.resolveUser(subject) : undefined;
    try {
      return stored
        ? principalFromAssignment(subject, claims, stored)
        : await principalFromClaims(subject, claims, entra, options);
    } catch (error) {
      if (error instanceof BadClaim) {
        return {
          ...fail('token_bad_claim', error.message),
          problem: problem('token_bad_claim', { claim: error.claim }),
        };
      }
      return fail('invalid_token', `claims: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const check = async (authorizationHeader: string | null | undefined): Promise<TokenCheck> => {
    const bearer = parseBearer(authorizationHeader);
    if (!bearer.ok) return bearer;
    let claims: JWTPayload;
    try {
      claims = await verifyJwt(bearer.token);
    } catch (error) {
      return failureFromError(error, entra);
    }
    const subject = subjectOf(claims, entra);
    if (!subject) return fail('token_no_subject', 'no sub/oid claim');
    return { ok: true, resolve: () => principalOf(subject, claims) };
  };

  const verify = async (authorizationHeader: string | null | undefined): Promise<VerifyResult> => {
    const checked = await check(authorizationHeader);
    return checked.ok ? checked.resolve() : checked;
  };
  return Object.assign(verify, { check });
}

function jwtVerifierFor(config: AuthConfig): (token: string) => Promise<JWTPayload> {
  if (config.mode === 'dev') {
    // A KeyObject made once: given bytes, jose would make one on every request.
    const secret = createSecretKey(new TextEncoder().encode(config.secret));
    const verifyOptions: JWTVerifyOptions = {
      algorithms: ['HS256'],
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp'],
    };
    return async (token) => (await jwtVerify(token, secret, verifyOptions)).payload;
  }
  // Created once per verifier: keys are cached, and refetched (with a cooldown) on an unknown `kid`.
  const jwks = createRemoteJWKSet(new URL(config.jwksUri), { timeoutDuration: 5000 });
  const verifyOptions: JWTVerifyOptions = {
    algorithms: ['RS256'],
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp'],
  };
  return async (token) => (await jwtVerify(token, jwks, verifyOptions)).payload;
}

function subjectOf(claims: JWTPayload, entra: boolean): string | undefined {
  return entra
    ? (stringClaim(claims, 'oid') ?? stringClaim(claims, 'sub'))
    : (stringClaim(claims, 'sub') ?? stringClaim(claims, 'oid'));
}

/** The user table's row decides roles, unit and campaigns; the token only names the user. */
function principalFromAssignment(
  subject: string,
  claims: JWTPayload,
  stored: StoredAssignment,
): VerifyResult {
  const roles = stored.roles.filter(isRole);
  if (roles.length === 0) return fail('no_role', 'no known role in the user table');
  const principal: Principal = { subject, roles };
  const name = stored.name ?? stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username');
  if (name) principal.name = name.normalize('NFC');
  if (stored.unitId) principal.unitId = stored.unitId.normalize('NFC');
  if (roles.includes('clerk') && !principal.unitId) return fail('clerk_without_unit', 'clerk without a unit');
  if (stored.campaignIds !== undefined) principal.campaignIds = [...stored.campaignIds];
  return { ok: true, principal };
}

async function principalFromClaims(
  subject: string,
  claims: JWTPayload,
  entra: boolean,
  options: VerifierOptions,
): Promise<VerifyResult> {
  const roles = rolesFrom(claims);
  if (roles.length === 0) return fail('no_role', 'no known role in the roles claim');

  const principal: Principal = { subject, roles };
  const name = stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username');
  if (name) principal.name = name.normalize('NFC');

  let unitId = unitClaim(claims, 'unit') ?? (entra ? unitClaim(claims, 'extn.unitId') : undefined);
  if (!unitId && roles.includes('clerk') && options.resolveUnitId) {
    try {
      unitId = (await options.resolveUnitId(principal, claims))?.trim() || undefined;
    } catch {
      unitId = undefined;
    }
  }
  if (unitId) principal.unitId = unitId.normalize('NFC');
  if (roles.includes('clerk') && !principal.unitId) {
    return fail('clerk_without_unit', 'clerk token without a unit');
  }

  const campaigns = campaignsClaim(claims);
  if (campaigns) principal.campaignIds = campaigns;

  return { ok: true, principal };
}
