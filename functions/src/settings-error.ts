/**
 * A setting (environment variable) that the function app cannot start with. It carries a code and
 * parameters (shared/src/i18n/settings-messages.ts); its `message` is the English text, for logs.
 */
import { settingsMessage, type SettingsCode, type SettingsParams } from '../../shared/src';

export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(
    readonly code: SettingsCode,
    readonly params: SettingsParams,
  ) {
    super(settingsMessage(code, params, 'en'));
  }
}

type Env = Record<string, string | undefined>;

/** A setting's value, trimmed; undefined when unset or blank. */
export function readSetting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A whole-number setting within [min, max], or `fallback` when unset. */
export function readWholeNumber(
  env: Env,
  name: string,
  fallback: number,
  bounds: { min: number; max?: number },
): number {
  const raw = readSetting(env, name);
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || (bounds.max !== undefined && n > bounds.max)) {
    throw new SettingsError('setting_not_whole_number', {
      setting: name,
      value: raw,
      min: bounds.min,
      ...(bounds.max !== undefined ? { max: bounds.max } : {}),
    });
  }
  return n;
}
