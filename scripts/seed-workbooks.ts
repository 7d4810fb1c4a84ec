/**
 * `npm run seed-workbooks [-- --check]`: writes the campaign workbook and the template definition
 * workbooks of the campaigns made from seeds 002 and 004 (scripts/seed-workbooks/*.ts) under
 * campaigns/<id>/ — campaign.xlsx and templates/<template>.v<version>.xlsx — with the same sheet
 * models and writer as GET …/definition. Those committed workbooks are the seed: `npm start` and the
 * tests load them like any admin's (functions/src/catalog/seed-campaigns.ts). `--check` writes
 * nothing and fails when a committed workbook no longer reads back to its source (CI reruns it).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CAMPAIGN_SHEET_NAMES,
  campaignSheetModels,
  DEFINITION_SHEET_NAMES,
  definitionSheetModels,
  parseCampaignDefinition,
  parseCampaignWorkbook,
  parseTemplate,
  parseTemplateDefinition,
  renderWithPlace,
  type CampaignDefinition,
  type Template,
  type TemplateInput,
} from '../shared/src';
import { DEFAULT_CAMPAIGNS_DIR } from '../functions/src/catalog/campaign-files';
import { readListSheets } from '../functions/src/workbook/list-reader';
import { renderWorkbook } from '../functions/src/workbook/xlsx-writer';
import * as caMau from './seed-workbooks/ca-mau-phong-cach-cand';
import * as langSonCongSo from './seed-workbooks/lang-son-van-hoa-cong-so';

export interface SeedSource {
  definition: CampaignDefinition;
  templates: TemplateInput[];
}

export const SEED_SOURCES: readonly SeedSource[] = [caMau, langSonCongSo];

/** A fixed date in the files' properties, so that a rerun changes nothing but what changed. */
const MADE = new Date('2026-01-01T00:00:00Z');

export interface SeedFile {
  file: string;
  /** What the file must read back to. */
  expected: CampaignDefinition | Template;
  render: () => Promise<Buffer>;
}

export function seedFiles(dir: string = DEFAULT_CAMPAIGNS_DIR): SeedFile[] {
  return SEED_SOURCES.flatMap((source) => {
    const parsed = parseCampaignDefinition(source.definition);
    if (!parsed.ok)
      throw new Error(parsed.problems.map((p) => `${p.path}: ${renderWithPlace(p, 'en')}`).join('\n'));
    const def = parsed.definition;
    const folder = path.join(dir, def.campaign.id);
    const templates = source.templates.map((t) => parseTemplate(t));
    return [
      {
        file: path.join(folder, 'campaign.xlsx'),
        expected: def,
        render: () => renderWorkbook(campaignSheetModels(def), { title: def.campaign.name.vi, now: MADE }),
      },
      ...templates.map((t) => ({
        file: path.join(folder, 'templates', `${t.id}.v${t.version}.xlsx`),
        expected: t,
        render: () => renderWorkbook(definitionSheetModels(t), { title: t.title.vi, now: MADE }),
      })),
    ];
  });
}

/** What a committed workbook reads back to, by the loader's own parsers. */
export async function readBack(file: string, campaignId: string): Promise<CampaignDefinition | Template> {
  const bytes = fs.readFileSync(file);
  if (path.basename(file) === 'campaign.xlsx') {
    const r = parseCampaignWorkbook(await readListSheets(bytes, { sheets: CAMPAIGN_SHEET_NAMES }));
    if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => renderWithPlace(e, 'en')).join('; ')}`);
    return r.definition;
  }
  const r = parseTemplateDefinition(await readListSheets(bytes, { sheets: DEFINITION_SHEET_NAMES }), {
    campaignId,
  });
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => renderWithPlace(e, 'en')).join('; ')}`);
  return r.template;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  let stale = 0;
  for (const seed of seedFiles()) {
    const campaignId = path.basename(path.dirname(seed.file).replace(/[/\\]templates$/, ''));
    // A zip's entries carry times, so files are compared by what they read back to, not byte by byte.
    const same =
      fs.existsSync(seed.file) &&
      JSON.stringify(await readBack(seed.file, campaignId).catch(() => undefined)) ===
        JSON.stringify(seed.expected);
    if (same) continue;
    if (check) {
      stale++;
      console.error(`${seed.file}: stale (run npm run seed-workbooks)`);
      continue;
    }
    fs.mkdirSync(path.dirname(seed.file), { recursive: true });
    fs.writeFileSync(seed.file, await seed.render());
    console.log(`${seed.file} written`);
  }
  return stale ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
