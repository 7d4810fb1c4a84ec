/** The backup format's pure parts: entity lines with their EDM types, typed values back, the manifest. */
import {
  decodeLine,
  encodeEntity,
  parseManifest,
  storedType,
  toTableEntity,
} from '../../functions/src/backup/format';

const read = {
  etag: 'W/"datetime\'2026-11-29T17%3A54%3A35Z\'"',
  timestamp: '2026-11-29T17:54:35.4217861Z',
  partitionKey: 'p|1',
  rowKey: 'latest|PC06',
  text: { value: 'Lạng Sơn', type: 'String' },
  n: { value: '42', type: 'Int32' },
  huge: { value: '3000000000', type: 'Int32' },
  big: { value: '9007199254740993', type: 'Int64' },
  ratio: { value: '0.8776', type: 'Double' },
  done: { value: 'true', type: 'Boolean' },
  at: { value: '2022-06-15T00:00:00.000Z', type: 'DateTime' },
  id: { value: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'Guid' },
  bytes: { value: 'AAEC/v8=', type: 'Binary' },
};

test('a line holds the keys and every property with its type, in name order, without ETag or Timestamp', () => {
  const line = encodeEntity(read);
  expect(line).not.toMatch(/etag|timestamp|2026-11-29/);
  const back = decodeLine(line);
  expect(Object.keys(back.properties)).toEqual([
    'at',
    'big',
    'bytes',
    'done',
    'huge',
    'id',
    'n',
    'ratio',
    'text',
  ]);
  expect(back.properties.n).toEqual({ type: 'Int32', value: '42' });
  // The client's guess "Int32" for a number outside Int32's range is a Double.
  expect(back.properties.huge).toEqual({ type: 'Double', value: '3000000000' });
  // The same content gives the same bytes, whenever it was read.
  expect(encodeEntity({ ...read, etag: 'x', timestamp: 'y' })).toBe(line);
});

test('typed values as the table client writes them', () => {
  expect(toTableEntity(decodeLine(encodeEntity(read)))).toEqual({
    partitionKey: 'p|1',
    rowKey: 'latest|PC06',
    text: { value: 'Lạng Sơn', type: 'String' },
    n: { value: 42, type: 'Int32' },
    huge: { value: 3000000000, type: 'Double' },
    big: { value: '9007199254740993', type: 'Int64' },
    ratio: { value: 0.8776, type: 'Double' },
    done: { value: true, type: 'Boolean' },
    at: { value: '2022-06-15T00:00:00.000Z', type: 'DateTime' },
    id: { value: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'Guid' },
    bytes: { value: 'AAEC/v8=', type: 'Binary' },
  });
  expect(storedType('Int32', '-2147483648')).toBe('Int32');
  expect(storedType('Int32', '2147483648')).toBe('Double');
});

test('what is not an entity line or a manifest is refused with a reason', () => {
  expect(() => decodeLine('{')).toThrow('not JSON');
  expect(() =>
    decodeLine('{"partitionKey":"p","rowKey":"r","properties":{"x":{"type":"Float","value":"1"}}}'),
  ).toThrow();
  expect(() => encodeEntity({ partitionKey: 'p', rowKey: 'r', plain: 3 })).toThrow(/EDM type/);
  expect(() => parseManifest('[]')).toThrow();
  expect(() =>
    parseManifest(
      JSON.stringify({
        format: 'nu-cuoi-table-backup',
        formatVersion: 1,
        tool: 't',
        createdAt: 'now',
        tablePrefix: '',
        tables: [
          { name: '../x', file: 'x.ndjson', entities: 1, partitions: 1, bytes: 1, sha256: 'a'.repeat(64) },
        ],
      }),
    ),
  ).toThrow(/tables\.0\.name/);
});
