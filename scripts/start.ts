/**
 * `npm start`: Azurite (data kept under ./data/azurite), the function app on http://127.0.0.1:7071/api,
 * the demo campaigns, and development tokens to call it with. Ctrl-C stops everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { startLocalStack } from './lib/local-stack';

async function main() {
  const dataDir = path.resolve(__dirname, '..', 'data', 'azurite');
  fs.mkdirSync(dataDir, { recursive: true });
  const port = Number(process.env.PORT ?? 7071);
  const stack = await startLocalStack({
    azurite: { location: dataDir },
    port,
    log: (line) => console.log(line),
  });
  const auth = loadAuthConfig();
  const tokens = {
    admin: await mintDevToken(auth, { role: 'admin', name: 'Quản trị viên' }),
    reviewer: await mintDevToken(auth, { role: 'reviewer', unitId: 'PX03', name: 'Thường trực PX03' }),
    clerkPC06: await mintDevToken(auth, { role: 'clerk', unitId: 'PC06', name: 'Văn thư PC06' }),
  };
  console.log(`
Storage (Azurite tables): ${stack.azurite.connectionString.match(/TableEndpoint=([^;]+)/)?.[1]} — data in ${dataDir}
API:                      ${stack.host.url}   (try ${stack.host.url}/health)

Development tokens (12 h):
  admin            ${tokens.admin}
  reviewer (PX03)  ${tokens.reviewer}
  clerk (PC06)     ${tokens.clerkPC06}
Mint more with: npm run -s token -- --role clerk --unit PC08

Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
