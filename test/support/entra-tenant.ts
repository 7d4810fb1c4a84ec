/**
 * A stand-in for a Microsoft Entra ID tenant in HTTP tests: a key pair, a key service on a free port that
 * serves its public key (and can be made to fail), the API test stack in `AUTH_MODE=entra` against it, and
 * tokens signed as the tenant would sign them (v2.0 access tokens: `aud`, `oid`, `tid`, `roles`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { startApiTestStack, type ApiTestStack } from './stack';

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
export const AUTHORITY = `https://login.microsoftonline.com/${TENANT}`;
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export interface EntraTenant {
  stack: ApiTestStack;
  /** An access token for the object id `oid` with these app roles (and any other claims). */
  token(oid: string, roles: string[], claims?: Record<string, unknown>): Promise<string>;
  /** What the key service does: answer with the key, or fail with 500. */
  keyService: 'up' | 'error';
  stop(): Promise<void>;
}

export async function startEntraTenant(kid: string): Promise<EntraTenant> {
  const pair = await generateKeyPair('RS256');
  const privateKey: KeyLike = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const keys: Server = createServer((_req, res) => {
    if (tenant.keyService === 'error') return void res.writeHead(500).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
  const { port } = keys.address() as AddressInfo;
  const stack = await startApiTestStack({
    env: {
      AUTH_MODE: 'entra',
      AUTH_ENTRA_ISSUER: ISSUER,
      AUTH_ENTRA_JWKS_URI: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
      AUTH_ENTRA_AUDIENCE: CLIENT_ID,
    },
  });
  const tenant: EntraTenant = {
    stack,
    keyService: 'up',
    token: (oid, roles, claims = {}) =>
      new SignJWT({ aud: CLIENT_ID, oid, tid: TENANT, ver: '2.0', roles, ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuer(ISSUER)
        .setSubject(`pairwise-${oid}`)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    stop: async () => {
      await stack.stop();
      keys.closeAllConnections();
      await new Promise((resolve) => keys.close(resolve));
    },
  };
  return tenant;
}
