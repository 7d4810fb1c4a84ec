import { ApiError } from '../../addin/src/api/client';
import {
  backoffDelay,
  OutboxStorageError,
  SubmissionQueue,
  type KeyValueStorage,
  type QueueEvent,
  type QueuedSubmission,
} from '../../addin/src/queue/submission-queue';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: async (k) => data.get(k) ?? null, setItem: async (k, v) => void data.set(k, v) };
}

const submission = (id: string) => ({
  submissionId: id,
  templateId: 'results',
  templateVersion: 1,
  unitId: 'PC06',
  periodId: '2022-Q3',
  values: { meetings_held: 1 },
  tables: {},
});
const receipt = (id: string) => ({
  submissionId: id,
  unitId: 'PC06',
  periodId: '2022-Q3',
  revision: 1,
  receivedAt: '2022-09-01T00:00:00Z',
  onTime: true,
});

function setup(
  send: (item: QueuedSubmission) => Promise<{ receipt: ReturnType<typeof receipt>; replayed: boolean }>,
  storage = memoryStorage(),
) {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void }[] = [];
  const events: QueueEvent[] = [];
  const queue = new SubmissionQueue({
    storage,
    send,
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
    random: () => 0.5,
    baseDelayMs: 1000,
    maxDelayMs: 8000,
  });
  queue.on((e) => events.push(e));
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await queue.flush();
  };
  return { queue, events, storage, advance, timers };
}

test('a network failure keeps the submission, persisted, and it is retried with backoff until delivered once', async () => {
  let calls = 0;
  let up = false;
  const { queue, events, storage, advance } = setup(async (item) => {
    calls++;
    if (!up) throw new ApiError(0, 'network', 'Không kết nối được máy chủ');
    return { receipt: receipt(item.submission.submissionId), replayed: false };
  });
  await queue.enqueue('c', submission('a'));
  expect(queue.pending()).toHaveLength(1);
  expect(JSON.parse(storage.data.get('nu-cuoi.outbox.v1')!)).toHaveLength(1);
  expect(events.filter((e) => e.kind === 'waiting')).toHaveLength(1);

  await advance(500); // not due yet
  expect(calls).toBe(1);
  await advance(600); // 1 s after the first failure
  expect(calls).toBe(2);
  up = true;
  await advance(2100); // the second delay is 2 s
  expect(calls).toBe(3);
  expect(queue.pending()).toHaveLength(0);
  expect(events.filter((e) => e.kind === 'delivered')).toHaveLength(1);
  expect(JSON.parse(storage.data.get('nu-cuoi.outbox.v1')!)).toEqual([]);
});

test('a 5xx is retried; a 4xx is shown, not retried', async () => {
  const answers = [
    new ApiError(503, 'storage_unavailable', 'bận'),
    new ApiError(400, 'invalid_submission', 'sai'),
  ];
  const { queue, events, advance } = setup(async () => {
    throw answers.shift()!;
  });
  await queue.enqueue('c', submission('b'));
  expect(queue.pending()).toHaveLength(1);
  await advance(1000);
  expect(queue.pending()).toHaveLength(0);
  expect(events.map((e) => e.kind).filter((k) => k !== 'changed')).toEqual(['waiting', 'rejected']);
});

test('what waits survives a restart of the task pane, and the same submission is never queued twice', async () => {
  const storage = memoryStorage();
  const first = setup(async () => {
    throw new ApiError(0, 'network', 'offline');
  }, storage);
  await first.queue.enqueue('c', submission('x'));
  await first.queue.enqueue('c', submission('x'));
  expect(first.queue.pending()).toHaveLength(1);
  first.queue.dispose();

  const delivered: string[] = [];
  const second = setup(async (item) => {
    delivered.push(item.submission.submissionId);
    return { receipt: receipt(item.submission.submissionId), replayed: true };
  }, storage);
  await second.queue.load();
  expect(second.queue.pending()).toHaveLength(1);
  await second.queue.flush(true);
  expect(delivered).toEqual(['x']);
  expect(second.queue.pending()).toHaveLength(0);
});

test('backoff doubles, is capped, and is jittered', () => {
  expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, 1000, 8000, () => 0.5))).toEqual([
    1000, 2000, 4000, 8000, 8000, 8000,
  ]);
  expect(backoffDelay(1, 1000, 8000, () => 0)).toBe(800);
  expect(backoffDelay(1, 1000, 8000, () => 1)).toBe(1200);
});

test('an expired token (401) keeps the submission for the next token; a new outbox delivers it', async () => {
  const storage = memoryStorage();
  const expired = setup(async () => {
    throw new ApiError(401, 'token_expired', 'Phiên đăng nhập đã hết hạn');
  }, storage);
  await expired.queue.enqueue('c', submission('m'));
  expect(expired.queue.pending()).toHaveLength(1);
  expect(expired.events.map((e) => e.kind)).toContain('waiting');
  expect(expired.events.map((e) => e.kind)).not.toContain('rejected');
  // The pane makes a new outbox for the new token and stops the old one from retrying.
  expired.queue.dispose();
  expect(expired.timers).toHaveLength(0);

  const renewed = setup(
    async (item) => ({ receipt: receipt(item.submission.submissionId), replayed: false }),
    storage,
  );
  await renewed.queue.flush(true); // the clerk's session sends what waits as it starts
  expect(renewed.events.filter((e) => e.kind === 'delivered')).toHaveLength(1);
  expect(renewed.queue.pending()).toHaveLength(0);
});

test('the outbox’s own storage failing is an OutboxStorageError; in the background, a “failed” event', async () => {
  let broken = true;
  const storage = memoryStorage();
  const flaky = {
    ...storage,
    getItem: (k: string) => storage.getItem(k),
    setItem: async (k: string, v: string) => {
      if (broken) throw new Error('QuotaExceededError');
      return storage.setItem(k, v);
    },
  };
  let up = false;
  const { queue, events, advance } = setup(async (item) => {
    if (!up) throw new ApiError(0, 'network', 'offline');
    return { receipt: receipt(item.submission.submissionId), replayed: false };
  }, flaky);
  // Submitting while the outbox cannot be written: the step fails with its own error, nothing is sent.
  await expect(queue.enqueue('c', submission('q'))).rejects.toBeInstanceOf(OutboxStorageError);

  broken = false;
  await queue.enqueue('c', submission('q'));
  expect(queue.pending()).toHaveLength(1); // the network failed: waiting

  // The timer's retry delivers, but cannot write the outbox: said as an event, not an unhandled rejection.
  broken = true;
  up = true;
  await advance(5000).catch(() => undefined);
  const failed = events.find((e) => e.kind === 'failed');
  expect(failed && failed.kind === 'failed' && failed.error).toBeInstanceOf(OutboxStorageError);
});
