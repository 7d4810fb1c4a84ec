/**
 * The summary export at 10,000 units × 60 fields (docs/benchmarks.md, "Summary export"): the workbook
 * built by the export worker with the streaming writer (functions/src/workbook/summary-export.ts),
 * its time and peak extra memory against the same roll-up serialised as JSON (what the route
 * answers without `?format=xlsx`) measured the same way; and the latency of accepts over HTTP on
 * the same instance while an export is built, against the same accepts with no export.
 *
 * Memory is the peak of this process's resident memory (the main thread and the export worker)
 * above what it was just before, after a full GC, sampled every millisecond. The export is started
 * in process from the roll-up's inputs for generated reports (test/support/large-rollup.ts), as the route
 * hands them to the worker; the same through `GET …/rollup?format=xlsx`, with reading the reports and the
 * realistic Lạng Sơn report, is the HTTP bench's figure (http-accept.ts). Accepts are the Lạng Sơn results
 * report posted as JSON to the local host (Azurite, this process), one at a time, each a new submission.
 */
import { randomUUID } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';
import { exportSummaryWorkbook, stopSummaryExportWorker } from '../../functions/src/workbook/summary-export';
import { computeRollup, type RollupInput, type SummaryContext } from '../../shared/src';
import { largeRollup } from '../../test/support/large-rollup';
import { startLocalStack } from '../lib/local-stack';
import type { BenchContext, FigureModule } from './context';
import { CAMPAIGN, langSonResults, LOAD_TEST_CAMPAIGN, realisticReport } from './realistic-report';
import { median, now, percentile } from './stats';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The roll-up's inputs for N units × 60 fields: what the route hands the export worker. */
function inputOf(units: number): RollupInput {
  const { template, registry, period, submissions } = largeRollup(units, 60);
  return { campaignId: 'large', period, templates: [template], units: registry, submissions };
}

const context = (input: RollupInput): SummaryContext => ({
  campaign: LOAD_TEST_CAMPAIGN,
  period: input.period,
  generatedAt: '2022-06-20T03:00:00Z',
});

/** Wall time and peak extra resident memory of `work`. */
async function measured<T>(work: () => Promise<T>) {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
  const t = now();
  const result = await work();
  const ms = now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, extraMB: (peak - before) / 1e6 };
}

async function run({ quick, record }: BenchContext) {
  const UNITS = quick ? 1000 : 10_000;
  const size = UNITS.toLocaleString('en');
  const input = inputOf(UNITS);
  const small = inputOf(40);
  /** A fresh worker, warm (its first export loads the writer's code): what it keeps of an earlier export is not counted as free. */
  const freshWorker = async () => {
    await stopSummaryExportWorker();
    await exportSummaryWorkbook(small, context(small), { now: new Date() });
  };

  const reps = quick ? 1 : 3;
  const exports = [];
  const jsons = [];
  for (let i = 0; i < reps; i++) {
    jsons.push(await measured(async () => Buffer.from(JSON.stringify(computeRollup(input)), 'utf8').length));
    await freshWorker();
    exports.push(await measured(() => exportSummaryWorkbook(input, context(input), { now: new Date() })));
  }
  const time = median(exports.map((e) => e.ms));
  const memory = Math.max(...exports.map((e) => e.extraMB));
  const jsonTime = median(jsons.map((e) => e.ms));
  const jsonMemory = Math.max(...jsons.map((e) => e.extraMB));
  const detail = {
    reps,
    workbookMB: exports[0]!.result.length / 1e6,
    jsonMB: jsons[0]!.result / 1e6,
    timesMs: exports.map((e) => Math.round(e.ms)),
    extraMBs: exports.map((e) => Math.round(e.extraMB)),
  };
  record({
    figure: `summary export, ${size} units x 60 fields: time`,
    value: time,
    unit: 'ms',
    baseline: jsonTime,
    baselineOf: 'computeRollup and JSON.stringify of the same reports (the route’s JSON answer)',
    bar: '≤ 5,000 ms',
    pass: time <= 5000,
    detail,
  });
  record({
    figure: `summary export, ${size} units x 60 fields: peak extra memory`,
    value: memory,
    unit: 'MB',
    baseline: jsonMemory,
    baselineOf: 'computeRollup and JSON.stringify of the same reports, measured the same way',
    bar: '≤ 300 MB',
    pass: memory <= 300,
    detail,
  });

  // Accepts over HTTP on the same instance, with and without an export being built.
  const stack = await startLocalStack({ port: 0, env: {}, log: () => undefined });
  try {
    const { template, units } = langSonResults();
    const token = await mintDevToken(loadAuthConfig({}), { role: 'admin', expiresIn: '1h' });
    let i = 0;
    const accept = async () => {
      const report = {
        ...realisticReport(template, units[i % units.length]!, '2022-Q3', i),
        submissionId: randomUUID(),
      };
      i++;
      const t = now();
      const res = await fetch(`${stack.host.url}/campaigns/${CAMPAIGN}/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(report),
      });
      await res.arrayBuffer();
      if (res.status !== 201 && res.status !== 200) throw new Error(`accept: ${res.status}`);
      return now() - t;
    };
    for (let k = 0; k < 20; k++) await accept(); // warm the route and its caches
    const idle: number[] = [];
    const during: number[] = [];
    const exportMs: number[] = [];
    for (let k = 0; k < reps; k++) {
      // Without an export: as many accepts as fit in the export's time.
      const until = now() + time;
      while (now() < until) idle.push(await accept());
      let done = false;
      const started = now();
      const building = exportSummaryWorkbook(input, context(input), { now: new Date() }).finally(() => {
        done = true;
        exportMs.push(now() - started);
      });
      while (!done) during.push(await accept());
      await building;
    }
    const p50 = median(during);
    const p50Idle = median(idle);
    record({
      figure: `accept over HTTP during a ${size}-unit summary export: p50`,
      value: p50,
      unit: 'ms',
      baseline: p50Idle,
      baselineOf: 'the same accepts on the same instance with no export',
      bar: '≤ 1.5x',
      pass: p50 / p50Idle <= 1.5,
      detail: {
        accepts: during.length,
        acceptsIdle: idle.length,
        p95: percentile(during, 95),
        p95Idle: percentile(idle, 95),
        max: Math.max(...during),
        maxIdle: Math.max(...idle),
        // The export's worker runs at low priority: with accepts arriving back to back it takes longer.
        exportMsWhileAccepting: exportMs.map(Math.round),
      },
    });
  } finally {
    await stack.stop();
  }
}

export const summaryExportFigures: FigureModule = { name: 'summary export', usesAzurite: false, run };
