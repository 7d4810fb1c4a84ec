/**
 * Transient storage failures — throttling (503), server errors, timeouts, dropped connections — and the
 * one retry loop every store uses for them: a few attempts with jittered exponential backoff, then
 * {@link StorageUnavailableError}, which the API answers with 503 and Retry-After.
 *
 * The SDK's own retry policy already retries throttling and network errors a couple of times, but not a
 * request that timed out (an AbortError), and a longer outage outlasts it; this loop covers both.
 */
import { RestError } from '@azure/data-tables';

/** Storage is throttling, timing out or unreachable, after a few retries. Map to 503. */
export class StorageUnavailableError extends Error {
  readonly code: string = 'STORAGE_UNAVAILABLE';
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StorageUnavailableError';
  }
}

export function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'statusCode' in err) {
    const s = (err as { statusCode?: unknown }).statusCode;
    return typeof s === 'number' ? s : undefined;
  }
  return undefined;
}

function isRestError(err: unknown): err is RestError {
  return err instanceof RestError || (err instanceof Error && err.name === 'RestError');
}

const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ESOCKETTIMEDOUT',
]);

/** Throttling (503), server errors (500/502/504), timeouts (408) and network failures. */
export function isTransientStorageError(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined)
    return status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // A RestError without a status never reached the service; an AbortError is a request that timed out.
  return isRestError(err) || (err instanceof Error && err.name === 'AbortError');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Full jitter: a random delay up to base·2^attempt, capped. */
export function jitter(base: number, attempt: number, capMs: number): number {
  return Math.random() * Math.min(capMs, base * 2 ** Math.min(attempt, 8));
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Base of the exponential backoff, in ms. Default 200. */
  backoffMs?: number;
  /** Longest single wait, in ms. Default 2,000. */
  maxDelayMs?: number;
}

/** Runs `fn`, retrying transient storage failures; then throws StorageUnavailableError. Other errors pass. */
export async function withStorageRetries<T>(
  what: string,
  fn: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 2000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransientStorageError(err)) throw err;
      if (attempt >= retries) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new StorageUnavailableError(`table storage unavailable (${what}): ${detail}`, err);
      }
      await sleep(jitter(backoffMs, attempt, maxDelayMs));
    }
  }
}
