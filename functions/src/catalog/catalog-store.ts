/**
 * Campaign definitions, unit registries and every published template version, in Table Storage.
 * One table each; values are packed JSON (entity-codec), so a large registry or template is split,
 * never truncated.
 */
import { RestError, type TableClient } from '@azure/data-tables';
import type { Campaign, Template, Unit } from '../../../shared/src';
import { escapeKeyPart, pack, pad, unpack } from '../storage/entity-codec';
import { withStorageRetries, type RetryOptions } from '../storage/retry';
import { CatalogueStamps } from './catalogue-stamps';

const CAMPAIGNS_PARTITION = 'campaigns';
const UNITS_ROW = 'registry';

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
  }

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

  async getUnits(campaignId: string): Promise<Unit[]> {
    return (
      (await this.call('getEntity', () =>
        getPacked<Unit[]>(this.tables.units, escapeKeyPart(campaignId), UNITS_ROW),
      )) ?? []
    );
  }

  /** One unit of the registry, if it has it. */
  async getUnit(campaignId: string, unitId: string): Promise<Unit | undefined> {
    return (await this.getUnits(campaignId)).find((u) => u.id === unitId);
  }

  async putUnits(campaignId: string, units: readonly Unit[]): Promise<void> {
    await this.call('upsertEntity', () =>
      this.tables.units.upsertEntity(
        { partitionKey: escapeKeyPart(campaignId), rowKey: UNITS_ROW, count: units.length, ...pack(units) },
        'Replace',
      ),
    );
    await this.stamps.bump(campaignId);
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
