/** A backup as a folder on disk: what `npm run backup` writes and `npm run restore` reads (export.ts, restore.ts). */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupSink } from './export';
import type { BackupSource } from './restore';

export function folderSink(dir: string): BackupSink {
  return {
    async writeFile(name, content) {
      await fs.promises.mkdir(dir, { recursive: true });
      await pipeline(
        Readable.from(content, { objectMode: false }),
        fs.createWriteStream(path.join(dir, name)),
      );
    },
  };
}

export function folderSource(dir: string): BackupSource {
  const file = (name: string) => path.join(dir, name);
  return {
    label: dir,
    async readText(name) {
      try {
        return await fs.promises.readFile(file(name), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async exists(name) {
      return fs.promises.access(file(name)).then(
        () => true,
        () => false,
      );
    },
    chunks: (name) => fs.createReadStream(file(name)),
    lines: (name) =>
      readline.createInterface({ input: fs.createReadStream(file(name)), crlfDelay: Infinity }),
  };
}
