/**
 * The nightly backup (docs/architecture.md, "Backup and restore"): a timer-triggered function that writes the
 * same export as `npm run backup` — every table, NDJSON with a manifest — into a Blob container, one folder
 * per run named by its time. In Azure the container has a time-based retention policy (deploy/main.bicep):
 * a backup once written can be neither changed nor deleted while the policy holds it.
 *
 * Settings: BACKUP_CONTAINER (default `backups`), BACKUP_BLOB_CONNECTION_STRING (default: the storage
 * account's connection string), BACKUP_SCHEDULE (NCRONTAB, UTC; default `0 30 19 * * *`, 02:30 in Việt Nam; `off`
 * registers no timer — local.settings.example.json, since a timer needs AzureWebJobsStorage's blob service).
 */
import { app } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import type { TableAccount } from '../backup/account';
import { blobSink } from '../backup/blob-sink';
import { exportBackup } from '../backup/export';
import type { Manifest } from '../backup/format';
import { toolVersion } from '../backup/tool';
import { loadSettings } from '../services';
import { readSetting, SettingsError } from '../settings-error';

export const DEFAULT_BACKUP_CONTAINER = 'backups';
/** 19:30 UTC = 02:30 in Việt Nam (UTC+7), when nobody reports. */
export const DEFAULT_BACKUP_SCHEDULE = '0 30 19 * * *';

export interface NightlyBackupSettings {
  tables: TableAccount;
  blobConnectionString: string;
  container: string;
}

type Env = Record<string, string | undefined>;

export function loadBackupSettings(env: Env = process.env): NightlyBackupSettings {
  const settings = loadSettings(env);
  const container = readSetting(env, 'BACKUP_CONTAINER') ?? DEFAULT_BACKUP_CONTAINER;
  // A container name: 3–63 lower-case letters, digits and single hyphens.
  if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(container))
    throw new SettingsError('setting_not_one_of', {
      setting: 'BACKUP_CONTAINER',
      value: container,
      allowed: 'a-z, 0-9, -',
    });
  return {
    tables: { connectionString: settings.connectionString, tablePrefix: settings.tablePrefix },
    blobConnectionString: readSetting(env, 'BACKUP_BLOB_CONNECTION_STRING') ?? settings.connectionString,
    container,
  };
}

/** One run: the export into `<container>/<time>/`. Returns the folder and the manifest written there. */
export async function runNightlyBackup(
  settings: NightlyBackupSettings,
  now: Date,
): Promise<{ folder: string; manifest: Manifest }> {
  const container = BlobServiceClient.fromConnectionString(settings.blobConnectionString).getContainerClient(
    settings.container,
  );
  await container.createIfNotExists();
  const folder = now.toISOString().replace(/[:.]/g, '-');
  const manifest = await exportBackup(settings.tables, blobSink(container, folder), {
    now,
    tool: toolVersion(),
  });
  return { folder, manifest };
}

// Outside the Functions worker, @azure/functions only warns that it cannot register: skip it there.
const schedule = readSetting(process.env, 'BACKUP_SCHEDULE') ?? DEFAULT_BACKUP_SCHEDULE;
if (process.env.FUNCTIONS_WORKER_RUNTIME && schedule.toLowerCase() !== 'off') {
  app.timer('nightly-backup', {
    schedule,
    handler: async (_timer, context) => {
      const { folder, manifest } = await runNightlyBackup(loadBackupSettings(), new Date());
      const entities = manifest.tables.reduce((n, t) => n + t.entities, 0);
      context.log(`nightly backup ${folder}: ${manifest.tables.length} tables, ${entities} entities`);
    },
  });
}
