/** The benchmark runner parses its arguments like every script: a typo in a flag runs nothing and exits 2. */
import { FIGURES, main } from '../../scripts/bench';
import type { Io } from '../../scripts/lib/cli';

function capture(): Io & { text: () => string } {
  let text = '';
  return { out: (t) => void (text += t), err: (t) => void (text += t), text: () => text };
}

test('a misspelt flag is refused with the usage and exit code 2, before anything runs', async () => {
  const io = capture();
  expect(await main(['--quik'], io)).toBe(2);
  expect(io.text()).toMatch(/^bench: .*Unknown option '--quik'/);
  expect(io.text()).toMatch(/Usage: bench \[--quick\]/);
  expect(io.text()).not.toMatch(/bench on /); // nothing was measured
});

test('--help prints the usage and exits 0', async () => {
  const io = capture();
  expect(await main(['--help'], io)).toBe(0);
  expect(io.text()).toMatch(/^Usage: bench/);
});

test('every figure module has a distinct name', () => {
  const names = FIGURES.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
});
