/**
 * User → role/unit assignments in Table Storage (table `users`, one partition, one row per user id).
 * In Microsoft Entra ID mode, tokens carry app roles but seldom the clerk's unit: the assignment table
 * supplies it (see {@link unitResolver}, for createVerifier's `resolveUnitId`).
 */
import { RestError, type TableClient } from '@azure/data-tables';
import { UserRecordSchema, type UserAssignment, type UserRecord } from '../../../shared/src';
import type { StoredAssignment, VerifierOptions } from '../auth/verify';
import type { Services } from '../services';
import { escapeKey } from '../storage/entity-codec';
import { withStorageRetries } from '../storage/retry';

const PARTITION = 'user';

interface UserEntity {
  partitionKey: string;
  rowKey: string;
  userId: string;
  /** JSON array of roles. */
  roles: string;
  unitId?: string;
  name?: string;
  /** JSON array, when the user is restricted to some campaigns. */
  campaignIds?: string;
  updatedAt: string;
  updatedBy: string;
}

function isStatus(e: unknown, status: number): boolean {
  return e instanceof RestError && e.statusCode === status;
}

function fromEntity(e: UserEntity): UserRecord | undefined {
  const parsed = UserRecordSchema.safeParse({
    userId: e.userId,
    roles: JSON.parse(e.roles || '[]'),
    ...(e.unitId ? { unitId: e.unitId } : {}),
    ...(e.name ? { name: e.name } : {}),
    ...(e.campaignIds ? { campaignIds: JSON.parse(e.campaignIds) } : {}),
    updatedAt: e.updatedAt,
    updatedBy: e.updatedBy,
  });
  return parsed.success ? parsed.data : undefined;
}

/** How long an instance trusts what it read of a user's row (changes made through this instance apply at once). */
export const USER_CACHE_MS = 30_000;
const USER_CACHE_ENTRIES = 5_000;

export class UserStore {
  /** userId → the row (or its absence) as read at `at`; oldest first. */
  private readonly cache = new Map<string, { at: number; user: UserRecord | undefined }>();

  constructor(
    private readonly table: TableClient,
    private readonly cacheMs = USER_CACHE_MS,
  ) {}

  /**
   * The user's row, from a brief per-instance cache: authentication reads it on every request. Another
   * instance's change applies within {@link USER_CACHE_MS}; this instance's own PUT/DELETE at once.
   */
  async lookup(userId: string): Promise<UserRecord | undefined> {
    const now = Date.now();
    const known = this.cache.get(userId);
    if (known && now - known.at < this.cacheMs) return known.user;
    const user = await this.get(userId);
    this.cache.delete(userId);
    this.cache.set(userId, { at: now, user });
    if (this.cache.size > USER_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    return user;
  }

  async ensureTable(): Promise<void> {
    try {
      await this.table.createTable();
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
    }
  }

  /**
   * Read on every authenticated request (through {@link lookup}): retried on throttling and timeouts like
   * every other storage call, then StorageUnavailableError (503), never a 401.
   */
  async get(userId: string): Promise<UserRecord | undefined> {
    return withStorageRetries(
      'getEntity',
      async () => {
        try {
          return fromEntity(await this.table.getEntity<UserEntity>(PARTITION, escapeKey(userId)));
        } catch (e) {
          if (isStatus(e, 404)) return undefined;
          throw e;
        }
      },
      // On every request's path: a short budget, so that an outage is answered 503 quickly.
      { retries: 2, backoffMs: 100 },
    );
  }

  /** Every assignment, by user id. */
  async list(): Promise<UserRecord[]> {
    const out: UserRecord[] = [];
    for await (const e of this.table.listEntities<UserEntity>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}'` },
    })) {
      const user = fromEntity(e);
      if (user) out.push(user);
    }
    return out.sort((a, b) => a.userId.localeCompare(b.userId));
  }

  /** Creates or replaces a user's assignment; answers whether it was new. */
  async put(
    userId: string,
    assignment: UserAssignment,
    meta: { by: string; at: string },
  ): Promise<{ user: UserRecord; created: boolean }> {
    const created = (await this.get(userId)) === undefined;
    const entity: UserEntity = {
      partitionKey: PARTITION,
      rowKey: escapeKey(userId),
      userId,
      roles: JSON.stringify(assignment.roles),
      ...(assignment.unitId ? { unitId: assignment.unitId } : {}),
      ...(assignment.name ? { name: assignment.name } : {}),
      ...(assignment.campaignIds ? { campaignIds: JSON.stringify(assignment.campaignIds) } : {}),
      updatedAt: meta.at,
      updatedBy: meta.by,
    };
    await this.table.upsertEntity(entity, 'Replace');
    this.cache.delete(userId);
    return {
      user: {
        userId,
        ...assignment,
        updatedAt: meta.at,
        updatedBy: meta.by,
      },
      created,
    };
  }

  /** Removes a user's assignment; false when there was none. */
  async delete(userId: string): Promise<boolean> {
    this.cache.delete(userId);
    try {
      await this.table.deleteEntity(PARTITION, escapeKey(userId));
      return true;
    } catch (e) {
      if (isStatus(e, 404)) return false;
      throw e;
    }
  }
}

/** The user store of these services (created, with its table, in createServices). */
export function userStoreFor(services: Services): Promise<UserStore> {
  return Promise.resolve(services.users);
}

/** For createVerifier: a clerk token without a unit claim takes the unit assigned to its user id. */
export function unitResolver(store: UserStore): NonNullable<VerifierOptions['resolveUnitId']> {
  return async (principal) => (await store.get(principal.subject))?.unitId;
}

/**
 * For createVerifier: the user table's row of the caller, which decides its roles, unit and campaigns
 * in both auth modes. A row that cannot be read throws (→ 503), never widens the token's grant.
 */
export function assignmentResolver(store: UserStore): NonNullable<VerifierOptions['resolveUser']> {
  return async (subject): Promise<StoredAssignment | undefined> => {
    const user = await store.lookup(subject);
    if (!user) return undefined;
    return {
      roles: user.roles,
      ...(user.unitId ? { unitId: user.unitId } : {}),
      ...(user.name ? { name: user.name } : {}),
      ...(user.campaignIds ? { campaignIds: user.campaignIds } : {}),
    };
  };
}
