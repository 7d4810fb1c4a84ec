/**
 * PUT /api/users/{userId} — admin: assigns a user (the token's `sub`, or `oid` with Entra ID) roles
 * and, for a clerk, a unit. Body `{ roles: ["clerk"|"reviewer"|"admin", …], unitId?, name?, campaignIds? }`.
 * 201 for a new user, 200 for a replaced assignment, `{ user }` either way; 400 when a clerk has no unit.
 */
import { normalizeDeep, UserAssignmentSchema, UserIdSchema } from '../../../shared/src';
import { userStoreFor } from '../catalog/user-store';
import { allowedToManageUsers } from '../http/users-admin';
import { endpoint, readJson, schemaIssues } from '../http/handler';
import { httpMessages } from '../http/messages';
import { registerHttp } from '../http/register';
import { badRequest, json } from '../http/responses';

export const userMessages = {
  badUserId: (id: string) => `Mã người dùng “${id}” không hợp lệ (không có dấu cách, /, \\, # hay ?).`,
  clerkWithoutUnit: 'Cán bộ nhập liệu (clerk) phải được gắn với một đơn vị (unitId).',
  userNotFound: (id: string) => `Không có người dùng “${id}”.`,
} as const;

/** The route's user id, checked (400 when it could not be a token's subject). */
export function userIdParam(raw: string | undefined): string {
  const userId = (raw ?? '').normalize('NFC');
  if (!UserIdSchema.safeParse(userId).success) throw badRequest(userMessages.badUserId(userId));
  return userId;
}

export const usersPut = endpoint(async (call) => {
  const principal = await allowedToManageUsers(call);
  const userId = userIdParam(call.request.params.userId);
  const parsed = UserAssignmentSchema.safeParse(normalizeDeep(await readJson(call)));
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error.issues);
    const clerk = parsed.error.issues.some((i) => i.path.join('.') === 'unitId' && i.code === 'custom');
    throw badRequest(clerk ? userMessages.clerkWithoutUnit : httpMessages.invalidBody, issues);
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
});
