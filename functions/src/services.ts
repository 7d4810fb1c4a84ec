/**
 * What the handlers need, built once per process from configuration (environment variables, as in
 * local.settings.json): Table clients and stores, the token verifier, the clock and limits.
 */
import { DEFAULT_MAX_NUMBER } from '../../shared/src';
import { loadAuthConfig, type AuthConfig } from './auth/config';
import { createVerifier, type Verifier } from './auth/verify';
import { CatalogStore } from './catalog/catalog-store';
import { CatalogueCache, DEFAULT_FRESH_MS } from './catalog/catalogue-cache';
import { assignmentResolver, unitResolver, UserStore } from './catalog/user-store';
import { DEFAULT_STORAGE_TIMEOUT_MS, tableClient } from './storage/table-client';
import { readSetting, readWholeNumber, SettingsError } from './settings-error';
import { HandScoreStore } from './storage/hand-scores';
import { PeriodLockStore } from './storage/period-locks';
import { SubmissionStore } from './storage/submission-store';

/** Azurite's well-known development account, table endpoint on the default port. */
export const AZURITE_CONNECTION_STRING =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

export interface Settings {
  connectionString: string;
  /** Prefix of every table name (letters and digits), to share one account between environments. */
  tablePrefix: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /**
   * How long one storage request may take before it is abandoned (and retried, or answered 503), in ms.
   * Without it a stalled connection would hold the request until the platform kills it. Default 10,000.
   */
  storageTimeoutMs?: number;
  /** Largest magnitude a number field accepts without a tighter template bound (MAX_NUMBER, default 10^12). */
  maxNumber?: number;
  /**
   * How long a catalogue stamp found current is trusted before it is read again, in ms (CATALOGUE_FRESH_MS,
   * default 1,000; 0 = on every request): another instance's admin change is seen within this time.
   */
  catalogueFreshMs?: number;
}

export interface Services {
  settings: Settings;
  catalog: CatalogStore;
  /** The catalogue as this instance remembers it, validated by the campaign's stamp on every use. */
  catalogue: CatalogueCache;
  submissions: SubmissionStore;
  /** Period locks set by an admin, and their audit rows (in the submissions table). */
  locks: PeriodLockStore;
  /** The reviewer's hand scores of the yearly ranking, and their audit rows (in the submissions table). */
  scores: HandScoreStore;
  users: UserStore;
  authConfig: AuthConfig;
  verify: Verifier;
  now: () => Date;
  /** Answers whether storage is reachable (for the health endpoint). */
  pingStorage: () => Promise<boolean>;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;

/** Reads and checks the storage and request settings; a bad one throws SettingsError naming it. */
export function loadSettings(env: Env = process.env): Settings {
  const raw = readSetting(env, 'STORAGE_CONNECTION_STRING') ?? readSetting(env, 'AzureWebJobsStorage');
  const connectionString = !raw || raw === 'UseDevelopmentStorage=true' ? AZURITE_CONNECTION_STRING : raw;
  const tablePrefix = readSetting(env, 'TABLE_PREFIX') ?? '';
  if (!/^[A-Za-z0-9]*$/.test(tablePrefix))
    throw new SettingsError('setting_not_letters_digits', { setting: 'TABLE_PREFIX', value: tablePrefix });
  const maxBodyBytes = readWholeNumber(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, { min: 1 });
  // 0: no limit.
  const storageTimeoutMs = readWholeNumber(env, 'STORAGE_TIMEOUT_MS', DEFAULT_STORAGE_TIMEOUT_MS, { min: 0 });
  const maxNumber = readWholeNumber(env, 'MAX_NUMBER', DEFAULT_MAX_NUMBER, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  });
  const catalogueFreshMs = readWholeNumber(env, 'CATALOGUE_FRESH_MS', DEFAULT_FRESH_MS, {
    min: 0,
    max: 60_000,
  });
  return { connectionString, tablePrefix, maxBodyBytes, storageTimeoutMs, maxNumber, catalogueFreshMs };
}

// Storage clients are made in storage/table-client.ts (also used by the summary export's worker thread).
export { DEFAULT_STORAGE_TIMEOUT_MS, tableClient } from './storage/table-client';

export async function createServices(
  env: Env = process.env,
  overrides: Partial<Services> = {},
): Promise<Services> {
  const settings = loadSettings(env);
  const authConfig = loadAuthConfig(env);
  const catalog = new CatalogStore({
    campaigns: tableClient(settings, 'campaigns'),
    units: tableClient(settings, 'units'),
    templates: tableClient(settings, 'templates'),
  });
  const submissionsTable = tableClient(settings, 'submissions');
  const submissions = new SubmissionStore(submissionsTable);
  const users = new UserStore(tableClient(settings, 'users'));
  await Promise.all([catalog.ensureTables(), submissions.ensureTable(), users.ensureTable()]);
  // A lock is catalogue data too: storing one bumps the campaign's stamp (catalog/catalogue-stamps.ts).
  const locks = new PeriodLockStore(submissionsTable, {}, (campaignId) => catalog.stamps.bump(campaignId));
  return {
    settings,
    catalog,
    catalogue: new CatalogueCache(catalog, locks, { freshMs: settings.catalogueFreshMs ?? DEFAULT_FRESH_MS }),
    submissions,
    locks,
    scores: new HandScoreStore(submissionsTable),
    users,
    authConfig,
    // The user table (PUT /api/users) decides roles, unit and campaigns of a user it has a row for; an
    // Entra clerk token without a unit claim and without a row takes no unit.
    verify: createVerifier(authConfig, {
      resolveUser: assignmentResolver(users),
      resolveUnitId: unitResolver(users),
    }),
    now: () => new Date(),
    pingStorage: async () => {
      try {
        await submissionsTable.getEntity('ping', 'ping').catch((e: { statusCode?: number }) => {
          if (e.statusCode !== 404) throw e;
        });
        return true;
      } catch {
        return false;
      }
    },
    ...overrides,
  };
}

let current: Promise<Services> | undefined;

/** The process's services, created on first use (tables are created then if missing). */
export function getServices(): Promise<Services> {
  if (!current) {
    current = createServices().catch((e) => {
      current = undefined; // try again on the next request (e.g. storage was not up yet)
      throw e;
    });
  }
  return current;
}

/** For tests and the local host: use these services (or forget them, to rebuild from the environment). */
export function setServices(services: Services | Promise<Services> | undefined): void {
  current = services === undefined ? undefined : Promise.resolve(services);
}
