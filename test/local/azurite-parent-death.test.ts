/**
 * Azurite never outlives the process that started it: a parent that dies without cleaning up
 * (kill -9) takes its Azurite with it, so no orphan keeps the data folder or the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive, readJsonLine, waitUntil } from './support';

jest.setTimeout(60_000);

let location: string;
let parent: ChildProcess | undefined;
let azuritePid: number | undefined;

beforeAll(() => {
  location = fs.mkdtempSync(path.join(os.tmpdir(), 'azurite-parent-'));
});

afterAll(() => {
  // Whatever the outcome, leave no process behind.
  if (parent?.pid && isAlive(parent.pid)) process.kill(parent.pid, 'SIGKILL');
  if (azuritePid && isAlive(azuritePid)) process.kill(azuritePid, 'SIGKILL');
  fs.rmSync(location, { recursive: true, force: true });
});

test('Azurite exits within a few seconds of its parent being killed with SIGKILL', async () => {
  parent = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'azurite-parent.ts'), location], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  ({ azuritePid } = await readJsonLine<{ azuritePid: number }>(parent, 30_000));
  expect(isAlive(azuritePid!)).toBe(true);

  process.kill(parent.pid!, 'SIGKILL');

  expect(await waitUntil(() => !isAlive(azuritePid!), 5000)).toBe(true);
});
