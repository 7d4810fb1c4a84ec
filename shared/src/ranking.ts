/**
 * The yearly ranking of an emulation campaign (bình xét thi đua; GET /api/campaigns/{c}/ranking): the
 * campaign's scoring scheme (`scoring` in campaign.json, schemas.ts) evaluated over one year. Pure: the
 * periods, the registry, the latest revisions and the reviewer's hand scores come in
 * (docs/architecture.md, "Scoring and ranking").
 *
 * Who is ranked: the units expected to report (`isExpectedToReport`) for at least one period of the year.
 * The periods counted are the year's periods due on or before `until` (all of them without it), so a
 * ranking drawn before the year's last deadline does not count a period still open as missed.
 *
 * Each criterion gives a score between 0 and its points:
 * - `timeliness`: points × (expected periods whose latest revision came on time) / (expected periods);
 * - `completeness`: points × (expected periods with a report, late or not) / (expected periods);
 * - `indicator`: the value of a numeric field over the unit's results reports of the year — the `sum` of
 *   every report, or the figure of the `latest` report (for figures counted from the start of the year);
 *   with `perHundredOf`, that value per hundred of the other field taken the same way (no value where the
 *   other field is 0 or missing). The value scores 0 at or below `lower`, all points at or above `upper`,
 *   linearly between. No value, no points;
 * - `manual`: the reviewer's hand score with its reason; 0 until scored.
 * Every report counts whatever its review state: a report returned for correction was still received.
 *
 * A unit's score is the sum of its criteria's scores. Units are ranked within their cluster (`cluster`,
 * else the unit's group): higher scores first, equal scores share a rank and the next rank skips
 * ("1, 1, 3"). Scores are rounded to two decimals before they are compared, so sums of fractions tie
 * as they read. The answer is ordered by cluster (as Vietnamese sorts it), then rank, then name.
 */
import type { FieldValue, LocalizedText, Period, Scoring, ScoringCriterion, Unit } from './schemas';
import { isExpectedToReport } from './units';

/** What the ranking needs of a unit's latest revision of a period. */
export interface RankingReport {
  onTime: boolean;
  values: Readonly<Record<string, FieldValue>>;
}

/** A reviewer's score of a manual criterion, with who, when and why. */
export interface HandScore {
  score: number;
  reason: string;
  by?: string;
  at?: string;
}

export interface RankingInput {
  scoring: Scoring;
  year: number;
  /** The campaign's periods (any years: only `year`'s are used). */
  periods: readonly Period[];
  units: readonly Unit[];
  /** The latest revision of each unit, by period id then unit id. */
  latest: ReadonlyMap<string, ReadonlyMap<string, RankingReport>>;
  /** Hand scores by unit id, then criterion id. */
  handScores?: ReadonlyMap<string, ReadonlyMap<string, HandScore>>;
  /** Count only periods due on or before this ISO date. */
  until?: string;
}

export interface CriterionScore {
  id: string;
  label: LocalizedText;
  kind: ScoringCriterion['kind'];
  points: number;
  score: number;
  /** `indicator`: the value scaled; `timeliness` / `completeness`: the share (0..1). */
  value?: number;
  /** `manual`: the reviewer's reason, who scored and when. */
  reason?: string;
  by?: string;
  at?: string;
}

