/**
 * The JSON roll-up over HTTP, gzipped only for a caller that accepts it (functions/src/http/compress.ts):
 * the raw bytes on the wire (node:http, which never decompresses by itself) are gzip with
 * `Content-Encoding: gzip` and decode to the same JSON a caller without `Accept-Encoding` gets plain;
 * both answers say `Vary: Accept-Encoding`. The add-in's fetch (like this test's `call`) decompresses by itself.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { acceptsGzip, GZIP_MIN_BYTES } from '../../functions/src/http/compress';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let admin: string;
const PERIOD = '2022-Q3';
const path = `/campaigns/${CAMPAIGN}/periods/${PERIOD}/rollup`;

/** GET with exactly these headers; the body as it came over the wire. */
function raw(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  stack = await startApiTestStack();
  admin = await token('admin');
  for (const unitId of ['PC06', 'PC08', 'PX03']) {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: await token('clerk', unitId),
      json: resultsReport(unitId, PERIOD),
    });
    expect(r.status).toBe(201);
  }
}, 60_000);
afterAll(() => stack?.stop());

test('gzip for a caller that accepts it, the same JSON as the plain answer', async () => {
  const auth = { authorization: `Bearer ${admin}` };
  const plain = await raw(`${stack.api}${path}`, auth);
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.headers.vary).toMatch(/accept-encoding/i);
  // Large enough to be gzipped: the case under test.
  expect(plain.bytes.length).toBeGreaterThanOrEqual(GZIP_MIN_BYTES);
  const json = JSON.parse(plain.bytes.toString('utf8')) as { completeness: { submitted: number } };
  expect(json.completeness.submitted).toBe(3);

  const zipped = await raw(`${stack.api}${path}`, { ...auth, 'accept-encoding': 'gzip, deflate, br' });
  expect(zipped.status).toBe(200);
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary).toMatch(/accept-encoding/i);
  expect(zipped.headers['content-type']).toMatch(/^application\/json/);
  expect(Number(zipped.headers['content-length'])).toBe(zipped.bytes.length);
  expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
  expect(JSON.parse(zlib.gunzipSync(zipped.bytes).toString('utf8'))).toEqual(json);

  // Refused gzip (q=0) is plain.
  const refused = await raw(`${stack.api}${path}`, { ...auth, 'accept-encoding': 'gzip;q=0, identity' });
  expect(refused.headers['content-encoding']).toBeUndefined();
  expect(refused.bytes.equals(plain.bytes)).toBe(true);

  // fetch (as the add-in's client) asks for gzip and decompresses by itself.
  const fetched = await call(stack.api, 'GET', path, { token: admin });
  expect(fetched.status).toBe(200);
  expect(fetched.body).toEqual(json);
});

test('Accept-Encoding as RFC 9110 says it', () => {
  expect(acceptsGzip(null)).toBe(false);
  expect(acceptsGzip('identity')).toBe(false);
  expect(acceptsGzip('gzip')).toBe(true);
  expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
  expect(acceptsGzip('gzip;q=0')).toBe(false);
  expect(acceptsGzip('*')).toBe(true);
  expect(acceptsGzip('*;q=0')).toBe(false);
  expect(acceptsGzip('gzip;q=0, *')).toBe(false);
  expect(acceptsGzip('br')).toBe(false);
});
