/**
 * What the API's worker threads share (docs/architecture.md, "Worker threads"): how one is started —
 * the compiled `.js` beside this file, or from the TypeScript sources (tests, `npm start`) with tsx
 * registered first — with a capped heap, and how a worker lowers its own priority.
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
