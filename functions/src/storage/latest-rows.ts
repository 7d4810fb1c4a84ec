/**
 * The latest revisions of a period's units in key order, from a unit on, a chunk at a time
 * (docs/architecture.md, "The data feed"): what the data feed pages through with bounded memory. Each chunk
 * is a request of its own (from the previous chunk's continuation token), so a retried chunk never depends on a
 * broken iterator.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { StoredSubmission } from '../../../shared/src';
import { withStorageRetries } from './retry';
import { latestKey, partitionKeyOf, reviewOfLatest, storedOf, type Row } from './submission-rows';

/** Entities read per storage request. */
export const LATEST_CHUNK = 200;

/**
 * Yields the unit's latest revision for every unit of the period whose `latest|` key is at or after
 * `fromUnitId`'s (all units without it), in RowKey order.
 */
export async function* latestFrom(
  client: TableClient,
  campaignId: string,
  periodId: string,
  fromUnitId?: string,
  chunk = LATEST_CHUNK,
): AsyncGenerator<StoredSubmission> {
  const pk = partitionKeyOf(campaignId, periodId);
  const lower = fromUnitId !== undefined ? latestKey(fromUnitId) : 'latest|';
  const filter = odata`PartitionKey eq ${pk} and RowKey ge ${lower} and RowKey lt ${'latest}'}`;
  let continuationToken: string | undefined;
  for (;;) {
    // A continuation token names where the next page starts: asking again with it is safe to retry.
    const page = await withStorageRetries('listEntities', async () => {
      const next = await client
        .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
        .byPage({ maxPageSize: chunk, ...(continuationToken ? { continuationToken } : {}) })
        .next();
      return next.done ? undefined : next.value;
    });
    for (const row of (page ?? []) as Row[]) yield storedOf(row, reviewOfLatest(row));
    continuationToken = page?.continuationToken;
    if (!continuationToken) return;
  }
}
