/**
 * The realistic accept mix of a deadline week (docs/benchmarks.md, "Accepting over HTTP"): which unit sends
 * what, for which period, in which order. Pure and seeded, so every run sends the same mix.
 *
 * - `first`: a unit's first report of a period;
 * - `resubmit-earlier`: a new report (new submissionId) of a unit whose earlier report of the period was sent
 *   before this instance started (another instance, or before a restart): the instance holds no hint for it
 *   (each such report is resent once this way; later resends of it are `resubmit-run`);
 * - `resubmit-run`: a new report of a unit that sent one earlier in this run;
 * - `replay`: the very same request sent again (same submissionId), as a client retrying after a lost answer.
 */

export type MixKind = 'first' | 'resubmit-earlier' | 'resubmit-run' | 'replay';

export interface MixOp {
  kind: MixKind;
  unitId: string;
  periodId: string;
  /** For a replay: the index of the op it repeats. */
  replayOf?: number;
}

export interface MixShares {
  first: number;
  resubmitEarlier: number;
  resubmitRun: number;
  replay: number;
}

/** ~60 % first reports, ~37 % resubmissions (half of reports sent before the instance started), ~3 % replays. */
export const DEADLINE_WEEK: MixShares = {
  first: 0.6,
  resubmitEarlier: 0.185,
  resubmitRun: 0.185,
  replay: 0.03,
};

export interface MixPlan {
  /** The (unit, period) reports to store before the instance starts: what `resubmit-earlier` resends. */
  earlier: { unitId: string; periodId: string }[];
  ops: MixOp[];
}

/** mulberry32: a small seeded generator (the mix must be the same run after run). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` ops over `units` × `periods`. A replay repeats an op at least `replayDistance` ops back (so that,
 * with that many clients, the original has been answered). Throws when the units and periods cannot give
 * that many first reports.
 */
export function planMix(
  units: readonly string[],
  periods: readonly string[],
  count: number,
  { shares = DEADLINE_WEEK, seed = 18, replayDistance = 16 } = {},
): MixPlan {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const keyOf = (unitId: string, periodId: string) => `${unitId}\u0000${periodId}`;
  const used = new Set<string>();
  /** A (unit, period) nobody has reported yet; a random probe first, then a scan. */
  const fresh = (): { unitId: string; periodId: string } => {
    for (let i = 0; i < 50; i++) {
      const unitId = pick(units);
      const periodId = pick(periods);
      if (!used.has(keyOf(unitId, periodId))) return { unitId, periodId };
    }
    for (const periodId of periods)
      for (const unitId of units) if (!used.has(keyOf(unitId, periodId))) return { unitId, periodId };
    throw new Error(
      `the mix needs more first reports than ${units.length} units × ${periods.length} periods`,
    );
  };
  const earlierCount = Math.max(1, Math.ceil(count * shares.resubmitEarlier * 1.2));
  const earlier = Array.from({ length: earlierCount }, () => {
    const k = fresh();
    used.add(keyOf(k.unitId, k.periodId));
    return k;
  });
  const untouched = [...earlier];
  const sentInRun: { unitId: string; periodId: string }[] = [];
  const ops: MixOp[] = [];
  const total = shares.first + shares.resubmitEarlier + shares.resubmitRun + shares.replay;
  for (let i = 0; i < count; i++) {
    const r = random() * total;
    let kind: MixKind =
      r < shares.first
        ? 'first'
        : r < shares.first + shares.resubmitEarlier
          ? 'resubmit-earlier'
          : r < shares.first + shares.resubmitEarlier + shares.resubmitRun
            ? 'resubmit-run'
            : 'replay';
    if (kind === 'replay' && i < replayDistance) kind = 'first';
    if (kind === 'resubmit-earlier' && untouched.length === 0) kind = 'resubmit-run';
    if (kind === 'resubmit-run' && sentInRun.length === 0) kind = 'first';
    if (kind === 'replay') {
      const replayOf = Math.floor(random() * (i - replayDistance + 1));
      const original = ops[replayOf]!;
      ops.push({ kind, unitId: original.unitId, periodId: original.periodId, replayOf });
      continue;
    }
    let k: { unitId: string; periodId: string };
    if (kind === 'first') {
      k = fresh();
      used.add(keyOf(k.unitId, k.periodId));
      sentInRun.push(k);
    } else if (kind === 'resubmit-earlier') {
      k = untouched.splice(Math.floor(random() * untouched.length), 1)[0]!;
      sentInRun.push(k);
    } else k = pick(sentInRun);
    ops.push({ kind, unitId: k.unitId, periodId: k.periodId });
  }
  return { earlier, ops };
}
