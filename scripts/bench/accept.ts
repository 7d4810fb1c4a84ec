/**
 * The accept path: the store's accept against a bare submitTransaction of the same three entities,
 * sequentially and with 8 concurrent clients; and, for information, a resubmission without a hint and
 * a replayed submissionId.
 */
import type { TableClient } from '@azure/data-tables';
import { type Submission, validateSubmission } from '../../shared/src';
import { latestKey, partitionKeyOf, SubmissionStore } from '../../functions/src/storage/submission-store';
import { bareAcceptActions, type BareLatest } from './bare-accept';
import { newTable, type BenchContext, type FigureModule } from './context';
import { CAMPAIGN, langSonResults, META, realisticReport } from './realistic-report';
import { median, now, percentile } from './stats';

/**
 * The bare write: one submitTransaction of the same three entities, with the same actions the store sends
 * (create the latest row for a unit's first revision, else replace it under the ETag of the last write).
 */
class BareWriter {
  private readonly latest = new Map<string, BareLatest>();
  constructor(private readonly client: TableClient) {}
  async write(submission: Submission): Promise<void> {
    const { revision, actions } = bareAcceptActions(submission, this.latest.get(submission.unitId));
    const response = await this.client.submitTransaction(actions);
    this.latest.set(submission.unitId, { revision, etag: response.subResponses[0]!.etag! });
  }
}

/** Bytes of an entity's properties as sent (JSON), without its keys and etag. */
function entityBytes(row: Record<string, unknown>): number {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (['partitionKey', 'rowKey', 'etag', 'timestamp', 'writeToken', 'submissionId'].includes(k)) continue;
    copy[k] = v;
  }
  return Buffer.byteLength(JSON.stringify(copy), 'utf8');
}

