/**
 * A campaign's unit registry in the units table, one entity per unit (docs/architecture.md, "Storage"):
 * PartitionKey = the escaped campaign id, RowKey = `u|<escaped unit id>`, the Unit packed with entity-codec
 * and `order`, its place in the admin's registry order. A whole registry is one range query, one unit one
 * point read; writes go in batches of ≤ 100 entities of the one partition.
 *
 * The old layout — the whole registry packed into one row `registry` — is still read: while that row
 * exists it is the registry (a write that migrates it writes every `u|` row first and deletes it last, so
 * a migration cut short leaves the old registry in force and the next write finishes it).
 *
 * Writes of more than one batch are not atomic, but every write is safe to repeat: upserts and deletes
 * of rows computed from what is stored, so a request that failed midway (503) is sent again as it was.
 */
import { odata, RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { checkRegistry, problem, ProblemError, type Unit } from '../../../shared/src';
import { escapeKeyPart, pack, unpack } from '../storage/entity-codec';

/** RowKey prefix of a unit's row; `u}` is the first key after every `u|…`. */
export const UNIT_ROW_PREFIX = 'u|';
const UNIT_ROW_END = 'u}';
/** The old layout's single row holding the whole registry packed. */
export const LEGACY_REGISTRY_ROW = 'registry';
/** Entities per transaction: the service's limit for an entity group transaction. */
export const BATCH_ACTIONS = 100;
/** A transaction's payload may not pass 4 MiB; units are packed up to this estimate per batch. */
const BATCH_BYTES = 3 * 1024 * 1024;
/** Batches written at once (different batches of one partition do not conflict). */
const PARALLEL_BATCHES = 4;

export const unitRowKey = (unitId: string) => `${UNIT_ROW_PREFIX}${escapeKeyPart(unitId)}`;

/** How the upserted units of a patch are placed in the registry order. */
export type Placement = 'keep' | 'end';

export interface UnitsPatch {
  upsert?: readonly Unit[];
  remove?: readonly string[];
  /**
   * `keep` (default): a unit already in the registry keeps its place, a new one goes at the end.
   * `end`: every upserted unit moves to the end, in the order given (a registry sent in chunks keeps its order).
   */
  placement?: Placement;
}

export interface UnitsPatchResult {
  /** Ids written (new or replaced), in the order given. */
  upserted: string[];
  /** Ids removed (an id that was not in the registry is not an error: removing is idempotent). */
  removed: string[];
  /** The registry after the patch, in registry order. */
  units: Unit[];
}

export interface UnitsPage {
  units: Unit[];
  nextCursor?: string;
}

/** A cursor that is not one this campaign's pages handed out. */
export class BadCursorError extends Error {
  constructor() {
    super('bad cursor');
    this.name = 'BadCursorError';
  }
}

type Call = <T>(what: string, fn: () => Promise<T>) => Promise<T>;
type Row = Record<string, unknown> & { rowKey?: string };

interface Stored {
  /** The registry in order. */
  units: Unit[];
  /** Each unit's `order`. */
  order: Map<string, number>;
  /** Each unit's index in `units`. */
  index: Map<string, number>;
  /** RowKeys of the `u|` rows present (with a legacy row: possibly a migration cut short). */
  rowKeys: Set<string>;
  legacy: boolean;
}

/** A unit whose row already holds it, at that place: not written again (a registry sent twice costs reads only). */
function unchanged(stored: Stored, w: { unit: Unit; order: number }): boolean {
  const i = stored.index.get(w.unit.id);
  return (
    !stored.legacy &&
    i !== undefined &&
    stored.order.get(w.unit.id) === w.order &&
    JSON.stringify(stored.units[i]) === JSON.stringify(w.unit)
  );
}

const isStatus = (e: unknown, status: number) => e instanceof RestError && e.statusCode === status;

function sortedByOrder(rows: { unit: Unit; order: number; rowKey: string }[]): Unit[] {
  return rows
    .sort((a, b) => a.order - b.order || (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0))
    .map((r) => r.unit);
}

function encodeCursor(campaignId: string, rowKey: string): string {
  return Buffer.from(JSON.stringify([campaignId, rowKey]), 'utf8').toString('base64url');
}

/** The last RowKey a cursor names, only if it was made for this campaign and names a unit row. */
function decodeCursor(campaignId: string, cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value[0] === campaignId &&
      typeof value[1] === 'string' &&
      value[1].startsWith(UNIT_ROW_PREFIX) &&
      value[1] < UNIT_ROW_END
    )
      return value[1];
  } catch {
    /* not base64 JSON */
  }
  throw new BadCursorError();
}

export class UnitRegistry {
  constructor(
    private readonly table: TableClient,
    private readonly call: Call,
  ) {}

  /** The whole registry in registry order: one range query over the campaign's partition (all pages). */
  async list(campaignId: string): Promise<Unit[]> {
    return (await this.read(campaignId)).units;
  }

