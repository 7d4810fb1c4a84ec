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
import { errorResponse } from './http/responses';
import { getServices } from './services';
import { languageFromHeader, type ProblemCode } from '../../shared/src';

/** Bodies are never read beyond this, whatever MAX_BODY_BYTES says. */
const HARD_BODY_LIMIT = 16 * 1024 * 1024;
/** After a 413, what the client still sends is read and dropped for at most this long, then the socket is closed. */
const DRAIN_AFTER_REFUSAL_MS = 2_000;

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

/**
 * The request's URL. The Host header only decorates it (a host built from a malformed header — spaces,
 * `@`, 10,000 characters — is replaced by the loopback address); a path that cannot be parsed is null.
 */
function requestUrl(req: http.IncomingMessage): URL | null {
  const path = req.url ?? '/';
  const host = req.headers.host;
  for (const base of [
    host && URL.canParse(`http://${host}`) ? `http://${host}` : undefined,
    'http://127.0.0.1',
  ]) {
    if (base && URL.canParse(path, base)) return new URL(path, base);
  }
  return null;
}

/** The configured body limit (MAX_BODY_BYTES), never above {@link HARD_BODY_LIMIT}. */
async function bodyLimit(): Promise<number> {
  try {
    return Math.min(HARD_BODY_LIMIT, (await getServices()).settings.maxBodyBytes);
  } catch {
    return HARD_BODY_LIMIT; // storage not ready: the handler answers 503 anyway
  }
}

/**
 * Reads the body while it streams and stops at `limit`: a Content-Length over it is refused before a
 * byte is read, a chunked body as soon as it passes it. What was read so far is dropped at once; the
 * caller answers 413 and closes the connection ({@link refuseBody}).
 */
function readRequestBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks = [];
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
  });
}

/**
 * Answers 413 while the client may still be sending, then closes the connection: what else arrives is
 * read and dropped (never kept) for a moment, so that the client gets the answer rather than a reset, and
 * the socket is destroyed after that in any case.
 */
async function refuseBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: HttpResponseInit,
): Promise<void> {
  res.shouldKeepAlive = false;
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), DRAIN_AFTER_REFUSAL_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  req.on('data', () => undefined);
  req.resume();
  await writeResponse(res, response);
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
      const lang = languageFromHeader(req.headers['accept-language']);
      const fail = (status: number, code: ProblemCode, headers: Record<string, string> = {}) =>
        writeResponse(res, errorResponse(status, { code }, lang, undefined, headers));
      const url = requestUrl(req);
      if (!url) return fail(400, 'route_not_found');
      const candidates = compiled.filter((r) => r.pattern.test(url.pathname));
      if (candidates.length === 0) return fail(404, 'route_not_found');
      const method = (req.method ?? 'GET').toUpperCase();
      const route = candidates.find((r) => r.definition.methods.includes(method as never));
      if (!route) {
        const allow = [...new Set(candidates.flatMap((r) => r.definition.methods))].join(', ');
        return fail(405, 'method_not_allowed', { allow });
      }
      const params: Record<string, string> = {};
      const match = route.pattern.exec(url.pathname)!;
      try {
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
      } catch {
        return fail(400, 'route_not_found');
      }
      // Cut at the configured limit while streaming, before the handler (and its authentication) runs.
      const limit = await bodyLimit();
      const body = await readRequestBody(req, limit);
      if (body === 'too-large') {
        log(`${method} ${url.pathname} → 413 (body over ${limit} bytes)`);
        return refuseBody(
          req,
          res,
          errorResponse(
            413,
            { code: 'too_large', params: { limitKb: Math.round(limit / 1024) } },
            lang,
            undefined,
            { connection: 'close' },
          ),
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
      const lang = languageFromHeader(req.headers['accept-language']);
      if (!res.headersSent) await writeResponse(res, errorResponse(500, { code: 'internal' }, lang));
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
