/**
 * A tiny HTTP proxy between the function app and Azurite that throttles, stalls or loses answers on
 * demand, for the resilience tests (startApiTestStack({ proxy: true })).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { azuriteConnectionString } from '../../scripts/lib/azurite';

export type FaultMode =
  /** Forward everything. */
  | 'pass'
  /** Answer 503 Server Busy, as Table Storage does when it throttles. */
  | 'throttle'
  /** Accept the request and never answer (the client's timeout must end it). */
  | 'stall'
  /** Forward the request, let storage do it, then drop the connection instead of answering. */
  | 'lose-response';

export interface SeenRequest {
  /** `GET /devstoreaccount1/table(PartitionKey='…',RowKey='…')` */
  request: string;
  /** performance.now() when the request arrived, and when its answer ended (undefined until then). */
  start: number;
  end?: number;
}

export interface FaultProxy {
  port: number;
  connectionString: string;
  /** Requests seen, by what the proxy did with them. */
  counts: Record<FaultMode, number>;
  /** Every request seen, oldest first: method and decoded path (query left out), when it came and was answered. */
  seen: SeenRequest[];
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
  const seen: SeenRequest[] = [];
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
    const entry: SeenRequest = {
      request: `${req.method} ${decodeURIComponent((req.url ?? '').split('?')[0]!)}`,
      start: performance.now(),
    };
    seen.push(entry);
    res.on('close', () => (entry.end = performance.now()));
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
    seen,
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
