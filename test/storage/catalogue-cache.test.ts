/**
 * The catalogue cache (functions/src/catalog/catalogue-cache.ts) against Azurite: what one instance keeps,
 * another instance's writes invalidate through the campaign's stamp, and a change racing a read is never
 * kept under a stamp older than it.
 */
import { TableClient } from '@azure/data-tables';
import { CatalogStore } from '../../functions/src/catalog/catalog-store';
import { CatalogueCache } from '../../functions/src/catalog/catalogue-cache';
import { PeriodLockStore } from '../../functions/src/storage/period-locks';
import { loadCampaignBundle, DEFAULT_CAMPAIGNS_DIR } from '../../functions/src/catalog/campaign-files';
import type { Campaign, Template, Unit } from '../../shared/src';
import { startAzurite, uniqueTableName, type Azurite } from '../../scripts/lib/azurite';
import path from 'node:path';

jest.setTimeout(60_000);

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

const client = (name: string) =>
  TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });

/**
 * Two function instances over the same (fresh) tables: each its own clients, stores and cache; their
 * caches check the stamp on every view unless `freshMs` says otherwise.
 */
async function twoInstances(freshMs = 0) {
  const names = {
    campaigns: uniqueTableName('c'),
    units: uniqueTableName('u'),
    templates: uniqueTableName('t'),
  };
  const submissions = uniqueTableName('s');
  const instance = () => {
    const catalog = new CatalogStore({
      campaigns: client(names.campaigns),
      units: client(names.units),
      templates: client(names.templates),
    });
    const locks = new PeriodLockStore(client(submissions), {}, (id) => catalog.stamps.bump(id));
    return { catalog, locks, cache: new CatalogueCache(catalog, locks, { freshMs }) };
  };
  const a = instance();
  await a.catalog.ensureTables();
  await client(submissions).createTable();
  return { a, b: instance() };
}

const bundle = loadCampaignBundle(path.join(DEFAULT_CAMPAIGNS_DIR, 'lang-son-nu-cuoi-chien-si'));
const campaign: Campaign = bundle.campaign;
const units: Unit[] = bundle.units;
const templates: Template[] = bundle.templates;

async function seed(catalog: CatalogStore) {
  await catalog.putCampaign(campaign);
  await catalog.putUnits(campaign.id, units);
  for (const t of templates) await catalog.addTemplate(t);
}

test('another instance’s writes are seen at the next view: campaign, template, unit, lock', async () => {
  const { a, b } = await twoInstances();
  expect(await a.cache.view(campaign.id)).toBeUndefined();
  await seed(b.catalog);
  const first = await a.cache.view(campaign.id, { templates: true, unitId: 'PC06', periodId: '2022-Q3' });
  expect(first?.campaign.id).toBe(campaign.id);
  expect(first?.unit?.name).toBe(units.find((u) => u.id === 'PC06')!.name);
  expect(first?.lock).toBeUndefined();
  expect(first?.templates.length).toBe(templates.length);

  await b.catalog.putCampaign({ ...campaign, standingOffice: 'PC02' });
  const renamed = units.map((u) => (u.id === 'PC06' ? { ...u, name: `${u.name} (mới)` } : u));
  await b.catalog.putUnits(campaign.id, renamed);
  const next = { ...templates[templates.length - 1]!, version: templates[templates.length - 1]!.version + 1 };
  await b.catalog.addTemplate(next);
  await b.locks.set(campaign.id, {
    periodId: '2022-Q3',
    locked: true,
    reason: 'chốt',
    by: 'admin',
    at: '2022-10-01T00:00:00Z',
  });

  const after = await a.cache.view(campaign.id, { templates: true, unitId: 'PC06', periodId: '2022-Q3' });
  expect(after?.campaign.standingOffice).toBe('PC02');
  expect(after?.unit?.name).toMatch(/\(mới\)$/);
  expect(after?.templates.length).toBe(templates.length + 1);
  expect(after?.lock?.locked).toBe(true);
});

test('a warm view reads only the stamp', async () => {
  const { a, b } = await twoInstances();
  await seed(b.catalog);
  await a.cache.view(campaign.id, { templates: true, unitId: 'PC06', periodId: '2022-Q3' });
  const calls: string[] = [];
  for (const method of ['getCampaign', 'listTemplates', 'getUnit', 'getUnits'] as const) {
    const real = (a.catalog[method] as (...args: unknown[]) => Promise<unknown>).bind(a.catalog);
    (a.catalog as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      calls.push(method);
      return real(...args);
    };
  }
  const view = await a.cache.view(campaign.id, { templates: true, unitId: 'PC06', periodId: '2022-Q3' });
  expect(view?.unit?.id).toBe('PC06');
  expect(calls).toEqual([]);
});

test('within freshMs of a check the stamp is not read; the instance’s own writes are seen at once', async () => {
  const { a, b } = await twoInstances(60_000);
  await seed(b.catalog);
  expect((await a.cache.view(campaign.id, { unitId: 'PC06' }))?.unit?.id).toBe('PC06');
  let stampReads = 0;
  const readStamp = a.catalog.stamps.read.bind(a.catalog.stamps);
  a.catalog.stamps.read = (id) => {
    stampReads++;
    return readStamp(id);
  };
  await a.cache.view(campaign.id, { unitId: 'PC06' });
  expect(stampReads).toBe(0);
  // Another instance's change waits for the next check; this instance's own is seen at once.
  await b.catalog.putCampaign({ ...campaign, standingOffice: 'PC02' });
  expect((await a.cache.view(campaign.id))?.campaign.standingOffice).toBe(campaign.standingOffice);
  await a.catalog.putCampaign({ ...campaign, standingOffice: 'PC08' });
  expect((await a.cache.view(campaign.id))?.campaign.standingOffice).toBe('PC08');
});

test('a unit read in the same round trip as a changed stamp is read again, never kept stale', async () => {
  const { a, b } = await twoInstances();
  await seed(b.catalog);
  await a.cache.view(campaign.id); // warm: the campaign, under the current stamp
  // The unit is read before another instance renames it, the stamp after the rename.
  let unitRead!: () => void;
  const unitWasRead = new Promise<void>((resolve) => (unitRead = resolve));
  const readUnit = a.catalog.getUnit.bind(a.catalog);
  a.catalog.getUnit = async (...args) => {
    const unit = await readUnit(...args);
    unitRead();
    return unit;
  };
  const readStamp = a.catalog.stamps.read.bind(a.catalog.stamps);
  let raced = false;
  a.catalog.stamps.read = async (id) => {
    if (!raced) {
      raced = true;
      await unitWasRead;
      await b.catalog.putUnits(
        campaign.id,
        units.map((u) => (u.id === 'PC06' ? { ...u, name: 'Đội mới' } : u)),
      );
    }
    return readStamp(id);
  };
  expect((await a.cache.view(campaign.id, { unitId: 'PC06' }))?.unit?.name).toBe('Đội mới');
  expect((await a.cache.view(campaign.id, { unitId: 'PC06' }))?.unit?.name).toBe('Đội mới');
});
