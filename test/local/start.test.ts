/**
 * `npm start` as a user runs it (a separate process): it refuses a bad setting or a busy port in one
 * line, before starting anything; in Entra mode it runs and prints no development tokens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../../scripts/lib/azurite';
import { waitUntil } from './support';

jest.setTimeout(120_000);

const START = path.resolve(__dirname, '..', '..', 'scripts', 'start.ts');
let scratch: string;
const running: ChildProcess[] = [];

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
});

afterAll(() => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs scripts/start.ts with these settings on top of the test's environment, data in a fresh folder. */
function start(settings: Record<string, string>, dataDir: string): Started {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ADDIN_PORT: '0',
    HTTPS: 'false',
    AZURITE_LOCATION: dataDir,
  };
  for (const name of ['AUTH_MODE', 'PORT', 'MAX_BODY_BYTES']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', START], {
    env: { ...env, ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

function listenAnywhere(): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The refusal: exit 1, a single line on stderr, Vietnamese then English; nothing was started. */
async function expectRefusal(run: Started, dataDir: string): Promise<string> {
  const timeout = new Promise<string>((resolve) =>
    setTimeout(() => resolve('still running'), 30_000).unref(),
  );
  expect(await Promise.race([run.exited, timeout])).toBe(1);
  const lines = run.stderr().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(fs.existsSync(dataDir)).toBe(false); // Azurite never started: it would have made its folder
  return lines[0]!;
}

test('a busy API port: one line, Vietnamese then English, naming the port and the PORT setting', async () => {
  const busy = await listenAnywhere();
  const port = (busy.address() as net.AddressInfo).port;
  try {
    const dataDir = path.join(scratch, 'busy');
    const line = await expectRefusal(start({ PORT: String(port) }, dataDir), dataDir);
    expect(line).toMatch(
      new RegExp(`^Cổng ${port} đang được .*thiết lập PORT\\. — Port ${port} is used .*setting PORT\\.$`),
    );
    expect(line).not.toMatch(/EADDRINUSE/);
  } finally {
    busy.close();
  }
});

test('a data folder another Azurite uses: one line naming the folder, its process and AZURITE_LOCATION', async () => {
  const dataDir = path.join(scratch, 'held');
  const holder = await startAzurite({ location: dataDir, durable: true });
  try {
    const run = start({ PORT: '0' }, dataDir);
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Thư mục dữ liệu .* — The data folder .* is used by another Azurite/),
    ]);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain(`process ${holder.pid}`);
    expect(lines[0]).toContain('setting AZURITE_LOCATION');
  } finally {
    await holder.stop();
  }
});

test('MAX_BODY_BYTES=abc: refused before anything starts, naming the setting', async () => {
  const dataDir = path.join(scratch, 'max-body');
  const line = await expectRefusal(start({ MAX_BODY_BYTES: 'abc', PORT: '0' }, dataDir), dataDir);
  expect(line).toMatch(
    /^Thiết lập MAX_BODY_BYTES phải là số nguyên.*“abc”.* — Setting MAX_BODY_BYTES must be a whole number/,
  );
});

test('AUTH_MODE=entra without its settings: refused before anything starts', async () => {
  const dataDir = path.join(scratch, 'entra-missing');
  const line = await expectRefusal(start({ AUTH_MODE: 'entra', PORT: '0' }, dataDir), dataDir);
  expect(line).toMatch(/^Thiếu thiết lập AUTH_ENTRA_ISSUER .* — Setting AUTH_ENTRA_ISSUER is required/);
});

test('AUTH_MODE=entra: runs, prints no development token, answers, and stops on SIGTERM', async () => {
  const run = start(
    {
      AUTH_MODE: 'entra',
      AUTH_ENTRA_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0',
      AUTH_ENTRA_AUDIENCE: 'api://nu-cuoi-reporting',
      PORT: '0',
    },
    path.join(scratch, 'entra'),
  );
  const ready = await waitUntil(
    () => run.stdout().includes('Press Ctrl-C') || run.child.exitCode !== null,
    90_000,
  );
  expect(ready && run.child.exitCode).toBe(null); // still running
  expect(run.stdout()).toMatch(/Microsoft Entra ID/);
  expect(run.stdout()).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // a JWT
  const api = /API:\s+(\S+)/.exec(run.stdout())![1]!;
  expect((await fetch(`${api}/health`)).status).toBe(200);

  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
});
