/** User → role/unit assignments: admin-only GET/PUT/DELETE /api/users, and the unit resolver for Entra tokens. */
import { unitResolver, userStoreFor } from '../../functions/src/catalog/user-store';
import { call, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.clerk = await token('clerk', 'PC06');
}, 60_000);
afterAll(() => stack?.stop());

const oid = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

describe('users', () => {
  test('an admin assigns roles and units, lists and replaces them', async () => {
    expect((await call(api, 'GET', '/users', { token: tokens.admin })).body).toEqual({ users: [] });
    const created = await call(api, 'PUT', `/users/${oid}`, {
      token: tokens.admin,
      json: { roles: ['clerk'], unitId: 'PC06', name: 'Nguyễn Thị Hoa' },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      userId: oid,
      roles: ['clerk'],
      unitId: 'PC06',
      name: 'Nguyễn Thị Hoa',
      updatedBy: 'dev-admin',
    });
    const reviewer = await call(api, 'PUT', '/users/hoa.px03@congan.langson.gov.vn', {
      token: tokens.admin,
      json: { roles: ['reviewer', 'reviewer'], campaignIds: ['lang-son-nu-cuoi-chien-si'] },
    });
    expect(reviewer.status).toBe(201);
    expect(reviewer.body.user.roles).toEqual(['reviewer']);

    const replaced = await call(api, 'PUT', `/users/${oid}`, {
      token: tokens.admin,
      json: { roles: ['clerk', 'reviewer'], unitId: 'PC08' },
    });
    expect(replaced.status).toBe(200);
    const list = await call(api, 'GET', '/users', { token: tokens.admin });
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { userId: string }) => u.userId)).toEqual([
      oid,
      'hoa.px03@congan.langson.gov.vn',
    ]);
    expect(list.body.users[0]).toMatchObject({ roles: ['clerk', 'reviewer'], unitId: 'PC08' });
    expect(list.body.users[0].name).toBeUndefined(); // replaced, not merged
    expect(list.body.users[1]).toMatchObject({ campaignIds: ['lang-son-nu-cuoi-chien-si'] });
  });

  test('a clerk without a unit → 400 naming unitId; bad roles and bad ids → 400', async () => {
    const r = await call(api, 'PUT', '/users/someone', { token: tokens.admin, json: { roles: ['clerk'] } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/phải được gắn với một đơn vị/);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'unitId', key: 'unitId' })]);
    expect(
      (await call(api, 'PUT', '/users/someone', { token: tokens.admin, json: { roles: ['boss'] } })).status,
    ).toBe(400);
    expect(
      (await call(api, 'PUT', '/users/someone', { token: tokens.admin, json: { roles: [] } })).status,
    ).toBe(400);
    expect(
      (await call(api, 'PUT', '/users/a%20b', { token: tokens.admin, json: { roles: ['admin'] } })).status,
    ).toBe(400);
    expect(
      (
        await call(api, 'PUT', '/users/someone', {
          token: tokens.admin,
          body: 'nope',
          contentType: 'application/json',
        })
      ).status,
    ).toBe(400);
  });

  test('only an admin: a reviewer or a clerk → 403; no token → 401', async () => {
    for (const t of [tokens.reviewer, tokens.clerk]) {
      const get = await call(api, 'GET', '/users', { token: t });
      expect(get.status).toBe(403);
      expect(get.body.error.code).toBe('admin_only');
      expect((await call(api, 'PUT', `/users/${oid}`, { token: t, json: { roles: ['admin'] } })).status).toBe(
        403,
      );
      expect((await call(api, 'DELETE', `/users/${oid}`, { token: t })).status).toBe(403);
    }
    expect((await call(api, 'GET', '/users')).status).toBe(401);
  });

  test('the assignment supplies the unit of an Entra clerk token without a unit claim', async () => {
    const resolve = unitResolver(await userStoreFor(stack.services));
    expect(await resolve({ subject: oid, roles: ['clerk'] }, {})).toBe('PC08');
    expect(await resolve({ subject: 'unknown', roles: ['clerk'] }, {})).toBeUndefined();
  });

  test('an admin removes an assignment: 204, then 404', async () => {
    expect((await call(api, 'DELETE', `/users/${oid}`, { token: tokens.admin })).status).toBe(204);
    expect((await call(api, 'DELETE', `/users/${oid}`, { token: tokens.admin })).status).toBe(404);
    const list = await call(api, 'GET', '/users', { token: tokens.admin });
    expect(list.body.users.map((u: { userId: string }) => u.userId)).toEqual([
      'hoa.px03@congan.langson.gov.vn',
    ]);
  });
});

test('an admin limited to some campaigns cannot manage users (they are global)', async () => {
  const limited = await mintDevToken(loadAuthConfig({}), {
    role: 'admin',
    campaignIds: ['bac-giang-nu-cuoi-cong-so'],
    expiresIn: '1h',
  });
  const r = await call(stack.host.url, 'GET', '/users', { token: limited });
  expect(r.status).toBe(403);
  expect(r.body.error.code).toBe('users_need_global_admin');
});
