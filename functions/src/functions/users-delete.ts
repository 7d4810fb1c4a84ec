/** DELETE /api/users/{userId} — admin: removes a user's assignment. 204; 404 when there is none. */
import { userStoreFor } from '../catalog/user-store';
import { allowedToManageUsers, userIdParam } from '../http/users-admin';
import { endpoint } from '../http/handler';
import { registerHttp } from '../http/register';
import { notFound } from '../http/responses';

export const usersDelete = endpoint(async (call) => {
  await allowedToManageUsers(call);
  const userId = userIdParam(call.request.params.userId);
  const store = await userStoreFor(call.services);
  if (!(await store.delete(userId))) throw notFound('user_not_found', { userId });
  return { status: 204 };
});

registerHttp({
  name: 'users-delete',
  methods: ['DELETE'],
  route: 'users/{userId}',
  handler: usersDelete,
  doc: {
    summary: 'Remove a user’s assignment',
    tag: 'users',
    access: { roles: ['admin'] },
    pathExamples: { userId: 'openapi-example-user' },
    responses: { 204: { description: 'Removed' } },
    errors: { 400: ['bad_user_id'], 403: ['users_need_global_admin'], 404: ['user_not_found'] },
  },
});
