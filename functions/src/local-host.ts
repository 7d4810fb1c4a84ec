/**
 * A small local host for the function app: serves the registered handlers over node:http, building
 * real HttpRequest / InvocationContext objects from @azure/functions, the way the Functions host
 * does. Used by `npm start` and the HTTP tests; where Azure Functions Core Tools are installed,
 * `npm run start:func` runs the same app under `func` instead.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import './index';
import { routes, type RouteDefinition } from './http/register';

/** Bodies beyond this are not even read: the handlers' own limit (413) is far lower. */
const HARD_BODY_LIMIT = 16 * 1024 * 1024;

interface CompiledRoute {
  definition: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

function compile(definition: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = definition.route
    .split('/')
    .map((segment) => {
      const m = /^\{([A-Za-z0-9_]+)\??\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { definition, pattern: new RegExp(`^/api/${source}/?$`), names };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readRequestBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > HARD_BODY_LIMIT) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function writeResponse(res: http.ServerResponse, result: HttpResponseInit | HttpResponse | void) {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? { status: 204 });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

export interface LocalHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface LocalHostOptions {
  port?: number;
  host?: string;
  log?: (line: string) => void;
}

export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const compiled = routes.map(compile);
  const log = options.log ?? (() => {});
  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    try {
      const host = req.headers.host ?? `127.0.0.1`;
      const url = new URL(req.url ?? '/', `http://${host}`);
      const candidates = compiled.filter((r) => r.pattern.test(url.pathname));
      if (candidates.length === 0)
        return send(res, 404, { error: { code: 'not_found', message: 'Không có địa chỉ này.' } });
      const method = (req.method ?? 'GET').toUpperCase();
      const route = candidates.find((r) => r.definition.methods.includes(method as never));
      if (!route) {
        const allow = [...new Set(candidates.flatMap((r) => r.definition.methods))].join(', ');
        return send(
          res,
          405,
          { error: { code: 'method_not_allowed', message: `Chỉ nhận ${allow}.` } },
          { allow },
        );
      }
      const params: Record<string, string> = {};
      const match = route.pattern.exec(url.pathname)!;
      try {
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
      } catch {
        return send(res, 400, { error: { code: 'bad_request', message: 'Địa chỉ không hợp lệ.' } });
      }
      const body = await readRequestBody(req);
      if (body === 'too-large') {
        return send(
          res,
          413,
          { error: { code: 'too_large', message: 'Nội dung gửi lên quá lớn.' } },
          { connection: 'close' },
        );
      }
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
      const request = new HttpRequest({
        method,
        url: url.toString(),
        headers,
        query: Object.fromEntries(url.searchParams),
        params,
        ...(body.length ? { body: { bytes: new Uint8Array(body) } } : {}),
      });
      const context = new InvocationContext({
        invocationId: randomUUID(),
        functionName: route.definition.name,
        logHandler: (level, ...args) =>
          log(`[${level}] ${route.definition.name}: ${args.map(String).join(' ')}`),
      });
      await writeResponse(res, await route.definition.handler(request, context));
      log(`${method} ${url.pathname} → ${res.statusCode} (${Date.now() - started} ms)`);
    } catch (e) {
      log(`error: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'Lỗi máy chủ.' } });
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7071, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/api`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
