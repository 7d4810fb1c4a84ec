/** GET /api/users — admin: every user → role/unit assignment, by user id. */
import { UsersAnswerSchema } from '../../../shared/src';
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
  doc: {
    summary: 'Every user’s roles, unit and campaigns',
    tag: 'users',
    access: { roles: ['admin'] },
    responses: { 200: { description: 'The users', json: UsersAnswerSchema } },
    errors: { 403: ['users_need_global_admin'] },
  },
});
