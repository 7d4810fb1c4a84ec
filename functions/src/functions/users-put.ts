/**
 * PUT /api/users/{userId} — admin: assigns a user (the token's `sub`, or `oid` with Entra ID) roles
 * and, for a clerk, a unit. Body `{ roles: ["clerk"|"reviewer"|"admin", …], unitId?, name?, campaignIds? }`.
 * 201 for a new user, 200 for a replaced assignment, `{ user }` either way; 400 when a clerk has no unit.
 */
import { normalizeDeep, schemaProblems, UserAnswerSchema, UserAssignmentSchema } from '../../../shared/src';
import { userStoreFor } from '../catalog/user-store';
import { allowedToManageUsers, userIdParam } from '../http/users-admin';
import { endpoint, readJson } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

export const usersPut = endpoint(async (call) => {
  const principal = await allowedToManageUsers(call);
  const userId = userIdParam(call.request.params.userId);
  const parsed = UserAssignmentSchema.safeParse(normalizeDeep(await readJson(call)));
  if (!parsed.success) {
    const issues = schemaProblems(parsed.error.issues);
    const clerk = parsed.error.issues.some((i) => i.path.join('.') === 'unitId' && i.code === 'custom');
    throw badRequest(clerk ? 'clerk_without_unit' : 'invalid_body', undefined, issues);
  }
  const store = await userStoreFor(call.services);
  const { user, created } = await store.put(userId, parsed.data, {
    by: principal.subject,
    at: call.services.now().toISOString(),
  });
  return json(created ? 201 : 200, { user });
});

registerHttp({
  name: 'users-put',
  methods: ['PUT'],
  route: 'users/{userId}',
  handler: usersPut,
  doc: {
    summary: 'Assign a user roles and, for a clerk, a unit',
    tag: 'users',
    access: { roles: ['admin'] },
    pathExamples: { userId: 'openapi-example-user' },
    body: {
      json: UserAssignmentSchema,
      example: { roles: ['clerk'], unitId: 'PC06', name: 'Example clerk' },
    },
    responses: {
      200: { description: 'An assignment replaced', json: UserAnswerSchema },
      201: { description: 'A new user', json: UserAnswerSchema },
    },
    errors: { 400: ['bad_user_id', 'clerk_without_unit'], 403: ['users_need_global_admin'] },
  },
});
