/**
 * Packing JSON values into Azure Table entities, and making strings safe as keys.
 *
 * Table limits (docs/architecture.md, "Storage"): an entity ≤ 1 MiB, ≤ 252 custom properties, a string property ≤ 64 KiB
 * (32K UTF-16 code units). A value is serialised to JSON and split across string properties
 * `<prefix>0, <prefix>1, …` of at most 32,000 code units each, with `<prefix>n` = the number of chunks.
 * Nothing is ever truncated: a value that does not fit throws {@link EntityTooLargeError}.
 */

/** Characters per chunk: 32,000 UTF-16 code units = 64,000 bytes, under the 64 KiB string limit. */
export const MAX_CHUNK_CHARS = 32_000;
/** Budget for the packed properties, leaving room in the 1 MiB entity for keys and plain properties. */
export const MAX_PACKED_BYTES = 960 * 1024;
/** Budget for the number of packed properties (the service allows 252 custom properties in all). */
export const MAX_PACKED_PROPERTIES = 240;
/** Default property-name prefix: `d0, d1, …, dn`. */
export const DEFAULT_PREFIX = 'd';

export class EntityTooLargeError extends Error {
  readonly code = 'ENTITY_TOO_LARGE';
  constructor(
    message: string,
    /** Estimated size of the packed properties, in bytes as the Table service counts them. */
    readonly bytes: number,
    /** Number of properties the value would need. */
    readonly properties: number,
  ) {
    super(message);
    this.name = 'EntityTooLargeError';
  }
}

export interface PackOptions {
  /** Property-name prefix, default `d`. Must be a valid property name start (a letter or _). */
  prefix?: string;
  maxChunkChars?: number;
  maxBytes?: number;
  maxProperties?: number;
}

export type PackedProperties = Record<string, string | number>;

/**
 * Size of a property as the Table service counts it (8 bytes + 2 per name character + the value:
 * 4 + 2 per code unit for a string, 4 for an Int32).
 */
function propertyBytes(name: string, value: string | number): number {
  return 8 + 2 * name.length + (typeof value === 'string' ? 4 + 2 * value.length : 4);
}

/** Splits text into chunks of at most `size` code units, never between the halves of a surrogate pair. */
export function splitText(text: string, size: number): string[] {
  if (size < 2) throw new RangeError('chunk size must be at least 2');
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    if (end < text.length) {
      const last = text.charCodeAt(end - 1);
      const next = text.charCodeAt(end);
      if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) end -= 1;
    }
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks;
}

/**
 * Serialises `value` to JSON and splits it into properties `<prefix>0 … <prefix>(n-1)` plus `<prefix>n`.
 * Throws {@link EntityTooLargeError} if it would exceed the byte or property budget, and a TypeError if the
 * value has no JSON form (undefined, a function, a symbol).
 */
export function pack(value: unknown, options: PackOptions = {}): PackedProperties {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const maxChunkChars = options.maxChunkChars ?? MAX_CHUNK_CHARS;
  const maxBytes = options.maxBytes ?? MAX_PACKED_BYTES;
  const maxProperties = options.maxProperties ?? MAX_PACKED_PROPERTIES;
  const json: unknown = JSON.stringify(value);
  if (typeof json !== 'string') throw new TypeError('value is not JSON-serialisable');

  // Decide before allocating the chunks: a lower bound that is exact for text without split pairs.
  const estimatedChunks = Math.ceil(json.length / maxChunkChars);
  const estimatedBytes = 2 * json.length + (estimatedChunks + 1) * (12 + 2 * (prefix.length + 6));
  if (estimatedChunks + 1 > maxProperties || estimatedBytes > maxBytes + 64 * 1024) {
    throw tooLarge(json.length, estimatedBytes, estimatedChunks + 1, maxBytes, maxProperties);
  }

  const chunks = splitText(json, maxChunkChars);
  const props: PackedProperties = {};
  let bytes = 0;
  chunks.forEach((chunk, i) => {
    const name = `${prefix}${i}`;
    props[name] = chunk;
    bytes += propertyBytes(name, chunk);
  });
  props[`${prefix}n`] = chunks.length;
  bytes += propertyBytes(`${prefix}n`, chunks.length);
  const count = chunks.length + 1;
  if (bytes > maxBytes || count > maxProperties) {
    throw tooLarge(json.length, bytes, count, maxBytes, maxProperties);
  }
  return props;
}

function tooLarge(chars: number, bytes: number, count: number, maxBytes: number, maxProperties: number) {
  return new EntityTooLargeError(
    `value too large to store: ${chars} characters of JSON need ~${bytes} bytes in ${count} properties ` +
      `(limits ${maxBytes} bytes, ${maxProperties} properties)`,
    bytes,
    count,
  );
}

/** Reads back a value written by {@link pack}. Throws if a chunk is missing (never returns partial data). */
export function unpack<T = unknown>(entity: Record<string, unknown>, prefix = DEFAULT_PREFIX): T {
  const n = entity[`${prefix}n`];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new Error(`entity has no packed value "${prefix}" (missing or invalid ${prefix}n)`);
  }
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const part = entity[`${prefix}${i}`];
    if (typeof part !== 'string') throw new Error(`packed value "${prefix}" is missing chunk ${i} of ${n}`);
    parts.push(part);
  }
  return JSON.parse(parts.join('')) as T;
}

/** True if `entity` holds a value packed under `prefix`. */
export function hasPacked(entity: Record<string, unknown>, prefix = DEFAULT_PREFIX): boolean {
  return typeof entity[`${prefix}n`] === 'number';
}

// ---------------------------------------------------------------- keys

/**
 * Characters PartitionKey and RowKey may not contain: / \ # ? and control characters
 * (U+0000–U+001F, U+007F–U+009F). `%` is the escape character itself.
 */
const KEY_UNSAFE = /[%/\\#?\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

function hex2(code: number): string {
  return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

function escapeWith(s: string, extra: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + (s[i + 1] as string); // a well-formed pair: keep it
        i++;
      } else {
        // A lone surrogate cannot travel as UTF-8: encode it as %uXXXX.
        out += `%u${code.toString(16).toUpperCase()}`;
      }
    } else if (KEY_UNSAFE.test(ch) || extra.includes(ch)) {
      out += hex2(code);
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Makes a string safe as a PartitionKey or RowKey, reversibly: `%`, `/`, `\`, `#`, `?` and control
 * characters become `%XX`; a lone UTF-16 surrogate becomes `%uXXXX`. Everything else (including `|`) is kept,
 * so the result of a plain string is itself.
 */
export function escapeKey(s: string): string {
  return escapeWith(s, '');
}

/**
 * Like {@link escapeKey}, and also escapes `|` (as `%7C`): for one component of a key built as `a|b|c`, so that
 * components can never run into each other (unit `x|1` against unit `x`).
 */
export function escapeKeyPart(s: string): string {
  return escapeWith(s, '|');
}

/** Reverses {@link escapeKey} and {@link escapeKeyPart}. */
export function unescapeKey(s: string): string {
  return s.replace(/%(u[0-9A-Fa-f]{4}|[0-9A-Fa-f]{2})/g, (_m, code: string) =>
    String.fromCharCode(parseInt(code.startsWith('u') ? code.slice(1) : code, 16)),
  );
}

/** Zero-padded decimal for sortable revision numbers: `pad(7)` = `00000007`. */
export function pad(n: number, width = 8): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`pad: expected a non-negative integer, got ${n}`);
  const s = String(n);
  if (s.length > width) throw new RangeError(`pad: ${n} does not fit in ${width} digits`);
  return s.padStart(width, '0');
}
