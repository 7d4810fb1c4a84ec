/**
 * Every input answered 4xx, never 500, and bodies cut at the limit while they stream (issue 11, items 5
 * and 6), over real HTTP against the local host: JSON nested 100,000 deep on every JSON route, numbers
 * beyond what integers can hold, keys that clash with object internals, and 20 anonymous chunked 15 MB
 * bodies that must cost no more than the body limit each, answered 413 before any authentication.
 */
import http from 'node:http';
import type { HttpRequest } from '@azure/functions';
import {
  aggregate,
  exactSum,
  normalizeSubmission,
  parseTemplate,
  validateSubmission,
  type Template,
} from '../../shared/src';
import { jsonTooDeep, readLimitedBody, MAX_JSON_DEPTH } from '../../functions/src/http/handler';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(180_000);

const LIMIT = 512 * 1024; // MAX_BODY_BYTES's default
let stack: ApiTestStack;
const tokens: Record<string, string> = {};
let template: Record<string, unknown>;

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens.admin = await token('admin');
  tokens.clerk = await token('clerk', 'PC06');
  template = (
    await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/1`, {
      token: tokens.admin,
    })
  ).body;
});
afterAll(() => stack?.stop());

// ---------------------------------------------------------------- JSON depth

describe('JSON nested deeper than the limit → 400 json_too_deep on every JSON route', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const routes: [string, string, () => string][] = [
    ['PUT', '/users/deep-user', () => `{"roles":["clerk"],"unitId":"PC06","name":${deep(100_000)}}`],
    ['PUT', `/campaigns/${CAMPAIGN}/units`, () => `{"units":${deep(100_000)}}`],
    ['POST', `/campaigns/${CAMPAIGN}/templates`, () => `{"id":"deep","sections":${deep(100_000)}}`],
    ['POST', `/campaigns/${CAMPAIGN}/submissions`, () => `{"values":{"a":${deep(100_000)}}}`],
    ['POST', `/campaigns/${CAMPAIGN}/submissions/PC06/2022-Q3/review`, () => `{"action":${deep(100_000)}}`],
    ['PUT', `/campaigns/${CAMPAIGN}/periods/2022-Q3/lock`, () => `{"locked":${deep(100_000)}}`],
    ['PUT', '/users/deep-object', () => '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
  ];
  test.each(routes)('%s %s', async (method, path, body) => {
    const r = await call(stack.api, method, path, {
      token: tokens.admin!,
      body: body(),
      contentType: 'application/json',
    });
    expect([r.status, r.body?.error?.code]).toEqual([400, 'json_too_deep']);
    expect(r.body.error.params).toEqual({ limit: MAX_JSON_DEPTH });
  });

  test('brackets inside strings do not count; a body at the limit parses', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(jsonTooDeep(bytes(JSON.stringify({ comment: '['.repeat(10_000), q: '\\"[[[' })))).toBe(false);
    expect(jsonTooDeep(bytes(deep(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTooDeep(bytes(deep(MAX_JSON_DEPTH + 1)))).toBe(true);
  });
});

// ---------------------------------------------------------------- numbers

describe('numbers are bounded and totals exact', () => {
  const submit = (values: Record<string, unknown>, periodId = '2022-Y') =>
    call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: tokens.clerk!,
      json: resultsReport('PC06', periodId, values),
    });

  test.each([
    ['1e308', 1e308],
    ['2^53 + 1 (stored as 2^53 by JSON)', 2 ** 53 + 1],
    ['10^12 + 1', 1e12 + 1],
  ])('%s → 400 above_max on the field', async (_what, value) => {
    const r = await submit({ participants: value });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([
      expect.objectContaining({ code: 'above_max', path: 'values.participants', key: 'participants' }),
    ]);
  });

  test('10^12 itself is accepted', async () => {
    expect((await submit({ participants: 1e12 }, '2021-Y')).status).toBe(201);
  });

  test('a sum of integers beyond 2^53 is exact; beyond the largest double it is not null', () => {
    const entries = (values: number[]) => values.map((value, i) => ({ unitId: `U${i}`, value }));
    expect(aggregate('sum', entries([2 ** 53, 1, 1]))).toBe(2 ** 53 + 2);
    expect(aggregate('sum', entries([1e308, 1e308]))).toBe(Number.MAX_VALUE);
    expect(aggregate('avg', entries([2 ** 53, 2 ** 53 + 4]))).toBe(2 ** 53 + 2);
    expect(exactSum([0.1, 0.2, 3])).toBeCloseTo(3.3, 12);
    expect(JSON.parse(JSON.stringify({ t: aggregate('sum', entries([1e308, 1e308])) })).t).not.toBeNull();
  });
});

// ---------------------------------------------------------------- keys that clash with object internals

describe('keys that clash with object internals', () => {
  const withKey = (key: string, where: 'field' | 'table' | 'column') => {
    const t = structuredClone(template) as any;
    t.id = `unsafe_${where}`;
    t.version = 1;
    if (where === 'field') t.sections[0].fields.push({ key, type: 'integer', label: { vi: 'x' } });
    if (where === 'table')
      t.tables.push({
        key,
        title: { vi: 'x' },
        columns: [{ key: 'a', type: 'text', label: { vi: 'a' } }],
        maxRows: 5,
      });
    if (where === 'column') t.tables[0].columns.push({ key, type: 'text', label: { vi: 'x' } });
    return t;
  };

  test.each([
    ['constructor', 'field'],
    ['prototype', 'field'],
    ['constructor', 'table'],
    ['constructor', 'column'],
  ] as const)('a template %s key %s → 400 unsafe_key at its path', async (key, where) => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
      token: tokens.admin!,
      json: withKey(key, where),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'unsafe_key',
          params: { key },
          key: 'key',
          message: expect.any(String),
        }),
      ]),
    );
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a submission value keyed %s → 400, never 500, nothing stored',
    async (key) => {
      const body = JSON.stringify(resultsReport('PC06', '2023-Q3')).replace(
        '"values":{',
        `"values":{"${key}":1,`,
      );
      const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
        token: tokens.clerk!,
        body,
        contentType: 'application/json',
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([
        expect.objectContaining({ key: expect.stringContaining(key.slice(0, 5)) }),
      ]);
    },
  );

  test('a field keyed `constructor` (a template stored before the rule) does not reject an empty report', () => {
    const t = structuredClone(template) as unknown as Template;
    t.sections[0]!.fields.push({
      key: 'constructor',
      type: 'integer',
      label: { vi: 'x' },
      required: false,
      rollup: 'sum',
      retired: false,
    });
    const report = normalizeSubmission(resultsReport('PC06'));
    expect(validateSubmission(t, report)).toEqual([]);
    expect(Object.getPrototypeOf(report.values)).toBeNull();
    expect(() => parseTemplate(t)).toThrow();
  });

  test.each([
    ['PUT', '/users/proto-user', '{"__proto__":{"roles":["admin"]},"roles":["clerk"],"unitId":"PC06"}'],
    ['PUT', '/users/proto-user', '{"\\u005f_proto__":{"roles":["admin"]},"roles":["clerk"],"unitId":"PC06"}'],
    ['PUT', `/campaigns/${CAMPAIGN}/units`, '{"units":[{"__proto__":{"id":"X"}}]}'],
  ])(
    'a __proto__ key in any JSON body (%s %s) → 400 unsafe_key, never a prototype',
    async (method, path, body) => {
      const r = await call(stack.api, method, path, {
        token: tokens.admin!,
        body,
        contentType: 'application/json',
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([
        expect.objectContaining({ code: 'unsafe_key', key: '__proto__' }),
      ]);
    },
  );
});

// ---------------------------------------------------------------- bodies cut while they stream

/** Sends `total` bytes chunked (no Content-Length) until the server answers; resolves with its status. */
function streamBody(
  path: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; code?: string; sent: number; ms: number }> {
  const url = new URL(`${stack.api}${path}`);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers },
      },
      (res) => {
        done = true;
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          let code: string | undefined;
          try {
            code = JSON.parse(Buffer.concat(parts).toString('utf8')).error?.code;
          } catch {
            /* not JSON */
          }
          req.destroy();
          resolve({ status: res.statusCode ?? 0, ...(code ? { code } : {}), sent, ms: Date.now() - started });
        });
      },
    );
    req.on('error', (e) => (done ? undefined : reject(e)));
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe('bodies are cut at the limit while they stream, before authentication', () => {
  test('20 anonymous chunked 15 MB bodies: 413 each, promptly, memory bounded', async () => {
    global.gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.arrayBuffers + m.heapUsed - (base.arrayBuffers + base.heapUsed));
    }, 5);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => streamBody(`/campaigns/${CAMPAIGN}/submissions`, 15 * 1024 * 1024)),
    );
    clearInterval(sample);
    expect(results.map((r) => [r.status, r.code])).toEqual(results.map(() => [413, 'too_large']));
    // Each client stopped long before its 15 MB: the server answered once the limit was passed.
    for (const r of results) expect(r.sent).toBeLessThan(8 * 1024 * 1024);
    // 20 × 15 MB = 300 MB if read to the end; the limit is 512 KB a request.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
    console.log(
      `20 × 15 MB chunked: peak extra heap+buffers ${(peak / 1e6).toFixed(1)} MB; ` +
        `sent before the answer ≤ ${(Math.max(...results.map((r) => r.sent)) / 1e6).toFixed(1)} MB; ` +
        `slowest answer ${Math.max(...results.map((r) => r.ms))} ms`,
    );
    // Still healthy.
    expect((await call(stack.api, 'GET', '/health')).status).toBe(200);
  });

  test.each([
    ['PUT', '/users/someone'],
    ['PUT', `/campaigns/${CAMPAIGN}/units`],
    ['PATCH', `/campaigns/${CAMPAIGN}/units`],
    ['POST', `/campaigns/${CAMPAIGN}/templates`],
    ['POST', `/campaigns/${CAMPAIGN}/submissions/PC06/2022-Q3/review`],
  ])('on %s %s too (anonymous, chunked)', async (method, path) => {
    const r = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${stack.api}${path}`);
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method, agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', () => undefined);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let n = 0;
      const pump = () => {
        while (n++ < 40) if (!req.write(chunk)) return void req.once('drain', pump);
        req.end();
      };
      pump();
      req.on('error', reject);
    });
    expect(r).toBe(413);
  });

  test('a declared Content-Length over the limit is refused before a byte is read', async () => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      body: new Uint8Array(LIMIT + 1),
      contentType: 'application/json',
    });
    expect([r.status, r.body.error.code]).toEqual([413, 'too_large']);
  });

  test('a body at the limit is read (and then judged: 401 without a token)', async () => {
    const r = await streamBody(`/campaigns/${CAMPAIGN}/submissions`, LIMIT - 64 * 1024);
    expect(r.status).toBe(401);
  });

  test("the handler's reader (Azure's HttpRequest.body stream) stops pulling at the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const request = { headers: new Headers(), body: endless } as unknown as HttpRequest;
    await expect(readLimitedBody(request, LIMIT)).rejects.toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(LIMIT + 64 * 1024);
  });
});
