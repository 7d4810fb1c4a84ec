import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import type { EntraAuthConfig } from '../../functions/src/auth/config';
import { createVerifier, type Verifier } from '../../functions/src/auth/verify';

const TENANT = '11111111-2222-3333-4444-555555555555';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const KID = 'test-key-1';

let server: Server;
let jwksRequests = 0;
let privateKey: KeyLike;
let config: EntraAuthConfig;
let verify: Verifier;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    jwksRequests++;
    if (req.url === '/discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  config = {
    mode: 'entra',
    issuer: ISSUER,
    jwksUri: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    audience: [CLIENT_ID, 'api://nu-cuoi-reporting'],
  };
  verify = createVerifier(config);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** An Entra-like v2 access token; override claims or header as needed. */
async function entraToken(
  claims: JWTPayload = {},
  opts: { key?: KeyLike | Uint8Array; kid?: string; alg?: string; issuer?: string } = {},
): Promise<string> {
  return new SignJWT({
    aud: CLIENT_ID,
    sub: 'pairwise-sub',
    oid: '99999999-0000-0000-0000-000000000001',
    tid: TENANT,
    name: 'Trần Thị B',
    ver: '2.0',
    roles: ['reviewer'],
    ...claims,
  })
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', typ: 'JWT', kid: opts.kid ?? KID })
    .setIssuer(opts.issuer ?? ISSUER)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime('1h')
    .sign(opts.key ?? privateKey);
}

describe('Entra tokens', () => {
  it('turns a valid token into a principal with roles from the roles claim', async () => {
    const token = await entraToken();
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({
      ok: true,
      principal: { subject: '99999999-0000-0000-0000-000000000001', name: 'Trần Thị B', roles: ['reviewer'] },
    });
    expect(jwksRequests).toBeGreaterThanOrEqual(1);
  });

  it('accepts any configured audience and keeps only known app roles', async () => {
    const token = await entraToken({ aud: 'api://nu-cuoi-reporting', roles: ['Admin', 'Reports.Read'] });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: true,
      principal: { roles: ['admin'] },
    });
  });

  it('reads the clerk’s unit from unit or extn.unitId', async () => {
    const unit = await entraToken({ roles: ['clerk'], unit: 'PC06' });
    await expect(verify(`Bearer ${unit}`)).resolves.toMatchObject({
      ok: true,
      principal: { unitId: 'PC06' },
    });
    const extn = await entraToken({ roles: ['clerk'], 'extn.unitId': 'PA08' });
    await expect(verify(`Bearer ${extn}`)).resolves.toMatchObject({
      ok: true,
      principal: { unitId: 'PA08' },
    });
  });

  it('refuses a clerk without a unit unless the unit table knows it', async () => {
    const token = await entraToken({ roles: ['clerk'] });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'clerk_without_unit',
    });
    const withTable = createVerifier(config, {
      resolveUnitId: async (principal) => (principal.subject.endsWith('0001') ? 'PC08' : undefined),
    });
    await expect(withTable(`Bearer ${token}`)).resolves.toMatchObject({
      ok: true,
      principal: { unitId: 'PC08' },
    });
    const failingTable = createVerifier(config, {
      resolveUnitId: async () => {
        throw new Error('table down');
      },
    });
    await expect(failingTable(`Bearer ${token}`)).resolves.toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a token signed with another key', async () => {
    const other = await generateKeyPair('RS256');
    const unknownKid = await entraToken({}, { key: other.privateKey, kid: 'unknown-key' });
    await expect(verify(`Bearer ${unknownKid}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'token_bad_signature',
    });
    const sameKid = await entraToken({}, { key: other.privateKey });
    await expect(verify(`Bearer ${sameKid}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'token_bad_signature',
    });
  });

  it('refuses an HS256 token', async () => {
    const token = await entraToken({}, { alg: 'HS256', key: new TextEncoder().encode('x'.repeat(32)) });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'invalid_token',
      reason: expect.stringMatching(/alg/),
    });
  });

  it('refuses a wrong issuer or audience', async () => {
    const otherTenant = await entraToken(
      {},
      { issuer: 'https://login.microsoftonline.com/other-tenant/v2.0' },
    );
    await expect(verify(`Bearer ${otherTenant}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'token_wrong_audience',
    });
    const v1 = await entraToken({}, { issuer: `https://sts.windows.net/${TENANT}/` });
    await expect(verify(`Bearer ${v1}`)).resolves.toMatchObject({ ok: false, status: 401 });
    const graph = await entraToken({ aud: '00000003-0000-0000-c000-000000000000' });
    await expect(verify(`Bearer ${graph}`)).resolves.toMatchObject({
      ok: false,
      code: 'token_wrong_audience',
    });
  });

  it('refuses a token without roles', async () => {
    const token = await entraToken({ roles: undefined });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: false,
      code: 'no_role',
    });
  });

  it('answers 401 when the keys cannot be fetched', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const unreachable = createVerifier({ ...config, jwksUri: `http://127.0.0.1:${port}/keys` });
    await expect(unreachable(`Bearer ${await entraToken()}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'auth_keys_unavailable',
    });
  });
});
