/** Reads campaign bundles (campaign.json, units.json, templates/*.json) from the campaigns folder. */
import fs from 'node:fs';
import path from 'node:path';
import { parseCampaignBundle, type CampaignBundle } from '../../../shared/src';

/** The repository's campaigns/ folder, found upwards from here (from the sources or from a build in dist/). */
export const DEFAULT_CAMPAIGNS_DIR = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'campaigns')) && fs.existsSync(path.join(dir, 'package.json'))) {
      return path.join(dir, 'campaigns');
    }
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../../campaigns');
  }
})();

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export function loadCampaignBundle(folder: string): CampaignBundle {
  const templatesDir = path.join(folder, 'templates');
  const templateFiles = fs.existsSync(templatesDir)
    ? fs
        .readdirSync(templatesDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  return parseCampaignBundle({
    campaign: readJson(path.join(folder, 'campaign.json')),
    units: readJson(path.join(folder, 'units.json')),
    templates: templateFiles.map((f) => readJson(path.join(templatesDir, f))),
  });
}

/** Every campaign folder under `dir`: adding a campaign is adding a folder. */
export function loadCampaignBundles(dir: string = DEFAULT_CAMPAIGNS_DIR): CampaignBundle[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'campaign.json')))
    .map((d) => loadCampaignBundle(path.join(dir, d.name)))
    .sort((a, b) => a.campaign.id.localeCompare(b.campaign.id));
}
