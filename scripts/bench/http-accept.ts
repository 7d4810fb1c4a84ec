/**
 * What users wait for, over HTTP (issue 18, docs/benchmarks.md "Over HTTP"): per registry size (40, 1,000,
 * 10,000 units), a FRESH function-app instance — the compiled local host in a child process — against the
 * bench's Azurite, and beside it a bare host of the same kind (http-bare-child.cjs) whose handlers make only
 * the bare storage call. Measured in the same run, interleaved:
 *
 * - the realistic accept mix of a deadline week (http-mix.ts) at 1 and 8 clients, against the bare batch of the
 *   same three entities (a) from the bench process and (b) through the bare host — the bar: ≤ 1.5× (b);
 * - how many storage requests one accept makes, counted by a proxy between the hosts and Azurite
 *   (test/support/fault-proxy.ts, passing everything through; every baseline goes through it too);
 * - the roll-up JSON against a bare range scan of the same partition served by the bare host, and the summary
 *   workbook's time and the instance's peak extra memory against the JSON roll-up's;
 * - the cold start: spawn → first 200 on /api/health and → first accept, against the bare host.
 *
 * Registration goes through the API (http-registry.ts); a size the API cannot register is recorded as not
 * measured — a missed bar, not a silent skip. One idea — the HTTP figures of one instance per size — hence
 * the length.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { type Receipt, type Submission, type Template, type Unit } from '../../shared/src';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';
import type { Role } from '../../functions/src/auth/principal';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { saveCampaign } from '../../functions/src/catalog/campaign-writer';
import { publishTemplateIfMissing } from '../../functions/src/catalog/template-publisher';
import { createServices, tableClient, type Services } from '../../functions/src/services';
import {
  acceptRows,
  contentHashOf,
  packSubmission,
  partitionKeyOf,
} from '../../functions/src/storage/submission-store';
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy';
import type { Azurite } from '../lib/azurite';
import { builtApp } from './app-build';
import { bareAcceptActions, type BareLatest } from './bare-accept';
import type { BenchContext, FigureModule } from './context';
import type { FigureInput } from './figure';
import { startChildHost, type ChildHost } from './http-instance';
import { planMix, type MixKind, type MixOp } from './http-mix';
import { registerUnits, type Registration } from './http-registry';
import { CAMPAIGN, langSonResults, META, realisticReport, registryOf } from './realistic-report';
import { median, now, percentile, pool } from './stats';

const SIZES = [40, 1000, 10_000] as const;
/** The sizes whose accept figure is a bar (issue 18); 1,000 is recorded for the trend. */
const BARRED = new Set<number>([40, 10_000]);
const BAR = 1.5;
/** Periods of the Lạng Sơn calendar the mix reports for (all due before the district police ended). */
const MIX_PERIODS = [
  '2022-Q1',
  '2022-Q3',
  '2022-Y',
  '2023-Q1',
  '2023-H1',
  '2023-Q3',
  '2023-Y',
  '2024-Q1',
  '2024-H1',
  '2024-Q3',
  '2024-Y',
];
/** Every unit has reported for this period before the instance starts: the roll-up's period. */
const ROLLUP_PERIOD = '2022-H1';
const CLIENTS = 8;
const ROUNDS = 3;
/**
 * Time caps per phase (full run / --quick), so that the whole bench stays within minutes however slow the code
 * under test is: a phase stops early (after a minimum) once past its cap, and the figure says how many it ran.
 */
const CAP_MS = { oneClient: [15_000, 8_000], eightClients: [12_000, 6_000], rollup: [12_000, 6_000] };
const MIN_OPS_ONE_CLIENT = 20;

const authConfig = loadAuthConfig({});
const tokens = new Map<string, Promise<string>>();
function tokenFor(role: Role, unitId?: string): Promise<string> {
  const key = `${role}|${unitId ?? ''}`;
  let t = tokens.get(key);
  if (!t) {
    t = mintDevToken(authConfig, { role, ...(unitId ? { unitId } : {}), expiresIn: '2h' });
    tokens.set(key, t);
  }
  return t;
}

/**
 * The bare write: one submitTransaction of the same three entities the store writes, with the same actions
 * (create for a unit's first revision of a period, else an ETag-guarded replace), sent by `send`.
 */
