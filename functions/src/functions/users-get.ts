/** GET /api/users — admin: every user → role/unit assignment, by user id. */
import { userStoreFor } from '../catalog/user-store';
import { allowedToManageUsers } from '../http/users-admin';
import { endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { json } from '../http/responses';

export const usersGet = endpoint(async (call) => {
  await allowedToManageUsers(call);
  const store = await userStoreFor(call.services);
  return json(200, { users: await store.list() });
});

registerHttp({
  name: 'users-get',
  methods: ['GET'],
  route: 'users',
  handler: usersGet,
});
