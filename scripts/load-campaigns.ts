/**
 * Loads the campaign folders (campaigns/) into the storage account named by STORAGE_CONNECTION_STRING,
 * idempotently and through the same code as the API (functions/src/catalog/seed-campaigns.ts): campaign
 * definitions refreshed, unit registries written only where none exist, missing template versions added. `npm start` does the same against Azurite.
 */
import { loadSeedCampaigns } from '../functions/src/catalog/seed-campaigns';
import { createServices } from '../functions/src/services';

export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  const services = await createServices(env);
  for (const r of await loadSeedCampaigns(services)) {
    console.log(
      `${r.campaignId} (${r.source}): ${r.unitsWritten ? `${r.units} units written` : 'unit registry kept'}, ${r.templatesAdded} template version(s) added`,
    );
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
