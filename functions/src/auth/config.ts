/**
 * Authentication settings, read from the environment (app settings in Azure,
 * `local.settings.json` → `Values` when running the function host locally).
 *
 * | variable               | mode  | default (local development)                         |
 * |------------------------|-------|-----------------------------------------------------|
 * | `AUTH_MODE`            | both  | `dev` (`dev` or `entra`)                            |
 * | `AUTH_DEV_SECRET`      | dev   | {@link DEFAULT_DEV_SECRET} (≥ 32 bytes required)     |
 * | `AUTH_DEV_ISSUER`      | dev   | `nu-cuoi-dev`                                       |
 * | `AUTH_AUDIENCE`        | dev   | `api://nu-cuoi-reporting`                           |
 * | `AUTH_ENTRA_ISSUER`    | entra | required, `https://login.microsoftonline.com/<tenant>/v2.0` |
 * | `AUTH_ENTRA_JWKS_URI`  | entra | derived from a login.microsoftonline.com issuer: `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`; required otherwise |
 * | `AUTH_ENTRA_AUDIENCE`  | entra | required; comma-separated list allowed (v2 access tokens carry the app's client id as `aud`) |
 *
 * Dev mode trusts any token signed with the shared secret: it is for a developer's machine only.
 * A deployment must set `AUTH_MODE=entra`.
 */

import { readSetting, SettingsError } from '../settings-error';

export type AuthMode = 'dev' | 'entra';

export interface DevAuthConfig {
  mode: 'dev';
  /** HS256 key; at least 32 bytes of UTF-8. */
  secret: string;
  issuer: string;
  audience: string;
}

export interface EntraAuthConfig {
  mode: 'entra';
  /** e.g. `https://login.microsoftonline.com/<tenant-id>/v2.0` */
  issuer: string;
  /** e.g. `https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys` */
  jwksUri: string;
  /** One or more accepted `aud` values (client id and/or `api://…` application ID URI). */
  audience: string[];
}

export type AuthConfig = DevAuthConfig | EntraAuthConfig;

/** Development-only HS256 secret. Anyone who reads this file can mint tokens for it. */
export const DEFAULT_DEV_SECRET = 'dev-only-secret-change-me-nu-cuoi-chien-si-2021';
export const DEFAULT_DEV_ISSUER = 'nu-cuoi-dev';
export const DEFAULT_AUDIENCE = 'api://nu-cuoi-reporting';
export const MIN_DEV_SECRET_BYTES = 32;

/** Thrown for a misconfigured environment (at start-up, never for a request). */
export class AuthConfigError extends SettingsError {
  override name = 'AuthConfigError';
}

type Env = Record<string, string | undefined>;

const read = readSetting;

function required(env: Env, name: string, example: string): string {
  const value = read(env, name);
  if (!value) throw new AuthConfigError('setting_required_for_entra', { setting: name, example });
  return value;
}

function checkUrl(name: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new AuthConfigError('setting_not_url', { setting: name, value });
  }
  return value;
}

/** `https://login.microsoftonline.com/<tenant>/v2.0` → `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys` */
export function entraJwksUriFromIssuer(issuer: string): string | undefined {
  const match = /^(https:\/\/login\.microsoftonline\.com\/[^/]+)\/v2\.0\/?$/i.exec(issuer);
  return match ? `${match[1]}/discovery/v2.0/keys` : undefined;
}

/**
 * The tenant's sign-in authority, `https://login.microsoftonline.com/<tenant>`, from an Entra issuer
 * `https://login.microsoftonline.com/<tenant>/v2.0`: the 401 challenge Power Query follows names it
 * (http/handler.ts `bearerChallenge`). Undefined in dev mode, or for an issuer of another form.
 */
export function entraAuthority(config: AuthConfig): string | undefined {
  if (config.mode !== 'entra') return undefined;
  const match = /^(https:\/\/login\.microsoftonline\.com\/[^/]+)\/v2\.0\/?$/i.exec(config.issuer);
  return match?.[1];
}

export function loadAuthConfig(env: Env = process.env): AuthConfig {
  const mode = (read(env, 'AUTH_MODE') ?? 'dev').toLowerCase();

  if (mode === 'dev') {
    const secret = read(env, 'AUTH_DEV_SECRET') ?? DEFAULT_DEV_SECRET;
    if (Buffer.byteLength(secret, 'utf8') < MIN_DEV_SECRET_BYTES) {
      throw new AuthConfigError('setting_too_short', {
        setting: 'AUTH_DEV_SECRET',
        min: MIN_DEV_SECRET_BYTES,
      });
    }
    return {
      mode: 'dev',
      secret,
      issuer: read(env, 'AUTH_DEV_ISSUER') ?? DEFAULT_DEV_ISSUER,
      audience: read(env, 'AUTH_AUDIENCE') ?? DEFAULT_AUDIENCE,
    };
  }

  if (mode === 'entra') {
    const issuer = checkUrl(
      'AUTH_ENTRA_ISSUER',
      required(env, 'AUTH_ENTRA_ISSUER', 'e.g. https://login.microsoftonline.com/<tenant-id>/v2.0'),
    );
    const jwksUri = checkUrl(
      'AUTH_ENTRA_JWKS_URI',
      read(env, 'AUTH_ENTRA_JWKS_URI') ??
        entraJwksUriFromIssuer(issuer) ??
        required(
          env,
          'AUTH_ENTRA_JWKS_URI',
          'https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys',
        ),
    );
    const audience = required(env, 'AUTH_ENTRA_AUDIENCE', 'the API app registration’s client id')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a.length > 0);
    if (audience.length === 0)
      throw new AuthConfigError('setting_required_for_entra', {
        setting: 'AUTH_ENTRA_AUDIENCE',
        example: 'the API app registration’s client id',
      });
    return { mode: 'entra', issuer, jwksUri, audience };
  }

  throw new AuthConfigError('setting_not_one_of', {
    setting: 'AUTH_MODE',
    value: mode,
    allowed: '"dev", "entra"',
  });
}
