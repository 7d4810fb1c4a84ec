/**
 * The outbox: a submission that fails on the network or with a 5xx is kept (in OfficeRuntime.storage,
 * or localStorage) and retried with backoff until the server acknowledges it. The submissionId is
 * the idempotency key, so a retry after a lost answer stores nothing twice. A 401 (the token expired
 * overnight) keeps it too, for the next token; any other 4xx is not retried.
 */
import type { Receipt, SubmissionInput } from '../../../shared/src';
import { ApiError } from '../api/client';

export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export interface QueuedSubmission {
  campaignId: string;
  submission: SubmissionInput;
  /** The sheet it came from, to write the receipt into. */
  sheetName?: string;
  queuedAt: string;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

export type QueueEvent =
  | { kind: 'delivered'; item: QueuedSubmission; receipt: Receipt; replayed: boolean }
  | { kind: 'rejected'; item: QueuedSubmission; error: ApiError }
  | { kind: 'waiting'; item: QueuedSubmission; error: ApiError }
  | { kind: 'changed'; pending: number }
  /** A delivery run that failed by itself (the outbox's storage), in the background. */
  | { kind: 'failed'; error: unknown };

/** The outbox's own storage failed (full, blocked): nothing was sent or lost, it can be tried again. */
export class OutboxStorageError extends Error {
  constructor(override readonly cause: unknown) {
    super(`outbox storage failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'OutboxStorageError';
  }
}

export interface QueueOptions {
  storage: KeyValueStorage;
  send: (item: QueuedSubmission) => Promise<{ receipt: Receipt; replayed: boolean }>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  storageKey?: string;
}

/** Delay before attempt n+1: doubling from the base, capped, with ±20 % jitter so clients spread out. */
export function backoffDelay(attempts: number, base: number, max: number, random: () => number): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export class SubmissionQueue {
  private items: QueuedSubmission[] = [];
  private loaded = false;
  private flushing: Promise<void> | undefined;
  private timer: unknown;
  private disposed = false;
  private readonly listeners = new Set<(e: QueueEvent) => void>();
  private readonly o: Required<Omit<QueueOptions, 'storage' | 'send'>> &
    Pick<QueueOptions, 'storage' | 'send'>;

  constructor(options: QueueOptions) {
    this.o = {
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      baseDelayMs: 2000,
      maxDelayMs: 60_000,
      random: Math.random,
      storageKey: 'nu-cuoi.outbox.v1',
      ...options,
    };
  }

  on(listener: (e: QueueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: QueueEvent) {
    for (const l of this.listeners) l(e);
  }

  /** Reads what an earlier session left waiting. */
  async load(): Promise<void> {
    if (this.loaded) return;
    let raw: string | null;
    try {
      raw = await this.o.storage.getItem(this.o.storageKey);
    } catch (e) {
      throw new OutboxStorageError(e);
    }
    this.items = raw ? (JSON.parse(raw) as QueuedSubmission[]) : [];
    this.loaded = true;
    this.emit({ kind: 'changed', pending: this.items.length });
  }

  private async save(): Promise<void> {
    try {
      await this.o.storage.setItem(this.o.storageKey, JSON.stringify(this.items));
    } catch (e) {
      throw new OutboxStorageError(e);
    }
    this.emit({ kind: 'changed', pending: this.items.length });
  }

  pending(): readonly QueuedSubmission[] {
    return this.items;
  }

  /** Keeps the submission (persisted before any network call), then tries to deliver it. */
  async enqueue(campaignId: string, submission: SubmissionInput, sheetName?: string): Promise<void> {
    await this.load();
    if (!this.items.some((i) => i.submission.submissionId === submission.submissionId)) {
      this.items.push({
        campaignId,
        submission,
        ...(sheetName ? { sheetName } : {}),
        queuedAt: new Date(this.o.now()).toISOString(),
        attempts: 0,
        nextAttemptAt: 0,
      });
      await this.save();
    }
    await this.flush();
  }

  /** Delivers what is due (`force`: everything now, e.g. the user pressed “send again”). */
  flush(force = false): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.deliver(force).finally(() => {
        this.flushing = undefined;
      });
    }
    return this.flushing;
  }

  private async deliver(force: boolean): Promise<void> {
    await this.load();
    try {
      for (const item of [...this.items]) {
        if (!force && item.nextAttemptAt > this.o.now()) continue;
        let answer: { receipt: Receipt; replayed: boolean };
        try {
          answer = await this.o.send(item);
        } catch (e) {
          await this.failed(
            item,
            e instanceof ApiError ? e : new ApiError(0, 'network', (e as Error).message),
          );
          continue;
        }
        this.remove(item);
        await this.save();
        this.emit({ kind: 'delivered', item, ...answer });
      }
    } finally {
      // Also after the outbox's storage failed: what waits is tried again later.
      this.schedule();
    }
  }

  private async failed(item: QueuedSubmission, error: ApiError): Promise<void> {
    if (error.retryable || error.unauthorized) {
      item.attempts++;
      item.lastError = error.message;
      item.nextAttemptAt =
        this.o.now() + backoffDelay(item.attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
      await this.save();
      this.emit({ kind: 'waiting', item, error });
    } else {
      this.remove(item);
      await this.save();
      this.emit({ kind: 'rejected', item, error });
    }
  }

  private remove(item: QueuedSubmission) {
    this.items = this.items.filter((i) => i !== item);
  }

  private schedule() {
    if (this.timer !== undefined) this.o.clearTimer(this.timer);
    this.timer = undefined;
    if (this.disposed || this.items.length === 0) return;
    const next = Math.min(...this.items.map((i) => i.nextAttemptAt));
    this.timer = this.o.setTimer(
      () => {
        this.timer = undefined;
        this.flush().catch((error: unknown) => this.emit({ kind: 'failed', error }));
      },
      Math.max(0, next - this.o.now()),
    );
  }

  /** Stops retrying (the pane made a new outbox for a new token or address). */
  dispose() {
    this.disposed = true;
    if (this.timer !== undefined) this.o.clearTimer(this.timer);
    this.timer = undefined;
  }
}

/** OfficeRuntime.storage inside Office, localStorage in a plain browser. */
export function defaultStorage(): KeyValueStorage {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: KeyValueStorage } }).OfficeRuntime;
  if (runtime?.storage) return runtime.storage;
  return {
    getItem: async (k) => globalThis.localStorage.getItem(k),
    setItem: async (k, v) => globalThis.localStorage.setItem(k, v),
  };
}
