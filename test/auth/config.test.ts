import {
  AuthConfigError,
  DEFAULT_AUDIENCE,
  DEFAULT_DEV_ISSUER,
  DEFAULT_DEV_SECRET,
  loadAuthConfig,
} from '../../functions/src/auth/config';

describe('loadAuthConfig', () => {
  it('defaults to dev mode with development settings', () => {
    expect(loadAuthConfig({})).toEqual({
      mode: 'dev',
      secret: DEFAULT_DEV_SECRET,
      issuer: DEFAULT_DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
    });
    expect(DEFAULT_DEV_ISSUER).toBe('nu-cuoi-dev');
    expect(DEFAULT_AUDIENCE).toBe('api://nu-cuoi-reporting');
    expect(Buffer.byteLength(DEFAULT_DEV_SECRET)).toBeGreaterThanOrEqual(32);
  });

  it('reads dev settings from the environment', () => {
    const secret = 'another-secret-that-is-long-enough-0123456789';
    expect(
      loadAuthConfig({
        AUTH_MODE: 'DEV',
        AUTH_DEV_SECRET: secret,
        AUTH_DEV_ISSUER: 'me',
        AUTH_AUDIENCE: 'api://x',
      }),
    ).toEqual({ mode: 'dev', secret, issuer: 'me', audience: 'api://x' });
  });

  it('refuses a short dev secret and an unknown mode', () => {
    expect(() => loadAuthConfig({ AUTH_DEV_SECRET: 'short' })).toThrow(AuthConfigError);
    expect(() => loadAuthConfig({ AUTH_MODE: 'none' })).toThrow(/AUTH_MODE/);
  });

  it('reads Entra settings, deriving the JWKS address from a Microsoft issuer', () => {
    expect(
      loadAuthConfig({
        AUTH_MODE: 'entra',
        AUTH_ENTRA_ISSUER: 'https://login.microsoftonline.com/tenant-1/v2.0',
        AUTH_ENTRA_AUDIENCE: 'client-id, api://nu-cuoi-reporting',
      }),
    ).toEqual({
      mode: 'entra',
      issuer: 'https://login.microsoftonline.com/tenant-1/v2.0',
      jwksUri: 'https://login.microsoftonline.com/tenant-1/discovery/v2.0/keys',
      audience: ['client-id', 'api://nu-cuoi-reporting'],
    });
    expect(
      loadAuthConfig({
        AUTH_MODE: 'entra',
        AUTH_ENTRA_ISSUER: 'https://issuer.example/',
        AUTH_ENTRA_JWKS_URI: 'https://issuer.example/keys',
        AUTH_ENTRA_AUDIENCE: 'aud',
      }),
    ).toMatchObject({ jwksUri: 'https://issuer.example/keys', audience: ['aud'] });
  });

  it('requires the Entra settings in Entra mode', () => {
    expect(() => loadAuthConfig({ AUTH_MODE: 'entra' })).toThrow(/AUTH_ENTRA_ISSUER/);
    expect(() =>
      loadAuthConfig({ AUTH_MODE: 'entra', AUTH_ENTRA_ISSUER: 'https://login.microsoftonline.com/t/v2.0' }),
    ).toThrow(/AUTH_ENTRA_AUDIENCE/);
    expect(() =>
      loadAuthConfig({
        AUTH_MODE: 'entra',
        AUTH_ENTRA_ISSUER: 'https://issuer.example/',
        AUTH_ENTRA_AUDIENCE: 'a',
      }),
    ).toThrow(/AUTH_ENTRA_JWKS_URI/);
    expect(() =>
      loadAuthConfig({ AUTH_MODE: 'entra', AUTH_ENTRA_ISSUER: 'not a url', AUTH_ENTRA_AUDIENCE: 'a' }),
    ).toThrow(/not a valid URL/);
  });
});
