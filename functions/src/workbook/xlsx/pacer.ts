/**
 * Lets a long parse give the event loop a turn: `due()` is called once per token and, every so
 * often, checks the clock; after `sliceMs` of work (4 ms: answering a request takes the loop a few
 * turns) the parser awaits `pause()`, so other requests (the health check) are answered while a
 * large upload is read.
 */
import { performance } from 'node:perf_hooks';

export class Pacer {
  private count = 0;
  private since = performance.now();

  constructor(private readonly sliceMs = 4) {}

  /** True when the caller should `await pause()`. Cheap: the clock is read every 1,024 ticks. */
  due(): boolean {
    if (++this.count & 1023) return false;
    return performance.now() - this.since >= this.sliceMs;
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
