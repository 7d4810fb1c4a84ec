/**
 * The catalogue as an instance remembers it (docs/architecture.md, "The catalogue cache"): per campaign, the
 * campaign, its templates, the units and period locks asked for so far, each kept under the campaign's
 * stamp (catalogue-stamps.ts) and validated against it on every use.
 *
 * A warm instance answers from memory after one small point read (the stamp), made in parallel with
 * whatever the request reads anyway — and not even that within {@link DEFAULT_FRESH_MS} of the last one; a
 * cold one reads the stamp, then what it needs, once. Data read in the
 * same round trip as a validating stamp read is kept only when the stamp did not change: it was then read
 * after the kept stamp, so it is at least as new as the stamp says (a write bumps the stamp after its data).
 * Writes that bypass the stores (a restore, an edit in Azure Storage Explorer) bump no stamp: an entry is
 * read again once {@link MAX_AGE_MS} old, so they are seen within that time.
 * Nothing here decides anything about a request: it only answers what the catalogue says.
 */
import { expandCalendar, type Campaign, type Period, type Template, type Unit } from '../../../shared/src';
import type { PeriodLock, PeriodLockStore } from '../storage/period-locks';
import type { CatalogStore } from './catalog-store';

/** What a request needs beside the campaign. */
export interface CatalogueNeeds {
  /** Every version of every template of the campaign. */
  templates?: boolean;
  /** One unit of the registry (a point read when not cached: independent of the registry's size). */
  unitId?: string;
  /** The whole registry (one range query when not cached). */
  allUnits?: boolean;
  /** The stored lock of one period. */
  periodId?: string;
}

export interface CatalogueView {
  campaign: Campaign;
  /** The campaign calendar's periods (stored locks not applied: see `lock`). */
  periods: Period[];
  /** When asked for: every version of every template, oldest first. */
  templates: Template[];
  /** When `unitId` was asked for: that unit, if the registry has it. */
  unit?: Unit;
  /** When `allUnits` was asked for: the registry, in its order. */
  units: Unit[];
  /** When `periodId` was asked for: its stored lock, if an admin set one. */
  lock?: PeriodLock;
}

interface Entry {
  stamp: string;
  /** When the entry was made (Date.now()). */
  at: number;
  /** When its stamp was last found current (Date.now()). */
  validatedAt: number;
  campaign?: { campaign: Campaign; periods: Period[] } | null;
  templates?: Template[];
  allUnits?: Unit[];
  /** `allUnits` by id. */
  allUnitsById?: Map<string, Unit>;
  units: Map<string, Unit | null>;
  locks: Map<string, PeriodLock | null>;
}

/** What one round trip read, to be used by the request and, when still valid, kept. */
type Pieces = Partial<Pick<Entry, 'campaign' | 'templates' | 'allUnits'>> & {
  unit?: [string, Unit | null];
  lock?: [string, PeriodLock | null];
};

/** How long an entry is trusted at most, stamp or not. */
export const MAX_AGE_MS = 5 * 60_000;
/** Campaigns remembered at once (ids nobody has are remembered too, as absent). */
const MAX_CAMPAIGNS = 200;
/** Units remembered one by one per campaign, before the map starts over. */
const MAX_UNITS = 50_000;

export interface CatalogueCacheOptions {
  /**
   * For how long after a stamp was found current it is not read again (ms; setting CATALOGUE_FRESH_MS):
   * another instance's change is seen within this time, this instance's own at once. 0: every view reads it.
   */
  freshMs?: number;
}

/** Default of {@link CatalogueCacheOptions.freshMs}. */
export const DEFAULT_FRESH_MS = 1_000;

