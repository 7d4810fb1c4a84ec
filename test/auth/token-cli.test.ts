import { loadAuthConfig } from '../../functions/src/auth/config';
import { createVerifier } from '../../functions/src/auth/verify';
import { main } from '../../scripts/token';
import type { Io } from '../../scripts/lib/cli';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
  };
  return io;
}

const env = {};
const verify = createVerifier(loadAuthConfig(env));

describe('token CLI', () => {
  it('prints only a clerk token that the verifier accepts', async () => {
    const io = capture();
    await expect(main(['--role', 'clerk', '--unit', 'PC06'], env, io)).resolves.toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    await expect(verify(`Bearer ${io.stdout.trim()}`)).resolves.toEqual({
      ok: true,
      principal: { subject: 'dev-clerk-PC06', roles: ['clerk'], unitId: 'PC06' },
    });
  });

  it('accepts --opt=value, a name, an expiry and campaigns', async () => {
    const io = capture();
    const args = [
      '--role=admin',
      '--name',
      'Quản trị',
      '--expires',
      '30m',
      '--campaign',
      '001',
      '--campaign',
      '002',
    ];
    await expect(main(args, env, io)).resolves.toBe(0);
    await expect(verify(`Bearer ${io.stdout.trim()}`)).resolves.toEqual({
      ok: true,
      principal: { subject: 'dev-admin', name: 'Quản trị', roles: ['admin'], campaignIds: ['001', '002'] },
    });
  });

  it('uses the secret from the environment', async () => {
    const custom = { AUTH_DEV_SECRET: 'a-custom-development-secret-0123456789' };
    const io = capture();
    await expect(main(['--role', 'reviewer'], custom, io)).resolves.toBe(0);
    await expect(verify(`Bearer ${io.stdout.trim()}`)).resolves.toMatchObject({ ok: false, status: 401 });
    await expect(createVerifier(loadAuthConfig(custom))(`Bearer ${io.stdout.trim()}`)).resolves.toMatchObject(
      {
        ok: true,
      },
    );
  });

  it.each([
    [['--role', 'clerk'], /--unit/],
    [[], /--role is required/],
    [['--role', 'boss'], /--role must be one of/],
    [['--role', 'admin', '--bogus'], /Unknown option/i],
    [['--role', 'admin', 'extra'], /positional/i],
    [['--role', 'admin', '--expires', 'soon'], /--expires/],
    [['--role', 'clerk', '--unit', '  '], /--unit must not be empty/],
    [['--role'], /argument missing|--role/],
  ])('rejects %j with exit code 2 and a message on stderr', async (args, message) => {
    const io = capture();
    await expect(main(args, env, io)).resolves.toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(message);
  });

  it('exits 1 when the environment is not set up for dev tokens', async () => {
    const io = capture();
    const entra = {
      AUTH_MODE: 'entra',
      AUTH_ENTRA_ISSUER: 'https://login.microsoftonline.com/t/v2.0',
      AUTH_ENTRA_AUDIENCE: 'client',
    };
    await expect(main(['--role', 'admin'], entra, io)).resolves.toBe(1);
    expect(io.stderr).toMatch(/AUTH_MODE=dev/);
    const short = capture();
    await expect(main(['--role', 'admin'], { AUTH_DEV_SECRET: 'short' }, short)).resolves.toBe(1);
    expect(short.stderr).toMatch(/AUTH_DEV_SECRET/);
    expect(short.stdout).toBe('');
  });

  it('prints usage for --help', async () => {
    const io = capture();
    await expect(main(['--help'], env, io)).resolves.toBe(0);
    expect(io.stdout).toMatch(/^Usage: token/);
  });
});
