/**
 * The add-in dev server over plain HTTP on a free port: static files with their content types, no way out of
 * the root, and /api/* passed to an upstream (a tiny node:http server started here) and back unchanged.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { contentTypeOf, startAddinServer, type AddinServer } from '../../scripts/addin-server';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Answer {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path exactly as given (fetch would normalise `..` away before sending). */
function raw(
  base: string,
  method: string,
  requestPath: string,
  options: { headers?: http.OutgoingHttpHeaders; body?: Buffer | string | Buffer[] } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      hostname,
      port,
      method,
      path: requestPath,
      headers: options.headers,
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          statusMessage: res.statusMessage!,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    if (Array.isArray(options.body)) {
      // Streamed in pieces, without a Content-Length (chunked).
      const pieces = [...options.body];
      const next = () => {
        const piece = pieces.shift();
        if (piece === undefined) req.end();
        else req.write(piece, () => setImmediate(next));
      };
      next();
    } else {
      req.end(options.body);
    }
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

let tmp: string;
let root: string;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SECRET = '{"name":"outside-the-root","secret":"must never be served"}';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'addin-server-test-'));
  root = path.join(tmp, 'dist');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'taskpane.html'), '<!doctype html><title>Báo cáo thi đua</title>');
  fs.writeFileSync(path.join(root, 'taskpane.js'), 'console.log("pane");');
  fs.writeFileSync(path.join(root, 'taskpane.js.map'), '{"version":3}');
  fs.writeFileSync(path.join(root, 'taskpane.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(root, 'assets', 'icon-32.png'), PNG);
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(root, 'strings.json'), '{"vi":"Nộp"}');
  fs.writeFileSync(path.join(root, 'manifest.xml'), '<OfficeApp/>');
  fs.writeFileSync(path.join(root, 'Tệp tiếng Việt.txt'), 'xin chào');
  // Outside the root: what traversal would be after.
  fs.writeFileSync(path.join(tmp, 'package.json'), SECRET);
  fs.symlinkSync(tmp, path.join(root, 'link-out'), 'dir');
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('static files', () => {
  let server: AddinServer;
  beforeAll(async () => {
    server = await startAddinServer({ port: 0, https: false, root, apiTarget: 'http://127.0.0.1:9' });
  });
  afterAll(() => server.close());

  it('listens on the port it reports, over plain HTTP', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it.each([
    ['/taskpane.html', 'text/html; charset=utf-8', '<!doctype html><title>Báo cáo thi đua</title>'],
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>Báo cáo thi đua</title>'],
    ['/taskpane.js?v=2', 'text/javascript; charset=utf-8', 'console.log("pane");'],
    ['/taskpane.js.map', 'application/json; charset=utf-8', '{"version":3}'],
    ['/taskpane.css', 'text/css; charset=utf-8', 'body{margin:0}'],
    ['/assets/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['/strings.json', 'application/json; charset=utf-8', '{"vi":"Nộp"}'],
    ['/manifest.xml', 'application/xml; charset=utf-8', '<OfficeApp/>'],
    [`/${encodeURIComponent('Tệp tiếng Việt.txt')}`, 'text/plain; charset=utf-8', 'xin chào'],
  ])('GET %s → %s', async (requestPath, type, body) => {
    const res = await fetch(`${server.url}${requestPath}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(body);
  });

  it('serves a PNG byte for byte, and HEAD without a body', async () => {
    const res = await fetch(`${server.url}/assets/icon-32.png`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const head = await raw(server.url, 'HEAD', '/assets/icon-32.png');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(PNG.length));
    expect(head.body.length).toBe(0);
  });

  it('answers 404 for a missing file and 405 for writes', async () => {
    expect((await fetch(`${server.url}/nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets`)).status).toBe(404); // a folder without taskpane.html
    const post = await fetch(`${server.url}/taskpane.html`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    '/../package.json',
    '/../../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%2fpackage.json',
    '/..%5cpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/link-out/package.json',
    '/package.json%00.html',
    '/%E0%A4%A',
    '//etc/passwd',
  ])('refuses %s with 404', async (requestPath) => {
    const res = await raw(server.url, 'GET', requestPath);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('outside-the-root');
    expect(res.body.toString()).not.toContain('root:');
  });

  it('does not send /api-lookalikes upstream', async () => {
    const res = await fetch(`${server.url}/apix/health`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('knows the content types', () => {
    expect(contentTypeOf('a.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.map')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });
});

describe('/api proxy', () => {
  let upstream: http.Server;
  let upstreamUrl: string;
  let seen: Seen[];
  let server: AddinServer;

  beforeAll(async () => {
    seen = [];
    upstream = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        if (req.url!.startsWith('/api/hang')) return; // never answers
        if (req.url === '/api/health') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ status: 'ok' }));
          return;
        }
        if (req.url!.startsWith('/api/missing')) {
          res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: { code: 'not_found', message: 'Không tìm thấy.' } }));
          return;
        }
        if (req.url!.startsWith('/api/unavailable')) {
          res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
          res.end(JSON.stringify({ error: { code: 'storage_unavailable', message: 'Bận.' } }));
          return;
        }
        res.writeHead(201, 'Created', {
          'content-type': 'application/json; charset=utf-8',
          'x-upstream': 'yes',
          etag: 'W/"1"',
        });
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            bytes: body.length,
            sha256: createHash('sha256').update(body).digest('hex'),
          }),
        );
      });
    });
    upstreamUrl = await listen(upstream);
    server = await startAddinServer({
      port: 0,
      https: false,
      root,
      apiTarget: upstreamUrl,
      proxyTimeoutMs: 500,
    });
  });

  afterAll(async () => {
    await server.close();
    await closeServer(upstream);
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('GET /api/health reaches the upstream and its answer comes back', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/health' });
  });

  it('passes method, path, query, headers and body through, and status and headers back', async () => {
    const body = JSON.stringify({
      submissionId: 'a1',
      unitId: 'PC06',
      values: { ghi_chu: 'Nụ cười chiến sĩ' },
    });
    const requestPath = '/api/campaigns/lang-son/submissions?periodId=2026-Y&unitId=PC06&q=%C3%A1%20b';
    const res = await raw(server.url, 'POST', requestPath, {
      headers: {
        authorization: 'Bearer abc.def.ghi',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-request-id': 'r-1',
      },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.statusMessage).toBe('Created');
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers.etag).toBe('W/"1"');
    expect(JSON.parse(res.body.toString())).toMatchObject({ method: 'POST', url: requestPath });

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(requestPath);
    expect(request!.body.toString('utf8')).toBe(body);
    expect(request!.headers).toMatchObject({
      authorization: 'Bearer abc.def.ghi',
      'content-type': 'application/json',
      'x-request-id': 'r-1',
      host: new URL(upstreamUrl).host,
      'x-forwarded-host': new URL(server.url).host,
      'x-forwarded-proto': 'http',
    });
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('passes %s through', async (method) => {
    const res = await raw(server.url, method, '/api/things/1', {
      body: method === 'DELETE' ? undefined : 'x',
    });
    expect(res.status).toBe(201);
    expect(seen[0]).toMatchObject({ method, url: '/api/things/1' });
  });

  it('streams a large chunked body through unchanged', async () => {
    const pieces = Array.from({ length: 64 }, (_, i) => Buffer.alloc(32 * 1024, i));
    const all = Buffer.concat(pieces);
    const res = await raw(server.url, 'PUT', '/api/campaigns/c/units', {
      headers: { 'content-type': 'application/octet-stream' },
      body: pieces,
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body.toString())).toMatchObject({
      bytes: all.length,
      sha256: createHash('sha256').update(all).digest('hex'),
    });
    expect(seen[0]!.body.equals(all)).toBe(true);
  });

  it('drops hop-by-hop headers', async () => {
    await raw(server.url, 'GET', '/api/health', {
      headers: {
        connection: 'keep-alive, x-hop',
        'x-hop': 'secret',
        'keep-alive': 'timeout=5',
        te: 'trailers',
      },
    });
    expect(seen[0]!.headers['x-hop']).toBeUndefined();
    expect(seen[0]!.headers['keep-alive']).toBeUndefined();
    expect(seen[0]!.headers.te).toBeUndefined();
  });

  it('passes error statuses and bodies back as they are', async () => {
    const missing = await fetch(`${server.url}/api/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy.' } });
    const busy = await fetch(`${server.url}/api/unavailable`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
  });

  it('accepts the API URL with its /api suffix, as npm start prints it', async () => {
    const other = await startAddinServer({ port: 0, https: false, root, apiTarget: `${upstreamUrl}/api/` });
    try {
      const res = await fetch(`${other.url}/api/health?x=1`);
      expect(res.status).toBe(201); // the echo: anything but exactly /api/health
      expect(await res.json()).toMatchObject({ url: '/api/health?x=1' });
      expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/health?x=1' });
    } finally {
      await other.close();
    }
  });

  it('answers 504 in the contract shape when the API does not answer in time', async () => {
    const res = await fetch(`${server.url}/api/hang`);
    expect(res.status).toBe(504);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({ code: 'api_timeout', message: expect.any(String) });
  });
});

describe('/api proxy with the API down', () => {
  let server: AddinServer;
  let lines: string[];

  beforeAll(async () => {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    const deadUrl = await listen(probe);
    await closeServer(probe);
    lines = [];
    server = await startAddinServer({
      port: 0,
      https: false,
      root,
      apiTarget: deadUrl,
      log: (line) => lines.push(line),
    });
  });
  afterAll(() => server.close());

  it.each([
    ['GET', '/api/health', undefined],
    ['POST', '/api/campaigns/c/submissions', '{"submissionId":"x"}'],
  ])('%s %s → 502 {error:{code,message}}', async (method, requestPath, body) => {
    const res = await raw(server.url, method, requestPath, {
      headers: body ? { 'content-type': 'application/json' } : {},
      body,
    });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const json = JSON.parse(res.body.toString());
    expect(Object.keys(json)).toEqual(['error']);
    expect(json.error).toEqual({
      code: 'api_unreachable',
      message: expect.stringContaining('Không kết nối được máy chủ API'),
    });
    expect(lines.some((line) => line.includes(requestPath))).toBe(true);
  });
});
