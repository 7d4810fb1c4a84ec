/**
 * The API under test, as every HTTP test starts it: Azurite (in memory, or on disk with durable
 * writes), the function app's services on it, the demo campaigns, and the local host on a free port.
 * Optionally a fault proxy between the app and Azurite, and a submission store with other retry settings.
 *
 *   let stack: ApiTestStack;
 *   beforeAll(async () => { stack = await startApiTestStack(); });
 *   afterAll(() => stack?.stop());
 *   await call(stack.api, 'GET', '/campaigns', { token: await token('admin') });
 */
import { TableClient } from '@azure/data-tables';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeedCampaigns } from '../../functions/src/catalog/seed-campaigns';
import type { Template } from '../../shared/src';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host';
import { createServices, setServices, tableClient, type Services } from '../../functions/src/services';
import { SubmissionStore, type SubmissionStoreOptions } from '../../functions/src/storage/submission-store';
import { startAzurite, type Azurite } from '../../scripts/lib/azurite';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

export interface ApiTestStack {
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

export interface ApiTestStackOptions {
  /** Keep Azurite's data on disk (a fresh temp dir), acknowledging writes only once saved. */
  onDisk?: boolean;
  /** Put a fault proxy between the function app and Azurite. */
  proxy?: boolean;
  /** Settings of the function app (auth, limits); the storage connection is set here. */
  env?: Record<string, string>;
  /** Other retry settings for the submission store. */
  store?: SubmissionStoreOptions;
  /**
   * Load only version 1 of each shipped template: for tests whose data was made for v1 (workbooks
   * filled by other programs, a redeploy from v1), which a newer shipped version would make outdated.
   */
  firstTemplateVersions?: boolean;
}

export async function startApiTestStack(options: ApiTestStackOptions = {}): Promise<ApiTestStack> {
  const location = options.onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'api-test-')) : undefined;
  const azuriteOptions = location ? { location, durable: true } : {};
  let azurite = await startAzurite(azuriteOptions);
  const proxy = options.proxy ? await startFaultProxy(azurite.port) : undefined;
  // The test's own settings only, never the developer's environment.
  const env = {
    ...options.env,
    STORAGE_CONNECTION_STRING: proxy ? proxy.connectionString : azurite.connectionString,
  };
  const services = await createServices(env);
  if (options.store) {
    services.submissions = new SubmissionStore(tableClient(services.settings, 'submissions'), options.store);
  }
  setServices(services);
  await loadSeedCampaigns(
    services,
    undefined,
    options.firstTemplateVersions ? { templates: (t: Template) => t.version === 1 } : {},
  );
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
