/**
 * Campaign definitions, unit registries and every published template version, in Table Storage.
 * One table each; values are packed JSON (entity-codec), so a large template is split, never truncated.
 * The registry is one row per unit (unit-registry.ts).
 */
import { RestError, type TableClient } from '@azure/data-tables';
import type { Campaign, Template, Unit } from '../../../shared/src';
import { escapeKeyPart, pack, pad, unpack } from '../storage/entity-codec';
import { withStorageRetries, type RetryOptions } from '../storage/retry';
import { CatalogueStamps } from './catalogue-stamps';
import { UnitRegistry, type UnitsPage, type UnitsPatch, type UnitsPatchResult } from './unit-registry';

const CAMPAIGNS_PARTITION = 'campaigns';

export interface CatalogTables {
  campaigns: TableClient;
  units: TableClient;
  templates: TableClient;
}

export class TemplateVersionExistsError extends Error {}

function isStatus(e: unknown, status: number): boolean {
  return e instanceof RestError && e.statusCode === status;
}

async function createIfMissing(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (e) {
    if (!isStatus(e, 409)) throw e;
  }
}

async function getPacked<T>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<T | undefined> {
  try {
    const entity = await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    return unpack<T>(entity);
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
}

const templateRowKey = (templateId: string, version: number) =>
  `${escapeKeyPart(templateId)}|${pad(version)}`;

/**
 * Every call is retried on throttling, timeouts and network errors (a few times, with backoff), then
 * fails with StorageUnavailableError — which the API answers 503 — like the submission store's.
 */
export class CatalogStore {
  /** Bumped after every write below, so that catalogue caches re-read (catalogue-stamps.ts). */
  readonly stamps: CatalogueStamps;

  constructor(
    private readonly tables: CatalogTables,
    private readonly retry: RetryOptions = {},
  ) {
    this.stamps = new CatalogueStamps(tables.campaigns, retry);
    this.units = new UnitRegistry(tables.units, (what, fn) => this.call(what, fn));
  }

  private readonly units: UnitRegistry;

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withStorageRetries(what, fn, this.retry);
  }

  async ensureTables(): Promise<void> {
    await Promise.all(
      Object.values(this.tables).map((t) => this.call('createTable', () => createIfMissing(t))),
    );
  }

  async putCampaign(campaign: Campaign): Promise<void> {
    await this.call('upsertEntity', () =>
      this.tables.campaigns.upsertEntity(
        { partitionKey: CAMPAIGNS_PARTITION, rowKey: escapeKeyPart(campaign.id), ...pack(campaign) },
        'Replace',
      ),
    );
    await this.stamps.bump(campaign.id);
  }

  getCampaign(id: string): Promise<Campaign | undefined> {
    return this.call('getEntity', () =>
      getPacked<Campaign>(this.tables.campaigns, CAMPAIGNS_PARTITION, escapeKeyPart(id)),
    );
  }

  listCampaigns(): Promise<Campaign[]> {
    return this.call('listEntities', async () => {
      const out: Campaign[] = [];
      const query = { queryOptions: { filter: `PartitionKey eq '${CAMPAIGNS_PARTITION}'` } };
      for await (const e of this.tables.campaigns.listEntities<Record<string, unknown>>(query))
        out.push(unpack<Campaign>(e));
      return out.sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  /** The unit registry in registry order: one range query (unit-registry.ts). */
  getUnits(campaignId: string): Promise<Unit[]> {
    return this.units.list(campaignId);
  }

  /** One unit: one point read, whatever the registry's size. */
  getUnit(campaignId: string, unitId: string): Promise<Unit | undefined> {
    return this.units.get(campaignId, unitId);
  }

  /** Replaces the registry (the caller has checked it): upserts in batches of ≤ 100, deletes the units left out. */
  async putUnits(campaignId: string, units: readonly Unit[]): Promise<void> {
    try {
      await this.units.replace(campaignId, units);
    } finally {
      // stamp: after write — also after a write that failed midway (some rows may have changed).
      await this.stamps.bump(campaignId);
    }
  }

  /**
   * Upserts and removes units (the API allows MAX_UNITS_PATCH a request), after checking the registry that results
   * (a ProblemError, nothing written, when it is not a tree of known units).
   */
  async patchUnits(campaignId: string, patch: UnitsPatch): Promise<UnitsPatchResult> {
    let checked = false;
    try {
      return await this.units.patch(campaignId, patch, () => (checked = true));
    } finally {
      // stamp: after write — once the patch was checked and writing began, even if it failed midway.
      if (checked) await this.stamps.bump(campaignId);
    }
  }

  /** A page of the registry in unit-id order; the cursor is opaque and bound to the campaign. */
  listUnitsPage(campaignId: string, options: { limit: number; cursor?: string }): Promise<UnitsPage> {
    return this.units.page(campaignId, options);
  }

  /** Every version of every template of a campaign, oldest first. */
  listTemplates(campaignId: string): Promise<Template[]> {
    return this.call('listEntities', async () => {
      const out: Template[] = [];
      const filter = `PartitionKey eq '${escapeKeyPart(campaignId).replace(/'/g, "''")}'`;
      for await (const e of this.tables.templates.listEntities<Record<string, unknown>>({
        queryOptions: { filter },
      })) {
        out.push(unpack<Template>(e));
      }
      return out;
    });
  }

  getTemplate(campaignId: string, templateId: string, version: number): Promise<Template | undefined> {
    return this.call('getEntity', () =>
      getPacked<Template>(
        this.tables.templates,
        escapeKeyPart(campaignId),
        templateRowKey(templateId, version),
      ),
    );
  }

  /** Stores a new version; refuses to overwrite an existing one. */
  async addTemplate(template: Template): Promise<void> {
    try {
      await this.call('createEntity', () =>
        this.tables.templates.createEntity({
          partitionKey: escapeKeyPart(template.campaignId),
          rowKey: templateRowKey(template.id, template.version),
          templateId: template.id,
          version: template.version,
          ...pack(template),
        }),
      );
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
      // A create retried after a lost answer finds its own row: the same template is not a conflict
      // (and its stamp is bumped again, in case the first answer was lost before the bump).
      const stored = await this.getTemplate(template.campaignId, template.id, template.version);
      if (!stored || JSON.stringify(stored) !== JSON.stringify(template))
        throw new TemplateVersionExistsError(`${template.id} v${template.version} exists`);
    }
    await this.stamps.bump(template.campaignId);
  }
}
