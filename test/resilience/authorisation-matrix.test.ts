/**
 * The authorisation matrix over HTTP, exhaustively: every role × every endpoint of DESIGN §4, for a
 * clerk both on their own unit and on another unit. The expected status class of each cell is written
 * out below; the requests are well-formed, so the only reason for a 4xx is who is asking.
 */
import { SignJWT } from 'jose';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { routes } from '../../functions/src/index';
import { call, CAMPAIGN, resultsReport, shippedVersion, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

const PERIOD = '2022-Q3';
/** The unit the requests are about: the "own" clerk belongs to it, the "other" clerk does not. */
const UNIT = 'PC06';

type Caller = 'none' | 'clerk-own' | 'clerk-other' | 'reviewer' | 'admin';
const CALLERS: Caller[] = ['none', 'clerk-own', 'clerk-other', 'reviewer', 'admin'];
/** 2 = 2xx, 401 = not signed in, 403 = signed in but not allowed. */
type Expect = 2 | 401 | 403;

interface Endpoint {
  name: string;
  method: string;
  path: string;
  /** A well-formed body, made fresh for each request. */
  body?: () => unknown;
  expect: Record<Caller, Expect>;
}

let stack: ApiTestStack;
let template: Record<string, unknown>;
let published = 0;

/** Admin publishes need a new version each time; every other body is the same for every caller. */
const ENDPOINTS: Endpoint[] = [
  {
    name: 'health',
    method: 'GET',
    path: '/health',
    expect: { none: 2, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'the OpenAPI document',
    method: 'GET',
    path: '/openapi.json',
    expect: { none: 2, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'list campaigns',
    method: 'GET',
    path: '/campaigns',
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'create or update a campaign (here: the same definition again)',
    method: 'POST',
    path: '/campaigns',
    body: () => definition,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'campaign workbook',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/definition`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'read units',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/units`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'replace units',
    method: 'PUT',
    path: `/campaigns/${CAMPAIGN}/units`,
    body: () => ({ units: registry }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'change units',
    method: 'PATCH',
    path: `/campaigns/${CAMPAIGN}/units`,
    // The unit as it is: the registry stays the same for the other endpoints of the matrix.
    body: () => ({ upsert: (registry as { id: string }[]).filter((u) => u.id === UNIT) }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'active templates',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/templates`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'one template version',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/templates/results/versions/1`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'one template version as a workbook',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/templates/results/versions/1?format=xlsx&unitId=${UNIT}&periodId=${PERIOD}`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'one template version as a definition workbook',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/templates/results/versions/1/definition`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: 'publish a template',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/templates`,
    // A template of its own (not "results"), so publishing does not outdate the reports below.
    body: () => ({ ...template, id: 'matrix_check', version: ++published }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'submit a report for the unit',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/submissions`,
    body: () => resultsReport(UNIT, PERIOD),
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'back-fill a paper report (receivedAt)',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/submissions`,
    body: () => ({ ...resultsReport(UNIT, PERIOD), receivedAt: '2022-09-01T03:00:00+07:00' }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'the data feed for the unit',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/data?periodId=${PERIOD}&unitId=${UNIT}`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'the data feed as CSV (a clerk: their own unit)',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/data?periodId=${PERIOD}&format=csv`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: "the unit's latest revision",
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/submissions?periodId=${PERIOD}&unitId=${UNIT}`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'every unit’s latest revision (no unitId: a clerk gets their own)',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/submissions?periodId=${PERIOD}`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: "the unit's revisions",
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/submissions/${UNIT}/${PERIOD}/revisions`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'review the unit (return)',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/submissions/${UNIT}/${PERIOD}/review`,
    body: () => ({ action: 'return', comment: 'Bổ sung số liệu mục 3.' }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'review the unit (accept)',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/submissions/${UNIT}/${PERIOD}/review`,
    body: () => ({ action: 'accept' }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'several reviews at once',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/reviews`,
    body: () => ({ reviews: [{ unitId: UNIT, periodId: PERIOD, action: 'accept' }] }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'the review queue',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/review-queue`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'hints from history for a draft',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/submissions/${UNIT}/${PERIOD}/check`,
    body: () => ({ templateId: 'results', templateVersion: 1, values: { participants: 40 } }),
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'roll-up',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'roll-up of a subtree',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup?rootUnitId=${UNIT}`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'roll-up as the summary workbook',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup?format=xlsx`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'narrative report (.docx)',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/report?format=docx`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'narrative report of a subtree',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/report?format=json&unitId=${UNIT}`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: "the unit's calendar",
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/units/${UNIT}/status`,
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    // Any signed-in caller; each query is authorised on its own (a clerk's TONG answers value_forbidden).
    name: 'formula values (BAOCAO.*)',
    method: 'POST',
    path: `/campaigns/${CAMPAIGN}/values`,
    body: () => ({ queries: [{ fn: 'state', period: PERIOD, unit: UNIT }] }),
    expect: { none: 401, 'clerk-own': 2, 'clerk-other': 2, reviewer: 2, admin: 2 },
  },
  {
    name: "the standing office's progress",
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/progress?from=2022-Q1&to=${PERIOD}`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'the yearly ranking',
    method: 'GET',
    path: `/campaigns/${CAMPAIGN}/ranking?year=2022`,
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'score a unit by hand',
    method: 'PUT',
    path: `/campaigns/${CAMPAIGN}/ranking/2022/units/${UNIT}/scores/assessment`,
    body: () => ({ score: 10, reason: 'Kiểm tra quyền' }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 2, admin: 2 },
  },
  {
    name: 'lock a period (here: keep it unlocked, so the other cells are unaffected)',
    method: 'PUT',
    path: `/campaigns/${CAMPAIGN}/periods/${PERIOD}/lock`,
    body: () => ({ locked: false, reason: 'Kiểm tra quyền' }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'user assignments',
    method: 'GET',
    path: '/users',
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'assign a user',
    method: 'PUT',
    path: '/users/matrix-user',
    body: () => ({ roles: ['clerk'], unitId: UNIT, name: 'Cán bộ thử' }),
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
  {
    name: 'remove a user (after the assignment above)',
    method: 'DELETE',
    path: '/users/matrix-user',
    expect: { none: 401, 'clerk-own': 403, 'clerk-other': 403, reviewer: 403, admin: 2 },
  },
];

let registry: unknown[];
let definition: unknown;
const tokens: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens['clerk-own'] = await token('clerk', UNIT);
  tokens['clerk-other'] = await token('clerk', 'PC08');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.admin = await token('admin');
  registry = (await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin })).body
    .units;
  definition = (
    await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/definition?format=json`, { token: tokens.admin })
  ).body;
  template = (
    await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/1`, {
      token: tokens.admin,
    })
  ).body;
  // The unit has a report to read and review before the matrix starts.
  const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: tokens.admin,
    json: resultsReport(UNIT, PERIOD),
  });
  expect(r.status).toBe(201);
}, 60_000);
afterAll(() => stack?.stop());

const cells = ENDPOINTS.flatMap((e) => CALLERS.map((c) => [e.name, c, e] as const));

test.each(cells)('%s — %s', async (_name, caller, endpoint) => {
  const t = tokens[caller];
  const r = await call(stack.api, endpoint.method, endpoint.path, {
    ...(t ? { token: t } : {}),
    ...(endpoint.body ? { json: endpoint.body() } : {}),
  });
  const expected = endpoint.expect[caller];
  const got = r.status >= 200 && r.status < 300 ? 2 : r.status;
  expect({ status: got, body: got === 2 ? 'ok' : r.body }).toEqual({
    status: expected,
    body: expected === 2 ? 'ok' : { error: expect.objectContaining({ code: expect.any(String) }) },
  });
});

test('the matrix covers every route the function app registers', () => {
  const covered = new Set(
    ENDPOINTS.map((e) => `${e.method} ${e.path.split('?')[0]!.replace(CAMPAIGN, '{campaignId}')}`),
  );
  const normalise = (route: string) =>
    route
      .replace('{templateId}', 'results')
      .replace('{version}', '1')
      .replace('{unitId}', UNIT)
      .replace('{periodId}', PERIOD)
      .replace('{userId}', 'matrix-user')
      .replace('{year}', '2022')
      .replace('{criterionId}', 'assessment');
  for (const r of routes) {
    for (const m of r.methods) expect(covered).toContain(`${m} /${normalise(r.route)}`);
  }
});

// ---------------------------------------------------------------- one source of truth (issue 11, item 4)

const BAC_GIANG = 'bac-giang-nu-cuoi-cong-so';
const BG_PERIOD = '2022-Y';
const bgReport = (unitId: string) => ({
  submissionId: crypto.randomUUID(),
  templateId: 'results',
  templateVersion: shippedVersion(BAC_GIANG, 'results'),
  unitId,
  periodId: BG_PERIOD,
  values: { officials_total: 12 },
});

/** A dev-mode token with arbitrary claims (signed with the development secret). */
async function rawToken(claims: Record<string, unknown>, subject = 'raw-claims-user'): Promise<string> {
  const config = loadAuthConfig({});
  if (config.mode !== 'dev') throw new Error('dev mode expected');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(config.secret));
}

describe('reviewers are bound to the campaigns of their standing office', () => {
  let snv: string;
  beforeAll(async () => {
    snv = await token('reviewer', 'SNV');
    const r = await call(stack.api, 'POST', `/campaigns/${BAC_GIANG}/submissions`, {
      token: tokens.admin,
      json: bgReport('STC'),
    });
    expect(r.status).toBe(201);
  });

  // Three values in every row: jest takes a missing last argument for a `done` callback.
  const bgRoutes: [string, string, unknown][] = [
    ['GET', `/campaigns/${BAC_GIANG}/submissions?periodId=${BG_PERIOD}`, undefined],
    ['GET', `/campaigns/${BAC_GIANG}/submissions/STC/${BG_PERIOD}/revisions`, undefined],
    ['GET', `/campaigns/${BAC_GIANG}/periods/${BG_PERIOD}/rollup`, undefined],
    [
      'POST',
      `/campaigns/${BAC_GIANG}/submissions/STC/${BG_PERIOD}/review`,
      { action: 'return', comment: 'x' },
    ],
  ];

  test.each(bgRoutes)(
    "PX03 (Lạng Sơn's office) may not %s %s of Bắc Giang → 403",
    async (method, path, body) => {
      const r = await call(stack.api, method, path, {
        token: tokens.reviewer!,
        ...(body ? { json: body } : {}),
      });
      expect([r.status, r.body.error?.code]).toEqual([403, 'campaign_forbidden']);
    },
  );

  test.each(bgRoutes)("SNV (Bắc Giang's office) may %s %s", async (method, path, body) => {
    const r = await call(stack.api, method, path, { token: snv, ...(body ? { json: body } : {}) });
    expect(r.status).toBeLessThan(300);
  });

  test('each reviewer lists only its own campaign; SNV may not return a Lạng Sơn report', async () => {
    const ids = async (t: string) =>
      (await call(stack.api, 'GET', '/campaigns', { token: t })).body.campaigns.map(
        (c: { id: string }) => c.id,
      );
    expect(await ids(tokens.reviewer!)).toEqual([CAMPAIGN]);
    expect(await ids(snv)).toEqual([BAC_GIANG]);
    // An admin without a limit sees every campaign of the demo.
    expect((await ids(tokens.admin!)).sort()).toEqual(
      [BAC_GIANG, CAMPAIGN, 'ca-mau-phong-cach-cand', 'lang-son-van-hoa-cong-so'].sort(),
    );
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions/${UNIT}/${PERIOD}/review`, {
      token: snv,
      json: { action: 'return', comment: 'x' },
    });
    expect(r.status).toBe(403);
  });
});

describe('the user table decides roles, unit and campaigns of a user it has a row for', () => {
  const SUBJECT = 'stored-clerk-pc06';
  let stored: string;
  beforeAll(async () => {
    const put = await call(stack.api, 'PUT', `/users/${SUBJECT}`, {
      token: tokens.admin,
      json: { roles: ['clerk'], unitId: UNIT, campaignIds: [CAMPAIGN] },
    });
    expect(put.status).toBeLessThan(300);
    // The token claims far more than the table gives: admin, every campaign.
    stored = await rawToken({ roles: ['admin'] }, SUBJECT);
  });
  afterAll(async () => {
    await call(stack.api, 'DELETE', `/users/${SUBJECT}`, { token: tokens.admin });
  });

  test('sees only its campaign', async () => {
    const r = await call(stack.api, 'GET', '/campaigns', { token: stored });
    expect(r.body.campaigns.map((c: { id: string }) => c.id)).toEqual([CAMPAIGN]);
    expect((await call(stack.api, 'GET', `/campaigns/${BAC_GIANG}/units`, { token: stored })).status).toBe(
      403,
    );
  });

  test('submits for its unit in its campaign, and nowhere else; admin routes are closed', async () => {
    const post = (campaign: string, body: unknown) =>
      call(stack.api, 'POST', `/campaigns/${campaign}/submissions`, { token: stored, json: body });
    expect((await post(CAMPAIGN, resultsReport(UNIT, '2021-Y'))).status).toBe(201);
    expect((await post(CAMPAIGN, resultsReport('PC08', '2021-Y'))).status).toBe(403);
    expect((await post(BAC_GIANG, bgReport('STC'))).status).toBe(403);
    expect((await call(stack.api, 'GET', '/users', { token: stored })).status).toBe(403);
    expect(
      (
        await call(stack.api, 'PUT', `/campaigns/${CAMPAIGN}/units`, {
          token: stored,
          json: { units: registry },
        })
      ).status,
    ).toBe(403);
  });

  test('a change through PUT /users applies at once; without a row the token decides again', async () => {
    await call(stack.api, 'PUT', `/users/${SUBJECT}`, {
      token: tokens.admin,
      json: { roles: ['reviewer'], unitId: 'PX03' },
    });
    const rollup = `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup`;
    expect((await call(stack.api, 'GET', rollup, { token: stored })).status).toBe(200);
    expect((await call(stack.api, 'GET', '/users', { token: stored })).status).toBe(403);
    await call(stack.api, 'DELETE', `/users/${SUBJECT}`, { token: tokens.admin });
    expect((await call(stack.api, 'GET', '/users', { token: stored })).status).toBe(200);
  });
});

describe('a malformed claim is 401 token_bad_claim, never a wider grant', () => {
  test.each([
    ['campaigns', null],
    ['campaigns', 5],
    ['campaigns', { any: true }],
    ['campaigns', true],
    ['campaigns', [1, 2]],
    ['campaigns', ['']],
    ['unit', 42],
    ['unit', { id: 'PC06' }],
  ])('%s: %j', async (claim, value) => {
    const t = await rawToken({ roles: ['reviewer'], unit: 'PX03', [claim]: value });
    const r = await call(stack.api, 'GET', '/campaigns', { token: t });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'token_bad_claim', params: { claim } });
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  test('a well-formed claim still limits (string, list, empty list)', async () => {
    const ids = async (campaigns: unknown) =>
      (
        await call(stack.api, 'GET', '/campaigns', { token: await rawToken({ roles: ['admin'], campaigns }) })
      ).body.campaigns.map((c: { id: string }) => c.id);
    expect(await ids(BAC_GIANG)).toEqual([BAC_GIANG]);
    expect(await ids([CAMPAIGN])).toEqual([CAMPAIGN]);
    expect(await ids([])).toEqual([]);
  });
});

describe('401 answers carry a Bearer challenge (RFC 6750)', () => {
  test.each([
    ['no token', undefined, 'Bearer'],
    ['not a bearer header', 'Basic dXNlcjpwYXNz', 'Bearer error="invalid_request"'],
    ['a bad token', 'Bearer abc.def.ghi', 'Bearer error="invalid_token"'],
  ])('%s', async (_what, header, challenge) => {
    const r = await fetch(`${stack.api}/campaigns`, { headers: header ? { authorization: header } : {} });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe(challenge);
  });
});
