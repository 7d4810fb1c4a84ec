/**
 * Checks and restores a backup (docs/architecture.md, "Backup and restore"). Everything is checked before
 * anything is written: the manifest, then every file's SHA-256 and byte size, its entity count and each
 * line. A target whose tables already hold entities is refused unless `force` (then entities are written
 * over; entities the backup does not have are kept). Problems are data (`BackupProblem`), rendered by the
 * command line in its language.
 */
import { createHash } from 'node:crypto';
import { problem, type Problem } from '../../../shared/src';
import { createTableIfMissing, hasEntities, listTables, writeEntities, type TableAccount } from './account';
import { decodeLine, MANIFEST_FILE, parseManifest, type BackupEntity, type Manifest } from './format';

/** Where a backup is read from: a folder (folder.ts). */
export interface BackupSource {
  /** A small file's text (the manifest), or undefined when it is not there. */
  readText(name: string): Promise<string | undefined>;
  /** Whether a file is there. */
  exists(name: string): Promise<boolean>;
  /** A file's bytes as they stream. */
  chunks(name: string): AsyncIterable<Uint8Array>;
  /** A file's lines, without their newlines. */
  lines(name: string): AsyncIterable<string>;
  /** How the source is named in problems (the folder). */
  readonly label: string;
}

export class BackupProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'BackupProblem';
  }
}

const fail = (code: Parameters<typeof problem>[0], params?: Parameters<typeof problem>[1]): never => {
  throw new BackupProblem(problem(code, params));
};

/** The manifest, after every file was found to be exactly what it lists. Throws {@link BackupProblem}. */
export async function verifyBackup(source: BackupSource): Promise<Manifest> {
  const text = await source.readText(MANIFEST_FILE);
  if (text === undefined) return fail('backup_manifest_missing', { dir: source.label });
  let manifest: Manifest;
  try {
    manifest = parseManifest(text);
  } catch (e) {
    return fail('backup_manifest_invalid', { detail: (e as Error).message });
  }
  for (const table of manifest.tables) {
    if (!(await source.exists(table.file))) fail('backup_file_missing', { file: table.file });
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of source.chunks(table.file)) {
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
    if (bytes !== table.bytes || hash.digest('hex') !== table.sha256)
      fail('backup_checksum_mismatch', { file: table.file });
    let count = 0;
    for await (const line of source.lines(table.file)) {
      if (line === '') continue;
      count++;
      try {
        decodeLine(line);
      } catch (e) {
        fail('backup_line_invalid', { file: table.file, line: count, detail: (e as Error).message });
      }
    }
    if (count !== table.entities)
      fail('backup_count_mismatch', { file: table.file, expected: table.entities, actual: count });
  }
  return manifest;
}

export interface RestoreResult {
  manifest: Manifest;
  tables: number;
  entities: number;
}

export async function restoreBackup(
  source: BackupSource,
  target: TableAccount,
  { force = false }: { force?: boolean } = {},
): Promise<RestoreResult> {
  const manifest = await verifyBackup(source);
  const occupied: string[] = [];
  for (const name of await listTables(target)) if (await hasEntities(target, name)) occupied.push(name);
  if (occupied.length > 0 && !force) fail('restore_target_not_empty', { tables: occupied.join(', ') });
  let entities = 0;
  for (const table of manifest.tables) {
    await createTableIfMissing(target, table.name);
    entities += await writeEntities(target, table.name, decoded(source.lines(table.file)), {
      replace: force,
    });
  }
  return { manifest, tables: manifest.tables.length, entities };
}

async function* decoded(lines: AsyncIterable<string>): AsyncGenerator<BackupEntity> {
  for await (const line of lines) if (line !== '') yield decodeLine(line);
}
