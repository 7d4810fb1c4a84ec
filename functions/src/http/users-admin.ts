/** Who may manage users, and the user id of a users route. */
import { UserIdSchema } from '../../../shared/src';
import type { Principal } from '../auth/principal';
import { allowed, type Call } from './handler';
import { badRequest, HttpError } from './responses';

/** The route's user id, checked (400 when it could not be a token's subject). */
export function userIdParam(raw: string | undefined): string {
  const userId = (raw ?? '').normalize('NFC');
  if (!UserIdSchema.safeParse(userId).success) throw badRequest('bad_user_id', { userId });
  return userId;
}

/**
 * Users are global (one assignment per person across campaigns): only an admin who is not limited to
 * some campaigns may list or change them, or a campaign-limited admin could widen their own reach.
 */
export async function allowedToManageUsers(call: Call): Promise<Principal> {
  const principal = await allowed(call, { kind: 'write-units' });
  if (principal.campaignIds !== undefined) throw new HttpError(403, 'users_need_global_admin');
  return principal;
}
