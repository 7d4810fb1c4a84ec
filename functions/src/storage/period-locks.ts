/**
 * Period locks set by an admin (PUT /api/campaigns/{c}/periods/{p}/lock), in the submissions table.
 *
 * One partition per campaign, `<campaignId>|locks` (period ids start with a year, never `locks`). In it:
 * - `lock|<period>`: the stored lock state of the period (locked, reason, by, at);
 * - `audit|<period>|<at>|<random>`: every change, written once, never overwritten.
 * Both rows of a change are one atomic transaction. The effective lock of a period is its stored state
 * if it has one, else the campaign calendar's static lock ({@link effectiveLock}).
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { Period } from '../../../shared/src';
import { escapeKeyPart } from './entity-codec';
import { statusOf, withStorageRetries, type RetryOptions } from './retry';

export interface PeriodLock {
  periodId: string;
  locked: boolean;
  reason: string;
  by: string;
  at: string;
}

export const locksPartitionOf = (campaignId: string) => `${escapeKeyPart(campaignId)}|locks`;
export const lockKey = (periodId: string) => `lock|${escapeKeyPart(periodId)}`;
export const lockAuditKey = (periodId: string, at: string) =>
  `audit|${escapeKeyPart(periodId)}|${escapeKeyPart(at)}|${randomUUID()}`;

function lockOf(row: Record<string, unknown>): PeriodLock {
  return {
    periodId: String(row.periodId),
    locked: row.locked === true,
    reason: String(row.reason ?? ''),
    by: String(row.by ?? ''),
    at: String(row.at ?? ''),
  };
}

/** A period with its effective lock: the stored state if any, else the calendar's. */
export function effectiveLock(period: Period, stored: ReadonlyMap<string, PeriodLock>): Period {
  const lock = stored.get(period.id);
  return lock === undefined || lock.locked === period.locked ? period : { ...period, locked: lock.locked };
}

export class PeriodLockStore {
  /**
   * `afterWrite`: called once a lock is stored — the services bump the campaign's catalogue stamp with it,
   * so that cached locks are re-read (catalog/catalogue-stamps.ts).
   */
  constructor(
    readonly client: TableClient,
    private readonly retry: RetryOptions = {},
    private readonly afterWrite: (campaignId: string) => Promise<void> = async () => {},
  ) {}

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withStorageRetries(what, fn, this.retry);
  }

  /** Records a lock or unlock and its audit row, atomically. */
  async set(campaignId: string, lock: PeriodLock): Promise<PeriodLock> {
    const partitionKey = locksPartitionOf(campaignId);
    const props = { campaignId, ...lock };
    const actions: TransactionAction[] = [
      ['upsert', { partitionKey, rowKey: lockKey(lock.periodId), kind: 'lock', ...props }, 'Replace'],
      [
        'create',
        { partitionKey, rowKey: lockAuditKey(lock.periodId, lock.at), kind: 'lock-audit', ...props },
      ],
    ];
    await this.call('submitTransaction', () => this.client.submitTransaction(actions));
    await this.afterWrite(campaignId);
    return lock;
  }

  /** The stored lock of one period (a point read), if an admin ever set one. */
  async get(campaignId: string, periodId: string): Promise<PeriodLock | undefined> {
    return this.call('getEntity', async () => {
      try {
        return lockOf(await this.client.getEntity(locksPartitionOf(campaignId), lockKey(periodId)));
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    });
  }

  /** Every stored lock of a campaign, by period id (one range query). */
  async list(campaignId: string): Promise<Map<string, PeriodLock>> {
    return this.rows(campaignId, 'lock').then(
      (rows) => new Map(rows.map((row) => [String(row.periodId), lockOf(row)])),
    );
  }

  /** Every lock and unlock of a period, oldest first. */
  async history(campaignId: string, periodId: string): Promise<PeriodLock[]> {
    const rows = await this.rows(campaignId, `audit|${escapeKeyPart(periodId)}`);
    return rows.map(lockOf).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  private rows(campaignId: string, prefix: string): Promise<Record<string, unknown>[]> {
    const filter =
      odata`PartitionKey eq ${locksPartitionOf(campaignId)}` +
      odata` and RowKey ge ${`${prefix}|`} and RowKey lt ${`${prefix}}`}`;
    return this.call('listEntities', async () => {
      const rows: Record<string, unknown>[] = [];
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }))
        rows.push(row);
      return rows;
    });
  }
}
