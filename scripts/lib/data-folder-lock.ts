/**
 * One Azurite per data folder: two would each hold the tables in memory and overwrite each other's file.
 * The lock is a file in the folder holding the id of the process that uses it. A lock whose process is
 * gone (an Azurite killed with kill -9) is stale, and taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'azurite.lock';

export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
  constructor(
    readonly location: string,
    /** The process using the folder. */
    readonly pid: number,
  ) {
    super(`the Azurite data folder ${location} is in use by process ${pid}`);
  }
}

export interface DataFolderLock {
  /** The lock now names this process (the Azurite that was started), not the one that took it. */
  handOver(pid: number): void;
  /** Removes the lock, if it is still ours. Safe to call twice. */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder's lock for this process, or throws DataFolderInUseError naming the process that holds it. */
export function lockDataFolder(location: string): DataFolderLock {
  fs.mkdirSync(location, { recursive: true });
  const file = path.join(location, LOCK_FILE);
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = holderOf(file);
    if (holder !== undefined && isAlive(holder)) throw new DataFolderInUseError(location, holder);
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  let ours = process.pid;
  let released = false;
  return {
    handOver(pid) {
      fs.writeFileSync(file, String(pid));
      ours = pid;
    },
    release() {
      if (released) return;
      released = true;
      if (holderOf(file) === ours) fs.rmSync(file, { force: true });
    },
  };
}
