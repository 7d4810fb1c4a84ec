/**
 * Storage throttling, stalls and lost answers, through a small proxy between the function app and
 * Azurite. Short outages are retried with backoff and succeed; a lasting one is answered 503 with
 * Retry-After in the contract's error shape — never 500 — and nothing acknowledged is ever lost.
 */
import { randomUUID } from 'node:crypto';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { rowsOf } from './support';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

const PERIOD = '2022-Q1';
let stack: ApiTestStack;
let clerk: string;
let reviewer: string;
let admin: string;
/** submissionId → revision, for every 2xx received in this file. */
const acknowledged = new Map<string, { unitId: string; revision: number }>();

beforeAll(async () => {
  stack = await startApiTestStack({
    proxy: true,
    // A stalled request is abandoned after 400 ms; the store retries twice with a short backoff.
    env: { STORAGE_TIMEOUT_MS: '400' },
    store: { unavailableRetries: 2, backoffMs: 2 },
  });
  clerk = await token('clerk', 'PC06');
  reviewer = await token('reviewer', 'PX03');
  admin = await token('admin');
}, 60_000);
afterAll(() => stack?.stop());

async function submit(body: ReturnType<typeof resultsReport>) {
  const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, { token: clerk, json: body });
  if (r.status === 200 || r.status === 201)
    acknowledged.set(body.submissionId, { unitId: body.unitId, revision: r.body.revision });
  return r;
}

function expectUnavailable(r: { status: number; headers: Headers; body: any }) {
  expect(r.status).toBe(503);
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(r.body).toEqual({ error: { code: 'storage_unavailable', message: expect.any(String) } });
}

test('a few throttled (503) storage answers are retried with backoff and the submission succeeds', async () => {
  const before = stack.proxy!.counts.throttle;
  stack.proxy!.next(3, 'throttle');
  const r = await submit(resultsReport('PC06', PERIOD));
  expect(r.status).toBe(201);
  expect(stack.proxy!.counts.throttle - before).toBe(3);
});

test('a stalled storage request times out and is retried; the submission succeeds', async () => {
  const before = stack.proxy!.counts.stall;
  stack.proxy!.next(1, 'stall');
  const r = await submit(resultsReport('PC06', PERIOD));
  expect(r.status).toBe(201);
  expect(stack.proxy!.counts.stall - before).toBe(1);
});

test('storage that does the write but loses the answer: the retry finds it, one copy, a 201', async () => {
  // The catalogue reads pass; the replay check passes; then the transaction's answer is lost, twice.
  const body = resultsReport('PC06', PERIOD);
  let requests = 0;
  stack.services.submissions.client.pipeline.addPolicy({
    name: 'loseTransactionAnswers',
    sendRequest: async (request, next) => {
      if (request.url.includes('$batch') && requests++ < 1) stack.proxy!.next(1, 'lose-response');
      return next(request);
    },
  });
  try {
    const r = await submit(body);
    expect(r.status).toBe(201);
    const rows = (await rowsOf(stack.table('submissions'))).filter(
      (x) => x.submissionId === body.submissionId,
    );
    // The report's three rows, and the submissionId's campaign-wide claim.
    expect(rows.map((x) => x.kind).sort()).toEqual(['claim', 'idem', 'latest', 'rev']);
  } finally {
    stack.services.submissions.client.pipeline.removePolicy({ name: 'loseTransactionAnswers' });
    stack.proxy!.set('pass');
  }
  expect(stack.proxy!.counts['lose-response']).toBeGreaterThanOrEqual(1);
});

test('lasting throttling: every endpoint answers 503 with Retry-After, never 500; health says degraded', async () => {
  const body = resultsReport('PC06', PERIOD);
  stack.proxy!.set('throttle');
  try {
    expectUnavailable(await submit(body));
    expectUnavailable(await call(stack.api, 'GET', '/campaigns', { token: clerk }));
    expectUnavailable(await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: clerk }));
    expectUnavailable(
      await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/submissions?periodId=${PERIOD}`, { token: clerk }),
    );
    expectUnavailable(
      await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup`, { token: reviewer }),
    );
    expectUnavailable(
      await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PC06/${PERIOD}/review`, {
        token: reviewer,
        json: { action: 'accept' },
      }),
    );
    const health = await call(stack.api, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', storage: 'unreachable' });
  } finally {
    stack.proxy!.set('pass');
  }
  // The client retries the same submissionId once storage is back: exactly one copy.
  const again = await submit(body);
  expect(again.status).toBe(201);
  expect((await submit(body)).status).toBe(200);
});

test('lasting stalls: 503 within the timeouts, and the retried submission is stored once', async () => {
  const body = resultsReport('PC06', PERIOD);
  stack.proxy!.set('stall');
  try {
    expectUnavailable(await submit(body));
    expectUnavailable(await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/templates`, { token: clerk }));
  } finally {
    stack.proxy!.set('pass');
  }
  expect((await submit(body)).status).toBe(201);
});

test('throttling in the middle of concurrent submissions: what was acknowledged is all there, once', async () => {
  const bodies = Array.from({ length: 24 }, () => ({
    ...resultsReport('PC06', PERIOD),
    submissionId: randomUUID(),
  }));
  let flips = 0;
  const chaos = setInterval(() => {
    // Alternate: throttle bursts, stalls, passes.
    const modes = ['throttle', 'pass', 'stall', 'pass'] as const;
    stack.proxy!.next(4, modes[flips++ % modes.length]!);
  }, 30);
  const statuses: number[] = [];
  try {
    await Promise.all(
      bodies.map(async (b) => {
        const r = await submit(b);
        statuses.push(r.status);
        if (r.status !== 201) expectUnavailable(r);
      }),
    );
  } finally {
    clearInterval(chaos);
    stack.proxy!.set('pass');
  }
  expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
  // Every client whose request failed retries with the same submissionId.
  for (const b of bodies) {
    if (acknowledged.has(b.submissionId)) continue;
    expect((await submit(b)).status).toBe(201);
  }
});

test('nothing acknowledged in this file was lost, none stored twice, revisions gap-free', async () => {
  const r = await call(
    stack.api,
    'GET',
    `/campaigns/${CAMPAIGN}/submissions/PC06/${PERIOD}/revisions?pageSize=100`,
    {
      token: admin,
    },
  );
  const revisions = r.body.revisions as { submissionId: string; revision: number }[];
  expect(revisions.map((x) => x.revision)).toEqual(revisions.map((_, i) => i + 1));
  for (const [submissionId, { revision }] of acknowledged) {
    const copies = revisions.filter((x) => x.submissionId === submissionId);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.revision).toBe(revision);
  }
  expect(revisions).toHaveLength(acknowledged.size);
});
