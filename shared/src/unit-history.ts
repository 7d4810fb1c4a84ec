/**
 * Units over time (docs/architecture.md "Units over time"): a unit's active time, its earlier versions
 * (name, group and parent before a date) and its successors. Pure: the registry and a date come in.
 *
 * - `unitsAsOf(registry, date)`: every unit as it was on that date (a roll-up uses its period's due date).
 * - `predecessorsOf(registry, id)`: the units whose work it took over, transitively.
 * - `registryProblems(registry)`: what makes a registry unusable, every problem at once.
 */
import { problem, ProblemError, type Problem } from './i18n/problem';
import type { Unit } from './schemas';
import { UnitTree } from './units';

/** The version of a unit on a date: the earliest `history` entry whose `until` is after it, else the unit. */
export function unitAsOf(unit: Unit, date: string): Unit {
  let version: NonNullable<Unit['history']>[number] | undefined;
  for (const v of unit.history ?? [])
    if (date < v.until && (!version || v.until < version.until)) version = v;
  if (!version) return unit;
  const { shortName: _s, parentId: _p, ...rest } = unit;
  return {
    ...rest,
    name: version.name,
    group: version.group,
    ...(version.shortName !== undefined ? { shortName: version.shortName } : {}),
    ...(version.parentId !== undefined ? { parentId: version.parentId } : {}),
  };
}

/** Every unit of the registry as it was on `date` (same order; active or not). */
export function unitsAsOf(registry: readonly Unit[], date: string): Unit[] {
  return registry.map((u) => unitAsOf(u, date));
}

/** Who took over from whom: each unit's direct predecessors, and each unit's place in the registry. */
export interface PredecessorIndex {
  direct: Map<string, string[]>;
  order: Map<string, number>;
}

export function predecessorIndex(registry: readonly Unit[]): PredecessorIndex {
  const direct = new Map<string, string[]>();
  for (const u of registry)
    for (const s of u.successors ?? []) direct.set(s, [...(direct.get(s) ?? []), u.id]);
  return { direct, order: new Map(registry.map((u, i) => [u.id, i])) };
}

/**
 * The units whose successors include `id`, and theirs, transitively (registry order, without `id`). Pass an
 * index (predecessorIndex) when asking for many units: one pass over the registry instead of one per question.
 */
export function predecessorsOf(
  registry: readonly Unit[],
  id: string,
  index: PredecessorIndex = predecessorIndex(registry),
): string[] {
  const found = new Set<string>();
  const queue = [id];
  while (queue.length) {
    for (const p of index.direct.get(queue.shift()!) ?? []) {
      if (p === id || found.has(p)) continue;
      found.add(p);
      queue.push(p);
    }
  }
  return [...found].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}

/** The dates on which some unit's version changes, and one before them all: one tree per stretch. */
function versionDates(registry: readonly Unit[]): string[] {
  const dates = new Set<string>(['0001-01-01']);
  for (const u of registry) for (const v of u.history ?? []) dates.add(v.until);
  return [...dates].sort();
}

/**
 * Every problem of a registry, each with `key` the unit's id and `path` the field: the tree (ids unique,
 * parents listed, no loop) now and at every earlier version; versions with distinct dates and a listed
 * parent; successors listed, not the unit itself, no loop of successors.
 */
export function registryProblems(registry: readonly Unit[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set(registry.map((u) => u.id));
  for (const u of registry) {
    const at = (path: string) => ({ path: `units.${u.id}.${path}`, key: u.id });
    if (u.activeFrom !== undefined && u.activeUntil !== undefined && u.activeFrom >= u.activeUntil)
      problems.push(problem('date_order', undefined, at('activeUntil')));
    const untils = new Set<string>();
    for (const v of u.history ?? []) {
      if (untils.has(v.until))
        problems.push(problem('duplicate_version', { value: u.id, date: v.until }, at('history')));
      untils.add(v.until);
      if (v.parentId !== undefined && !ids.has(v.parentId))
        problems.push(problem('unknown_parent', { value: v.parentId }, at('history')));
    }
    for (const s of u.successors ?? []) {
      if (s === u.id) problems.push(problem('self_successor', { value: u.id }, at('successors')));
      else if (!ids.has(s)) problems.push(problem('unknown_successor', { value: s }, at('successors')));
    }
  }
  if (problems.length) return problems;
  for (const date of versionDates(registry)) {
    try {
      new UnitTree(unitsAsOf(registry, date));
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      return [...e.problems];
    }
  }
  const index = predecessorIndex(registry);
  const byId = new Map(registry.map((u) => [u.id, u]));
  const looping = registry.find((u) => index.direct.has(u.id) && successorLoop(byId, u.id));
  if (looping)
    problems.push(
      problem(
        'successor_cycle',
        { value: looping.id },
        { path: `units.${looping.id}.successors`, key: looping.id },
      ),
    );
  return problems;
}

/** Whether `id` is reached again by following successors from it. */
function successorLoop(byId: ReadonlyMap<string, Unit>, id: string): boolean {
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.successors ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (next === id) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.successors ?? []));
  }
  return false;
}

/** Throws the registry's problems (the loading of campaign data and PUT /units use it). */
export function checkRegistry(registry: readonly Unit[]): void {
  const [first, ...more] = registryProblems(registry);
  if (first) throw new ProblemError(first, more);
}
