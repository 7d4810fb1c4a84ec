/** A figure the bench could not measure is a line of its own — and, with a bar, a missed bar. */
import { completeFigure } from '../../scripts/bench/figure';

const base = { unit: 'ms', baseline: null, baselineOf: 'bare batch over HTTP' };

test('a figure not measured says why, has no ratio, and misses its bar', () => {
  const { figure, line } = completeFigure({
    ...base,
    figure: 'HTTP accept, 10,000 units',
    value: NaN,
    bar: '≤ 1.5x',
    pass: false,
    notMeasured: 'the API could not register 10,000 units (PUT → 413 too_large)',
  });
  expect(figure.ratio).toBeNull();
  expect(line).toBe(
    'HTTP accept, 10,000 units: not measured — the API could not register 10,000 units (PUT → 413 too_large)   ← MISSES ITS BAR',
  );
  expect(JSON.parse(JSON.stringify(figure)).value).toBeNull();
});

test('an information figure not measured is not a missed bar', () => {
  const { line } = completeFigure({
    ...base,
    figure: 'x',
    value: NaN,
    bar: 'none',
    pass: null,
    notMeasured: 'why',
  });
  expect(line).toBe('x: not measured — why');
});

test('a measured figure keeps its ratio line', () => {
  const { figure, line } = completeFigure({
    ...base,
    figure: 'y',
    value: 3,
    baseline: 2,
    bar: '≤ 1.5x',
    pass: true,
  });
  expect(figure.ratio).toBe(1.5);
  expect(line).toBe('y: 3 ms (ratio 1.50x baseline)');
});
