/**
 * Microsoft Entra ID mode over HTTP, against a stand-in for the tenant's key service: the user table
 * decides a stored user's roles, unit and campaigns (the token only says who is calling), and a key
 * service that cannot be reached is 503 with Retry-After — the caller's token is not at fault.
 */
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startEntraTenant, TENANT, type EntraTenant } from '../support/entra-tenant';
import type { ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

const BAC_GIANG = 'bac-giang-nu-cuoi-cong-so';
const STORED_OID = '99999999-0000-0000-0000-00000000c106';
const ADMIN_OID = '99999999-0000-0000-0000-00000000ad01';

let tenant: EntraTenant;
let stack: ApiTestStack;

const entraToken = (oid: string, roles: string[], claims?: Record<string, unknown>) =>
  tenant.token(oid, roles, claims);

beforeAll(async () => {
  tenant = await startEntraTenant('entra-http-key');
  stack = tenant.stack;
});
afterAll(() => tenant?.stop());

describe('the key service is unreachable', () => {
  test('→ 503 auth_keys_unavailable with Retry-After, not 401', async () => {
    // First in this file: the instance has not fetched the tenant's keys yet, and cannot now.
    tenant.keyService = 'error';
    try {
      const r = await call(stack.api, 'GET', '/campaigns', { token: await entraToken(ADMIN_OID, ['admin']) });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('auth_keys_unavailable');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.headers.get('www-authenticate')).toBeNull();
    } finally {
      tenant.keyService = 'up';
    }
  });

  test('a dev token is no way in under Entra mode (401 with a Bearer challenge)', async () => {
    const r = await call(stack.api, 'GET', '/campaigns', { token: await token('admin') });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe(
      `Bearer realm="https://login.microsoftonline.com/${TENANT}", authorization_uri="https://login.microsoftonline.com/${TENANT}/oauth2/authorize", error="invalid_token"`,
    );
  });
});

describe('a user stored as clerk of PC06, limited to one campaign', () => {
  let stored: string;
  beforeAll(async () => {
    const admin = await entraToken(ADMIN_OID, ['admin']);
    const put = await call(stack.api, 'PUT', `/users/${STORED_OID}`, {
      token: admin,
      json: { roles: ['clerk'], unitId: 'PC06', campaignIds: [CAMPAIGN] },
    });
    expect(put.status).toBe(201);
    // The token carries the app roles Entra was given, not what the table says: clerk, no campaign limit.
    stored = await entraToken(STORED_OID, ['clerk'], { unit: 'PC08' });
  });

  test('sees only that campaign', async () => {
    const r = await call(stack.api, 'GET', '/campaigns', { token: stored });
    expect(r.status).toBe(200);
    expect(r.body.campaigns.map((c: { id: string }) => c.id)).toEqual([CAMPAIGN]);
  });

  test('submits for PC06 (the table), not for PC08 (the token), nor to another campaign', async () => {
    const post = (campaign: string, body: unknown) =>
      call(stack.api, 'POST', `/campaigns/${campaign}/submissions`, { token: stored, json: body });
    expect((await post(CAMPAIGN, resultsReport('PC06', '2022-Q3'))).status).toBe(201);
    expect((await post(CAMPAIGN, resultsReport('PC08', '2022-Q3'))).status).toBe(403);
    const bg = {
      ...resultsReport('STC', '2022-Y'),
      values: { officials_total: 3 },
      tables: {},
    };
    expect((await post(BAC_GIANG, bg)).status).toBe(403);
  });
});
