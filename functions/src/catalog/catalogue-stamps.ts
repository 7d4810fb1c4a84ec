/**
 * One version stamp per campaign for everything the catalogue cache keeps (docs/architecture.md, "The
 * catalogue cache"): the campaign, its templates, its unit registry and its period locks.
 *
 * The stamp is a row of the campaigns table (partition `stamps`, row = the campaign id); its ETag is the
 * version. Every writer of catalogue data bumps it AFTER its data is written, so a reader that validated
 * its cache against the current stamp has seen every write that was complete before it read the stamp.
 * A campaign that never had a write since stamps exist has no row: its stamp is '' until the first write.
 */
import type { TableClient } from '@azure/data-tables';
import { escapeKeyPart } from '../storage/entity-codec';
import { statusOf, withStorageRetries, type RetryOptions } from '../storage/retry';

export const STAMPS_PARTITION = 'stamps';

export class CatalogueStamps {
  private readonly listeners: ((campaignId: string) => void)[] = [];

  constructor(
    private readonly client: TableClient,
    private readonly retry: RetryOptions = {},
  ) {}

  /** The campaign's current stamp (a point read of a small row): '' when none was ever written. */
  read(campaignId: string): Promise<string> {
    return withStorageRetries(
      'getEntity',
      async () => {
        try {
          const row = await this.client.getEntity(STAMPS_PARTITION, escapeKeyPart(campaignId), {
            queryOptions: { select: ['at'] },
          });
          return row.etag;
        } catch (e) {
          if (statusOf(e) === 404) return '';
          throw e;
        }
      },
      this.retry,
    );
  }

  /** Called after each {@link bump} of this instance: its own caches forget the campaign at once. */
  onBump(listener: (campaignId: string) => void): void {
    this.listeners.push(listener);
  }

  /** A new stamp: every cache holding the campaign's catalogue data re-reads it at its next validation. */
  async bump(campaignId: string): Promise<void> {
    for (const listener of this.listeners) listener(campaignId);
    await withStorageRetries(
      'upsertEntity',
      () =>
        this.client.upsertEntity(
          { partitionKey: STAMPS_PARTITION, rowKey: escapeKeyPart(campaignId), at: new Date().toISOString() },
          'Replace',
        ),
      this.retry,
    );
    // Again once the stamp is written: a view between the two would have kept the old stamp.
    for (const listener of this.listeners) listener(campaignId);
  }
}