export interface RankedUnit {
  unitId: string;
  name: string;
  cluster: string;
  score: number;
  rank: number;
  /** Periods of the year the unit was expected to report for, with a report, on time. */
  expected: number;
  reported: number;
  onTime: number;
  criteria: CriterionScore[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The cluster a unit is ranked in: its own, else its group. */
export function clusterOf(unit: Pick<Unit, 'cluster' | 'group'>): string {
  return unit.cluster ?? unit.group;
}

/** Linear from 0 points at `lower` to `points` at `upper`, clamped. */
export function scaleLinearly(value: number, lower: number, upper: number, points: number): number {
  if (value <= lower) return 0;
  if (value >= upper) return points;
  return (points * (value - lower)) / (upper - lower);
}

const numberOf = (v: FieldValue | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** The indicator's value over a unit's reports of the year, oldest first; undefined when there is none. */
function indicatorValue(
  criterion: Extract<ScoringCriterion, { kind: 'indicator' }>,
  reports: readonly RankingReport[],
): number | undefined {
  const take = (field: string): number | undefined => {
    const numbers = reports.map((r) => numberOf(r.values[field]));
    if (criterion.over === 'latest') {
      for (let i = numbers.length - 1; i >= 0; i--) if (numbers[i] !== undefined) return numbers[i];
      return undefined;
    }
    const present = numbers.filter((n): n is number => n !== undefined);
    return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
  };
  const value = take(criterion.field);
  if (value === undefined || criterion.perHundredOf === undefined) return value;
  const base = take(criterion.perHundredOf);
  return base === undefined || base === 0 ? undefined : (value * 100) / base;
}

/** Evaluates the scheme for one year and ranks the units per cluster (see the file's comment). */
export function computeRanking(input: RankingInput): RankedUnit[] {
  const periods = input.periods
    .filter((p) => p.year === input.year && (input.until === undefined || p.due <= input.until))
    .slice()
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const rows: RankedUnit[] = [];
  for (const unit of input.units) {
    const expectedPeriods = periods.filter((p) => isExpectedToReport(unit, p));
    if (expectedPeriods.length === 0) continue;
    let reported = 0;
    let onTime = 0;
    for (const p of expectedPeriods) {
      const report = input.latest.get(p.id)?.get(unit.id);
      if (report === undefined) continue;
      reported++;
      if (report.onTime) onTime++;
    }
    // Indicators read every results report of the year the unit sent, expected or not.
    const results = periods
      .filter((p) => p.templateKind === 'results')
      .map((p) => input.latest.get(p.id)?.get(unit.id))
      .filter((r): r is RankingReport => r !== undefined);
    const hand = input.handScores?.get(unit.id);
    const criteria = input.scoring.criteria.map((c): CriterionScore => {
      const base = { id: c.id, label: c.label, kind: c.kind, points: c.points };
      switch (c.kind) {
        case 'timeliness':
        case 'completeness': {
          const share = (c.kind === 'timeliness' ? onTime : reported) / expectedPeriods.length;
          return { ...base, score: round2(c.points * share), value: round2(share * 10000) / 10000 };
        }
        case 'indicator': {
          const value = indicatorValue(c, results);
          return value === undefined
            ? { ...base, score: 0 }
            : {
                ...base,
                score: round2(scaleLinearly(value, c.lower, c.upper, c.points)),
                value: round2(value),
              };
        }
        case 'manual': {
          const given = hand?.get(c.id);
          if (given === undefined) return { ...base, score: 0 };
          return {
            ...base,
            score: round2(Math.min(c.points, Math.max(0, given.score))),
            reason: given.reason,
            ...(given.by !== undefined ? { by: given.by } : {}),
            ...(given.at !== undefined ? { at: given.at } : {}),
          };
        }
      }
    });
    rows.push({
      unitId: unit.id,
      name: unit.name,
      cluster: clusterOf(unit),
      score: round2(criteria.reduce((sum, c) => sum + c.score, 0)),
      rank: 0,
      expected: expectedPeriods.length,
      reported,
      onTime,
      criteria,
    });
  }
  return rankWithinClusters(rows);
}

/** Competition ranking ("1, 1, 3") within each cluster; ordered by cluster, rank, then name. */
export function rankWithinClusters<T extends { cluster: string; score: number; name: string; rank: number }>(
  rows: readonly T[],
): T[] {
  const collator = new Intl.Collator('vi');
  const sorted = rows
    .slice()
    .sort(
      (a, b) =>
        collator.compare(a.cluster, b.cluster) || b.score - a.score || collator.compare(a.name, b.name),
    );
  const out: T[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    const rank =
      prev === undefined || prev.cluster !== row.cluster
        ? 1
        : prev.score === row.score
          ? prev.rank
          : i + 1 - out.findIndex((r) => r.cluster === row.cluster);
    out.push({ ...row, rank });
  });
  return out;
}
