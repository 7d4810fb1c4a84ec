/**
 * Every setting is checked when the function app's services are built: a bad one refuses the start,
 * as a code and parameters naming the setting, with its text in Vietnamese and English.
 */
import { loadAuthConfig } from '../functions/src/auth/config';
import { DEFAULT_MAX_BODY_BYTES, loadSettings } from '../functions/src/services';
import { SettingsError } from '../functions/src/settings-error';
import { render } from '../shared/src';

function refusal(load: () => unknown): SettingsError {
  try {
    load();
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('the settings were accepted');
}

describe('loadSettings', () => {
  test('defaults when nothing is set; a blank value counts as unset', () => {
    expect(loadSettings({})).toMatchObject({ tablePrefix: '', maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
    expect(loadSettings({ MAX_BODY_BYTES: ' ' }).maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(loadSettings({ MAX_BODY_BYTES: '1000', STORAGE_TIMEOUT_MS: '0' })).toMatchObject({
      maxBodyBytes: 1000,
      storageTimeoutMs: 0,
    });
  });

  test.each([
    ['MAX_BODY_BYTES', 'abc'],
    ['MAX_BODY_BYTES', '0'],
    ['MAX_BODY_BYTES', '1.5'],
    ['MAX_BODY_BYTES', '-1'],
    ['MAX_BODY_BYTES', '1e6'],
    ['STORAGE_TIMEOUT_MS', 'soon'],
  ])('%s=%s is refused, naming the setting', (setting, value) => {
    const error = refusal(() => loadSettings({ [setting]: value }));
    expect(error.problem).toMatchObject({ code: 'setting_not_whole_number', params: { setting, value } });
    expect(error.message).toMatch(new RegExp(`^Setting ${setting} must be a whole number`));
    expect(render(error.problem, 'vi')).toMatch(new RegExp(`^Thiết lập ${setting} phải là số nguyên`));
  });

  test('TABLE_PREFIX must be letters and digits', () => {
    const error = refusal(() => loadSettings({ TABLE_PREFIX: 'dev-1' }));
    expect(error.problem).toMatchObject({
      code: 'setting_not_letters_digits',
      params: { setting: 'TABLE_PREFIX', value: 'dev-1' },
    });
  });
});

describe('loadAuthConfig refusals are codes and parameters', () => {
  test.each([
    [{ AUTH_MODE: 'none' }, 'setting_not_one_of', { setting: 'AUTH_MODE', value: 'none' }],
    [{ AUTH_DEV_SECRET: 'short' }, 'setting_too_short', { setting: 'AUTH_DEV_SECRET', min: 32 }],
    [{ AUTH_MODE: 'entra' }, 'setting_required_for_entra', { setting: 'AUTH_ENTRA_ISSUER' }],
    [
      { AUTH_MODE: 'entra', AUTH_ENTRA_ISSUER: 'ftp://x', AUTH_ENTRA_AUDIENCE: 'a' },
      'setting_not_url',
      { setting: 'AUTH_ENTRA_ISSUER', value: 'ftp://x' },
    ],
  ])('%j → %s', (env, code, params) => {
    expect(refusal(() => loadAuthConfig(env)).problem).toMatchObject({ code, params });
  });
});
