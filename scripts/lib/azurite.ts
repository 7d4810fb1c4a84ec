/**
 * Starts a real Azurite Table service for tests, on a free loopback port.
 *
 *   let azurite: Azurite;
 *   beforeAll(async () => { azurite = await startAzurite(); });
 *   afterAll(() => azurite?.stop());
 *   const client = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('subs'), {
 *     allowInsecureConnection: true,
 *   });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { lockDataFolder } from './data-folder-lock';

/** The well-known development account key (public, documented by Microsoft). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Keep data in this directory (`--location`) instead of in memory; one Azurite per directory (DataFolderInUseError). */
  location?: string;
  /** How long to wait for the port to accept connections. Default 20 s. */
  startTimeoutMs?: number;
  /** Extra command-line arguments for azurite-table. */
  extraArgs?: string[];
  /**
   * With `location`: acknowledge a write only once it is on disk, as Azure does (stock Azurite saves every
   * 5 s, so a crash loses what it acknowledged since). See azurite-durable.cjs.
   */
  durable?: boolean;
  /** Listen on this port (e.g. to restart on the port a client already uses) instead of a free one. */
  port?: number;
  /** Which Azurite service: `table` (the default) or `blob` (backups, functions/src/backup/). */
  service?: 'table' | 'blob';
}

export interface Azurite {
  connectionString: string;
  port: number;
  /** The azurite-table process id. */
  pid: number;
  /** Kills the process and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Sends a signal (default SIGKILL: a crash, nothing flushed) and resolves once the process has exited.
   * Safe to call after it has exited.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function azuriteConnectionString(
  port: number,
  host = '127.0.0.1',
  service: 'table' | 'blob' = 'table',
): string {
  const endpoint = service === 'blob' ? 'BlobEndpoint' : 'TableEndpoint';
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_ACCOUNT_KEY};` +
    `${endpoint}=http://${host}:${port}/${AZURITE_ACCOUNT};`
  );
}

/**
 * A valid, unique table name: alphanumeric, starts with a letter, 3–63 characters.
 * The prefix is stripped of anything else (and gets a leading `t` if it does not start with a letter).
 */
export function uniqueTableName(prefix = 't'): string {
  let p = prefix.replace(/[^A-Za-z0-9]/g, '');
  if (!/^[A-Za-z]/.test(p)) p = `t${p}`;
  const suffix = `${Date.now().toString(36)}${randomBytes(5).toString('hex')}`; // ~18 characters
  return `${p.slice(0, 63 - suffix.length)}${suffix}`;
}

/** A port that was free a moment ago (the caller retries if someone takes it in between). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function azuriteMain(service: 'table' | 'blob' = 'table'): string {
  return require.resolve(`azurite/dist/src/${service}/main.js`);
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** AZURITE_ACCOUNTS would replace the well-known development account the connection string uses. */
function withoutCustomAccounts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.AZURITE_ACCOUNTS;
  return copy;
}

class EarlyExitError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = 'EarlyExitError';
  }
}

async function startOnce(port: number, options: AzuriteOptions): Promise<Azurite> {
  const host = '127.0.0.1';
  const args = [
    // Azurite exits when this process does (the pipe on its stdin closes): see azurite-parent-watch.cjs.
    '-r',
    path.join(__dirname, 'azurite-parent-watch.cjs'),
    ...(options.durable && options.location ? ['-r', path.join(__dirname, 'azurite-durable.cjs')] : []),
    azuriteMain(options.service),
    `--${options.service ?? 'table'}Host`,
    host,
    `--${options.service ?? 'table'}Port`,
    String(port),
    '--skipApiVersionCheck',
    '--loose',
    '--disableProductStyleUrl',
    '--disableTelemetry',
    '--silent',
    ...(options.location ? ['--location', options.location] : ['--inMemoryPersistence']),
    ...(options.extraArgs ?? []),
  ];
  // One Azurite per data folder (DataFolderInUseError otherwise); the lock goes when this Azurite exits.
  const lock = options.location ? lockDataFolder(options.location) : undefined;
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    // In-memory mode writes nothing, but keep any stray file out of the repository.
    cwd: options.location ?? os.tmpdir(),
    env: withoutCustomAccounts(process.env),
  });
  if (child.pid !== undefined) lock?.handOver(child.pid);
  child.once('exit', () => lock?.release());
  child.once('error', () => lock?.release());
  // Its stdin is only there to close when this process dies; nothing is written to it.
  child.stdin?.on('error', () => undefined);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.once('error', (err) => {
    spawnError = err;
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || exited) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5000);
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (spawnError) throw spawnError;
    if (exited) {
      const msg = `azurite-table exited early (code ${exited.code}, signal ${exited.signal}):\n${output.trim()}`;
      throw new EarlyExitError(msg, /EADDRINUSE/.test(output));
    }
    if (await canConnect(port, host)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `azurite-table did not listen on ${host}:${port} within the time limit:\n${output.trim()}`,
      );
    }
    await sleep(100);
  }
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null || exited) return;
    child.kill(signal);
    await waitForExit(child, 10_000);
  };
  return {
    connectionString: azuriteConnectionString(port, host, options.service),
    port,
    pid: child.pid ?? -1,
    stop,
    kill,
  };
}

/** Spawns azurite-table and resolves once its port accepts connections. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  if (options.port !== undefined) return startOnce(options.port, options);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startOnce(port, options);
    } catch (err) {
      // Another process grabbed the port between freePort() and Azurite's listen(): try another.
      if (err instanceof EarlyExitError && err.addressInUse && attempt < 5) continue;
      throw err;
    }
  }
}
