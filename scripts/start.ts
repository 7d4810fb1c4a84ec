/**
 * `npm start`: Azurite (data kept under ./data/azurite), the function app on http://127.0.0.1:7071/api,
 * the demo campaigns, the task pane built and served on https://localhost:3000 (with /api proxied to
 * the function app), and development tokens (in dev mode). Ctrl-C stops everything.
 *
 * Every setting is checked, and the ports are checked free, before anything starts: a refusal is one
 * line naming the setting, and leaves nothing running. Azurite exits with this process, however it ends.
 */
import fs from 'node:fs';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { SettingsError } from '../functions/src/settings-error';
import { problem, render, type Problem } from '../shared/src';
import { startAddinServer, type AddinServer } from './addin-server';
import { buildAddin } from './build-addin';
import { DataFolderInUseError } from './lib/data-folder-lock';
import { DEMO_PEOPLE } from './lib/demo-data';
import { startLocalStack, type LocalStack } from './lib/local-stack';
import { firstBusyPort } from './lib/ports';
import { readStartSettings, type StartSettings } from './lib/start-settings';

type Log = (line: string) => void;

/** A refusal on the console: one line, Vietnamese first, then English. */
function refusalLine(p: Problem): string {
  return `${render(p, 'vi')} — ${render(p, 'en')}`;
}

async function startPane(settings: StartSettings, apiTarget: string, log: Log): Promise<AddinServer> {
  const port = settings.addinPort;
  if (!settings.https) return startAddinServer({ port, https: false, apiTarget, log });
  try {
    return await startAddinServer({ port, https: true, apiTarget, log });
  } catch (e) {
    // Office needs HTTPS with a trusted certificate; without one the pane still runs in a browser.
    log(`HTTPS is not available (${(e as Error).message.split('\n')[0]}); serving the task pane over HTTP.`);
    return startAddinServer({ port, https: false, apiTarget, log });
  }
}

/** How to sign in: development tokens in dev mode; in Entra mode, none are printed. */
async function signInHelp(settings: StartSettings): Promise<string> {
  const auth = settings.auth;
  if (auth.mode === 'entra') {
    return `Sign-in: Microsoft Entra ID (issuer ${auth.issuer}) — tick SSO in the task pane's Settings.
No development tokens in Entra mode.`;
  }
  const tokens = {
    admin: await mintDevToken(auth, DEMO_PEOPLE.admin),
    reviewer: await mintDevToken(auth, DEMO_PEOPLE.reviewer),
    clerkPC06: await mintDevToken(auth, DEMO_PEOPLE.clerkPC06),
  };
  return `Development tokens (12 h) — paste one into the task pane's Settings:
  admin            ${tokens.admin}
  reviewer (PX03)  ${tokens.reviewer}
  clerk (PC06)     ${tokens.clerkPC06}
Mint more with: npm run -s token -- --role clerk --unit PC08`;
}

/** The settings, checked; or the one line that says why `npm start` refuses to start. */
async function checkSettings(env: NodeJS.ProcessEnv): Promise<string | StartSettings> {
  let settings: StartSettings;
  try {
    settings = readStartSettings(env);
  } catch (e) {
    if (e instanceof SettingsError) return refusalLine(e.problem);
    throw e;
  }
  const busy = await firstBusyPort([
    { port: settings.apiPort, setting: 'PORT' },
    { port: settings.addinPort, setting: 'ADDIN_PORT' },
  ]);
  return busy ? refusalLine(problem('port_in_use', busy)) : settings;
}

async function main(): Promise<void> {
  const log: Log = (line) => console.log(line);
  const checked = await checkSettings(process.env);
  if (typeof checked === 'string') {
    console.error(checked);
    process.exit(1);
  }
  const settings = checked;
  fs.mkdirSync(settings.dataDir, { recursive: true });
  // durable: every acknowledged write is on disk before the answer (stock Azurite saves every 5 s).
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      azurite: { location: settings.dataDir, durable: true },
      port: settings.apiPort,
      log,
    });
  } catch (e) {
    if (!(e instanceof DataFolderInUseError)) throw e;
    const params = { setting: 'AZURITE_LOCATION', folder: e.location, pid: e.pid };
    console.error(refusalLine(problem('data_folder_in_use', params)));
    process.exit(1);
  }
  let pane: AddinServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await pane?.close();
    await stack.stop();
    process.exit(code);
  };
  try {
    log('building the task pane…');
    await buildAddin();
    pane = await startPane(settings, stack.host.url, log);
    log(`
Storage (Azurite tables): ${stack.azurite.connectionString.match(/TableEndpoint=([^;]+)/)?.[1]} — data in ${settings.dataDir}
API:                      ${stack.host.url}   (try ${stack.host.url}/health)
Task pane:                ${pane.url}/taskpane.html   (/api is proxied to the API)

Sideload the add-in: manifests/manifest.dev.xml (see README, “Sideloading in Excel”).

${await signInHelp(settings)}

Press Ctrl-C to stop.`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
    return;
  }
  const onSignal = () => {
    log('\nStopping…');
    stop(0).catch((e: unknown) => {
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
