/**
 * `npm run backup -- --out <dir>`: writes every table of the storage account (STORAGE_CONNECTION_STRING,
 * TABLE_PREFIX — the function app's settings; Azurite by default) as NDJSON files with a manifest (counts,
 * SHA-256 checksums, time, tool version) into a folder. `npm run restore` reads it back.
 * See docs/architecture.md, "Backup and restore".
 * Exit codes: 0 written, 1 storage or the file system failed, 2 bad arguments.
 */
import path from 'node:path';
import { catalogue } from '../shared/src';
import { exportBackup } from '../functions/src/backup/export';
import { folderSink } from '../functions/src/backup/folder';
import { toolVersion } from '../functions/src/backup/tool';
import { loadSettings } from '../functions/src/services';
import { type Io, processIo, readCliArgs, runCli } from './lib/cli';
import { cliLanguage } from './lib/language';

export const USAGE = `Usage: backup --out <dir>
  Writes every table (STORAGE_CONNECTION_STRING, TABLE_PREFIX) as <table>.ndjson with manifest.json.
`;

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const args = readCliArgs('backup', USAGE, argv, io, { out: { type: 'string', short: 'o' } });
  if (args.exit !== undefined) return args.exit;
  const out = args.values.out?.trim();
  if (!out) return args.usageError('--out <dir> is required.');
  const texts = catalogue(cliLanguage(env)).backup;
  const settings = loadSettings(env);
  const dir = path.resolve(out);
  const manifest = await exportBackup(
    { connectionString: settings.connectionString, tablePrefix: settings.tablePrefix },
    folderSink(dir),
    { now: now(), tool: toolVersion() },
  );
  for (const t of manifest.tables) io.out(`${texts.tableLine(t.name, t.entities)}\n`);
  const entities = manifest.tables.reduce((n, t) => n + t.entities, 0);
  io.out(`${texts.written(dir, manifest.tables.length, entities)}\n`);
  return 0;
}

if (require.main === module) runCli('backup', main);
