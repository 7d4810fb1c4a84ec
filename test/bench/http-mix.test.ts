/** The realistic accept mix of the HTTP bench (scripts/bench/http-mix.ts): what it sends, not how fast. */
import { DEADLINE_WEEK, planMix } from '../../scripts/bench/http-mix';

const units = Array.from({ length: 40 }, (_, i) => `U${i}`);
const periods = ['2023-Q1', '2023-H1', '2023-Q3', '2023-Y', '2024-Q1', '2024-H1', '2024-Q3', '2024-Y'];
const key = (o: { unitId: string; periodId: string }) => `${o.unitId}|${o.periodId}`;

test('the mix is a deadline week: ~60 % first reports, ~37 % resubmissions, a few replays', () => {
  const { ops } = planMix(units, periods, 300);
  const share = (kind: string) => ops.filter((o) => o.kind === kind).length / ops.length;
  expect(share('first')).toBeGreaterThan(DEADLINE_WEEK.first - 0.08);
  expect(share('first')).toBeLessThan(DEADLINE_WEEK.first + 0.08);
  expect(share('resubmit-earlier') + share('resubmit-run')).toBeGreaterThan(0.27);
  expect(share('resubmit-earlier')).toBeGreaterThan(0.1);
  expect(share('resubmit-run')).toBeGreaterThan(0.1);
  expect(share('replay')).toBeGreaterThan(0);
  expect(share('replay')).toBeLessThan(0.08);
});

test('first reports are first: never reported before the run nor earlier in it', () => {
  const { earlier, ops } = planMix(units, periods, 300);
  const seen = new Set(earlier.map(key));
  for (const op of ops) {
    if (op.kind === 'first') expect(seen.has(key(op))).toBe(false);
    else expect(seen.has(key(op))).toBe(true);
    seen.add(key(op));
  }
});

test('a resubmission of an earlier report is the first resend of that report in the run (no hint)', () => {
  const { earlier, ops } = planMix(units, periods, 300);
  const resent = ops.filter((o) => o.kind === 'resubmit-earlier').map(key);
  expect(new Set(resent).size).toBe(resent.length);
  const before = new Set(earlier.map(key));
  for (const k of resent) expect(before.has(k)).toBe(true);
  // ...and nothing sent earlier in the run had that (unit, period).
  ops.forEach((op, i) => {
    if (op.kind !== 'resubmit-earlier') return;
    expect(ops.slice(0, i).some((o) => key(o) === key(op))).toBe(false);
  });
});

test('a replay repeats an op far enough back that it has been answered', () => {
  const { ops } = planMix(units, periods, 300, { replayDistance: 16 });
  const replays = ops.map((op, i) => ({ op, i })).filter(({ op }) => op.kind === 'replay');
  expect(replays.length).toBeGreaterThan(0);
  for (const { op, i } of replays) {
    expect(i - op.replayOf!).toBeGreaterThanOrEqual(16);
    const original = ops[op.replayOf!]!;
    expect(original.kind).not.toBe('replay');
    expect(key(original)).toBe(key(op));
  }
});

test('the same seed gives the same mix; too few units and periods for the first reports is refused', () => {
  expect(planMix(units, periods, 120)).toEqual(planMix(units, periods, 120));
  expect(planMix(units, periods, 120, { seed: 7 })).not.toEqual(planMix(units, periods, 120));
  expect(() => planMix(['U1', 'U2'], ['2023-Q1'], 50)).toThrow(/more first reports/);
});