export class CatalogueCache {
  private readonly entries = new Map<string, Entry>();
  /** Per campaign, how many times this instance wrote it: a refill begun before a write is not kept. */
  private readonly writes = new Map<string, number>();
  private readonly freshMs: number;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly locks: PeriodLockStore,
    options: CatalogueCacheOptions = {},
  ) {
    this.freshMs = options.freshMs ?? DEFAULT_FRESH_MS;
    // This instance's own writes are seen at once.
    catalog.stamps.onBump((campaignId) => {
      this.entries.delete(campaignId);
      this.writes.set(campaignId, (this.writes.get(campaignId) ?? 0) + 1);
    });
  }

  /** The campaign and what the request needs; undefined when there is no such campaign. */
  async view(campaignId: string, needs: CatalogueNeeds = {}): Promise<CatalogueView | undefined> {
    const known = this.entries.get(campaignId);
    const writes = this.writes.get(campaignId);
    const now = Date.now();
    if (known && now - known.at < MAX_AGE_MS) {
      if (now - known.validatedAt < this.freshMs) {
        // Read after the kept stamp: kept under it.
        const pieces = await this.readMissing(campaignId, known, needs);
        if (this.entries.get(campaignId) === known) keep(known, pieces);
        return viewOf(known, pieces, needs);
      }
      const [stamp, pieces] = await Promise.all([
        this.catalog.stamps.read(campaignId),
        this.readMissing(campaignId, known, needs),
      ]);
      if (stamp === known.stamp) {
        if (this.entries.get(campaignId) === known) {
          keep(known, pieces);
          known.validatedAt = now;
        }
        return viewOf(known, pieces, needs);
      }
      return this.refill(campaignId, stamp, writes, needs);
    }
    return this.refill(campaignId, await this.catalog.stamps.read(campaignId), writes, needs);
  }

  /** Forgets everything (tests, and a restore into a running instance). */
  clear(): void {
    this.entries.clear();
  }

  /**
   * A new entry under a stamp read before any of its data; not kept when this instance wrote the campaign
   * since `writes` was counted (before the stamp was read).
   */
  private async refill(campaignId: string, stamp: string, writes: number | undefined, needs: CatalogueNeeds) {
    const now = Date.now();
    const entry: Entry = { stamp, at: now, validatedAt: now, units: new Map(), locks: new Map() };
    const pieces = await this.readMissing(campaignId, entry, needs);
    keep(entry, pieces);
    if (this.writes.get(campaignId) !== writes) return viewOf(entry, pieces, needs);
    this.entries.delete(campaignId);
    this.entries.set(campaignId, entry);
    if (this.entries.size > MAX_CAMPAIGNS) this.entries.delete(this.entries.keys().next().value!);
    return viewOf(entry, pieces, needs);
  }

  /** Reads, in parallel, what the entry lacks for these needs. */
  private async readMissing(campaignId: string, entry: Entry, needs: CatalogueNeeds): Promise<Pieces> {
    const { catalog } = this;
    const unitId = needs.unitId;
    const periodId = needs.periodId;
    const [campaign, templates, allUnits, unit, lock] = await Promise.all([
      entry.campaign === undefined
        ? catalog
            .getCampaign(campaignId)
            .then((c) => (c ? { campaign: c, periods: expandCalendar(c.calendar) } : null))
        : undefined,
      needs.templates && !entry.templates ? catalog.listTemplates(campaignId) : undefined,
      needs.allUnits && !entry.allUnits ? catalog.getUnits(campaignId) : undefined,
      unitId !== undefined && !entry.allUnits && !entry.units.has(unitId) && !needs.allUnits
        ? catalog.getUnit(campaignId, unitId).then((u) => u ?? null)
        : undefined,
      periodId !== undefined && !entry.locks.has(periodId)
        ? this.locks.get(campaignId, periodId).then((l) => l ?? null)
        : undefined,
    ]);
    return {
      ...(campaign !== undefined ? { campaign } : {}),
      ...(templates ? { templates } : {}),
      ...(allUnits ? { allUnits } : {}),
      ...(unit !== undefined ? { unit: [unitId!, unit] as [string, Unit | null] } : {}),
      ...(lock !== undefined ? { lock: [periodId!, lock] as [string, PeriodLock | null] } : {}),
    };
  }
}

function keep(entry: Entry, pieces: Pieces): void {
  if (pieces.campaign !== undefined) entry.campaign = pieces.campaign;
  if (pieces.templates) entry.templates = pieces.templates;
  if (pieces.allUnits) {
    entry.allUnits = pieces.allUnits;
    entry.allUnitsById = new Map(pieces.allUnits.map((u) => [u.id, u]));
  }
  if (pieces.unit) {
    if (entry.units.size >= MAX_UNITS) entry.units.clear();
    entry.units.set(...pieces.unit);
  }
  if (pieces.lock) entry.locks.set(...pieces.lock);
}

function viewOf(entry: Entry, pieces: Pieces, needs: CatalogueNeeds): CatalogueView | undefined {
  const campaign = pieces.campaign !== undefined ? pieces.campaign : entry.campaign;
  if (!campaign) return undefined;
  const allUnits = pieces.allUnits ?? entry.allUnits;
  const unitOf = (id: string): Unit | undefined => {
    if (pieces.unit?.[0] === id) return pieces.unit[1] ?? undefined;
    if (pieces.allUnits) return pieces.allUnits.find((u) => u.id === id);
    if (entry.allUnitsById) return entry.allUnitsById.get(id);
    return entry.units.get(id) ?? undefined;
  };
  const lockOf = (id: string): PeriodLock | undefined => {
    if (pieces.lock?.[0] === id) return pieces.lock[1] ?? undefined;
    return entry.locks.get(id) ?? undefined;
  };
  return {
    ...campaign,
    templates: (needs.templates && (pieces.templates ?? entry.templates)) || [],
    units: (needs.allUnits && allUnits) || [],
    ...(needs.unitId !== undefined ? { unit: unitOf(needs.unitId) } : {}),
    ...(needs.periodId !== undefined ? { lock: lockOf(needs.periodId) } : {}),
  };
}