  /**
   * One unit: one point read (a campaign still in the old layout: a second read, of its packed row). During a
   * migration cut short, a unit already written as its own row is answered from that row.
   */
  async get(campaignId: string, unitId: string): Promise<Unit | undefined> {
    const pk = escapeKeyPart(campaignId);
    const row = await this.pointRead(pk, unitRowKey(unitId));
    if (row) return unpack<Unit>(row);
    const legacy = await this.pointRead(pk, LEGACY_REGISTRY_ROW);
    return legacy ? unpack<Unit[]>(legacy).find((u) => u.id === unitId) : undefined;
  }

  /** Replaces the registry: every unit upserted with its place, the units no longer listed deleted. */
  async replace(campaignId: string, units: readonly Unit[]): Promise<void> {
    const pk = escapeKeyPart(campaignId);
    const stored = await this.read(campaignId);
    const keep = new Set(units.map((u) => unitRowKey(u.id)));
    await this.write(
      pk,
      units.map((unit, order) => ({ unit, order })).filter((w) => stored.legacy || !unchanged(stored, w)),
      [...stored.rowKeys].filter((k) => !keep.has(k)),
    );
    if (stored.legacy) await this.deleteLegacy(pk);
  }

  /**
   * Upserts and removes units, checking the registry that results (shared checkRegistry: ids unique,
   * parents known, no cycle, units over time) before writing anything: a ProblemError, nothing written.
   * `writing` is called once the patch is checked, before the first write.
   */
  async patch(
    campaignId: string,
    patch: UnitsPatch,
    writing: () => void = () => undefined,
  ): Promise<UnitsPatchResult> {
    const upsert = patch.upsert ?? [];
    const remove = [...new Set(patch.remove ?? [])];
    const seen = new Set<string>();
    for (const u of upsert) {
      if (seen.has(u.id))
        throw new ProblemError(problem('duplicate_unit_id', { value: u.id }, { path: 'upsert', key: u.id }));
      seen.add(u.id);
    }
    const both = remove.find((id) => seen.has(id));
    if (both !== undefined)
      throw new ProblemError(
        problem('unit_upserted_and_removed', { value: both }, { path: 'remove', key: both }),
      );

    const pk = escapeKeyPart(campaignId);
    const stored = await this.read(campaignId);
    const removing = new Set(remove);
    const byId = new Map(upsert.map((u) => [u.id, u]));
    // The merged registry, in order: kept units in place (replaced where upserted), then the new or moved ones.
    const moving = (u: Unit) => patch.placement === 'end' || !stored.order.has(u.id);
    const merged: Unit[] = [
      ...stored.units
        .filter((u) => !removing.has(u.id) && !(byId.has(u.id) && moving(byId.get(u.id)!)))
        .map((u) => byId.get(u.id) ?? u),
      ...upsert.filter(moving),
    ];
    checkRegistry(merged);
    writing();

    const removed = remove.filter((id) => stored.order.has(id));
    if (stored.legacy) {
      // The first write to a campaign of the old layout writes every unit as its own row, then drops the old row.
      const keep = new Set(merged.map((u) => unitRowKey(u.id)));
      await this.write(
        pk,
        merged.map((unit, order) => ({ unit, order })),
        [...stored.rowKeys].filter((k) => !keep.has(k)),
      );
      await this.deleteLegacy(pk);
    } else {
      let next = 0;
      for (const order of stored.order.values()) if (order >= next) next = order + 1;
      await this.write(
        pk,
        upsert
          .map((unit) => ({ unit, order: moving(unit) ? next++ : stored.order.get(unit.id)! }))
          .filter((w) => !unchanged(stored, w)),
        removed.map(unitRowKey).filter((k) => stored.rowKeys.has(k)),
      );
    }
    return { upserted: upsert.map((u) => u.id), removed, units: merged };
  }

  /**
   * A page of the registry in RowKey order (unit ids as stored), `limit` units from after the cursor: every
   * unit exactly once across the pages of an unchanged registry. The cursor carries the campaign and the last
   * RowKey; one made for another campaign, or not made here, is refused (BadCursorError).
   */
  async page(campaignId: string, options: { limit: number; cursor?: string }): Promise<UnitsPage> {
    const pk = escapeKeyPart(campaignId);
    const after = options.cursor === undefined ? undefined : decodeCursor(campaignId, options.cursor);
    const lower = after === undefined ? odata`RowKey ge ${UNIT_ROW_PREFIX}` : odata`RowKey gt ${after}`;
    const filter =
      odata`PartitionKey eq ${pk} and (RowKey eq ${LEGACY_REGISTRY_ROW} or (` +
      lower +
      odata` and RowKey lt ${UNIT_ROW_END}))`;
    const rows: { rowKey: string; unit: Unit }[] = await this.call('listEntities', async () => {
      const out: { rowKey: string; unit: Unit }[] = [];
      const pages = this.table
        .listEntities<Row>({ queryOptions: { filter } })
        .byPage({ maxPageSize: Math.min(1000, options.limit + 1) });
      for await (const page of pages) {
        for (const e of page) {
          if (e.rowKey === LEGACY_REGISTRY_ROW) {
            // The old layout: page through its packed array, by the keys the units will have.
            const all = unpack<Unit[]>(e)
              .map((unit) => ({ rowKey: unitRowKey(unit.id), unit }))
              .filter((r) => after === undefined || r.rowKey > after)
              .sort((a, b) => (a.rowKey < b.rowKey ? -1 : 1));
            return all.slice(0, options.limit + 1);
          }
          out.push({ rowKey: e.rowKey!, unit: unpack<Unit>(e) });
        }
        if (out.length > options.limit) break;
      }
      return out;
    });
    const units = rows.slice(0, options.limit);
    const last = units[units.length - 1];
    return {
      units: units.map((r) => r.unit),
      ...(rows.length > options.limit && last ? { nextCursor: encodeCursor(campaignId, last.rowKey) } : {}),
    };
  }

