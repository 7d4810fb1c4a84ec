/**
 * The worker thread of summary-export.ts: rolls up the reports it is given, builds the summary workbook
 * with the streaming writer (stream-writer.ts) and sends it back.
 */
import { parentPort } from 'node:worker_threads';
import { buildSummarySheets, computeRollup, type RollupInput } from '../../../shared/src';
import { isTransientStorageError, StorageUnavailableError } from '../storage/retry';
import { SubmissionStore } from '../storage/submission-store';
import { tableClient } from '../storage/table-client';
import type { ExportAnswer, ExportInput, ExportRequest, ReportsSource } from './summary-export';
import { lowerThisThreadPriority } from './worker-thread';
import { renderWorkbookStreamed } from './stream-writer';

// Building an export yields to the API's requests (worker-thread.ts).
lowerThisThreadPriority();

const port = parentPort!;
/** One store per storage account and prefix, kept with the worker. */
const stores = new Map<string, SubmissionStore>();
function storeFor({ storage }: ReportsSource): SubmissionStore {
  const key = `${storage.connectionString}\n${storage.tablePrefix}`;
  let store = stores.get(key);
  if (!store) stores.set(key, (store = new SubmissionStore(tableClient(storage, 'submissions'))));
  return store;
}

/** The roll-up's inputs with the reports, read here when the request says where. */
async function withReports(input: ExportInput): Promise<RollupInput> {
  if (!('reports' in input)) return input;
  const { reports, ...rest } = input;
  const store = storeFor(reports);
  const [submissions, previousSubmissions] = await Promise.all([
    store.latest(reports.campaignId, reports.periodId),
    reports.previousPeriodId ? store.latest(reports.campaignId, reports.previousPeriodId) : [],
  ]);
  return { ...rest, submissions, ...(rest.previousPeriod ? { previousSubmissions } : {}) };
}

port.on('message', ({ input, context, options }: ExportRequest) => {
  withReports(input)
    .then((read) => {
      const sheets = buildSummarySheets(computeRollup(read), context);
      return renderWorkbookStreamed(sheets, {
        ...options,
        title: sheets[0]?.name,
        now: new Date(options.now),
      });
    })
    .then(
      (bytes) => {
        // The file's bytes are moved to the main thread, not copied.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        const out = own ? bytes : new Uint8Array(bytes);
        port.postMessage({ ok: true, bytes: out } satisfies ExportAnswer, [out.buffer as ArrayBuffer]);
      },
      (e: unknown) =>
        port.postMessage({
          ok: false,
          message: e instanceof Error ? e.message : String(e),
          ...(e instanceof StorageUnavailableError || isTransientStorageError(e)
            ? { unavailable: true }
            : {}),
        } satisfies ExportAnswer),
    );
});
