/**
 * Loads the repository's campaigns/ folder — the demo seed — through the same code as an admin's
 * requests (docs/architecture.md, "Campaigns"): each campaign is saved by saveCampaign (POST
 * /api/campaigns) and each template version published by publishTemplate (POST …/templates).
 *
 * A folder holds either the campaign workbook `campaign.xlsx` with template definition workbooks
 * `templates/*.xlsx` — read by the bounded reader in its worker, as uploads are, then parsed by the
 * shared parsers — or the older JSON form (`campaign.json`, `units.json`, `templates/*.json`).
 * Idempotent: campaigns are refreshed, a registry an admin edited is kept, missing versions added.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CAMPAIGN_SHEET_NAMES,
  CampaignDataError,
  checkCampaignDefinition,
  DEFINITION_SHEET_NAMES,
  parseCampaignWorkbook,
  parseTemplateDefinition,
  renderWithPlace,
  type CampaignDefinition,
  type Problem,
  type Template,
} from '../../../shared/src';
import type { Services } from '../services';
import { readUploadedListSheets } from '../workbook/upload-reader';
import { DEFAULT_CAMPAIGNS_DIR, loadCampaignBundle } from './campaign-files';
import { saveCampaign } from './campaign-writer';
import { publishTemplateIfMissing } from './template-publisher';

export interface SeedResult {
  campaignId: string;
  units: number;
  unitsWritten: boolean;
  templatesAdded: number;
  /** `xlsx` for a folder of workbooks, `json` for the older form. */
  source: 'xlsx' | 'json';
}

function refused(what: string, problems: readonly Problem[]): CampaignDataError {
  return new CampaignDataError(what, problems, problems.map((p) => renderWithPlace(p, 'en')).join('; '));
}

async function readWorkbookFolder(
  folder: string,
): Promise<{ def: CampaignDefinition; templates: Template[] }> {
  const file = path.join(folder, 'campaign.xlsx');
  const sheets = await readUploadedListSheets(fs.readFileSync(file), { sheets: CAMPAIGN_SHEET_NAMES });
  const parsed = parseCampaignWorkbook(sheets);
  if (!parsed.ok) throw refused(file, parsed.errors);
  const templates: Template[] = [];
  const dir = path.join(folder, 'templates');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.xlsx'))
        .sort()
    : [];
  for (const f of files) {
    const definition = await readUploadedListSheets(fs.readFileSync(path.join(dir, f)), {
      sheets: DEFINITION_SHEET_NAMES,
    });
    const t = parseTemplateDefinition(definition, { campaignId: parsed.definition.campaign.id });
    if (!t.ok) throw refused(path.join(dir, f), t.errors);
    templates.push(t.template);
  }
  return { def: parsed.definition, templates };
}

function readJsonFolder(folder: string): { def: CampaignDefinition; templates: Template[] } {
  const bundle = loadCampaignBundle(folder);
  const def = { campaign: bundle.campaign, units: bundle.units };
  const problems = checkCampaignDefinition(def);
  if (problems.length) throw new CampaignDataError(bundle.campaign.id, problems);
  return { def, templates: bundle.templates };
}

/** The campaign folders under `dir`, by name: a folder is a campaign when it has either form. */
export function seedFolders(dir: string = DEFAULT_CAMPAIGNS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() &&
        (fs.existsSync(path.join(dir, d.name, 'campaign.xlsx')) ||
          fs.existsSync(path.join(dir, d.name, 'campaign.json'))),
    )
    .map((d) => path.join(dir, d.name))
    .sort();
}

export interface LoadSeedOptions {
  /** Which template versions to publish (tests that start from version 1); all by default. */
  templates?: (template: Template) => boolean;
}

export async function loadSeedCampaigns(
  services: Services,
  dir: string = DEFAULT_CAMPAIGNS_DIR,
  options: LoadSeedOptions = {},
): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const folder of seedFolders(dir)) {
    const xlsx = fs.existsSync(path.join(folder, 'campaign.xlsx'));
    const { def, templates } = xlsx ? await readWorkbookFolder(folder) : readJsonFolder(folder);
    const saved = await saveCampaign(services, def, { keepRegistry: true });
    let templatesAdded = 0;
    for (const t of templates.filter(options.templates ?? (() => true)))
      if (await publishTemplateIfMissing(services, def.campaign, t)) templatesAdded++;
    results.push({
      campaignId: def.campaign.id,
      units: def.units.length,
      unitsWritten: saved.unitsWritten,
      templatesAdded,
      source: xlsx ? 'xlsx' : 'json',
    });
  }
  return results;
}
