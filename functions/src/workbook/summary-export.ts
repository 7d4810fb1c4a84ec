/**
 * The summary workbook, built off the API's event loop (docs/architecture.md, "Worker threads"): the
 * roll-up and its context are sent to a worker thread, which builds the shared summary sheet models
 * and renders them with the streaming writer (stream-writer.ts) and sends the file back, its bytes moved, not copied. Meanwhile
 * the main thread answers other requests (accepts, the health check), and the writer's garbage
 * collection pauses are the worker's.
 *
 * One worker, started on the first export and kept; exports are built one at a time, in order, so
 * two large exports never hold their memory at once. The worker's heap is capped and an export that
 * takes too long is stopped by terminating the worker; either fails the request (500) and the next
 * export starts a fresh worker.
 */
import type { RollupInput, SummaryContext } from '../../../shared/src';
import type { RenderOptions } from './xlsx-writer';
import { KeptWorker, startWorker } from './worker-thread';

/** Wall-clock time one export may take (10,000 units take a few seconds: docs/benchmarks.md). */
export const EXPORT_TIME_LIMIT_MS = 60_000;
/** The worker's heap: the streaming writer needs well under 100 MB at 10,000 units; a Consumption instance has 1.5 GB in all. */
export const EXPORT_HEAP_LIMIT_MB = 512;

/**
 * What the worker is asked (summary-export-worker.ts): the roll-up's inputs, not the roll-up — the worker
 * computes it, so the request's thread never holds it, and what is copied to the worker is the reports once
 * rather than the roll-up, which repeats their texts in its totals, groups and units (docs/benchmarks.md,
 * "Over HTTP"). `now` travels as an ISO instant.
 */
export interface ExportRequest {
  input: RollupInput;
  context: SummaryContext;
  options: Omit<RenderOptions, 'now' | 'title'> & { now: string };
}

/** What the worker answers: the file, or an unexpected error's message. */
export type ExportAnswer = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

const exporter = new KeptWorker<ExportRequest, ExportAnswer>(
  () => startWorker(__dirname, 'summary-export-worker', EXPORT_HEAP_LIMIT_MB),
  {
    timeout: (ms) => new Error(`summary export: over ${ms} ms`),
    error: (e) => e,
  },
);

/** Stops the export worker (the next export starts a fresh one): for the bench, which measures a fresh worker's memory. */
export function stopSummaryExportWorker(): Promise<void> {
  return exporter.stop();
}

/** computeRollup + buildSummarySheets + the streaming writer, in the export worker, within its time and heap limits. */
export function exportSummaryWorkbook(
  input: RollupInput,
  context: SummaryContext,
  options: Omit<RenderOptions, 'title'> & { now: Date },
  timeLimitMs = EXPORT_TIME_LIMIT_MS,
): Promise<Uint8Array> {
  const request: ExportRequest = { input, context, options: { ...options, now: options.now.toISOString() } };
  return exporter.ask(request, timeLimitMs).then((answer) => {
    if (answer.ok) return answer.bytes;
    throw new Error(`summary export: ${answer.message}`);
  });
}
