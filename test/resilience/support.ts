/** Helpers for the resilience tests: everything stored, to compare before and after. */
import type { TableClient } from '@azure/data-tables';
import type { ApiTestStack } from '../support/stack';

export interface StoredRow {
  partitionKey: string;
  rowKey: string;
  etag: string;
  kind?: string;
  submissionId?: string;
  revision?: number;
  unitId?: string;
}

export async function rowsOf(client: TableClient): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  try {
    for await (const e of client.listEntities<Record<string, unknown>>()) {
      rows.push({
        partitionKey: e.partitionKey!,
        rowKey: e.rowKey!,
        etag: e.etag,
        ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
        ...(typeof e.submissionId === 'string' ? { submissionId: e.submissionId } : {}),
        ...(typeof e.revision === 'number' ? { revision: e.revision } : {}),
        ...(typeof e.unitId === 'string' ? { unitId: e.unitId } : {}),
      });
    }
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
  }
  return rows.sort((a, b) =>
    a.partitionKey === b.partitionKey
      ? a.rowKey.localeCompare(b.rowKey)
      : a.partitionKey.localeCompare(b.partitionKey),
  );
}

/** Every row of every table of the app, with its ETag: equal snapshots mean nothing was written. */
export async function snapshot(stack: Pick<ApiTestStack, 'table'>): Promise<Record<string, StoredRow[]>> {
  const out: Record<string, StoredRow[]> = {};
  for (const name of ['submissions', 'campaigns', 'units', 'templates'] as const)
    out[name] = await rowsOf(stack.table(name));
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
