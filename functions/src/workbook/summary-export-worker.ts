/**
 * The worker thread of summary-export.ts: rolls up the reports it is given, builds the summary workbook
 * with the streaming writer (stream-writer.ts) and sends it back.
 */
import { parentPort } from 'node:worker_threads';
import { buildSummarySheets, computeRollup } from '../../../shared/src';
import type { ExportAnswer, ExportRequest } from './summary-export';
import { lowerThisThreadPriority } from './worker-thread';
import { renderWorkbookStreamed } from './stream-writer';

// Building an export yields to the API's requests (worker-thread.ts).
lowerThisThreadPriority();

const port = parentPort!;
port.on('message', ({ input, context, options }: ExportRequest) => {
  const sheets = buildSummarySheets(computeRollup(input), context);
  renderWorkbookStreamed(sheets, { ...options, title: sheets[0]?.name, now: new Date(options.now) }).then(
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
      } satisfies ExportAnswer),
  );
});
