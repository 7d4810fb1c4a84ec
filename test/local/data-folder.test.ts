/**
 * One Azurite per data folder: a second one on the same folder is refused, naming the process that holds
 * it; the folder is free again once that Azurite stops, or when it died without cleaning up.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type Azurite } from '../../scripts/lib/azurite';
import { DataFolderInUseError, LOCK_FILE } from '../../scripts/lib/data-folder-lock';

jest.setTimeout(60_000);

let location: string;
const started: Azurite[] = [];

beforeEach(() => {
  location = fs.mkdtempSync(path.join(os.tmpdir(), 'azurite-folder-'));
});

afterEach(async () => {
  for (const a of started.splice(0)) await a.stop();
  fs.rmSync(location, { recursive: true, force: true });
});

async function start(): Promise<Azurite> {
  const azurite = await startAzurite({ location, durable: true });
  started.push(azurite);
  return azurite;
}

test('a second Azurite on the same folder is refused, naming the first; after it stops, the folder is free', async () => {
  const first = await start();
  const refusal = await start().catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(DataFolderInUseError);
  expect(refusal).toMatchObject({ location, pid: first.pid });

  await first.stop();
  expect(fs.existsSync(path.join(location, LOCK_FILE))).toBe(false);
  await expect(start()).resolves.toBeDefined();
});

test('after an Azurite is killed with SIGKILL, its folder can be used again', async () => {
  const first = await start();
  await first.kill('SIGKILL');
  await expect(start()).resolves.toBeDefined();
});

test('a lock naming a process that no longer exists is taken over', async () => {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  fs.writeFileSync(path.join(location, LOCK_FILE), gone.stdout.toString());
  await expect(start()).resolves.toBeDefined();
});
