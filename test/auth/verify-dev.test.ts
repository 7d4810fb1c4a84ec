import fc from 'fast-check';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { loadAuthConfig, type DevAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';
import { createVerifier, parseBearer } from '../../functions/src/auth/verify';

const config = loadAuthConfig({}) as DevAuthConfig;
const verify = createVerifier(config);
const secret = new TextEncoder().encode(config.secret);

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const now = (): number => Math.floor(Date.now() / 1000);

/** Signs arbitrary claims with the dev secret (defaults: valid iss/aud/exp). */
async function sign(claims: JWTPayload, opts: { alg?: string; key?: Uint8Array } = {}): Promise<string> {
  return new SignJWT({ iss: config.issuer, aud: config.audience, exp: now() + 3600, sub: 'u1', ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .sign(opts.key ?? secret);
}

describe('dev tokens', () => {
  it('turns a valid clerk token into a principal', async () => {
    const token = await mintDevToken(config, { role: 'clerk', unitId: 'PC06', name: 'Nguyễn Văn A' });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({
      ok: true,
      principal: { subject: 'dev-clerk-PC06', name: 'Nguyễn Văn A', roles: ['clerk'], unitId: 'PC06' },
    });
  });

  it('accepts reviewer and admin tokens without a unit, and a lowercase scheme', async () => {
    const reviewer = await mintDevToken(config, { role: 'reviewer', subject: 'px03-office' });
    await expect(verify(`bearer ${reviewer}`)).resolves.toEqual({
      ok: true,
      principal: { subject: 'px03-office', roles: ['reviewer'] },
    });
    const admin = await mintDevToken(config, { role: 'admin', campaignIds: ['001'] });
    await expect(verify(`BEARER  ${admin}`)).resolves.toMatchObject({
      ok: true,
      principal: { subject: 'dev-admin', roles: ['admin'], campaignIds: ['001'] },
    });
  });

  it('keeps only known roles', async () => {
    const token = await sign({ roles: ['admin', 'Task.Read', 42, 'admin'] });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: true,
      principal: { roles: ['admin'] },
    });
  });

  it('refuses an expired token', async () => {
    const token = await mintDevToken(config, { role: 'admin', expiresIn: '-1m' });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({
      ok: false,
      status: 401,
      code: 'token_expired',
      reason: 'token expired',
    });
  });

  it('tolerates 30 seconds of clock skew, not more', async () => {
    const justExpired = await sign({ roles: ['admin'], exp: now() - 10 });
    await expect(verify(`Bearer ${justExpired}`)).resolves.toMatchObject({ ok: true });
    const longExpired = await sign({ roles: ['admin'], exp: now() - 120 });
    await expect(verify(`Bearer ${longExpired}`)).resolves.toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a token without exp', async () => {
    const token = await new SignJWT({ roles: ['admin'], sub: 'u' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .sign(secret);
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'invalid_token',
    });
  });

  it('refuses a token signed with another secret', async () => {
    const other = { ...config, secret: 'some-other-secret-of-sufficient-length-42' };
    const token = await mintDevToken(other, { role: 'admin' });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'token_bad_signature',
    });
  });

  it('refuses an unsigned alg:none token', async () => {
    const payload = {
      iss: config.issuer,
      aud: config.audience,
      exp: now() + 3600,
      sub: 'x',
      roles: ['admin'],
    };
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'invalid_token',
      reason: expect.stringMatching(/alg/),
    });
  });

  it('refuses other algorithms than HS256', async () => {
    const hs512 = await sign({ roles: ['admin'] }, { alg: 'HS512', key: new Uint8Array(64).fill(1) });
    await expect(verify(`Bearer ${hs512}`)).resolves.toMatchObject({ ok: false, status: 401 });
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT({ roles: ['admin'], sub: 'x' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verify(`Bearer ${rs256}`)).resolves.toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a wrong audience or issuer', async () => {
    const wrongAud = await mintDevToken({ ...config, audience: 'api://something-else' }, { role: 'admin' });
    await expect(verify(`Bearer ${wrongAud}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'token_wrong_audience',
    });
    const wrongIss = await mintDevToken({ ...config, issuer: 'someone-else' }, { role: 'admin' });
    await expect(verify(`Bearer ${wrongIss}`)).resolves.toMatchObject({
      ok: false,
      status: 401,
      code: 'token_wrong_audience',
    });
  });

  it('refuses a missing header as unauthenticated, and a non-Bearer one as a bad scheme', async () => {
    for (const header of [undefined, null, '', '   ']) {
      await expect(verify(header)).resolves.toMatchObject({
        ok: false,
        status: 401,
        code: 'unauthenticated',
      });
    }
    for (const header of ['Basic xyz', 'Bearer', 'Bearer ', 'Token abc', 'Bearer a b']) {
      await expect(verify(header)).resolves.toMatchObject({
        ok: false,
        status: 401,
        code: 'bad_auth_scheme',
      });
    }
    expect(parseBearer('Bearer abc.def.ghi')).toEqual({ ok: true, token: 'abc.def.ghi' });
    expect(parseBearer(`Bearer ${'a'.repeat(20000)}`)).toMatchObject({ ok: false, code: 'bad_auth_scheme' });
  });

  it('refuses a clerk token without a unit', async () => {
    const token = await mintDevToken(config, { role: 'clerk' });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({
      ok: false,
      status: 401,
      code: 'clerk_without_unit',
      reason: 'clerk token without a unit',
    });
  });

  it('refuses tokens without roles, without known roles, or without a subject', async () => {
    for (const claims of [{}, { roles: [] }, { roles: ['superuser'] }, { roles: 'nope' }]) {
      const token = await sign(claims);
      await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
        ok: false,
        status: 401,
        code: 'no_role',
      });
    }
    const noSub = await sign({ roles: ['admin'], sub: undefined });
    await expect(verify(`Bearer ${noSub}`)).resolves.toMatchObject({
      ok: false,
      code: 'token_no_subject',
    });
  });

  it('never throws, whatever the header', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `Bearer ${s}`),
          fc
            .tuple(fc.base64String(), fc.base64String(), fc.base64String())
            .map(([a, b, c]) => `Bearer ${a}.${b}.${c}`),
        ),
        async (header) => {
          const result = await verify(header);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.status).toBe(401);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('claims of the wrong type, and the user table', () => {
  it.each([null, 5, { any: true }, true, [1], ['ok', 2], ['']])(
    'campaigns %j → token_bad_claim',
    async (value) => {
      const result = await verify(`Bearer ${await sign({ roles: ['admin'], campaigns: value })}`);
      expect(result).toMatchObject({
        ok: false,
        status: 401,
        code: 'token_bad_claim',
        problem: { code: 'token_bad_claim', params: { claim: 'campaigns' } },
      });
    },
  );

  it.each([42, { id: 'PC06' }, ['PC06']])('unit %j → token_bad_claim', async (value) => {
    const result = await verify(`Bearer ${await sign({ roles: ['reviewer'], unit: value })}`);
    expect(result).toMatchObject({ ok: false, problem: { params: { claim: 'unit' } } });
  });

  it('a string or a list of strings limits; an empty list gives no campaign', async () => {
    for (const [claim, ids] of [
      ['c1', ['c1']],
      [
        ['c1', 'c2'],
        ['c1', 'c2'],
      ],
      [[], []],
    ] as const) {
      const result = await verify(`Bearer ${await sign({ roles: ['admin'], campaigns: claim })}`);
      expect(result).toMatchObject({ ok: true, principal: { campaignIds: ids } });
    }
  });

  it("the user table's row decides roles, unit and campaigns; the token only names the user", async () => {
    const withTable = createVerifier(config, {
      resolveUser: async (subject) =>
        subject === 'u1' ? { roles: ['clerk'], unitId: 'PC06', campaignIds: ['c1'] } : undefined,
    });
    const token = await sign({ roles: ['admin'], unit: 'PC08' });
    await expect(withTable(`Bearer ${token}`)).resolves.toEqual({
      ok: true,
      principal: { subject: 'u1', roles: ['clerk'], unitId: 'PC06', campaignIds: ['c1'] },
    });
    const other = await sign({ sub: 'u2', roles: ['admin'] });
    await expect(withTable(`Bearer ${other}`)).resolves.toMatchObject({
      ok: true,
      principal: { roles: ['admin'] },
    });
  });

  it('a user table that cannot be read is not a 401 (the API answers 503), nor a fallback to the token', async () => {
    const failing = createVerifier(config, {
      resolveUser: async () => {
        throw new Error('storage down');
      },
    });
    await expect(failing(`Bearer ${await sign({ roles: ['admin'] })}`)).rejects.toThrow('storage down');
  });
});
