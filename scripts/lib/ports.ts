/** Whether the ports a script is about to listen on are free, checked before anything starts. */
import net from 'node:net';

/** Whether `port` can be listened on at `host` now (port 0 always can). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(false) : reject(e)));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The first of these ports that is taken, with the setting that moves it; undefined when all are free. */
export async function firstBusyPort<T extends { port: number }>(ports: T[]): Promise<T | undefined> {
  for (const candidate of ports) if (!(await portIsFree(candidate.port))) return candidate;
  return undefined;
}
