/**
 * Reads an uploaded workbook (readTemplateWorkbook) in a worker thread, so that the API's event
 * loop stays free while a large upload is read (the health check and other requests are answered
 * meanwhile, and the reader's garbage collection pauses are the worker's), and so that two bounds
 * hold whatever the reader's own limits miss: the worker's heap is capped, and a read that takes too
 * long is stopped by terminating the worker. Either is answered workbook_too_large.
 *
 * One worker, started on the first upload and kept (about 10 MB); uploads are read one at a time,
 * in order. From the TypeScript sources (tests, `npm start`) the worker registers tsx first.
 */
import type { ProblemParams } from '../../../shared/src';
import { tooLarge, WorkbookReadError, type WorkbookErrorCode } from './workbook-error';
import type { ListSheets, ReadListSheetsOptions } from './list-reader';
import type { ReadTemplateWorkbookOptions, TemplateWorkbook } from './xlsx-reader';
import { KeptWorker, startWorker } from './worker-thread';

/** Wall-clock time one read may take (the reader needs well under a second of CPU). */
export const READ_TIME_LIMIT_MS = 5000;
/** The worker's heap (strings, objects; inflated parts are outside it and capped by ReadLimits). */
export const READ_HEAP_LIMIT_MB = 64;

/** A failed read, as the worker sends it: a WorkbookReadError's data, or an unexpected error's message. */
export type WorkerError =
  | { code: WorkbookErrorCode; params?: ProblemParams; details?: Record<string, unknown> }
  | { message: string };

/** What the worker is asked: a filled template, or an admin workbook's list sheets by name. */
export type WorkerRequest =
  | { kind: 'template'; bytes: Uint8Array; options: ReadTemplateWorkbookOptions }
  | { kind: 'lists'; bytes: Uint8Array; options: ReadListSheetsOptions };

/** What the worker answers (upload-reader-worker.ts). */
export type WorkerAnswer =
  { ok: true; result: TemplateWorkbook | ListSheets } | { ok: false; error: WorkerError };

const reader = new KeptWorker<WorkerRequest, WorkerAnswer>(
  () => startWorker(__dirname, 'upload-reader-worker', READ_HEAP_LIMIT_MB),
  {
    timeout: (ms) => tooLarge('time', ms),
    error: (e) => (e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge('memory', READ_HEAP_LIMIT_MB) : e),
  },
);

async function readNow<T>(request: WorkerRequest, timeLimitMs: number): Promise<T> {
  const answer = await reader.ask(request, timeLimitMs);
  if (answer.ok) return answer.result as T;
  if ('code' in answer.error)
    throw new WorkbookReadError(answer.error.code, answer.error.params, answer.error.details);
  throw new Error(`workbook reader: ${answer.error.message}`);
}

/** readTemplateWorkbook, in the reader's worker thread, within its time and heap limits. */
export function readUploadedWorkbook(
  bytes: Uint8Array,
  options: ReadTemplateWorkbookOptions,
  timeLimitMs = READ_TIME_LIMIT_MS,
): Promise<TemplateWorkbook> {
  return readNow<TemplateWorkbook>({ kind: 'template', bytes, options }, timeLimitMs);
}

/** readListSheets (an admin's campaign or definition workbook), in the same worker and within the same limits. */
export function readUploadedListSheets(
  bytes: Uint8Array,
  options: ReadListSheetsOptions,
  timeLimitMs = READ_TIME_LIMIT_MS,
): Promise<ListSheets> {
  return readNow<ListSheets>({ kind: 'lists', bytes, options }, timeLimitMs);
}
