/**
 * What the API's worker threads share (docs/architecture.md, "Worker threads"): how one is started —
 * the compiled `.js` beside this file, or from the TypeScript sources (tests, `npm start`) with tsx
 * registered first — with a capped heap, how it is kept and asked one request at a time within a time
 * limit, and how a worker lowers its own priority.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Starts `<dir>/<name>.js` (or `.ts` through tsx) with its old generation capped at `heapMb`. */
export function startWorker(dir: string, name: string, heapMb: number): Worker {
  const compiled = path.join(dir, `${name}.js`);
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  const worker = fs.existsSync(compiled)
    ? new Worker(compiled, options)
    : new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(dir, `${name}.ts`))});`, {
        ...options,
        eval: true,
      });
  worker.unref(); // an idle worker does not keep the process alive
  return worker;
}

/** How a kept worker's failures are told: a time limit passed, the worker failed (out of memory, say). */
export interface WorkerFailures {
  timeout: (timeLimitMs: number) => unknown;
  error: (e: Error & { code?: string }) => unknown;
}

/**
 * One worker, started on the first request and kept; requests are answered one at a time, in order, so
 * two large jobs never hold their memory at once. A request over its time limit, or a worker that fails,
 * terminates the worker: that request fails and the next one starts a fresh worker.
 */
export class KeptWorker<Request, Answer> {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly start: () => Worker,
    private readonly failures: WorkerFailures,
  ) {}

  /** The worker's answer to `request` (transfer lists are the caller's business: the request is posted as is). */
  ask(request: Request, timeLimitMs: number): Promise<Answer> {
    const run = this.queue.then(() => this.askNow(request, timeLimitMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker once the queue is done (the next request starts a fresh one). */
  async stop(): Promise<void> {
    await this.queue;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private askNow(request: Request, timeLimitMs: number): Promise<Answer> {
    const w = (this.worker ??= this.start());
    return new Promise<Answer>((resolve, reject) => {
      const stop = (e: unknown) => {
        cleanup();
        if (this.worker === w) this.worker = undefined;
        void w.terminate();
        reject(e);
      };
      const timer = setTimeout(() => stop(this.failures.timeout(timeLimitMs)), timeLimitMs);
      const onMessage = (answer: Answer) => {
        cleanup();
        resolve(answer);
      };
      const onError = (e: Error & { code?: string }) => stop(this.failures.error(e));
      const onExit = (code: number) =>
        stop(this.failures.error(new Error(`worker stopped (exit code ${code})`)));
      const cleanup = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(request);
    });
  }
}

/**
 * A worker's work yields to the API: on Linux a thread has its own nice value, and
 * `setpriority(PRIO_PROCESS, 0)` (os.setPriority with pid 0) changes only the calling thread, so the
 * API's main thread keeps its priority and answers other requests first (docs/benchmarks.md).
 * Elsewhere the same call would lower the whole process, so it is not made.
 */
export function lowerThisThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted here: the worker keeps the normal priority.
  }
}
