/**
 * The summary workbook, built off the API's event loop (docs/architecture.md, "The summary export"): a
 * worker thread reads the period's reports from storage itself (or is given them), rolls them up, builds the
 * shared summary sheet models, renders them with the streaming writer (stream-writer.ts) and sends the file
 * back, its bytes moved, not copied. Meanwhile
 * the main thread answers other requests (accepts, the health check), and the writer's garbage
 * collection pauses are the worker's.
 *
 * One worker, started on the first export and kept; exports are built one at a time, in order, so
 * two large exports never hold their memory at once. The worker's heap is capped and an export that
 * takes too long is stopped by terminating the worker; either fails the request (500) and the next
 * export starts a fresh worker.
 */
import type { RollupInput, SummaryContext } from '../../../shared/src';
import { StorageUnavailableError } from '../storage/retry';
import type { TableSettings } from '../storage/table-client';
import type { RenderOptions } from './xlsx-writer';
import { KeptWorker, startWorker } from './worker-thread';

/** Wall-clock time one export may take (10,000 units take a few seconds: docs/benchmarks.md). */
export const EXPORT_TIME_LIMIT_MS = 60_000;
/** The worker's heap: the streaming writer needs well under 100 MB at 10,000 units; a Consumption instance has 1.5 GB in all. */
export const EXPORT_HEAP_LIMIT_MB = 512;

/** Where the worker reads the period's reports (and the same period last year's): the app's storage. */
export interface ReportsSource {
  storage: TableSettings;
  campaignId: string;
  periodId: string;
  previousPeriodId?: string;
}

/**
 * The roll-up's inputs: with the reports, or with where to read them. Never the roll-up: it repeats each
 * unit's texts in its totals, groups and units, which a copy across threads no longer shares.
 */
export type ExportInput =
  RollupInput | (Omit<RollupInput, 'submissions' | 'previousSubmissions'> & { reports: ReportsSource });

/**
 * What the worker is asked (summary-export-worker.ts). Given a source, the worker reads the reports itself:
 * the request's thread holds neither them nor the roll-up (docs/benchmarks.md, "Over HTTP"). `now` travels
 * as an ISO instant.
 */
export interface ExportRequest {
  input: ExportInput;
  context: SummaryContext;
  options: Omit<RenderOptions, 'now' | 'title'> & { now: string };
}

/** What the worker answers: the file, or an error's message (`unavailable`: storage could not be read). */
export type ExportAnswer =
  { ok: true; bytes: Uint8Array } | { ok: false; message: string; unavailable?: boolean };

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
  input: ExportInput,
  context: SummaryContext,
  options: Omit<RenderOptions, 'title'> & { now: Date },
  timeLimitMs = EXPORT_TIME_LIMIT_MS,
): Promise<Uint8Array> {
  const request: ExportRequest = { input, context, options: { ...options, now: options.now.toISOString() } };
  return exporter.ask(request, timeLimitMs).then((answer) => {
    if (answer.ok) return answer.bytes;
    // Storage that cannot be read is a 503 (try again later), as on the request's own thread.
    if (answer.unavailable) throw new StorageUnavailableError(`summary export: ${answer.message}`);
    throw new Error(`summary export: ${answer.message}`);
  });
}
