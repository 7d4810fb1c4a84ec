/**
 * The authorisation matrix over HTTP, exhaustively: every role × every endpoint of DESIGN §4, for a
 * clerk both on their own unit and on another unit. The expected status class of each cell is written
 * out below; the requests are well-formed, so the only reason for a 4xx is who is asking.
 */
import { routes } from '../../functions/src/index';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
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
    name: 'list campaigns',
    method: 'GET',
    path: '/campaigns',
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
const tokens: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens['clerk-own'] = await token('clerk', UNIT);
  tokens['clerk-other'] = await token('clerk', 'PC08');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.admin = await token('admin');
  registry = (await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin })).body
    .units;
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
      .replace('{userId}', 'matrix-user');
  for (const r of routes) {
    for (const m of r.methods) expect(covered).toContain(`${m} /${normalise(r.route)}`);
  }
});
