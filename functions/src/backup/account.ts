/**
 * The storage account a backup reads or a restore writes (docs/architecture.md, "Backup and restore"):
 * every table under the deployment's TABLE_PREFIX — whatever tables the services create, not a list of
 * known ones — read with every property's EDM type, and written back a partition batch at a time.
 */
import { TableClient, TableServiceClient, type TransactionAction } from '@azure/data-tables';
import { statusOf } from '../storage/retry';
import { MAX_BATCH_ACTIONS, MAX_BATCH_BYTES, toTableEntity, type BackupEntity } from './format';

export interface TableAccount {
  connectionString: string;
  /** The TABLE_PREFIX of the deployment (letters and digits, may be empty). */
  tablePrefix: string;
}

const insecure = (connectionString: string) =>
  /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString);

function serviceClient(account: TableAccount): TableServiceClient {
  return TableServiceClient.fromConnectionString(account.connectionString, {
    allowInsecureConnection: insecure(account.connectionString),
  });
}

export function tableOf(account: TableAccount, name: string): TableClient {
  return TableClient.fromConnectionString(account.connectionString, `${account.tablePrefix}${name}`, {
    allowInsecureConnection: insecure(account.connectionString),
  });
}

/** The account's tables under the prefix, by their names without it, sorted. */
export async function listTables(account: TableAccount): Promise<string[]> {
  const names: string[] = [];
  for await (const table of serviceClient(account).listTables()) {
    const name = table.name ?? '';
    if (name.startsWith(account.tablePrefix) && name.length > account.tablePrefix.length)
      names.push(name.slice(account.tablePrefix.length));
  }
  return names.sort();
}

/** Every entity of a table, in key order, each property `{ value, type }` (nothing converted). */
export async function* readEntities(
  account: TableAccount,
  name: string,
): AsyncGenerator<Record<string, unknown>> {
  yield* tableOf(account, name).listEntities<Record<string, unknown>>({ disableTypeConversion: true });
}

/** Whether a table holds at least one entity. */
export async function hasEntities(account: TableAccount, name: string): Promise<boolean> {
  const first = await tableOf(account, name)
    .listEntities({ queryOptions: { select: ['PartitionKey'] } })
    .byPage({ maxPageSize: 1 })
    .next();
  return !first.done && first.value.length > 0;
}

export async function createTableIfMissing(account: TableAccount, name: string): Promise<void> {
  try {
    await tableOf(account, name).createTable();
  } catch (e) {
    if (statusOf(e) !== 409) throw e;
  }
}

/**
 * Writes entities into a table, one transaction per run of entities of one partition (≤ 100 and ≤ ~3.5 MB
 * each). `replace`: upsert (write over what is there); otherwise create (an entity already there fails).
 * Returns how many were written.
 */
export async function writeEntities(
  account: TableAccount,
  name: string,
  entities: AsyncIterable<BackupEntity>,
  { replace }: { replace: boolean },
): Promise<number> {
  const client = tableOf(account, name);
  let batch: TransactionAction[] = [];
  let partition: string | undefined;
  let bytes = 0;
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await client.submitTransaction(batch);
    written += batch.length;
    batch = [];
    bytes = 0;
  };
  for await (const entity of entities) {
    const size = JSON.stringify(entity).length * 2;
    if (
      entity.partitionKey !== partition ||
      batch.length >= MAX_BATCH_ACTIONS ||
      bytes + size > MAX_BATCH_BYTES
    )
      await flush();
    partition = entity.partitionKey;
    const typed = toTableEntity(entity);
    batch.push(replace ? ['upsert', typed, 'Replace'] : ['create', typed]);
    bytes += size;
  }
  await flush();
  return written;
}
