import fc from 'fast-check';
import {
  EntityTooLargeError,
  MAX_CHUNK_CHARS,
  escapeKey,
  escapeKeyPart,
  pack,
  pad,
  splitText,
  unescapeKey,
  unpack,
} from '../../functions/src/storage/entity-codec';

/** Any UTF-16 code unit, including lone surrogates, and the characters keys may not hold. */
const hostileChar = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(
    '/',
    '\\',
    '#',
    '?',
    '%',
    '|',
    '%2F',
    '%u',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u009f',
    '\t',
    '\n',
  ),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const hostileString = fc.array(hostileChar, { maxLength: 40 }).map((parts) => parts.join(''));
const FORBIDDEN_IN_KEYS = /[/\\#?\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('escapeKey', () => {
  test('round-trips any string and never yields a forbidden character or a lone surrogate', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        for (const escape of [escapeKey, escapeKeyPart]) {
          const key = escape(s);
          expect(unescapeKey(key)).toBe(s);
          expect(key).not.toMatch(FORBIDDEN_IN_KEYS);
          expect(key).not.toMatch(LONE_SURROGATE);
        }
        expect(escapeKeyPart(s)).not.toContain('|');
      }),
      { numRuns: 2000 },
    );
  });

  test('is injective: different strings give different keys', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        fc.pre(a !== b);
        expect(escapeKey(a)).not.toBe(escapeKey(b));
        expect(escapeKeyPart(a)).not.toBe(escapeKeyPart(b));
      }),
      { numRuns: 1000 },
    );
  });

  test('leaves ordinary ids alone and encodes the rest readably', () => {
    expect(escapeKey('lang-son|2021-Q1')).toBe('lang-son|2021-Q1');
    expect(escapeKey('Công an xã Hữu Lũng')).toBe('Công an xã Hữu Lũng');
    expect(escapeKey('a/b\\c#d?e%f')).toBe('a%2Fb%5Cc%23d%3Fe%25f');
    expect(escapeKeyPart('x|1')).toBe('x%7C1');
    expect(escapeKey('\u0000\u007f')).toBe('%00%7F');
    expect(escapeKey('\ud800x')).toBe('%uD800x');
    expect(escapeKey('😀')).toBe('😀');
  });
});

describe('pad', () => {
  test('sorts like the numbers it pads', () => {
    fc.assert(
      fc.property(fc.nat({ max: 99_999_999 }), fc.nat({ max: 99_999_999 }), (a, b) => {
        expect(pad(a) < pad(b)).toBe(a < b);
        expect(pad(a)).toHaveLength(8);
      }),
    );
    expect(pad(7)).toBe('00000007');
    expect(pad(7, 3)).toBe('007');
    expect(() => pad(-1)).toThrow(RangeError);
    expect(() => pad(1.5)).toThrow(RangeError);
    expect(() => pad(1000, 3)).toThrow(RangeError);
  });
});

describe('pack / unpack', () => {
  test('round-trips any JSON value, also with tiny chunks', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 2, max: 50 }), (value, size) => {
        const props = pack(value, { maxChunkChars: size, maxProperties: 100_000 });
        expect(unpack(props)).toEqual(JSON.parse(JSON.stringify(value)));
        const n = props.dn as number;
        for (let i = 0; i < n; i++) expect((props[`d${i}`] as string).length).toBeLessThanOrEqual(size);
      }),
    );
  });

  test('splits long text into chunks of at most 32,000 characters, never inside a surrogate pair', () => {
    const text = 'ạ😀'.repeat(70_000); // 210,000 code units, pairs straddling every boundary candidate
    const props = pack({ text });
    const n = props.dn as number;
    expect(n).toBeGreaterThanOrEqual(Math.ceil(JSON.stringify({ text }).length / MAX_CHUNK_CHARS));
    for (let i = 0; i < n; i++) {
      const chunk = props[`d${i}`] as string;
      expect(chunk.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      expect(chunk).not.toMatch(LONE_SURROGATE);
    }
    expect(unpack(props)).toEqual({ text });
  });

  test('splitText keeps every character', () => {
    expect(splitText('a😀b', 2)).toEqual(['a', '😀', 'b']);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 2, max: 7 }), (s, size) => {
        const chunks = splitText(s, size);
        expect(chunks.join('')).toBe(s);
        for (const c of chunks) expect(c.length).toBeGreaterThan(0);
      }),
    );
  });

  test('uses its own prefix, so two values can share an entity', () => {
    const entity = { ...pack({ a: 1 }), ...pack({ b: 2 }, { prefix: 'r' }) };
    expect(unpack(entity)).toEqual({ a: 1 });
    expect(unpack(entity, 'r')).toEqual({ b: 2 });
  });

  test('throws EntityTooLargeError instead of truncating', () => {
    expect(() => pack({ text: 'x'.repeat(2_000_000) })).toThrow(EntityTooLargeError);
    expect(() => pack({ text: 'x'.repeat(495_000) })).toThrow(EntityTooLargeError); // 990,000 bytes as UTF-16 > 960 KiB
    expect(() => pack({ text: 'x'.repeat(480_000) })).not.toThrow();
    expect(() => pack('x'.repeat(1000), { maxChunkChars: 2 })).toThrow(/properties/);
  });

  test('refuses values without a JSON form and entities missing a chunk', () => {
    expect(() => pack(undefined)).toThrow(TypeError);
    const props = pack('x'.repeat(100), { maxChunkChars: 10 });
    delete props.d3;
    expect(() => unpack(props)).toThrow(/missing chunk 3/);
    expect(() => unpack({})).toThrow(/no packed value/);
  });
});