async function run({ azurite: shared, quick, record }: BenchContext) {
  const azurite = shared();
  const runs = quick ? 60 : 200;
  const rounds = quick ? 2 : 5;
  const { template, units } = langSonResults();
  const sample = realisticReport(template, units[0]!, '2022-Q3', 0);
  const issues = validateSubmission(template, sample);
  if (issues.length) throw new Error(`the benchmark's report is not valid: ${JSON.stringify(issues)}`);
  const fieldCount = Object.keys(sample.values).length;
  const rows = Object.values(sample.tables ?? {}).reduce((n, t) => n + t.length, 0);

  // Sequential: one submission at a time, bare and store alternating run by run, after a warm-up.
  const storeClient = await newTable(azurite, 'benchstore');
  const bareClient = await newTable(azurite, 'benchbare');
  const store = new SubmissionStore(storeClient);
  const bare = new BareWriter(bareClient);
  const warmup = 20;
  const storeTimes: number[] = [];
  const bareTimes: number[] = [];
  let storeRequests = 0;
  storeClient.pipeline.addPolicy({
    name: 'countRequests',
    sendRequest: (request, next) => {
      storeRequests++;
      return next(request);
    },
  });
  for (let i = 0; i < warmup + runs; i++) {
    // 40 units, each submitting again and again: the first 40 are creates, the rest replace a latest row.
    const unit = units[i % units.length]!;
    const forBare = realisticReport(template, unit, '2022-Q3', i);
    const forStore = realisticReport(template, unit, '2022-Q3', i);
    let t = now();
    await bare.write(forBare);
    const b = now() - t;
    t = now();
    await store.accept(CAMPAIGN, forStore, META);
    const s = now() - t;
    if (i >= warmup) {
      bareTimes.push(b);
      storeTimes.push(s);
    }
    if (i === warmup - 1) storeRequests = 0;
  }
  // Same entities, same sizes: compare one stored row of each kind.
  const pk = partitionKeyOf(CAMPAIGN, '2022-Q3');
  const storeRow = await storeClient.getEntity<Record<string, unknown>>(pk, latestKey(units[0]!));
  const bareRow = await bareClient.getEntity<Record<string, unknown>>(pk, latestKey(units[0]!));
  const storeBytes = entityBytes(storeRow);
  const bareBytes = entityBytes(bareRow);
  if (Math.abs(storeBytes - bareBytes) > 0.02 * storeBytes)
    throw new Error(`baseline entities differ in size: store ${storeBytes} B, bare ${bareBytes} B`);

  const sMed = median(storeTimes);
  const bMed = median(bareTimes);
  record({
    figure: 'accept, per submission (median of sequential runs)',
    value: sMed,
    unit: 'ms',
    baseline: bMed,
    baselineOf: 'bare submitTransaction of the same 3 entities',
    bar: '≤ 1.5x',
    pass: sMed / bMed <= 1.5,
    detail: {
      runs,
      warmup,
      fields: fieldCount,
      tableRows: rows,
      latestRowBytes: storeBytes,
      storeP90: percentile(storeTimes, 90),
      bareP90: percentile(bareTimes, 90),
      requestsPerAccept: storeRequests / runs,
    },
  });

  // Throughput: 8 concurrent clients, each its own unit, one shared store (one function app instance).
  const clients = 8;
  const perClient = Math.max(5, Math.round(runs / clients));
  const storeRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const periodId = `2023-R${round}`;
    const unitsForRound = units.slice(0, clients);
    const bareWriter = new BareWriter(bareClient);
    let t = now();
    await Promise.all(
      unitsForRound.map(async (unit, c) => {
        for (let k = 0; k < perClient; k++)
          await bareWriter.write(realisticReport(template, unit, periodId, c * 1000 + k));
      }),
    );
    bareRates.push((clients * perClient) / ((now() - t) / 1000));
    t = now();
    await Promise.all(
      unitsForRound.map(async (unit, c) => {
        for (let k = 0; k < perClient; k++)
          await store.accept(CAMPAIGN, realisticReport(template, unit, periodId, c * 1000 + k), META);
      }),
    );
    storeRates.push((clients * perClient) / ((now() - t) / 1000));
  }
  const storeRate = median(storeRates);
  const bareRate = median(bareRates);
  record({
    figure: 'accept, 8 concurrent clients (time per submission)',
    value: 1000 / storeRate,
    unit: 'ms',
    baseline: 1000 / bareRate,
    baselineOf: '8 concurrent bare submitTransaction loops',
    bar: '≤ 1.5x',
    pass: bareRate / storeRate <= 1.5,
    detail: {
      clients,
      perClient,
      rounds,
      storeSubmissionsPerSecond: storeRate,
      bareSubmissionsPerSecond: bareRate,
    },
  });

  // For information: what a wrong guess costs (a unit last written by another instance, or a restart),
  // and a replay that reaches the store (the API answers most replays from the submissionId's claim before that).
  const coldTimes: number[] = [];
  const coldBare: number[] = [];
  const replayTimes: number[] = [];
  for (let i = 0; i < Math.min(runs, 60); i++) {
    const unit = units[i % units.length]!;
    let t = now();
    await bare.write(realisticReport(template, unit, '2022-Q3', 10_000 + i));
    coldBare.push(now() - t);
    const coldStore = new SubmissionStore(storeClient); // no hints: as after a restart
    const s = realisticReport(template, unit, '2022-Q3', 10_000 + i);
    t = now();
    // As the route does: one point read of the latest row (beside the claim there), then the transaction.
    const guess = await coldStore.guessLatest(CAMPAIGN, '2022-Q3', unit);
    await coldStore.accept(CAMPAIGN, s, { ...META, guess });
    coldTimes.push(now() - t);
    t = now();
    await store.accept(CAMPAIGN, s, META);
    replayTimes.push(now() - t);
  }
  record({
    figure: 'accept, resubmission with no hint (fresh instance; information)',
    value: median(coldTimes),
    unit: 'ms',
    baseline: median(coldBare),
    baselineOf: 'bare submitTransaction of the same 3 entities',
    bar: 'none',
    pass: null,
  });
  record({
    figure: 'accept, replayed submissionId (information)',
    value: median(replayTimes),
    unit: 'ms',
    baseline: median(coldBare),
    baselineOf: 'bare submitTransaction of the same 3 entities',
    bar: 'none',
    pass: null,
  });
}

export const acceptFigures: FigureModule = { name: 'accept', usesAzurite: true, run };