class BareBatches {
  private readonly latest = new Map<string, BareLatest>();
  /** Writes of one unit's period are chained: the bare writer knows its ETags and never races itself. */
  private readonly writing = new Map<string, Promise<void>>();
  constructor(
    private readonly send: (actions: TransactionAction[], submission: Submission) => Promise<string>,
  ) {}
  write(submission: Submission): Promise<void> {
    const key = `${submission.unitId}|${submission.periodId}`;
    const next = (this.writing.get(key) ?? Promise.resolve()).then(() => this.writeNow(key, submission));
    this.writing.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }
  private async writeNow(key: string, submission: Submission): Promise<void> {
    const { revision, actions } = bareAcceptActions(submission, this.latest.get(key));
    this.latest.set(key, { revision, etag: await this.send(actions, submission) });
  }
}

/** A process's resident memory in MB (Linux: /proc/<pid>/status). */
function residentMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** Runs `work` while sampling the process's resident memory every 10 ms: its time and peak above the start. */
async function withPeakMemory<T>(pid: number, work: () => Promise<T>) {
  const beforeMb = residentMb(pid);
  let peakMb = beforeMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, residentMb(pid))), 10);
  const t = now();
  try {
    const value = await work();
    const ms = now() - t;
    peakMb = Math.max(peakMb, residentMb(pid));
    return { value, ms, beforeMb, extraMb: peakMb - beforeMb };
  } finally {
    clearInterval(sampler);
  }
}

async function expectStatus(res: Response, ok: number[], what: string): Promise<string> {
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return text;
}

/** Everything one size needs: its own tables (TABLE_PREFIX), its hosts, its clients. */
interface SizeRun {
  size: number;
  prefix: string;
  services: Services;
  units: Unit[];
  reporting: string[];
  template: Template;
}

async function prepareSize(azurite: Azurite, size: number): Promise<SizeRun> {
  const prefix = `hb${size}x${Date.now().toString(36)}`;
  const services = await createServices({
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: prefix,
  });
  const bundle = loadCampaignBundles().find((b) => b.campaign.id === CAMPAIGN)!;
  await saveCampaign(services, { campaign: bundle.campaign, units: bundle.units });
  for (const t of bundle.templates) await publishTemplateIfMissing(services, bundle.campaign, t);
  const units = registryOf(size, bundle.units);
  return {
    size,
    prefix,
    services,
    units,
    reporting: units.filter((u) => u.reports).map((u) => u.id),
    template: langSonResults().template,
  };
}

async function dropTables(azurite: Azurite, run: SizeRun) {
  const settings = { connectionString: azurite.connectionString, tablePrefix: '', maxBodyBytes: 0 };
  const names = [
    'campaigns',
    'units',
    'templates',
    'submissions',
    'users',
    'barehttp',
    'baredirect',
    'bareclaimed',
  ];
  for (const name of names.map((n) => `${run.prefix}${n}`))
    await tableClient(settings, name)
      .deleteTable()
      .catch(() => undefined);
}

/**
 * Stores reports as the store's accept does — its three rows (acceptRows), revision 1 — in transactions of up to
 * 100 rows per partition: the run's setup (reports sent before the instance started), not a measurement.
 * `latestOnly`: only each unit's `latest|` row, the one row a roll-up reads (Azurite slows down past ~10,000
 * large rows in one table: 10,000 units' three rows take over a minute to insert, their latest rows 6 s).
 */
async function seedReports(
  client: TableClient,
  reports: readonly Submission[],
  { latestOnly = false } = {},
): Promise<void> {
  const byPartition = new Map<string, TransactionAction[][]>();
  for (const s of reports) {
    const receipt: Receipt = {
      submissionId: s.submissionId,
      unitId: s.unitId,
      periodId: s.periodId,
      revision: 1,
      ...META,
    };
    const { latest, rev, idem } = acceptRows(CAMPAIGN, s, receipt, packSubmission(s), {
      reviewSeq: 0,
      writeToken: randomUUID(),
      contentHash: contentHashOf(s),
    });
    const batches = byPartition.get(String(latest.partitionKey)) ?? [[]];
    const rows: TransactionAction[] = latestOnly
      ? [['create', latest]]
      : [
          ['create', latest],
          ['create', rev],
          ['create', idem],
        ];
    if (batches.at(-1)!.length + rows.length > 100) batches.push([]);
    batches.at(-1)!.push(...rows);
    byPartition.set(String(latest.partitionKey), batches);
  }
  await pool([...byPartition.values()].flat(), 1, async (actions) => {
    await client.submitTransaction(actions);
  });
}

