/**
 * A host in a child process for the HTTP figures: the function app's local host (http-app-child.cjs, the
 * compiled app) or the bare baseline host (http-bare-child.cjs), started on a free port with only the
 * environment given here, timed from spawn to listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './app-build';
import { now } from './stats';

export interface ChildHost {
  /** Base URL, ending in /api. */
  api: string;
  pid: number;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Spawns `node <script> ...args` with `env` (plus PATH) and resolves once it prints `listening <port>`. */
export function startChildHost(
  script: 'http-app-child.cjs' | 'http-bare-child.cjs',
  args: string[],
  env: Record<string, string>,
): Promise<ChildHost> {
  const spawnedAt = now();
  const child = spawn(process.execPath, [path.join(__dirname, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4000)));
  const stop = async () => {
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await waitForExit(child);
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start in ${STARTUP_TIMEOUT_MS} ms: ${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ api: `http://127.0.0.1:${m[1]}/api`, pid: child.pid!, spawnedAt, stop });
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before listening: ${stderr}`));
    });
  });
}
