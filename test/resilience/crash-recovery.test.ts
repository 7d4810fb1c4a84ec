/**
 * Storage crashes in the middle of a load of concurrent submissions (DESIGN §8: no data lost).
 *
 * Azurite keeps its tables on disk (a temp dir) and is killed with SIGKILL while 8 clients submit
 * through the local host, then restarted on the same port and location. Every submission that got a
 * 2xx must be there with the revision its receipt named; clients that got an error retry with the
 * same submissionId until they get a 2xx, and end with exactly one stored copy each.
 *
 * Azurite runs with write-through persistence (startAzurite({ durable: true })): stock Azurite saves
 * its file every 5 s and would lose what it acknowledged in between — see docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { rowsOf, sleep } from './support';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(180_000);

const PERIOD = '2022-Q3';
const CLIENTS = 8;
const PER_CLIENT = 8;

let stack: ApiTestStack;

beforeAll(async () => {
  // Short storage retries so that an outage reaches the clients as 503s instead of being absorbed.
  stack = await startApiTestStack({ onDisk: true, store: { unavailableRetries: 1, backoffMs: 5 } });
}, 60_000);
afterAll(() => stack?.stop());

interface Outcome {
  unitId: string;
  submissionId: string;
  attempts: number;
  statuses: (number | 'network')[];
  receipt?: { revision: number; submissionId: string };
}

test('SIGKILL of storage mid-load: every acknowledged submission survives, retries store one copy each', async () => {
  const units = loadCampaignBundles()
    .find((b) => b.campaign.id === CAMPAIGN)!
    .units.filter((u) => u.reports)
    .map((u) => u.id)
    .slice(0, CLIENTS / 2); // two clients per unit: concurrent writers for one unit, too
  const tokens = new Map<string, string>();
  for (const u of units) tokens.set(u, await token('clerk', u));
  const admin = await token('admin');

  const outcomes: Outcome[] = [];
  const unexpected: unknown[] = [];
  let acknowledged = 0;
  const deadline = Date.now() + 120_000;

  const client = async (c: number) => {
    const unitId = units[c % units.length]!;
    for (let k = 0; k < PER_CLIENT; k++) {
      const body = { ...resultsReport(unitId, PERIOD, { meetings_held: k + 1 }), submissionId: randomUUID() };
      const outcome: Outcome = { unitId, submissionId: body.submissionId, attempts: 0, statuses: [] };
      outcomes.push(outcome);
      // Retry with the same submissionId until a 2xx, as the add-in's outbox does.
      for (let backoff = 50; !outcome.receipt; backoff = Math.min(backoff * 2, 800)) {
        if (Date.now() > deadline) throw new Error(`client ${c} gave up on ${body.submissionId}`);
        outcome.attempts++;
        try {
          const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
            token: tokens.get(unitId)!,
            json: body,
          });
          outcome.statuses.push(r.status);
          if (r.status === 200 || r.status === 201) {
            outcome.receipt = r.body;
            acknowledged++;
            continue;
          }
          // Storage unavailable: 503 with Retry-After; never a 500, never a 4xx for a good body.
          const retryAfter = r.headers.get('retry-after');
          if (r.status !== 503 || !retryAfter || r.body?.error?.code !== 'storage_unavailable')
            unexpected.push({ status: r.status, retryAfter, body: r.body });
        } catch {
          outcome.statuses.push('network');
        }
        await sleep(backoff);
      }
    }
  };

  // Kill storage once the load is well under way, keep it down long enough for clients to see errors.
  const chaos = async () => {
    while (acknowledged < CLIENTS * 2) await sleep(10);
    await stack.crash();
    await sleep(3000);
    await stack.restart();
  };

  await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), chaos()]);

  expect(unexpected).toEqual([]);
  const retried = outcomes.filter((o) => o.attempts > 1);
  expect(outcomes).toHaveLength(CLIENTS * PER_CLIENT);
  expect(retried.length).toBeGreaterThan(0); // the crash did hit requests in flight

  // Every acknowledged submission is there, with the revision its receipt named.
  for (const unitId of units) {
    const r = await call(
      stack.api,
      'GET',
      `/campaigns/${CAMPAIGN}/submissions/${unitId}/${PERIOD}/revisions?pageSize=100`,
      {
        token: admin,
      },
    );
    expect(r.status).toBe(200);
    const stored = r.body.revisions as { submissionId: string; revision: number }[];
    const mine = outcomes.filter((o) => o.unitId === unitId);
    // Gap-free, one revision per submission, each the one its receipt named.
    expect(stored.map((s) => s.revision)).toEqual(mine.map((_, i) => i + 1));
    for (const o of mine) {
      const copies = stored.filter((s) => s.submissionId === o.submissionId);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.revision).toBe(o.receipt!.revision);
    }
  }

  // And in the table itself: one idem row and one rev row per submission, nothing else.
  const rows = await rowsOf(stack.table('submissions'));
  const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
  expect(count('idem')).toBe(outcomes.length);
  expect(count('rev')).toBe(outcomes.length);
  expect(count('latest')).toBe(units.length);
  expect(new Set(rows.filter((r) => r.kind === 'rev').map((r) => r.submissionId)).size).toBe(outcomes.length);

  const health = await call(stack.api, 'GET', '/health');
  expect(health.body).toMatchObject({ status: 'ok' });
});
