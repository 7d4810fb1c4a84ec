/**
 * The settings of `npm start`, all read and checked before anything starts: the function app's own
 * (storage, limits, authentication) and the local ones (ports, HTTPS, where Azurite keeps its data).
 * A bad one throws SettingsError naming it.
 */
import path from 'node:path';
import { loadAuthConfig, type AuthConfig } from '../../functions/src/auth/config';
import { loadSettings } from '../../functions/src/services';
import { readSetting, readWholeNumber, SettingsError } from '../../functions/src/settings-error';

export interface StartSettings {
  /** PORT: the API host (default 7071; 0 for any free port). */
  apiPort: number;
  /** ADDIN_PORT: the task pane server (default 3000). */
  addinPort: number;
  /** HTTPS: serve the task pane over HTTPS (default true; Office needs it). */
  https: boolean;
  /** AZURITE_LOCATION: Azurite's data folder (default data/azurite in the repository). */
  dataDir: string;
  auth: AuthConfig;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '..', 'data', 'azurite');

function readFlag(env: Env, name: string, fallback: boolean): boolean {
  const raw = readSetting(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new SettingsError('setting_not_one_of', { setting: name, value: raw, allowed: 'true, false' });
}

export function readStartSettings(env: Env): StartSettings {
  loadSettings(env);
  const port = { min: 0, max: 65_535 };
  return {
    apiPort: readWholeNumber(env, 'PORT', 7071, port),
    addinPort: readWholeNumber(env, 'ADDIN_PORT', 3000, port),
    https: readFlag(env, 'HTTPS', true),
    dataDir: path.resolve(readSetting(env, 'AZURITE_LOCATION') ?? DEFAULT_DATA_DIR),
    auth: loadAuthConfig(env),
  };
}
