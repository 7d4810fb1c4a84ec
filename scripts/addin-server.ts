/**
 * The add-in's development server: serves the built task pane (addin/dist) and proxies /api/* to the
 * function app, so the task pane and the API share one origin (no CORS, no mixed content; docs/architecture.md, "Scripts and tests").
 *
 *   tsx scripts/addin-server.ts           → https://localhost:3000/taskpane.html, /api → http://127.0.0.1:7071
 *
 * Environment: PORT (3000), API_TARGET (http://127.0.0.1:7071), HTTPS (true; "false" serves plain HTTP, which
 * Office refuses but browser tests use), ADDIN_ROOT (addin/dist).
 *
 * HTTPS uses the development certificate of office-addin-dev-certs (~/.office-addin-dev-certs, its CA trusted by
 * the system). When the certificate is missing or untrusted the library creates and installs it, which needs
 * an administrator (sudo, a keychain or certificate dialog). Without a terminal to answer that, the server
 * does not try: it stops with the command to run once, `npx office-addin-dev-certs install`.
 *
 * One idea, the pane's development server; it is past 400 lines for the proxy's edge cases (timeouts,
 * half-closed clients, forwarded headers) and the certificate handling, which belong together here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { languageFromHeader, render, type Problem } from '../shared/src';

export interface AddinServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The interface to listen on. */
  host?: string;
  /** HTTPS with the office-addin-dev-certs certificate (Office needs it), or plain HTTP. */
  https?: boolean;
  /** Where /api/* goes: the local function host. */
  apiTarget?: string;
  /** The built task pane. */
  root?: string;
  /** Milliseconds to wait for the API's answer before a 504. */
  proxyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface AddinServer {
  /** e.g. https://localhost:3000 (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const REPO_ROOT = path.resolve(__dirname, '..');
export const INDEX_FILE = 'taskpane.html';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers that belong to one connection and are never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** A proxy error in the API's shape, in the language the client asked for. */
function sendJsonError(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  error: Problem,
): void {
  const code = error.code;
  const message = render(error, languageFromHeader(req.headers['accept-language']));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendText(
  res: http.ServerResponse,
  status: number,
  text: string,
  extra: http.OutgoingHttpHeaders = {},
) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

/**
 * The file under `root` that a request path names, or undefined when the path is malformed or leads
 * outside root (`..`, encoded or not, backslashes, NUL). Symbolic links are followed only within root.
 */
export async function resolveStatic(root: string, requestPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return undefined;
  const segments = decoded.split(/[\\/]+/);
  if (segments.some((segment) => segment === '..')) return undefined;
  const realRoot = await fs.promises.realpath(root).catch(() => undefined);
  if (!realRoot) return undefined;
  let candidate = path.resolve(realRoot, '.' + decoded.replace(/\\/g, '/'));
  const inside = (file: string) => {
    const relative = path.relative(realRoot, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  if (!inside(candidate)) return undefined;
  try {
    candidate = await fs.promises.realpath(candidate);
    if (!inside(candidate)) return undefined;
    let stat = await fs.promises.stat(candidate);
    if (stat.isDirectory()) {
      candidate = await fs.promises.realpath(path.join(candidate, INDEX_FILE));
      if (!inside(candidate)) return undefined;
      stat = await fs.promises.stat(candidate);
    }
    return stat.isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
    return;
  }
  const rawPath = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
  const file = await resolveStatic(root, rawPath);
  if (!file) {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': stat.size,
    'last-modified': stat.mtime.toUTCString(),
    // Development: always revalidate, so a rebuilt bundle is picked up on reload.
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function proxy(
  target: URL,
  agent: http.Agent,
  timeoutMs: number,
  log: (line: string) => void,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const headers = forwardable(req.headers);
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  const peer = req.socket.remoteAddress;
  if (peer) {
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${peer}` : peer;
  }
  headers.host = target.host;
  const client = target.protocol === 'https:' ? https : http;
  const upstream = client.request({
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || undefined,
    method: req.method,
    // The path and query exactly as the client sent them, under the target's path prefix, if any.
    path: target.pathname.replace(/\/$/, '') + (req.url ?? '/'),
    headers,
    agent: target.protocol === 'https:' ? undefined : agent,
  });
  let timedOut = false;
  upstream.setTimeout(timeoutMs, () => {
    timedOut = true;
    upstream.destroy(new Error(`no answer within ${timeoutMs} ms`));
  });
  upstream.on('response', (answer) => {
    if (answer.statusMessage) res.statusMessage = answer.statusMessage;
    res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.destroyed) return; // the client left first
    log(`proxy: ${req.method} ${req.url} → ${target.origin}: ${error.message}`);
    const params = { target: target.origin };
    if (timedOut) sendJsonError(req, res, 504, { code: 'api_timeout', params });
    else sendJsonError(req, res, 502, { code: 'api_unreachable', params });
  });
  // The client went away before the answer was complete: stop the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

export const CERTIFICATE_HELP = `The add-in dev server needs a trusted development certificate for https://localhost.
Install it once, in a terminal where you can answer the password or certificate prompt:

  npx office-addin-dev-certs install

(Linux: the CA goes to /usr/local/share/ca-certificates; Chromium and Firefox may also need it imported in
their own certificate settings; installing needs sudo.) Then start again. For a browser without Office,
HTTPS=false serves plain HTTP.`;

/** Whether office-addin-dev-certs may install its CA now without waiting for an answer nobody can give. */
function mayInstallCertificate(): boolean {
  if (process.stdin.isTTY) return true; // someone is there to answer sudo or the dialog
  if (process.platform !== 'linux') return false; // keychain / certificate dialogs would wait
  if (process.getuid?.() === 0) return true; // root: fails at once if sudo is missing, never prompts
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

/** HTTPS options from office-addin-dev-certs; throws with CERTIFICATE_HELP when they cannot be had. */
export async function devCertificateOptions(log: (line: string) => void): Promise<https.ServerOptions> {
  const certs: typeof import('office-addin-dev-certs') = require('office-addin-dev-certs');
  const { certificateDirectory } = require('office-addin-dev-certs/lib/defaults') as {
    certificateDirectory: string;
  };
  let ready = false;
  try {
    ready = certs.verifyCertificates();
  } catch {
    ready = false;
  }
  if (!ready && !mayInstallCertificate()) {
    throw new Error(
      `No trusted development certificate, and no terminal to install one from.\n\n${CERTIFICATE_HELP}`,
    );
  }
  if (!ready) log('Creating and installing the development certificate (office-addin-dev-certs)…');
  const existed = fs.existsSync(certificateDirectory);
  try {
    const options = await certs.getHttpsServerOptions();
    return { ca: options.ca, cert: options.cert, key: options.key };
  } catch (error) {
    // Leave nothing half-made behind: an untrusted CA would only be regenerated next time.
    if (!existed) fs.rmSync(certificateDirectory, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message.trim() : String(error);
    throw new Error(`Could not set up the development certificate: ${reason}\n\n${CERTIFICATE_HELP}`);
  }
}

export async function startAddinServer(options: AddinServerOptions = {}): Promise<AddinServer> {
  const {
    port = 3000,
    host = '127.0.0.1',
    https: useHttps = true,
    apiTarget = 'http://127.0.0.1:7071',
    root = path.join(REPO_ROOT, 'addin', 'dist'),
    proxyTimeoutMs = 120_000,
    log = () => undefined,
  } = options;

  let target: URL;
  try {
    target = new URL(apiTarget);
  } catch {
    throw new Error(`apiTarget "${apiTarget}" is not a URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new Error(`apiTarget must be http(s), not "${apiTarget}"`);
  }
  // The request path already starts with /api: accept the function host's URL as printed (…:7071/api) too.
  target.pathname = target.pathname.replace(/\/api\/?$/, '');
  const rootDir = path.resolve(REPO_ROOT, root);
  if (!fs.existsSync(path.join(rootDir, INDEX_FILE))) {
    log(`Warning: ${path.join(rootDir, INDEX_FILE)} does not exist yet; build the task pane first.`);
  }

  const agent = new http.Agent({ keepAlive: false });
  const handler: http.RequestListener = (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      proxy(target, agent, proxyTimeoutMs, log, req, res);
      return;
    }
    serveStatic(rootDir, req, res).catch((error: unknown) => {
      log(`static: ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  };

  const server = useHttps
    ? https.createServer(await devCertificateOptions(log), handler)
    : http.createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  // The certificate names localhost (and 127.0.0.1); the manifest uses https://localhost:3000.
  const shownHost = useHttps
    ? 'localhost'
    : ['127.0.0.1', '0.0.0.0', '::'].includes(host)
      ? '127.0.0.1'
      : host.includes(':')
        ? `[${host}]`
        : host;
  const url = `${useHttps ? 'https' : 'http'}://${shownHost}:${actualPort}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      });
      return closing;
    },
  };
}

function envFlag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !/^(0|false|no|off)$/i.test(value.trim());
}

if (require.main === module) {
  const log = (line: string) => console.log(line);
  const apiTarget = process.env.API_TARGET || 'http://127.0.0.1:7071';
  startAddinServer({
    port: Number(process.env.PORT ?? 3000),
    https: envFlag(process.env.HTTPS, true),
    apiTarget,
    root: process.env.ADDIN_ROOT || path.join(REPO_ROOT, 'addin', 'dist'),
    log,
  }).then(
    (server) => {
      log(`Task pane: ${server.url}/${INDEX_FILE}`);
      log(`API:       ${server.url}/api → ${apiTarget}/api`);
      log(`Manifest:  manifests/manifest.dev.xml (sideload it into Excel). Ctrl-C stops.`);
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error instanceof Error ? error.message : String(error));
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
