/**
 * A setting (environment variable) the function app cannot start with: a problem (code and parameters
 * naming the setting, texts in the catalogues). Its `message` is the English text, for logs.
 */
import { problem, ProblemError, render, type ProblemCode, type ProblemParams } from '../../shared/src';

export class SettingsError extends ProblemError {
  override name = 'SettingsError';
  constructor(code: ProblemCode, params: ProblemParams & { setting: string }) {
    super(problem(code, params));
    this.message = render(this.problem, 'en');
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
      max: bounds.max,
    });
  }
  return n;
}
