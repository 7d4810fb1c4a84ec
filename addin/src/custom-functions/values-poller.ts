/**
 * One poller per campaign and session (docs/architecture.md, "Custom functions"): every live BAOCAO.*
 * formula subscribes its query; the poller asks for all of them in one request (POST …/values), then again
 * every `intervalMs` with If-None-Match, so an unchanged sheet costs one 304 per interval whatever the
 * number of formulas. Pure logic: the API and the clock are injected.
 *
 * - Batching: queries subscribed in one burst (Excel calls the functions of a recalculation one after
 *   another) wait `batchDelayMs` and go in one request; equal queries are asked once.
 * - Cache per recalculation: a recalculation cancels the cells' invocations and starts new ones. A query
 *   whose answer is known is answered at once, without a request; a query nobody listens to any more is
 *   dropped at the next poll, not at the cancel, so a recalculation of the same formulas changes nothing.
 * - Stopping: a poll that finds no listener at all stops the poller and forgets its answers, sending nothing.
 */
import { problem, queryKey, type Problem, type ValueAnswer, type ValueQuery } from '../../../shared/src';
import { ApiError } from '../api/client';

export interface PollerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The API, for one campaign: ApiClient.values bound to it. */
export type ValuesSource = (
  queries: readonly ValueQuery[],
  etag?: string,
) => Promise<{ notModified: true } | { notModified: false; etag?: string; results: ValueAnswer[] }>;

export interface ValueListener {
  answer(answer: ValueAnswer): void;
  /** The request failed (network, refused token): the listener keeps what it showed, if anything. */
  failure(problem: Problem): void;
}

export interface PollerOptions {
  /** Between two polls. Default 30 s. */
  intervalMs?: number;
  /** How long new queries wait for others to join them in one request. Default 50 ms. */
  batchDelayMs?: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 30_000;

export class ValuesPoller {
  private readonly intervalMs: number;
  private readonly batchDelayMs: number;
  private readonly listeners = new Map<string, Set<ValueListener>>();
  private readonly queries = new Map<string, ValueQuery>();
  private readonly answers = new Map<string, { answer: ValueAnswer; text: string }>();
  private etag: string | undefined;
  /** The queries the ETag was for (keys, in order): another set of queries cannot send it. */
  private etagFor = '';
  private timer: { handle: unknown; at: number } | undefined;
  private inFlight: Promise<void> | undefined;
  private pollAgain = false;
  /** Requests sent (for the tests' request counts and the manual checklist). */
  requests = 0;

  constructor(
    private readonly source: ValuesSource,
    private readonly clock: PollerClock,
    options: PollerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.batchDelayMs = options.batchDelayMs ?? 50;
  }

  /** Whether the poller polls (false once every listener is gone and the next poll found none). */
  get running(): boolean {
    return this.timer !== undefined || this.inFlight !== undefined;
  }

  /** The known answer to a query, if any (formula value preview shows it without a request). */
  known(query: ValueQuery): ValueAnswer | undefined {
    return this.answers.get(queryKey(query))?.answer;
  }

  /** Listens to a query's answer; returns the cancel. A known answer is given at once. */
  subscribe(query: ValueQuery, listener: ValueListener): () => void {
    const key = queryKey(query);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    this.queries.set(key, query);
    const known = this.answers.get(key);
    if (known) {
      listener.answer(known.answer);
      if (!this.running) this.schedule(this.intervalMs);
    } else this.schedule(this.batchDelayMs);
    return () => {
      set.delete(listener);
    };
  }

  /** Resolves when no request is in flight (tests wait on it after moving the clock). */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Polls at `delayMs` from now, unless a poll is already due sooner. */
  private schedule(delayMs: number): void {
    const at = this.clock.now() + delayMs;
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.clock.clearTimeout(this.timer.handle);
    const handle = this.clock.setTimeout(() => {
      this.timer = undefined;
      // poll() handles the source's failures itself; nothing else in it throws.
      this.poll().catch(() => undefined);
    }, delayMs);
    this.timer = { handle, at };
  }

  private async poll(): Promise<void> {
    if (this.inFlight) {
      this.pollAgain = true;
      return;
    }
    for (const [key, set] of this.listeners) {
      if (set.size > 0) continue;
      this.listeners.delete(key);
      this.queries.delete(key);
      this.answers.delete(key);
    }
    if (this.listeners.size === 0) {
      this.answers.clear();
      this.etag = undefined;
      return;
    }
    const keys = [...this.queries.keys()].sort();
    const queries = keys.map((k) => this.queries.get(k)!);
    const signature = keys.join('\n');
    const etag = signature === this.etagFor ? this.etag : undefined;
    this.requests++;
    let failed = false;
    this.inFlight = this.source(queries, etag).then(
      (res) => {
        if (res.notModified) return;
        this.etag = res.etag;
        this.etagFor = signature;
        res.results.forEach((answer, i) => this.deliver(keys[i]!, answer));
      },
      (e: unknown) => {
        failed = true;
        const p =
          e instanceof ApiError && e.status !== 0
            ? problem('functions_refused', { message: e.message })
            : problem('functions_unreachable');
        for (const key of keys) {
          if (this.answers.has(key)) continue;
          for (const l of this.listeners.get(key) ?? []) l.failure(p);
        }
      },
    );
    try {
      await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
    // New queries that came in meanwhile go soon; after a failure, everything waits for the next interval.
    const newQueries = !failed && [...this.queries.keys()].some((k) => !this.answers.has(k));
    if (this.pollAgain || newQueries) {
      this.pollAgain = false;
      this.schedule(newQueries ? this.batchDelayMs : this.intervalMs);
    } else this.schedule(this.intervalMs);
  }

  private deliver(key: string, answer: ValueAnswer): void {
    const text = JSON.stringify(answer);
    if (this.answers.get(key)?.text === text) return;
    this.answers.set(key, { answer, text });
    for (const l of this.listeners.get(key) ?? []) l.answer(answer);
  }
}
