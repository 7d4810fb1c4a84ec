/**
 * A whole unit registry sent as PATCH /units requests of at most MAX_UNITS_PATCH items (docs/architecture.md,
 * "Storage"): the registry workbook of 10,000 units goes by the same path as one unit. Pure: the registry
 * wanted and the ids stored come in, the requests come out.
 *
 * The server checks the whole registry after each request, so every request must leave a valid one:
 * - units are sent after the units they name (parent, earlier parents, successors); units naming each other
 *   (a strongly connected group, found by Tarjan's algorithm) go in one request;
 * - every unit is sent with placement `end`, in the workbook's order where the references allow, so the
 *   stored order is the workbook's;
 * - the units no longer listed are removed last, units before the units they name.
 * Each request is safe to repeat; an import cut short is finished by running it again.
 */
import type { UnitsPatchBody } from './api-schemas';
import type { Unit } from './schemas';

/** Units upserted plus ids removed in one PATCH /units. Here, not in api-schemas.ts, so the pane gets it without zod. */
export const MAX_UNITS_PATCH = 1000;
/**
 * Units in a registry sent whole (PUT /units, a campaign definition): a bound for the checks' work; the body
 * limit (MAX_BODY_BYTES, 512 KB by default: about 5,000 units as JSON) is what bounds it in practice.
 */
export const MAX_REGISTRY_UNITS = 20_000;
/** JSON bytes of the units of one request the client aims under: the server's default body limit is 512 KB. */
export const PATCH_BYTES = 400 * 1024;

/** The ids a unit names: its parent, its earlier parents and its successors. */
function references(unit: Unit): string[] {
  return [
    ...(unit.parentId !== undefined ? [unit.parentId] : []),
    ...(unit.history ?? []).flatMap((v) => (v.parentId !== undefined ? [v.parentId] : [])),
    ...(unit.successors ?? []),
  ];
}

/**
 * The groups of `ids` in dependency order (a group after every group it names), each group the units
 * that name each other; `ids` order is kept wherever the references allow. Iterative Tarjan.
 */
export function dependencyGroups(
  ids: readonly string[],
  refs: (id: string) => readonly string[],
): string[][] {
  const known = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number; edges: string[] }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, edges: refs(id).filter((r) => known.has(r)) });
    };
    open(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.next < top.edges.length) {
        const to = top.edges[top.next++]!;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(top.id, Math.min(low.get(top.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!;
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(top.id)!));
      }
      if (low.get(top.id) === index.get(top.id)) {
        const group: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          group.push(id);
        } while (id !== top.id);
        groups.push(group.reverse());
      }
    }
  }
  return groups;
}

/**
 * Packs groups (never split) into chunks of at most `size` ids and about `budget` bytes of JSON (units with a
 * long history are large: 1,000 of them could pass the server's body limit, MAX_BODY_BYTES).
 */
function chunks(
  groups: readonly string[][],
  size: number,
  bytesOf: (id: string) => number = () => 0,
  budget = Infinity,
): string[][] {
  const out: string[][] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const group of groups) {
    const more = group.reduce((n, id) => n + bytesOf(id), 0);
    if (chunk.length && (chunk.length + group.length > size || bytes + more > budget)) {
      out.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(...group);
    bytes += more;
  }
  if (chunk.length) out.push(chunk);
  return out;
}

/** JSON with the keys sorted: two units are the same whatever order their fields came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * The PATCH bodies that turn the stored registry (`stored`, in registry order as GET /units answers) into
 * `wanted`, in the order to send them. `wanted` must be a valid registry (parseUnitRows checked it). The
 * units that begin both lists alike (same ids, same order, same fields) are not sent again: running an
 * import a second time, or after adding units at the end, sends only what changed. A group of units naming
 * each other larger than `size` is sent whole (the server refuses it: too_many_units).
 */
export function registryPatches(
  wanted: readonly Unit[],
  stored: readonly Unit[],
  size = MAX_UNITS_PATCH,
): UnitsPatchBody[] {
  const byId = new Map(wanted.map((u) => [u.id, u]));
  const order = dependencyGroups(
    wanted.map((u) => u.id),
    (id) => references(byId.get(id)!),
  );
  const storedById = new Map(stored.map((u) => [u.id, u]));
  // The groups already stored as wanted, at the start of the registry, stay as they are.
  let same = 0;
  let at = 0;
  for (const group of order) {
    if (
      !group.every(
        (id, i) => stored[at + i]?.id === id && canonical(stored[at + i]) === canonical(byId.get(id)),
      )
    )
      break;
    same++;
    at += group.length;
  }
  const utf8 = new TextEncoder();
  const upserts = chunks(
    order.slice(same),
    size,
    (id) => utf8.encode(JSON.stringify(byId.get(id))).length + 1,
    PATCH_BYTES,
  );
  const gone = stored.filter((u) => !byId.has(u.id)).map((u) => u.id);
  // Removing: a unit before the units it names, so no remaining unit ever names a removed one.
  const removals = chunks(dependencyGroups(gone, (id) => references(storedById.get(id)!)).reverse(), size);
  const bodies: UnitsPatchBody[] = upserts.map((ids) => ({
    upsert: ids.map((id) => byId.get(id)!),
    placement: 'end' as const,
  }));
  const last = bodies[bodies.length - 1];
  const first = removals[0];
  // The last upsert and the first removal share a request when they fit together.
  if (last && first && last.upsert!.length + first.length <= size) {
    last.remove = first;
    removals.shift();
  }
  return [...bodies, ...removals.map((remove) => ({ remove }))];
}
