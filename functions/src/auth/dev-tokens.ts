/**
 * Development tokens: HS256 JWTs signed with the development secret, accepted by the verifier in
 * dev mode only. Used by scripts/token.ts, the local start script and tests.
 */
import { SignJWT } from 'jose';
import type { AuthConfig } from './config';
import type { Role } from './principal';

export interface DevTokenOptions {
  role: Role;
  /** Required for a clerk (the verifier refuses a clerk token without a unit). */
  unitId?: string;
  name?: string;
  /** jose time span: '12h', '30m', '7d', '-1m' (already expired, for tests). Default '12h'. */
  expiresIn?: string;
  /** `sub`; default derived from role and unit, e.g. `dev-clerk-PC06`. */
  subject?: string;
  /** Optional restriction to some campaigns (`campaigns` claim). */
  campaignIds?: string[];
}

export const DEFAULT_DEV_TOKEN_LIFETIME = '12h';

/** Signs a development token. Rejects (Error) when the configuration is not in dev mode. */
export async function mintDevToken(config: AuthConfig, options: DevTokenOptions): Promise<string> {
  if (config.mode !== 'dev') {
    throw new Error('Development tokens need AUTH_MODE=dev; in Entra mode sign in with Microsoft Entra ID.');
  }
  const { role, unitId, name, campaignIds } = options;
  const subject = options.subject ?? (unitId ? `dev-${role}-${unitId}` : `dev-${role}`);
  const claims: Record<string, unknown> = { roles: [role] };
  if (unitId !== undefined) claims['unit'] = unitId.normalize('NFC');
  if (name !== undefined) claims['name'] = name.normalize('NFC');
  if (campaignIds !== undefined) claims['campaigns'] = campaignIds;

  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? DEFAULT_DEV_TOKEN_LIFETIME)
    .sign(new TextEncoder().encode(config.secret));
}
