/**
 * Helpers for the resilience tests: a local stack whose storage can be killed, restarted, throttled
 * or stalled, and a way to see everything stored.
 */
import { TableClient } from '@azure/data-tables';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host';
import { createServices, setServices, tableClient, type Services } from '../../functions/src/services';
import { SubmissionStore, type SubmissionStoreOptions } from '../../functions/src/storage/submission-store';
import { azuriteConnectionString, startAzurite, type Azurite } from '../../scripts/lib/azurite';

// ---------------------------------------------------------------- a fault-injecting proxy

export type FaultMode =
  /** Forward everything. */
  | 'pass'
  /** Answer 503 Server Busy, as Table Storage does when it throttles. */
  | 'throttle'
  /** Accept the request and never answer (the client's timeout must end it). */
  | 'stall'
  /** Forward the request, let storage do it, then drop the connection instead of answering. */
  | 'lose-response';

export interface FaultProxy {
  port: number;
  connectionString: string;
  /** Requests seen, by what the proxy did with them. */
  counts: Record<FaultMode, number>;
  /** Applies `mode` to every request from now on. */
  set(mode: FaultMode): void;
  /** Applies `mode` to the next `n` requests, then goes back to passing. */
  next(n: number, mode: FaultMode): void;
  close(): Promise<void>;
}

/** A tiny HTTP proxy between the function app and Azurite. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let budget = Infinity;
  const counts: Record<FaultMode, number> = { pass: 0, throttle: 0, stall: 0, 'lose-response': 0 };
  const sockets = new Set<Socket>();
  const agent = new http.Agent({ keepAlive: true });

  const current = (): FaultMode => {
    if (mode === 'pass') return 'pass';
    if (budget <= 0) {
      mode = 'pass';
      return 'pass';
    }
    budget--;
    return mode;
  };

  const forward = (req: http.IncomingMessage, onResponse: (res: http.IncomingMessage) => void) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${targetPort}` },
        agent,
      },
      onResponse,
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const action = current();
    counts[action]++;
    if (action === 'pass') {
      forward(req, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
    } else if (action === 'throttle') {
      req.resume();
      req.on('end', () => {
        const body = JSON.stringify({
          'odata.error': {
            code: 'ServerBusy',
            message: { lang: 'en-US', value: 'The server is busy.' },
          },
        });
        res.writeHead(503, {
          'content-type': 'application/json;odata=minimalmetadata',
          'x-ms-error-code': 'ServerBusy',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
    } else if (action === 'stall') {
      req.resume(); // read it, answer never
    } else {
      forward(req, (up) => {
        up.resume();
        up.on('end', () => res.socket?.destroy());
      });
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connectionString: azuriteConnectionString(port),
    counts,
    set(m) {
      mode = m;
      budget = Infinity;
    },
    next(n, m) {
      mode = m;
      budget = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- a stack with breakable storage

export interface ResilienceStack {
  api: string;
  host: LocalHost;
  services: Services;
  azurite: Azurite;
  proxy?: FaultProxy;
  /** Where Azurite keeps its data, if on disk. */
  location?: string;
  /** SIGKILLs Azurite and resolves once it has exited. */
  crash(): Promise<void>;
  /** Starts Azurite again on the same port and location. */
  restart(): Promise<void>;
  /** A client for one of the app's tables, straight to Azurite (never through the proxy). */
  table(name: 'submissions' | 'campaigns' | 'units' | 'templates'): TableClient;
  stop(): Promise<void>;
}

export interface ResilienceStackOptions {
  /** Keep Azurite's data on disk (a fresh temp dir), acknowledging writes only once saved. */
  onDisk?: boolean;
  /** Put a fault proxy between the function app and Azurite. */
  proxy?: boolean;
  env?: Record<string, string>;
  store?: SubmissionStoreOptions;
}

export async function startResilienceStack(options: ResilienceStackOptions = {}): Promise<ResilienceStack> {
  const location = options.onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'resilience-')) : undefined;
  const azuriteOptions = location ? { location, durable: true } : {};
  let azurite = await startAzurite(azuriteOptions);
  const proxy = options.proxy ? await startFaultProxy(azurite.port) : undefined;
  const env = {
    ...options.env,
    STORAGE_CONNECTION_STRING: proxy ? proxy.connectionString : azurite.connectionString,
  };
  const services = await createServices(env);
  if (options.store) {
    services.submissions = new SubmissionStore(tableClient(services.settings, 'submissions'), options.store);
  }
  setServices(services);
  for (const bundle of loadCampaignBundles()) await services.catalog.loadBundle(bundle);
  const host = await startLocalHost({ port: 0 });
  const direct = { ...services.settings, connectionString: azurite.connectionString };
  return {
    api: host.url,
    host,
    services,
    get azurite() {
      return azurite;
    },
    ...(proxy ? { proxy } : {}),
    ...(location ? { location } : {}),
    crash: () => azurite.kill('SIGKILL'),
    restart: async () => {
      azurite = await startAzurite({ ...azuriteOptions, port: azurite.port });
    },
    table: (name) => tableClient(direct, name),
    stop: async () => {
      await host.close();
      setServices(undefined);
      await proxy?.close();
      await azurite.stop();
      if (location) fs.rmSync(location, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- what is stored

export interface StoredRow {
  partitionKey: string;
  rowKey: string;
  etag: string;
  kind?: string;
  submissionId?: string;
  revision?: number;
  unitId?: string;
}

export async function rowsOf(client: TableClient): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  try {
    for await (const e of client.listEntities<Record<string, unknown>>()) {
      rows.push({
        partitionKey: e.partitionKey!,
        rowKey: e.rowKey!,
        etag: e.etag,
        ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
        ...(typeof e.submissionId === 'string' ? { submissionId: e.submissionId } : {}),
        ...(typeof e.revision === 'number' ? { revision: e.revision } : {}),
        ...(typeof e.unitId === 'string' ? { unitId: e.unitId } : {}),
      });
    }
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
  }
  return rows.sort((a, b) =>
    a.partitionKey === b.partitionKey
      ? a.rowKey.localeCompare(b.rowKey)
      : a.partitionKey.localeCompare(b.partitionKey),
  );
}

/** Every row of every table of the app, with its ETag: equal snapshots mean nothing was written. */
export async function snapshot(stack: Pick<ResilienceStack, 'table'>): Promise<Record<string, StoredRow[]>> {
  const out: Record<string, StoredRow[]> = {};
  for (const name of ['submissions', 'campaigns', 'units', 'templates'] as const)
    out[name] = await rowsOf(stack.table(name));
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
