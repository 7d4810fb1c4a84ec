/** One benchmark figure: a value next to its baseline, its bar, and the line printed for it. */

export interface Figure {
  figure: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** What the baseline is (the bare operation it is compared with). */
  baselineOf: string;
  /** value / baseline, where a baseline exists (costs: lower is better). */
  ratio: number | null;
  /** The bar, in words; `none` for figures reported for information. */
  bar: string;
  pass: boolean | null;
  /**
   * Why the figure could not be measured in this run (value NaN, written as null): a figure with a bar then
   * misses it rather than disappearing from the results.
   */
  notMeasured?: string;
  detail?: Record<string, unknown>;
}

export type FigureInput = Omit<Figure, 'ratio'> & { ratio?: number | null };

function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

/** Completes a figure (its ratio) and its line: `name: value unit (ratio Nx baseline)`. */
export function completeFigure(f: FigureInput): { figure: Figure; line: string } {
  const ratio =
    f.ratio !== undefined ? f.ratio : f.baseline !== null && f.baseline !== 0 ? f.value / f.baseline : null;
  const ratioText = ratio === null ? 'n/a' : `${ratio.toFixed(2)}x`;
  const verdict = f.pass === null ? '' : f.pass ? '' : '   ← MISSES ITS BAR';
  if (f.notMeasured !== undefined)
    return {
      figure: { ...f, ratio: null },
      line: `${f.figure}: not measured — ${f.notMeasured}${verdict}`,
    };
  return {
    figure: { ...f, ratio },
    line: `${f.figure}: ${fmt(f.value)} ${f.unit} (ratio ${ratioText} baseline)${verdict}`,
  };
}
