/**
 * Writes a backup (docs/architecture.md, "Backup and restore"): every table of the account under the
 * prefix, one NDJSON file each, then the manifest — last, so a backup cut short has none and is never
 * restored. Each file is hashed (SHA-256) and counted while it streams: memory stays one entity.
 */
import { createHash } from 'node:crypto';
import { listTables, readEntities, type TableAccount } from './account';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  encodeEntity,
  MANIFEST_FILE,
  tableFile,
  type Manifest,
  type ManifestTable,
} from './format';

/** Where a backup goes: a folder (folder.ts) or a blob container (blob-sink.ts). */
export interface BackupSink {
  /** Writes a file from its text, as it streams. */
  writeFile(name: string, content: AsyncIterable<string>): Promise<void>;
}

export interface ExportOptions {
  /** The instant recorded as the backup's time. */
  now: Date;
  /** `name version` of the program writing it. */
  tool: string;
}

export async function exportBackup(
  account: TableAccount,
  sink: BackupSink,
  options: ExportOptions,
): Promise<Manifest> {
  const tables: ManifestTable[] = [];
  for (const name of await listTables(account)) {
    const hash = createHash('sha256');
    const stats = { entities: 0, partitions: 0, bytes: 0 };
    let partition: string | undefined;
    async function* lines(): AsyncGenerator<string> {
      for await (const entity of readEntities(account, name)) {
        const line = `${encodeEntity(entity)}\n`;
        hash.update(line, 'utf8');
        stats.entities++;
        stats.bytes += Buffer.byteLength(line, 'utf8');
        if (entity.partitionKey !== partition) {
          stats.partitions++;
          partition = String(entity.partitionKey);
        }
        yield line;
      }
    }
    const file = tableFile(name);
    await sink.writeFile(file, lines());
    tables.push({ name, file, ...stats, sha256: hash.digest('hex') });
  }
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    tool: options.tool,
    createdAt: options.now.toISOString(),
    tablePrefix: account.tablePrefix,
    tables,
  };
  await sink.writeFile(MANIFEST_FILE, once(`${JSON.stringify(manifest, null, 2)}\n`));
  return manifest;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
