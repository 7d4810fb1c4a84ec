/**
 * `npm run restore -- <dir> [--force]`: checks a backup written by `npm run backup` (every file's SHA-256,
 * size and entity count, every line) before writing anything, then writes it into the storage account
 * (STORAGE_CONNECTION_STRING, TABLE_PREFIX), one transaction per partition batch. A target that already holds
 * entities is refused unless --force. See docs/architecture.md, "Backup and restore".
 * Exit codes: 0 restored, 1 refused (a problem, printed in the language of LANG) or storage failed, 2 bad arguments.
 */
import path from 'node:path';
import { catalogue, render } from '../shared/src';
import { folderSource } from '../functions/src/backup/folder';
import { BackupProblem, restoreBackup } from '../functions/src/backup/restore';
import { loadSettings } from '../functions/src/services';
import { type Io, processIo, readCliArgs, runCli } from './lib/cli';
import { cliLanguage } from './lib/language';

export const USAGE = `Usage: restore <dir> [--force]
  Writes a backup folder into the storage account (STORAGE_CONNECTION_STRING, TABLE_PREFIX).
  --force writes over a target that already holds entities.
`;

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const args = readCliArgs('restore', USAGE, argv, io, { force: { type: 'boolean' } }, { positionals: true });
  if (args.exit !== undefined) return args.exit;
  if (args.positionals.length !== 1) return args.usageError('name one backup folder.');
  const lang = cliLanguage(env);
  const texts = catalogue(lang).backup;
  const settings = loadSettings(env);
  try {
    const result = await restoreBackup(
      folderSource(path.resolve(args.positionals[0]!)),
      { connectionString: settings.connectionString, tablePrefix: settings.tablePrefix },
      { force: args.values.force === true },
    );
    io.out(`${texts.verified(result.manifest.tables.length)}\n`);
    io.out(`${texts.restored(result.tables, result.entities)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupProblem)) throw error;
    io.err(`${texts.refused} ${render(error.problem, lang)}\n`);
    return 1;
  }
}

if (require.main === module) runCli('restore', main);