  // ---------------------------------------------------------------- storage

  private async pointRead(pk: string, rowKey: string): Promise<Row | undefined> {
    return this.call('getEntity', async () => {
      try {
        return await this.table.getEntity<Row>(pk, rowKey);
      } catch (e) {
        if (isStatus(e, 404)) return undefined;
        throw e;
      }
    });
  }

  /** Everything stored for the campaign: one query over its partition. */
  private read(campaignId: string): Promise<Stored> {
    const pk = escapeKeyPart(campaignId);
    return this.call('listEntities', async () => {
      const rows: { unit: Unit; order: number; rowKey: string }[] = [];
      let legacy: Unit[] | undefined;
      const filter = odata`PartitionKey eq ${pk}`;
      for await (const e of this.table.listEntities<Row>({ queryOptions: { filter } })) {
        const rowKey = e.rowKey!;
        if (rowKey === LEGACY_REGISTRY_ROW) legacy = unpack<Unit[]>(e);
        else if (rowKey.startsWith(UNIT_ROW_PREFIX))
          rows.push({ unit: unpack<Unit>(e), order: Number(e.order ?? 0), rowKey });
      }
      const rowKeys = new Set(rows.map((r) => r.rowKey));
      const index = (units: Unit[]) => new Map(units.map((u, i) => [u.id, i]));
      if (legacy) return { units: legacy, order: index(legacy), index: index(legacy), rowKeys, legacy: true };
      const units = sortedByOrder(rows);
      const order = new Map(rows.map((r) => [r.unit.id, r.order]));
      return { units, order, index: index(units), rowKeys, legacy: false };
    });
  }

  /** Upserts (Replace) then deletes, in transactions of ≤ 100 entities and ≤ ~3 MiB, a few at once. */
  private async write(
    pk: string,
    upserts: { unit: Unit; order: number }[],
    deletes: string[],
  ): Promise<void> {
    const batches: TransactionAction[][] = [];
    let batch: TransactionAction[] = [];
    let bytes = 0;
    const add = (action: TransactionAction, size: number) => {
      if (batch.length && (batch.length >= BATCH_ACTIONS || bytes + size > BATCH_BYTES)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(action);
      bytes += size;
    };
    for (const { unit, order } of upserts) {
      const packed = pack(unit);
      const entity = { partitionKey: pk, rowKey: unitRowKey(unit.id), order, ...packed };
      add(['upsert', entity, 'Replace'], 2 * JSON.stringify(packed).length + 512);
    }
    if (batch.length) batches.push(batch);
    await this.runBatches(batches);

    const deleteBatches: string[][] = [];
    for (let i = 0; i < deletes.length; i += BATCH_ACTIONS)
      deleteBatches.push(deletes.slice(i, i + BATCH_ACTIONS));
    await pool(deleteBatches, PARALLEL_BATCHES, async (keys) => {
      try {
        await this.call('submitTransaction', () =>
          this.table.submitTransaction(keys.map((rowKey) => ['delete', { partitionKey: pk, rowKey }])),
        );
      } catch (e) {
        // A row already gone (a request repeated, or two at once) fails the whole transaction: delete one by one.
        if (!isStatus(e, 404)) throw e;
        for (const rowKey of keys) await this.deleteRow(pk, rowKey);
      }
    });
  }

  private runBatches(batches: TransactionAction[][]): Promise<void> {
    return pool(batches, PARALLEL_BATCHES, async (actions) => {
      await this.call('submitTransaction', () => this.table.submitTransaction(actions));
    });
  }

  private async deleteRow(pk: string, rowKey: string): Promise<void> {
    await this.call('deleteEntity', async () => {
      try {
        await this.table.deleteEntity(pk, rowKey);
      } catch (e) {
        if (!isStatus(e, 404)) throw e;
      }
    });
  }

  private deleteLegacy(pk: string): Promise<void> {
    return this.deleteRow(pk, LEGACY_REGISTRY_ROW);
  }
}

/** Runs `fn` over `items`, at most `width` at once; the first failure fails the whole (after the running ones end). */
async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  if (failed !== undefined) throw failed;
}
