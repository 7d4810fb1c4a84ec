/**
 * Hints from history, not blocks (docs/architecture.md, "Domain": history hints): each numeric field of a
 * report is compared with the unit's own history — the same period last year and the last periods of the same
 * kind — and a value far outside it is flagged. A flag never refuses a report: the clerk may submit anyway with
 * an explanation, and the reviewer sees the flag in the queue. Pure: the history comes in, the flags go out.
 *
 * The test, per field, over the history's values x₁…xₙ of that field (n ≥ 1; no history → no flag):
 * 1. a value within [min, max] of the history is never flagged (the unit has reported such a value before);
 * 2. with n ≥ `minPoints` and a median absolute deviation MAD > 0: the modified z-score
 *    Mᵢ = 0.6745 (v − median) / MAD (Iglewicz & Hoaglin, "How to Detect and Handle Outliers", 1993) flags
 *    |M| > `zThreshold` (3.5, their recommendation);
 * 3. otherwise (few points, or MAD = 0 because most of the history is one value): the range test, flagging a
 *    value below min − d or above max + d, d = max(`relativeMargin` × max(|min|, |max|), the absolute margin);
 * and in every case only when |v − median| exceeds the absolute margin (`absoluteMargin`, or
 * `percentAbsoluteMargin` for percent fields), so that 3 meetings after a history of 1s is not "unusual".
 */
import { problem, type Problem } from './i18n/problem';
import type { FieldValue, Period, Template } from './schemas';
import { activeFields } from './template';

/** The campaign's thresholds (CampaignSchema `hints`); every one has a default. */
export interface HintSettings {
  /** false: no hints at all. */
  enabled: boolean;
  /** How many earlier periods of the same kind are history (besides the same period last year). */
  lastPeriods: number;
  /** The modified z-score is used from this many history points on; below, the range test. */
  minPoints: number;
  /** |modified z-score| above this is unusual (Iglewicz & Hoaglin recommend 3.5). */
  zThreshold: number;
  /** The range test's margin, relative to the larger magnitude of the history's min and max. */
  relativeMargin: number;
  /** A difference from the typical value this small is never unusual (integer and decimal fields). */
  absoluteMargin: number;
  /** The same for percent fields (values are fractions: 0.05 is 5 points). */
  percentAbsoluteMargin: number;
}

export const DEFAULT_HINT_SETTINGS: HintSettings = {
  enabled: true,
  lastPeriods: 4,
  minPoints: 5,
  zThreshold: 3.5,
  relativeMargin: 0.5,
  absoluteMargin: 2,
  percentAbsoluteMargin: 0.05,
};

/** The settings with the campaign's overrides. */
export function hintSettingsOf(overrides?: Partial<HintSettings>): HintSettings {
  return { ...DEFAULT_HINT_SETTINGS, ...(overrides ?? {}) };
}

/** 0.6745 is the 0.75 quantile of the standard normal: E[MAD] = 0.6745 σ for normal data. */
const MAD_SCALE = 0.6745;

/** One earlier report of the unit: which period, and its values. */
export interface HistoryPoint {
  periodId: string;
  values: Readonly<Record<string, FieldValue>>;
}

export type HintCode = 'value_unusually_high' | 'value_unusually_low';

/** A flag: a problem of code {@link HintCode} on `key`, with the value, the typical value and how it was judged. */
export type HistoryFlag = Problem & { code: HintCode; key: string };

/**
 * The periods whose reports are a period's history: the same slot one year earlier and the last
 * `lastPeriods` periods of the same kind due before it (no duplicates), oldest first.
 */
export function historyPeriodsOf(
  period: Pick<Period, 'id' | 'kind' | 'slot' | 'year' | 'due'>,
  periods: readonly Period[],
  lastPeriods: number = DEFAULT_HINT_SETTINGS.lastPeriods,
): Period[] {
  const earlier = periods.filter((p) => p.kind === period.kind && p.due < period.due && p.id !== period.id);
  const recent = [...earlier].sort((a, b) => (a.due < b.due ? -1 : 1)).slice(-Math.max(0, lastPeriods));
  const lastYear = periods.find((p) => p.slot === period.slot && p.year === period.year - 1);
  const chosen = new Map<string, Period>();
  for (const p of [...(lastYear ? [lastYear] : []), ...recent]) chosen.set(p.id, p);
  return [...chosen.values()].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** How one value compares with its history; undefined when it is not unusual (or there is no history). */
export function judgeValue(
  value: number,
  history: readonly number[],
  settings: HintSettings,
  kind: 'number' | 'percent' = 'number',
): { direction: 'high' | 'low'; typical: number; method: 'mad' | 'range'; score?: number } | undefined {
  const xs = history.filter((x) => Number.isFinite(x));
  if (xs.length === 0 || !Number.isFinite(value)) return undefined;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (value >= lo && value <= hi) return undefined;
  const typical = median(xs);
  const floor = kind === 'percent' ? settings.percentAbsoluteMargin : settings.absoluteMargin;
  if (Math.abs(value - typical) <= floor) return undefined;
  const direction = value > typical ? 'high' : 'low';
  const mad = median(xs.map((x) => Math.abs(x - typical)));
  if (xs.length >= settings.minPoints && mad > 0) {
    const score = (MAD_SCALE * (value - typical)) / mad;
    return Math.abs(score) > settings.zThreshold
      ? { direction, typical, method: 'mad', score: Math.round(score * 10) / 10 }
      : undefined;
  }
  const margin = Math.max(settings.relativeMargin * Math.max(Math.abs(lo), Math.abs(hi)), floor);
  if (value > hi + margin || value < lo - margin) return { direction, typical, method: 'range' };
  return undefined;
}

/** A typical value as shown: whole for integer fields, else to two decimals (a fraction for percent). */
function shown(typical: number, type: 'integer' | 'decimal' | 'percent'): number {
  if (type === 'integer') return Math.round(typical);
  if (type === 'percent') return Math.round(typical * 10_000) / 10_000;
  return Math.round(typical * 100) / 100;
}

/**
 * The flags of a report's values against the unit's history: one per numeric field (integer, decimal, percent)
 * of the template whose value is unusual. Fields without a number, and fields no history point has a number
 * for, are not flagged.
 */
export function historyHints(
  template: Template,
  values: Readonly<Record<string, FieldValue>>,
  history: readonly HistoryPoint[],
  settings: HintSettings = DEFAULT_HINT_SETTINGS,
): HistoryFlag[] {
  if (!settings.enabled || history.length === 0) return [];
  const flags: HistoryFlag[] = [];
  for (const field of activeFields(template)) {
    if (field.type !== 'integer' && field.type !== 'decimal' && field.type !== 'percent') continue;
    const value = Object.prototype.hasOwnProperty.call(values, field.key) ? values[field.key] : undefined;
    if (typeof value !== 'number') continue;
    const past = history
      .map((h) =>
        Object.prototype.hasOwnProperty.call(h.values, field.key) ? h.values[field.key] : undefined,
      )
      .filter((v): v is number => typeof v === 'number');
    const judged = judgeValue(value, past, settings, field.type === 'percent' ? 'percent' : 'number');
    if (!judged) continue;
    flags.push(
      problem(
        judged.direction === 'high' ? 'value_unusually_high' : 'value_unusually_low',
        {
          label: field.label,
          value,
          typical: shown(judged.typical, field.type),
          type: field.type,
          method: judged.method,
          points: past.length,
          ...(judged.score !== undefined ? { score: judged.score } : {}),
        },
        { key: field.key, path: `values.${field.key}` },
      ) as HistoryFlag,
    );
  }
  return flags;
}
