/** The worker thread of upload-reader.ts: reads each workbook it is sent and answers. */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { WorkerAnswer } from './upload-reader';
import { WorkbookReadError } from './workbook-error';
import { readTemplateWorkbook, type ReadTemplateWorkbookOptions } from './xlsx-reader';

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
port.on('message', (message: { bytes: Uint8Array; options: ReadTemplateWorkbookOptions }) => {
  readTemplateWorkbook(message.bytes, message.options).then(
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
