/**
 * The two catalogues say the same things: every problem code has a text in each language, each text
 * reads the same parameters, and the labels and pane texts have the same keys and arities.
 */
import { catalogue, LANGUAGES, render, type ProblemCode } from '../../shared/src';

const vi = catalogue('vi');
const en = catalogue('en');

/** Renders an entry with a params object that records what it reads. */
function paramsRead(text: (p: Record<string, string>) => string): { read: Set<string>; out: string } {
  const read = new Set<string>();
  const params = new Proxy({} as Record<string, string>, {
    get: (_, name) => {
      if (typeof name === 'string') read.add(name);
      return typeof name === 'string' ? `«${name}»` : undefined;
    },
  });
  return { read, out: text(params) };
}

/** Every leaf of a nested object, as `path → string | function arity`. */
function shape(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'function') out.set(path, `function/${value.length}`);
  else if (typeof value === 'string') out.set(path, value.trim() === '' ? 'empty' : 'string');
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) for (const e of shape(v, `${path}.${k}`)) out.set(...e);
  return out;
}

describe('the vi and en catalogues', () => {
  const codes = Object.keys(vi.problems) as ProblemCode[];

  test('have the same problem codes', () => {
    expect(Object.keys(en.problems).sort()).toEqual([...codes].sort());
    expect(codes.length).toBeGreaterThan(100);
  });

  test.each(codes)('%s reads the same parameters in both languages and gives a sentence', (code) => {
    const a = paramsRead(vi.problems[code]);
    const b = paramsRead(en.problems[code]);
    expect([...b.read].sort()).toEqual([...a.read].sort());
    if (code !== 'rule_failed') {
      expect(a.out).toMatch(/[.)]$/);
      expect(b.out).toMatch(/[.)]$/);
      expect(a.out).not.toEqual(b.out);
    }
    expect(a.out).not.toMatch(/undefined|\[object/);
    expect(b.out).not.toMatch(/undefined|\[object/);
  });

  test('labels, prompts, template kinds and pane texts have the same keys and arities', () => {
    for (const part of ['labels', 'prompts', 'templateKinds', 'pane', 'cli', 'report', 'progress'] as const) {
      expect(shape(en[part])).toEqual(shape(vi[part]));
    }
  });

  test('the report section: every sentence filled in both languages, different words, no holes', () => {
    const sample = (fn: (...args: never[]) => unknown) =>
      (fn as (...args: unknown[]) => unknown)(
        ...Array.from({ length: fn.length }, (_, i) => (i % 2 ? 3 : 'X')),
      );
    const leaves = (value: unknown, path = ''): [string, unknown][] =>
      typeof value === 'function'
        ? [[path, sample(value as () => unknown)]]
        : value && typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`))
          : [[path, value]];
    const a = new Map(leaves(vi.report));
    const b = new Map(leaves(en.report));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [key, text] of a) {
      expect([key, JSON.stringify(text)]).not.toEqual([key, expect.stringMatching(/undefined|NaN|\[object/)]);
      // Entries made only of their parameters (or blank) read the same in both languages.
      const sameInBoth = ['.signerName', '.blankPlace', '.periodPhrase', '.fieldLine', '.listLead'];
      if (!sameInBoth.includes(key)) expect([key, text]).not.toEqual([key, b.get(key)]);
    }
  });

  test('a LocalizedText parameter is rendered in the reader’s language; Vietnamese is the default', () => {
    const p = { code: 'required', params: { label: { vi: 'Số diễn đàn', en: 'Forums held' } } } as const;
    expect(render(p)).toBe('Chưa nhập “Số diễn đàn” (bắt buộc).');
    expect(render(p, 'en')).toBe('“Forums held” is required.');
    expect(LANGUAGES).toEqual(['vi', 'en']);
  });
});