/** One accept over HTTP: its time, status and how many storage requests the proxy saw meanwhile. */
async function postSubmission(api: string, body: string, unitId: string) {
  const token = await tokenFor('clerk', unitId);
  const t = now();
  const res = await fetch(`${api}/campaigns/${CAMPAIGN}/submissions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  return { ms: now() - t, status: res.status };
}

/** Median and 95th percentile of latencies; at one client, also requests per second (1 / mean latency). */
function stats(xs: readonly number[]) {
  return { p50: median(xs), p95: percentile(xs, 95) };
}
const perSecond = (xs: readonly number[]) => 1000 / (xs.reduce((a, b) => a + b, 0) / xs.length);

interface SizeResult {
  healthMs: number;
  bareHealthMs: number;
}

async function measureSize(
  context: BenchContext,
  proxy: FaultProxy,
  run: SizeRun,
  build: string,
): Promise<SizeResult | undefined> {
  const { record, quick } = context;
  const { size } = run;
  const label = `${size.toLocaleString('en')} units`;
  const hostEnv = { STORAGE_CONNECTION_STRING: proxy.connectionString, TABLE_PREFIX: run.prefix };
  const localHost = path.join(build, 'functions/src/local-host.js');
  const admin = await tokenFor('admin');

  // Registration through the API, on an instance used for nothing else (so the measured one starts cold).
  const setup = await startChildHost('http-app-child.cjs', [localHost], hostEnv);
  let registration: Registration;
  try {
    registration = await registerUnits(setup.api, admin, CAMPAIGN, run.units);
  } finally {
    await setup.stop();
  }
  if (!registration.ok) {
    const why = `the API could not register ${label} (${registration.method} → ${registration.status} ${registration.code})`;
    const missing = (figure: string, barred: boolean, baselineOf: string): FigureInput => ({
      figure,
      value: NaN,
      unit: 'ms',
      baseline: null,
      baselineOf,
      bar: barred ? `≤ ${BAR}x` : 'none',
      pass: barred ? false : null,
      notMeasured: why,
      detail: { registration },
    });
    record(
      missing(
        `HTTP accept, realistic mix, 1 client, ${label} (p50)`,
        BARRED.has(size),
        'bare batch over HTTP',
      ),
    );
    record(
      missing(
        `HTTP accept, realistic mix, 8 clients, ${label} (time per accept)`,
        false,
        'bare batch over HTTP',
      ),
    );
    record(missing(`HTTP roll-up JSON, ${label}`, true, 'bare range scan over HTTP'));
    return undefined;
  }

  // The mix, and the reports "sent earlier in the week" (before this instance), stored through the store.
  const ops1 = quick ? 60 : 200;
  const perRound = quick ? 32 : 80;
  const ops8 = perRound * ROUNDS;
  const plan = planMix(run.reporting, MIX_PERIODS, ops1 + ops8, { replayDistance: CLIENTS * 2 });
  const seedStarted = now();
  // No request timeout: large transactions on a busy Azurite may take a while, and they are not timed.
  const seedClient = tableClient({ ...run.services.settings, storageTimeoutMs: 0 }, 'submissions');
  await seedReports(
    seedClient,
    plan.earlier.map((k, i) => realisticReport(run.template, k.unitId, k.periodId, 90_000 + i)),
  );
  // The roll-up's period: every reporting unit has reported.
  await seedReports(
    seedClient,
    run.reporting.map((unitId, i) => realisticReport(run.template, unitId, ROLLUP_PERIOD, i)),
    { latestOnly: true },
  );
  const seedMs = now() - seedStarted;
  for (const op of plan.ops) await tokenFor('clerk', op.unitId);

  // Baselines: a bare table per path, both through the proxy as the app's requests are.
  const bareHttpTable = `${run.prefix}barehttp`;
  const bareDirectTable = `${run.prefix}baredirect`;
  const bareClaimedTable = `${run.prefix}bareclaimed`;
  const viaProxy = { connectionString: proxy.connectionString, tablePrefix: '', maxBodyBytes: 0 };
  const direct: TableClient = tableClient(viaProxy, bareDirectTable);
  await direct.createTable();
  await tableClient(viaProxy, bareHttpTable).createTable();
  await tableClient(viaProxy, bareClaimedTable).createTable();

  // Cold start: the bare host, then the app's fresh instance, each spawned alone.
  const bareHost = await startChildHost('http-bare-child.cjs', [], {
    STORAGE_CONNECTION_STRING: proxy.connectionString,
    BARE_PING_TABLE: `${run.prefix}submissions`,
  });
  let app: ChildHost | undefined;
  try {
    await expectStatus(await fetch(`${bareHost.api}/health`), [200], 'bare health');
    const bareHealthMs = now() - bareHost.spawnedAt;
    const bareHttp = new BareBatches(async (actions) => {
      const res = await fetch(`${bareHost.api}/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ table: bareHttpTable, actions }),
      });
      return (JSON.parse(await expectStatus(res, [201], 'bare batch')) as { etag: string }).etag;
    });
    // The same writes the route makes, bare: the submissionId's claim row (create), then the batch — in that
    // order, as the guarantee needs (a reused id is refused before anything of the report is stored).
    const bareClaimed = new BareBatches(async (actions, submission) => {
      const claim = {
        partitionKey: `${CAMPAIGN}|ids`,
        rowKey: `idem|${submission.submissionId}`,
        kind: 'claim',
        submissionId: submission.submissionId,
        unitId: submission.unitId,
        periodId: submission.periodId,
        contentHash: contentHashOf(submission),
        claimedAt: META.receivedAt,
      };
      const res = await fetch(`${bareHost.api}/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ table: bareClaimedTable, actions, claim }),
      });
      return (JSON.parse(await expectStatus(res, [201], 'bare claim and batch')) as { etag: string }).etag;
    });
    const bareDirect = new BareBatches(
      async (actions) => (await direct.submitTransaction(actions)).subResponses[0]!.etag!,
    );
    const bodies: string[] = [];
    const submissionOf = (op: MixOp, i: number): Submission => {
      if (op.kind === 'replay') return JSON.parse(bodies[op.replayOf!]!) as Submission;
      return realisticReport(run.template, op.unitId, op.periodId, i);
    };
    const bareCopy = (s: Submission): Submission => ({ ...s, submissionId: randomUUID() });
    const first = realisticReport(run.template, plan.ops[0]!.unitId, plan.ops[0]!.periodId, 0);
    await bareHttp.write(bareCopy(first));
    const bareFirstMs = now() - bareHost.spawnedAt;

    app = await startChildHost('http-app-child.cjs', [localHost], hostEnv);
    await expectStatus(await fetch(`${app.api}/health`), [200], 'health');
    const healthMs = now() - app.spawnedAt;
    bodies[0] = JSON.stringify(first);
    const firstAccept = await postSubmission(app.api, bodies[0], first.unitId);
    if (firstAccept.status !== 201) throw new Error(`first accept: ${firstAccept.status}`);
    const firstMs = now() - app.spawnedAt;
    record({
      figure: `HTTP cold start, spawn → first accept, ${label}`,
      value: firstMs,
      unit: 'ms',
      baseline: bareFirstMs,
      baselineOf: 'the bare host: spawn → first 200 on /api/health → first bare batch',
      bar: 'none',
      pass: null,
      detail: { firstAcceptMs: firstAccept.ms, healthMs, bareHealthMs },
    });

    // 1 client: app, bare over HTTP, bare direct — in rotating order, one op at a time.
    const appTimes: number[] = [];
    const httpTimes: number[] = [];
    const directTimes: number[] = [];
    const claimedTimes: number[] = [];
    const byKind = new Map<MixKind, { ms: number[]; requests: number[] }>();
    const statuses: Record<string, number> = { 201: 1 };
    const cap1 = now() + CAP_MS.oneClient[quick ? 1 : 0]!;
    let done1 = 1;
    for (let i = 1; i < ops1 && (i < MIN_OPS_ONE_CLIENT || now() < cap1); i++, done1 = i) {
      const op = plan.ops[i]!;
      const submission = submissionOf(op, i);
      bodies[i] = JSON.stringify(submission);
      const steps: (() => Promise<void>)[] = [
        async () => {
          const before = proxy.counts.pass;
          const r = await postSubmission(app!.api, bodies[i]!, op.unitId);
          const requests = proxy.counts.pass - before;
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          appTimes.push(r.ms);
          const k = byKind.get(op.kind) ?? { ms: [], requests: [] };
          k.ms.push(r.ms);
          k.requests.push(requests);
          byKind.set(op.kind, k);
        },
        async () => {
          const t = now();
          await bareHttp.write(bareCopy(submission));
          httpTimes.push(now() - t);
        },
        async () => {
          const t = now();
          await bareDirect.write(bareCopy(submission));
          directTimes.push(now() - t);
        },
        async () => {
          const t = now();
          await bareClaimed.write(bareCopy(submission));
          claimedTimes.push(now() - t);
        },
      ];
      for (let s = 0; s < steps.length; s++) await steps[(i + s) % steps.length]!();
    }
    const a1 = stats(appTimes);
    const b1 = stats(httpTimes);
    const d1 = stats(directTimes);
    const c1 = stats(claimedTimes);
    const kinds = Object.fromEntries(
      [...byKind].map(([kind, k]) => [
        kind,
        {
          count: k.ms.length,
          p50: median(k.ms),
          storageRequests: k.requests.reduce((a, b) => a + b, 0) / k.requests.length,
        },
      ]),
    );
    const failed = Object.entries(statuses).filter(([s]) => !['200', '201'].includes(s));
    if (failed.length) throw new Error(`accepts over HTTP failed: ${JSON.stringify(statuses)}`);
    record({
      figure: `HTTP accept, realistic mix, 1 client, ${label} (p50)`,
      value: a1.p50,
      unit: 'ms',
      baseline: b1.p50,
      baselineOf: 'bare submitTransaction of the same 3 entities through a bare host of the same kind',
      bar: BARRED.has(size) ? `≤ ${BAR}x` : 'none (recorded: 1,000 units)',
      pass: BARRED.has(size) ? a1.p50 / b1.p50 <= BAR : null,
      detail: {
        ops: appTimes.length,
        plannedOps: ops1 - 1,
        p95: a1.p95,
        perSecond: perSecond(appTimes),
        bareHttp: { ...b1, perSecond: perSecond(httpTimes) },
        bareDirect: { ...d1, perSecond: perSecond(directTimes) },
        byKind: kinds,
        statuses,
        registration,
        seedMs,
      },
    });
    record({
      figure: `HTTP accept, realistic mix, 1 client, ${label}, against the same writes bare (information)`,
      value: a1.p50,
      unit: 'ms',
      baseline: c1.p50,
      baselineOf: 'the claim row created, then the same 3 entities in one transaction, through the bare host',
      bar: 'none',
      pass: null,
      detail: { bareClaimThenBatch: { ...c1, perSecond: perSecond(claimedTimes) } },
    });
    const allRequests = [...byKind.values()].flatMap((k) => k.requests);
    const meanRequests = allRequests.reduce((a, b) => a + b, 0) / allRequests.length;
    record({
      figure: `HTTP accept, storage requests per accept, ${label} (information)`,
      value: meanRequests,
      unit: 'requests',
      baseline: 1,
      baselineOf: 'the bare batch: one request',
      bar: 'none',
      pass: null,
      detail: { byKind: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.storageRequests])) },
    });

    // 8 clients: rounds of app, bare over HTTP, bare direct, each `perRound` ops of the same slice of the mix.
    const rates = { app: [] as number[], http: [] as number[], direct: [] as number[] };
    const lat = { app: [] as number[], http: [] as number[], direct: [] as number[] };
    const statuses8: Record<string, number> = {};
    const cap8 = now() + CAP_MS.eightClients[quick ? 1 : 0]!;
    let rounds = 0;
    for (let round = 0; round < ROUNDS && (round === 0 || now() < cap8); round++, rounds = round) {
      const from = done1 + round * perRound;
      const slice = plan.ops.slice(from, from + perRound).map((op, k) => ({ op, i: from + k }));
      for (const { op, i } of slice) bodies[i] = JSON.stringify(submissionOf(op, i));
      const timed = async (which: 'app' | 'http' | 'direct') => {
        const t0 = now();
        await pool(slice, CLIENTS, async ({ op, i }) => {
          const t = now();
          if (which === 'app') {
            const r = await postSubmission(app!.api, bodies[i]!, op.unitId);
            statuses8[r.status] = (statuses8[r.status] ?? 0) + 1;
          } else {
            const s = bareCopy(JSON.parse(bodies[i]!) as Submission);
            await (which === 'http' ? bareHttp : bareDirect).write(s);
          }
          lat[which].push(now() - t);
        });
        rates[which].push(slice.length / ((now() - t0) / 1000));
      };
      const order = (['app', 'http', 'direct'] as const).map((_, s, all) => all[(round + s) % 3]!);
      for (const which of order) await timed(which);
    }
    const failed8 = Object.entries(statuses8).filter(([s]) => !['200', '201'].includes(s));
    const failedShare = failed8.reduce((n, [, c]) => n + c, 0) / (perRound * rounds);
    if (failedShare > 0.05)
      throw new Error(`accepts over HTTP failed at 8 clients: ${JSON.stringify(statuses8)}`);
    const appRate = median(rates.app);
    const httpRate = median(rates.http);
    record({
      figure: `HTTP accept, realistic mix, 8 clients, ${label} (time per accept)`,
      value: 1000 / appRate,
      unit: 'ms',
      baseline: 1000 / httpRate,
      baselineOf: '8 clients of the bare batch through the bare host',
      bar: 'none',
      pass: null,
      detail: {
        clients: CLIENTS,
        rounds,
        plannedRounds: ROUNDS,
        perRound,
        perSecond: appRate,
        bareHttpPerSecond: httpRate,
        bareDirectPerSecond: median(rates.direct),
        latency: stats(lat.app),
        bareHttpLatency: stats(lat.http),
        bareDirectLatency: stats(lat.direct),
        statuses: statuses8,
      },
    });

    await measureRollupAndSummary(context, run, { app: app!, bareHost, admin });
    return { healthMs, bareHealthMs };
  } finally {
    await app?.stop();
    await bareHost.stop();
  }
}

/**
 * On the measured instance: the roll-up JSON against the bare range scan of the same latest rows, and the
 * summary workbook (`?format=xlsx`) — its time and the instance's peak extra memory — against the JSON roll-up.
 */
async function measureRollupAndSummary(
  { record, quick }: BenchContext,
  run: SizeRun,
  { app, bareHost, admin }: { app: ChildHost; bareHost: ChildHost; admin: string },
): Promise<void> {
  const { size } = run;
  const label = `${size.toLocaleString('en')} units`;
  // The roll-up JSON against the bare range scan of the latest rows of the same partition.
  const pk = partitionKeyOf(CAMPAIGN, ROLLUP_PERIOD);
  const scanQuery = new URLSearchParams({
    table: `${run.prefix}submissions`,
    pk,
    from: 'latest|',
    to: 'latest}',
  });
  // Like for like, the bar compares plain JSON with the bare host's plain JSON (`Accept-Encoding: identity`);
  // what a browser gets (gzip: it sends Accept-Encoding and the app compresses) is timed beside it.
  let rollupBytes = 0;
  let gzippedWireBytes = NaN;
  let scanBytes = 0;
  const rollupAs = async (encoding: 'identity' | 'gzip') => {
    const t = now();
    const res = await fetch(`${app!.api}/campaigns/${CAMPAIGN}/periods/${ROLLUP_PERIOD}/rollup`, {
      headers: { authorization: `Bearer ${admin}`, 'accept-encoding': encoding },
    });
    const text = await expectStatus(res, [200], 'roll-up');
    rollupBytes = Buffer.byteLength(text);
    if (encoding === 'gzip') gzippedWireBytes = Number(res.headers.get('content-length') ?? NaN);
    return now() - t;
  };
  const rollup = () => rollupAs('identity');
  const gzippedTimes: number[] = [];
  const scan = async () => {
    const t = now();
    const text = await expectStatus(await fetch(`${bareHost.api}/scan?${scanQuery}`), [200], 'bare scan');
    scanBytes = Buffer.byteLength(text);
    const rows = (JSON.parse(text) as unknown[]).length;
    if (rows !== run.reporting.length)
      throw new Error(`bare scan saw ${rows} rows, not ${run.reporting.length}`);
    return now() - t;
  };
  const firstRollupMs = await rollup(); // the instance's first roll-up (not in the median)
  await scan();
  const reps = size >= 10_000 ? (quick ? 2 : 3) : size >= 1000 ? (quick ? 3 : 6) : quick ? 6 : 15;
  const rollupTimes: number[] = [];
  const scanTimes: number[] = [];
  const capRollup = now() + CAP_MS.rollup[quick ? 1 : 0]!;
  for (let r = 0; r < reps && (r === 0 || now() < capRollup); r++) {
    if (r % 2) {
      rollupTimes.push(await rollup());
      scanTimes.push(await scan());
    } else {
      scanTimes.push(await scan());
      rollupTimes.push(await rollup());
    }
  }
  for (let r = 0; r < Math.min(3, rollupTimes.length); r++) gzippedTimes.push(await rollupAs('gzip'));
  const rMed = median(rollupTimes);
  const sMed = median(scanTimes);
  record({
    figure: `HTTP roll-up JSON, ${label}`,
    value: rMed,
    unit: 'ms',
    baseline: sMed,
    baselineOf: 'bare listEntities range scan of the same latest rows, answered as JSON by the bare host',
    bar: `≤ ${BAR}x`,
    pass: rMed / sMed <= BAR,
    detail: {
      reps: rollupTimes.length,
      plannedReps: reps,
      firstRollupMs,
      rollupBytes,
      scanBytes,
      gzipped: { medianMs: median(gzippedTimes), wireBytes: gzippedWireBytes, reps: gzippedTimes.length },
    },
  });

  // The summary workbook over HTTP: its time against the plain JSON roll-up's, and the instance's resident memory
  // above what it held before the request (worker thread included), against the same for the JSON roll-up.
  const rollupUrl = `${app.api}/campaigns/${CAMPAIGN}/periods/${ROLLUP_PERIOD}/rollup`;
  const headers = { authorization: `Bearer ${admin}`, 'accept-encoding': 'identity' };
  const workbook = await withPeakMemory(app.pid, async () => {
    const res = await fetch(`${rollupUrl}?format=xlsx`, { headers });
    if (res.status !== 200) throw new Error(`summary workbook: ${res.status} ${await res.text()}`);
    return (await res.arrayBuffer()).byteLength;
  });
  const json = await withPeakMemory(app.pid, async () =>
    Buffer.byteLength(await (await fetch(rollupUrl, { headers })).text()),
  );
  const barred = size >= 10_000;
  record({
    figure: `HTTP summary workbook, ${label}: time`,
    value: workbook.ms,
    unit: 'ms',
    baseline: json.ms,
    baselineOf: 'the same roll-up as plain JSON, from the same instance',
    bar: barred ? '≤ 5,000 ms' : 'none',
    pass: barred ? workbook.ms <= 5000 : null,
    detail: { workbookBytes: workbook.value, jsonBytes: json.value },
  });
  record({
    figure: `HTTP summary workbook, ${label}: peak extra memory of the instance`,
    value: workbook.extraMb,
    unit: 'MB',
    baseline: json.extraMb,
    baselineOf: 'the same roll-up as plain JSON, measured the same way',
    bar: barred ? '≤ 300 MB' : 'none',
    pass: barred ? workbook.extraMb <= 300 : null,
    detail: { residentBeforeMb: workbook.beforeMb, jsonResidentBeforeMb: json.beforeMb },
  });
}

async function run(context: BenchContext) {
  const azurite = context.azurite();
  const build = builtApp(context.outDir);
  const proxy = await startFaultProxy(azurite.port);
  const health: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      const sized = await prepareSize(azurite, size);
      try {
        const result = await measureSize(context, proxy, sized, build);
        if (result) health.push(result);
      } finally {
        // Free Azurite's memory before the next size.
        await dropTables(azurite, sized);
      }
    }
  } finally {
    await proxy.close();
  }
  if (health.length)
    context.record({
      figure: 'HTTP cold start, spawn → first 200 on /api/health',
      value: median(health.map((h) => h.healthMs)),
      unit: 'ms',
      baseline: median(health.map((h) => h.bareHealthMs)),
      baselineOf: 'a bare host (node:http, @azure/functions and @azure/data-tables loaded, one point read)',
      bar: 'none',
      pass: null,
      detail: { spawns: health.length, each: health },
    });
}

export const httpAcceptFigures: FigureModule = { name: 'http accept', usesAzurite: true, run };
