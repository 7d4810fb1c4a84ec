/**
 * Microsoft Entra ID mode: every 401 names where to sign in, as Power Query needs (Excel's and Power BI's
 * Get Data → From Web with an organisational account probes with an empty `Authorization: Bearer` and signs
 * in against the `authorization_uri` of the answer; Microsoft Learn, "Authentication with a data source").
 * Then the data feed answers a signed-in reviewer.
 */
import { call, CAMPAIGN, resultsReport } from '../support/api';
import { AUTHORITY, startEntraTenant, type EntraTenant } from '../support/entra-tenant';
import type { ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

/** What Power Query reads: the realm and where to sign in. */
const SIGN_IN = `realm="${AUTHORITY}", authorization_uri="${AUTHORITY}/oauth2/authorize"`;

let tenant: EntraTenant;
let stack: ApiTestStack;

const entraToken = (oid: string, roles: string[], claims?: Record<string, unknown>) =>
  tenant.token(oid, roles, claims);

beforeAll(async () => {
  tenant = await startEntraTenant('entra-challenge-key');
  stack = tenant.stack;
});
afterAll(() => tenant?.stop());

const feed = `/campaigns/${CAMPAIGN}/data?periodId=2022-Q3&format=csv`;

describe('401 challenges name the tenant’s authorization endpoint', () => {
  test.each([
    ['no Authorization header (a browser, Power Query’s first request)', undefined, `Bearer ${SIGN_IN}`],
    ['Power Query’s probe: an empty Bearer', 'Bearer', `Bearer ${SIGN_IN}`],
    ['another scheme', 'Basic dXNlcjpwYXNz', `Bearer ${SIGN_IN}, error="invalid_request"`],
    ['a refused token', 'Bearer abc.def.ghi', `Bearer ${SIGN_IN}, error="invalid_token"`],
  ])('%s', async (_what, header, challenge) => {
    const r = await fetch(`${stack.api}${feed}`, { headers: header ? { authorization: header } : {} });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe(challenge);
  });

  test('on every route, not only the feed', async () => {
    const r = await fetch(`${stack.api}/campaigns`);
    expect(r.headers.get('www-authenticate')).toBe(`Bearer ${SIGN_IN}`);
  });
});

test('signed in, a reviewer reads the feed; a clerk only their unit', async () => {
  const admin = await entraToken('99999999-0000-0000-0000-00000000ad01', ['admin']);
  const posted = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: admin,
    json: resultsReport('PC06', '2022-Q3'),
  });
  expect(posted.status).toBe(201);
  const reviewer = await entraToken('99999999-0000-0000-0000-00000000e301', ['reviewer']);
  const r = await fetch(`${stack.api}${feed}`, { headers: { authorization: `Bearer ${reviewer}` } });
  expect(r.status).toBe(200);
  const text = await r.text();
  expect(text).toMatch(/^Mã phong trào,/);
  expect(text).toMatch(/,PC06,.*,meetings_held,[^\r]*,2,/);
  const clerk = await entraToken('99999999-0000-0000-0000-00000000c108', ['clerk'], { unit: 'PC08' });
  const own = await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/data?periodId=2022-Q3`, { token: clerk });
  expect([own.status, own.body.rows]).toEqual([200, []]);
});
