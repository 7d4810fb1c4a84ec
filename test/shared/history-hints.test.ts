/**
 * Hints from history (shared/src/history-hints.ts): a value inside the unit's history is never flagged, one
 * far outside is, no history gives no flag; the modified z-score and the range test, zero MAD, percent fields,
 * the history's periods, and the sentence the clerk reads.
 */
import {
  DEFAULT_HINT_SETTINGS,
  expandCalendar,
  hintSettingsOf,
  historyHints,
  historyPeriodsOf,
  judgeValue,
  median,
  render,
  type Template,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const S = DEFAULT_HINT_SETTINGS;

describe('judgeValue, property-ish over random histories', () => {
  const random = rng(20261129);
  const histories = Array.from({ length: 400 }, () => {
    const n = 1 + Math.floor(random() * 9);
    const scale = [1, 10, 400, 12_000][Math.floor(random() * 4)]!;
    return Array.from({ length: n }, () => Math.round(random() * scale * (random() < 0.2 ? 5 : 1)));
  });

  test('a value inside the history (between its least and greatest) is never flagged', () => {
    for (const h of histories) {
      const lo = Math.min(...h);
      const hi = Math.max(...h);
      for (const v of [lo, hi, (lo + hi) / 2, ...h]) expect(judgeValue(v, h, S)).toBeUndefined();
    }
  });

  test('a value far above or below every value of the history is flagged, with the median as typical', () => {
    for (const h of histories) {
      const lo = Math.min(...h);
      const hi = Math.max(...h);
      const far = 2 * (Math.abs(hi) + Math.abs(lo)) + 10 * (hi - lo) + 10;
      const high = judgeValue(hi + far, h, S);
      expect(high).toMatchObject({ direction: 'high', typical: median(h) });
      const low = judgeValue(lo - far, h, S);
      expect(low).toMatchObject({ direction: 'low', typical: median(h) });
    }
  });

  test('no history, no flag', () => {
    expect(judgeValue(1e9, [], S)).toBeUndefined();
  });
});

describe('the two tests', () => {
  test('modified z-score with enough points: 3.5 is the line', () => {
    const h = [100, 102, 98, 101, 99, 100]; // median 100, MAD 1
    // z = 0.6745 × (v − 100) / 1: 105 → 3.4 (not flagged), 106 → 4.0 (flagged)
    expect(judgeValue(105, h, S)).toBeUndefined();
    expect(judgeValue(106, h, S)).toMatchObject({ method: 'mad', direction: 'high', score: 4 });
    expect(judgeValue(94, h, S)).toMatchObject({ method: 'mad', direction: 'low' });
  });

  test('zero MAD (most of the history one value) falls back to the range test', () => {
    const h = [400, 400, 400, 400, 400, 401];
    expect(judgeValue(550, h, S)).toBeUndefined(); // within 401 + 50 % of 401
    expect(judgeValue(12_000, h, S)).toMatchObject({ method: 'range', direction: 'high', typical: 400 });
    expect(judgeValue(100, h, S)).toMatchObject({ method: 'range', direction: 'low' });
  });

  test('few points: the range test with its relative margin', () => {
    expect(judgeValue(150, [100], S)).toBeUndefined();
    expect(judgeValue(151, [100], S)).toMatchObject({ method: 'range' });
  });

  test('a small absolute difference is never unusual (counts near zero), percent fields by points', () => {
    expect(judgeValue(3, [1, 1, 1, 1, 1, 1], S)).toBeUndefined();
    expect(judgeValue(4, [1, 1, 1, 1, 1, 1], S)).toMatchObject({ direction: 'high' });
    expect(judgeValue(0.93, [0.9, 0.9, 0.9, 0.9, 0.9], S, 'percent')).toBeUndefined();
    expect(judgeValue(0.3, [0.9, 0.9, 0.9, 0.9, 0.9], S, 'percent')).toMatchObject({ direction: 'low' });
  });

  test('the campaign’s settings change the thresholds', () => {
    const h = [100, 102, 98, 101, 99, 100];
    expect(judgeValue(106, h, hintSettingsOf({ zThreshold: 5 }))).toBeUndefined();
    expect(judgeValue(151, [100], hintSettingsOf({ relativeMargin: 1 }))).toBeUndefined();
  });
});

describe('historyHints and historyPeriodsOf on the Lạng Sơn campaign', () => {
  const bundle = loadCampaignBundles().find((b) => b.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
  const results = bundle.templates.find((t) => t.id === 'results') as Template;
  const periods = expandCalendar(bundle.campaign.calendar);

  test('the history of 2023-Q3: 2022-Q3 and the last four quarters before it, oldest first', () => {
    const p = periods.find((x) => x.id === '2023-Q3')!;
    expect(historyPeriodsOf(p, periods).map((x) => x.id)).toEqual([
      '2021-Q3',
      '2022-Q1',
      '2022-Q3',
      '2023-Q1',
    ]);
    const y = periods.find((x) => x.id === '2024-Y')!;
    expect(historyPeriodsOf(y, periods, 2).map((x) => x.id)).toEqual(['2022-Y', '2023-Y']);
  });

  test('flags only numeric fields far from history, as problems with the sentence the issue asks for', () => {
    const history = ['2021-Q3', '2022-Q1', '2022-Q3'].map((periodId) => ({
      periodId,
      values: { participants: 400, meetings_held: 2, highlights: 'x' },
    }));
    const flags = historyHints(
      results,
      { participants: 12_000, meetings_held: 3, highlights: 'a very different text' },
      history,
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      code: 'value_unusually_high',
      key: 'participants',
      params: { value: 12_000, typical: 400, method: 'range', points: 3 },
    });
    expect(render(flags[0]!, 'vi')).toBe(
      'Giá trị 12.000 của “Số lượt cán bộ, chiến sĩ tham gia” cao bất thường so với các kỳ trước (≈ 400).',
    );
    expect(render(flags[0]!, 'en')).toContain('12,000');
    expect(historyHints(results, { participants: 12_000 }, [])).toEqual([]);
    expect(
      historyHints(results, { participants: 12_000 }, history, hintSettingsOf({ enabled: false })),
    ).toEqual([]);
  });
});
