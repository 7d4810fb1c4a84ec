/**
 * `npm start`: Azurite (data kept under ./data/azurite), the function app on http://127.0.0.1:7071/api,
 * the demo campaigns, the task pane built and served on https://localhost:3000 (with /api proxied to
 * the function app), and development tokens. Ctrl-C stops everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { startAddinServer, type AddinServer } from './addin-server';
import { buildAddin } from './build-addin';
import { startLocalStack } from './lib/local-stack';

async function startPane(apiTarget: string, log: (line: string) => void): Promise<AddinServer> {
  const port = Number(process.env.ADDIN_PORT ?? 3000);
  try {
    return await startAddinServer({ port, https: true, apiTarget, log });
  } catch (e) {
    // Office needs HTTPS with a trusted certificate; without one the pane still runs in a browser.
    log(`HTTPS is not available (${(e as Error).message.split('\n')[0]}); serving the task pane over HTTP.`);
    return startAddinServer({ port, https: false, apiTarget, log });
  }
}

async function main() {
  const dataDir = path.resolve(__dirname, '..', 'data', 'azurite');
  fs.mkdirSync(dataDir, { recursive: true });
  const log = (line: string) => console.log(line);
  const port = Number(process.env.PORT ?? 7071);
  // durable: every acknowledged write is on disk before the answer (stock Azurite saves every 5 s).
  const stack = await startLocalStack({ azurite: { location: dataDir, durable: true }, port, log });
  log('building the task pane…');
  await buildAddin();
  const pane = await startPane(stack.host.url, log);
  const auth = loadAuthConfig();
  const tokens = {
    admin: await mintDevToken(auth, { role: 'admin', name: 'Quản trị viên' }),
    reviewer: await mintDevToken(auth, { role: 'reviewer', unitId: 'PX03', name: 'Thường trực PX03' }),
    clerkPC06: await mintDevToken(auth, { role: 'clerk', unitId: 'PC06', name: 'Văn thư PC06' }),
  };
  log(`
Storage (Azurite tables): ${stack.azurite.connectionString.match(/TableEndpoint=([^;]+)/)?.[1]} — data in ${dataDir}
API:                      ${stack.host.url}   (try ${stack.host.url}/health)
Task pane:                ${pane.url}/taskpane.html   (/api is proxied to the API)

Sideload the add-in: manifests/manifest.dev.xml (see README, “Sideloading in Excel”).

Development tokens (12 h) — paste one into the task pane's Settings:
  admin            ${tokens.admin}
  reviewer (PX03)  ${tokens.reviewer}
  clerk (PC06)     ${tokens.clerkPC06}
Mint more with: npm run -s token -- --role clerk --unit PC08

Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('\nStopping…');
    await pane.close();
    await stack.stop();
    process.exit(0);
  };
  const onSignal = () => {
    stop().catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
