/**
 * A client for one table of the app's storage account, configured as every store's: insecure HTTP only for a
 * local emulator, the SDK's own retries kept short, and a time limit per request (docs/architecture.md,
 * "Storage"). Its own module so that a worker thread (workbook/summary-export-worker.ts) can make one without
 * loading the function app's services.
 */
import { TableClient } from '@azure/data-tables';

/** What a table client needs of the settings (services.ts `Settings`). */
export interface TableSettings {
  connectionString: string;
  /** Prefix of every table name (letters and digits). */
  tablePrefix: string;
  /** How long one storage request may take before it is abandoned, in ms (0: no limit). */
  storageTimeoutMs?: number;
}

export const DEFAULT_STORAGE_TIMEOUT_MS = 10_000;

export function tableClient(settings: TableSettings, name: string): TableClient {
  const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(settings.connectionString);
  const client = TableClient.fromConnectionString(
    settings.connectionString,
    `${settings.tablePrefix}${name}`,
    {
      allowInsecureConnection: insecure,
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    },
  );
  const timeout = settings.storageTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS;
  if (timeout > 0) {
    // A request that takes too long is aborted (AbortError): the store retries it, the API answers 503.
    // AbortSignal.timeout's timer does not keep the process alive, nor outlive a failed connection.
    client.pipeline.addPolicy({
      name: 'storageTimeout',
      sendRequest: (request, next) => {
        const limit = AbortSignal.timeout(timeout);
        const existing = request.abortSignal;
        if (!existing) {
          request.abortSignal = limit;
        } else {
          // The caller's own signal still counts.
          const either = new AbortController();
          const abort = () => either.abort();
          if (existing.aborted) abort();
          else existing.addEventListener('abort', abort, { once: true });
          limit.addEventListener('abort', abort, { once: true });
          request.abortSignal = either.signal;
        }
        return next(request);
      },
    });
  }
  return client;
}
