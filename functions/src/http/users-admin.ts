/** Who may manage users. */
import type { Principal } from '../auth/principal';
import { allowed, type Call } from './handler';
import { httpMessages } from './messages';
import { HttpError } from './responses';

/**
 * Users are global (one assignment per person across campaigns): only an admin who is not limited to
 * some campaigns may list or change them, or a campaign-limited admin could widen their own reach.
 */
export async function allowedToManageUsers(call: Call): Promise<Principal> {
  const principal = await allowed(call, { kind: 'write-units' });
  if (principal.campaignIds !== undefined)
    throw new HttpError(403, 'campaign_forbidden', httpMessages.usersNeedGlobalAdmin);
  return principal;
}
