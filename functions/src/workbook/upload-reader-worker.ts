/** The worker thread of upload-reader.ts: reads each workbook it is sent and answers. */
import { parentPort } from 'node:worker_threads';
import type { WorkerAnswer } from './upload-reader';
import { WorkbookReadError } from './workbook-error';
import { readTemplateWorkbook, type ReadTemplateWorkbookOptions } from './xlsx-reader';

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
