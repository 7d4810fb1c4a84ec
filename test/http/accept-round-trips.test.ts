/**
 * Accepting a report makes one round trip to storage before its write (docs/architecture.md, "Accepting a
 * report"): the claim, the catalogue's stamp, the caller's user row and — without a hint — the unit's latest
 * row, in parallel; then the transaction. Seen at a proxy between the function app and Azurite: which
 * requests, and how many of them had to wait for another (round trips in sequence).
 */
import { createServices, setServices } from '../../functions/src/services';
import type { SeenRequest } from '../support/fault-proxy';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(60_000);

let stack: ApiTestStack;
beforeAll(async () => {
  stack = await startApiTestStack({ proxy: true });
});
afterAll(() => stack?.stop());

/** What a storage request is, from its method and path at the proxy. */
function kind(request: string): string {
  const [method, path] = request.split(' ') as [string, string];
  if (path.endsWith('/$batch')) return 'transaction';
  const entity = /\/(\w+)\(PartitionKey='([^']*)',RowKey='([^']*)'\)$/.exec(path);
  if (entity) {
    const [, table, partition, row] = entity;
    if (table === 'campaigns' && partition === 'stamps') return `${method} stamp`;
    if (table === 'submissions' && row!.startsWith('latest|')) return `${method} latest`;
    if (table === 'users') return `${method} user`;
    if (table === 'units' && row!.startsWith('u|')) return `${method} unit`;
    return `${method} ${table} ${partition!.split('|').pop()} ${row!.split('|')[0]}`;
  }
  const table = /\/(\w+)(\(\))?$/.exec(path)?.[1];
  if (method === 'POST' && table === 'submissions') return 'create claim';
  return `${method} ${table} query`;
}

/** The longest chain of requests each sent after the previous one was answered: round trips in sequence. */
function inSequence(requests: SeenRequest[]): number {
  const byStart = [...requests].sort((a, b) => a.start - b.start);
  const chain: number[] = [];
  byStart.forEach((r, i) => {
    chain[i] = 1 + Math.max(0, ...byStart.slice(0, i).map((p, j) => (p.end! <= r.start ? chain[j]! : 0)));
  });
  return Math.max(0, ...chain);
}

/** One submission: the storage requests it made, by kind and sorted, and how many were in sequence. */
async function submit(unitId: string, periodId = '2022-Q3') {
  const before = stack.proxy!.seen.length;
  const res = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', unitId),
    json: resultsReport(unitId, periodId),
  });
  expect(res.status).toBe(201);
  const seen = stack.proxy!.seen.slice(before);
  return { requests: seen.map((s) => kind(s.request)).sort(), roundTrips: inSequence(seen) };
}

/**
 * A function instance that has served nothing yet: no catalogue, user rows or latest-row hints in memory.
 * It checks the catalogue's stamp on every request unless `freshMs` says otherwise.
 */
async function freshInstance(freshMs = 0) {
  const services = await createServices({
    STORAGE_CONNECTION_STRING: stack.proxy!.connectionString,
    CATALOGUE_FRESH_MS: String(freshMs),
  });
  setServices(services);
  return services;
}

test('a warm instance: the stamp and the claim, then the transaction', async () => {
  await freshInstance();
  await submit('PC06');
  expect(await submit('PC06')).toEqual({
    requests: ['GET stamp', 'create claim', 'transaction'],
    roundTrips: 2,
  });
});

test('within CATALOGUE_FRESH_MS of a check, not even the stamp: the claim, then the transaction', async () => {
  await freshInstance(60_000);
  await submit('PC06');
  expect(await submit('PC06')).toEqual({ requests: ['create claim', 'transaction'], roundTrips: 2 });
});

test('a fresh instance reads the catalogue once, then only what a new unit adds', async () => {
  await submit('PC02'); // PC02 has a revision before the instance starts
  await freshInstance();
  // The first report on the instance: the stamp, then the campaign, its templates, the unit and the
  // period's lock; the claim, the user row and the latest row alongside the stamp.
  expect(await submit('PC02')).toEqual({
    requests: [
      'GET stamp',
      'GET campaigns campaigns lang-son-nu-cuoi-chien-si',
      'GET templates query',
      'GET unit',
      'GET submissions locks lock',
      'GET user',
      'create claim',
      'GET latest',
      'transaction',
    ].sort(),
    roundTrips: 3,
  });
  // Another unit's first report: its registry entry, its user row and its (absent) latest row, all beside
  // the stamp and the claim.
  expect(await submit('PC11')).toEqual({
    requests: ['GET stamp', 'GET unit', 'GET user', 'create claim', 'GET latest', 'transaction'].sort(),
    roundTrips: 2,
  });
  // Its resubmission knows all of them.
  expect(await submit('PC11')).toEqual({
    requests: ['GET stamp', 'create claim', 'transaction'],
    roundTrips: 2,
  });
});

test('an admin change on another instance is seen by the next report: a locked period refuses it', async () => {
  const clerkSide = await freshInstance();
  await submit('PC08', '2022-Q1');
  // The admin locks the period through another instance; this one still holds the catalogue in memory.
  setServices(await createServices({ STORAGE_CONNECTION_STRING: stack.proxy!.connectionString }));
  const lock = await call(stack.api, 'PUT', `/campaigns/${CAMPAIGN}/periods/2022-Q1/lock`, {
    token: await token('admin'),
    json: { locked: true, reason: 'Đã chốt số liệu quý' },
  });
  expect(lock.status).toBe(200);
  setServices(clerkSide);
  const res = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', 'PC08'),
    json: resultsReport('PC08', '2022-Q1'),
  });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('period_locked');
});

test('a refused caller learns nothing of a stored report, and leaves no claim behind', async () => {
  const report = resultsReport('PC06', '2022-Q3');
  const stored = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', 'PC06'),
    json: report,
  });
  expect(stored.status).toBe(201);
  // Another unit's clerk replays it: 403, not the receipt.
  const replay = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', 'PC08'),
    json: report,
  });
  expect(replay.status).toBe(403);
  // A new id sent for another unit: 403, and the id stays free for its own unit.
  const foreign = resultsReport('PC06', '2022-Q3');
  expect(
    (
      await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
        token: await token('clerk', 'PC08'),
        json: foreign,
      })
    ).status,
  ).toBe(403);
  const own = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', 'PC06'),
    json: foreign,
  });
  expect(own.status).toBe(201);
});
