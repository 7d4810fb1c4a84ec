/**
 * The local stack in one call: Azurite's table service, the function app's services, the demo
 * campaigns loaded idempotently, and the local host. Used by `npm start` and `npm run demo`
 * (the tests start theirs with test/support/stack.ts).
 */
import { loadSeedCampaigns } from '../../functions/src/catalog/seed-campaigns';
import { startLocalHost, type LocalHost } from '../../functions/src/local-host';
import { createServices, setServices, type Services } from '../../functions/src/services';
import { startAzurite, type Azurite, type AzuriteOptions } from './azurite';

export interface LocalStack {
  azurite: Azurite;
  host: LocalHost;
  services: Services;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  azurite?: AzuriteOptions;
  /** Port of the API host; 0 for any free port. */
  port?: number;
  /** Environment for the function app (auth settings and such); the storage connection is set here. */
  env?: Record<string, string | undefined>;
  loadDemoCampaigns?: boolean;
  log?: (line: string) => void;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const azurite = await startAzurite(options.azurite);
  try {
    const env = { ...(options.env ?? process.env), STORAGE_CONNECTION_STRING: azurite.connectionString };
    const services = await createServices(env);
    setServices(services);
    if (options.loadDemoCampaigns ?? true) {
      for (const r of await loadSeedCampaigns(services)) {
        options.log?.(
          `campaign ${r.campaignId} (${r.source}): ${r.units} units${r.unitsWritten ? '' : ' (registry kept)'}, ` +
            `${r.templatesAdded} template version(s) added`,
        );
      }
    }
    const host = await startLocalHost({
      port: options.port ?? 7071,
      ...(options.log ? { log: options.log } : {}),
    });
    return {
      azurite,
      host,
      services,
      stop: async () => {
        await host.close();
        setServices(undefined);
        await azurite.stop();
      },
    };
  } catch (e) {
    await azurite.stop();
    throw e;
  }
}
