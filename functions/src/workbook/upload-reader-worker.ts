/** The worker thread of upload-reader.ts: reads each workbook it is sent and answers. */
import { parentPort } from 'node:worker_threads';
import { readListSheets } from './list-reader';
import type { WorkerAnswer, WorkerRequest } from './upload-reader';
import { WorkbookReadError } from './workbook-error';
import { lowerThisThreadPriority } from './worker-thread';
import { readTemplateWorkbook } from './xlsx-reader';

// Reading an upload yields to everything else (worker-thread.ts).
lowerThisThreadPriority();

const port = parentPort!;
port.on('message', (message: WorkerRequest) => {
  const read =
    message.kind === 'lists'
      ? readListSheets(message.bytes, message.options)
      : readTemplateWorkbook(message.bytes, message.options);
  read.then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerAnswer),
    (e: unknown) =>
      port.postMessage({
        ok: false,
        error:
          e instanceof WorkbookReadError
            ? {
                code: e.code,
                ...(e.params ? { params: { ...e.params } } : {}),
                ...(e.details ? { details: e.details } : {}),
              }
            : { message: e instanceof Error ? e.message : String(e) },
      } satisfies WorkerAnswer),
  );
});
