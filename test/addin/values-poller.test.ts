/**
 * The custom functions' poller on its own (addin/src/custom-functions/values-poller.ts), with a scripted
 * source: failures and new queries while a request is in flight. Against the real API: test/custom-functions/.
 */
import { ApiError } from '../../addin/src/api/client';
import { ValuesPoller, type ValuesSource } from '../../addin/src/custom-functions/values-poller';
import type { Problem, ValueAnswer, ValueQuery } from '../../shared/src';
import { ManualClock } from '../support/manual-clock';

const q = (period: string): ValueQuery => ({ fn: 'progress', period });

function listener() {
  const seen: (ValueAnswer | Problem)[] = [];
  return { seen, answer: (a: ValueAnswer) => seen.push(a), failure: (p: Problem) => seen.push(p) };
}

test('a failed poll tells the cells that have nothing yet, and waits a whole interval before the next', async () => {
  const clock = new ManualClock();
  let fail = true;
  const asked: number[] = [];
  const source: ValuesSource = async (qs) => {
    asked.push(clock.now());
    if (fail) throw new ApiError(0, 'network', 'offline');
    return { notModified: false, etag: '"1"', results: qs.map(() => ({ value: 1 })) };
  };
  const poller = new ValuesPoller(source, clock, { intervalMs: 1000, batchDelayMs: 10 });
  const cell = listener();
  poller.subscribe(q('2022-H1'), cell);
  const settle = () => poller.settled();
  await clock.advance(10, settle);
  expect(cell.seen).toEqual([{ code: 'functions_unreachable' }]);
  await clock.advance(999, settle);
  expect(asked).toEqual([10]);
  fail = false;
  await clock.advance(1, settle);
  expect(asked).toEqual([10, 1010]);
  expect(cell.seen[1]).toEqual({ value: 1 });
});

test('a query subscribed while a request is in flight goes in the next batch, soon', async () => {
  const clock = new ManualClock();
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const source: ValuesSource = (qs) => {
    batches.push(qs.map((x) => x.period));
    return new Promise((resolve) =>
      pending.push(() => resolve({ notModified: false, results: qs.map(() => ({ value: 2 })) })),
    );
  };
  const poller = new ValuesPoller(source, clock, { intervalMs: 1000, batchDelayMs: 10 });
  poller.subscribe(q('2022-H1'), listener());
  await clock.advance(10); // the first request leaves and waits
  const late = listener();
  poller.subscribe(q('2022-Y'), late);
  pending.shift()!();
  await poller.settled();
  expect(late.seen).toEqual([]);
  await clock.advance(10);
  pending.shift()!();
  await poller.settled();
  expect(batches).toEqual([['2022-H1'], ['2022-H1', '2022-Y']]);
  expect(late.seen).toEqual([{ value: 2 }]);
});
