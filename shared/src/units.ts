/** The unit registry as a tree: subtrees, groups, and who is expected to report for a period. */
import { problem, ProblemError } from './i18n/problem';
import type { Period, Unit, UnitGroup } from './schemas';

export class UnitTree {
  private readonly byId = new Map<string, Unit>();
  private readonly children = new Map<string, Unit[]>();

  constructor(readonly units: readonly Unit[]) {
    for (const u of units) {
      if (this.byId.has(u.id))
        throw new ProblemError(problem('duplicate_unit_id', { value: u.id }, { path: 'units', key: u.id }));
      this.byId.set(u.id, u);
    }
    for (const u of units) {
      if (u.parentId === undefined) continue;
      if (!this.byId.has(u.parentId))
        throw new ProblemError(
          problem('unknown_parent', { value: u.parentId }, { path: 'units', key: u.id }),
        );
      const list = this.children.get(u.parentId) ?? [];
      list.push(u);
      this.children.set(u.parentId, list);
    }
    for (const u of units) this.ancestors(u.id); // throws on a cycle
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  childrenOf(id: string): Unit[] {
    return this.children.get(id) ?? [];
  }

  /** Ids from the unit's parent up to the root. */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let current = this.byId.get(id)?.parentId;
    while (current !== undefined) {
      if (out.includes(current) || current === id)
        throw new ProblemError(problem('parent_cycle', { value: id }, { path: 'units', key: id }));
      out.push(current);
      current = this.byId.get(current)?.parentId;
    }
    return out;
  }

  /** The unit and everything under it. */
  subtree(id: string): Unit[] {
    const root = this.byId.get(id);
    if (!root) return [];
    const out: Unit[] = [];
    const stack: Unit[] = [root];
    while (stack.length) {
      const u = stack.pop()!;
      out.push(u);
      stack.push(...this.childrenOf(u.id));
    }
    return out;
  }

  isInSubtree(unitId: string, rootId: string): boolean {
    return unitId === rootId || this.ancestors(unitId).includes(rootId);
  }

  byGroup(group: UnitGroup): Unit[] {
    return this.units.filter((u) => u.group === group);
  }
}

/** Whether a unit exists on `date`: on or after its activeFrom and before its activeUntil. */
export function isActiveOn(unit: Pick<Unit, 'activeFrom' | 'activeUntil'>, date: string): boolean {
  if (unit.activeFrom !== undefined && date < unit.activeFrom) return false;
  if (unit.activeUntil !== undefined && date >= unit.activeUntil) return false;
  return true;
}

/**
 * Whether a unit has to report for a period: it reports, it is active on the period's due date, and the
 * campaign had not ended by then (docs/architecture.md "Units over time").
 */
export function isExpectedToReport(unit: Unit, period: Pick<Period, 'due' | 'afterEnd'>): boolean {
  return unit.reports && !period.afterEnd && isActiveOn(unit, period.due);
}

export function expectedUnits(units: readonly Unit[], period: Pick<Period, 'due' | 'afterEnd'>): Unit[] {
  return units.filter((u) => isExpectedToReport(u, period));
}
