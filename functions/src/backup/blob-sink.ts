/**
 * A backup into a Blob container (the nightly backup, functions/src/functions/backup-timer.ts): one folder
 * per run, `<prefix>/<file>`. In Azure the container carries a time-based retention policy (deploy/main.bicep),
 * so a blob once written can be neither changed nor deleted until it expires.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { Readable } from 'node:stream';
import type { BackupSink } from './export';

const CONTENT_TYPES: Record<string, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function blobSink(container: ContainerClient, prefix: string): BackupSink {
  return {
    async writeFile(name, content) {
      const blob = container.getBlockBlobClient(`${prefix}/${name}`);
      const ext = name.slice(name.lastIndexOf('.') + 1);
      // Blocks of 4 MiB, two in flight: the memory a run needs stays small whatever the tables hold.
      await blob.uploadStream(Readable.from(asBuffers(content)), 4 * 1024 * 1024, 2, {
        blobHTTPHeaders: { blobContentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' },
      });
    },
  };
}

async function* asBuffers(content: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const text of content) yield Buffer.from(text, 'utf8');
}
