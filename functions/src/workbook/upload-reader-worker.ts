/** The worker thread of upload-reader.ts: reads each workbook it is sent and answers. */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readListSheets } from './list-reader';
import type { WorkerAnswer, WorkerRequest } from './upload-reader';
import { WorkbookReadError } from './workbook-error';
import { readTemplateWorkbook } from './xlsx-reader';

/**
 * Reading an upload yields to everything else: on Linux a thread has its own nice value, and
 * `setpriority(PRIO_PROCESS, 0)` (os.setPriority with pid 0) changes only the calling thread, so the
 * API's main thread keeps its priority and answers other requests first (docs/benchmarks.md, uploads).
 * Elsewhere the same call would lower the whole process, so it is not made.
 */
if (process.platform === 'linux') {
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted here: the worker keeps the normal priority.
  }
}

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
