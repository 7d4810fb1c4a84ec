/**
 * A registry sent as PATCH requests (shared/src/registry-import.ts): each request applied as the server
 * applies it (functions/src/catalog/unit-registry.ts: merged, then checkRegistry) must leave a valid registry,
 * and the last one the registry wanted, in the order wanted where the references allow.
 */
import {
  checkRegistry,
  dependencyGroups,
  registryPatches,
  type Unit,
  type UnitsPatchBody,
} from '../../shared/src';

const u = (id: string, parentId?: string, extra: Partial<Unit> = {}): Unit => ({
  id,
  name: `Đơn vị ${id}`,
  group: parentId ? 'commune' : 'board',
  ...(parentId ? { parentId } : {}),
  pilot: false,
  reports: true,
  ...extra,
});

/** The server's merge (placement as sent), with the check it makes before writing. */
function apply(stored: Unit[], body: UnitsPatchBody): Unit[] {
  const removing = new Set(body.remove ?? []);
  const upsert = body.upsert ?? [];
  const byId = new Map(upsert.map((x) => [x.id, x]));
  const known = new Set(stored.map((x) => x.id));
  const moving = (x: Unit) => body.placement === 'end' || !known.has(x.id);
  const merged = [
    ...stored
      .filter((x) => !removing.has(x.id) && !(byId.has(x.id) && moving(byId.get(x.id)!)))
      .map((x) => byId.get(x.id) ?? x),
    ...upsert.filter(moving),
  ];
  checkRegistry(merged);
  return merged;
}

function run(stored: Unit[], wanted: Unit[], size: number): { result: Unit[]; bodies: UnitsPatchBody[] } {
  const bodies = registryPatches(wanted, stored, size);
  let now = stored;
  for (const b of bodies) {
    expect((b.upsert?.length ?? 0) + (b.remove?.length ?? 0)).toBeLessThanOrEqual(size);
    now = apply(now, b);
  }
  return { result: now, bodies };
}

test('children listed before parents, successors and earlier parents pointing forward: every step valid', () => {
  const wanted = [
    u('X1', 'H2'), // its parent comes later
    u('ROOT'),
    u('H1', 'ROOT', { activeUntil: '2025-03-01', successors: ['X3'] }), // successor later
    u('X2', 'H1', { history: [{ until: '2023-01-01', name: 'Đồn', group: 'other', parentId: 'H2' }] }),
    u('H2', 'ROOT'),
    u('X3', 'H2'),
  ];
  const { result } = run([], wanted, 2);
  expect(result.map((x) => x.id)).toEqual(['ROOT', 'H2', 'X1', 'X3', 'H1', 'X2']);
  expect(new Set(result)).toEqual(new Set(wanted));
});

test('units naming each other go in one request', () => {
  // A's successor is B, and B was under A before 2024: each names the other.
  const wanted = [
    u('ROOT'),
    u('A', 'ROOT', { activeUntil: '2024-01-01', successors: ['B'] }),
    u('B', 'ROOT', { history: [{ until: '2024-01-01', name: 'B cũ', group: 'other', parentId: 'A' }] }),
  ];
  expect(
    dependencyGroups(['A', 'B', 'ROOT'], (id) =>
      id === 'A' ? ['B', 'ROOT'] : id === 'B' ? ['A', 'ROOT'] : [],
    ),
  ).toEqual([['ROOT'], ['A', 'B']]);
  const { result, bodies } = run([], wanted, 2);
  expect(bodies.map((b) => b.upsert!.map((x) => x.id))).toEqual([['ROOT'], ['A', 'B']]);
  expect(result).toEqual(wanted);
});

test('replacing a registry: moved parents, removed subtrees, a parent that became a child', () => {
  const stored = [
    u('ROOT'),
    u('A', 'ROOT'),
    u('B', 'A'),
    u('OLD', 'ROOT'),
    u('OLD1', 'OLD'),
    u('OLD2', 'OLD1'),
  ];
  // B is now above A; the OLD subtree is gone.
  const wanted = [u('ROOT'), u('B', 'ROOT'), u('A', 'B'), u('NEW', 'A')];
  const { result, bodies } = run(stored, wanted, 2);
  expect(result).toEqual(wanted);
  const removed = bodies.flatMap((b) => b.remove ?? []);
  expect(removed.indexOf('OLD2')).toBeLessThan(removed.indexOf('OLD'));
});

test('sent again, or after units were added at the end: only what changed is sent', () => {
  const wanted = Array.from({ length: 30 }, (_, i) => (i === 0 ? u('ROOT') : u(`K${i}`, 'ROOT')));
  const first = run([], wanted, 7);
  expect(first.result).toEqual(wanted);
  expect(registryPatches(wanted, first.result, 7)).toEqual([]);
  const more = [...wanted, u('K30', 'ROOT'), u('K31', 'K30')];
  const { result, bodies } = run(first.result, more, 7);
  expect(result).toEqual(more);
  expect(bodies.flatMap((b) => b.upsert!.map((x) => x.id))).toEqual(['K30', 'K31']);
  // A field changed in the middle: from there on.
  const renamed = more.map((x) => (x.id === 'K20' ? { ...x, name: 'Tên mới' } : x));
  const second = run(result, renamed, 7);
  expect(second.result).toEqual(renamed);
  expect(second.bodies.flatMap((b) => b.upsert!.map((x) => x.id))[0]).toBe('K20');
});

test('an import cut short is finished by running it again', () => {
  const stored = [u('ROOT'), u('GONE', 'ROOT')];
  const wanted = [u('ROOT'), ...Array.from({ length: 20 }, (_, i) => u(`N${i}`, i ? `N${i - 1}` : 'ROOT'))];
  const bodies = registryPatches(wanted, stored, 5);
  let now = stored;
  for (const b of bodies.slice(0, 2)) now = apply(now, b);
  const { result } = run(now, wanted, 5);
  expect(result).toEqual(wanted);
});

test('large units go in smaller requests, under the body limit', () => {
  const long = 'Lịch sử '.repeat(1000); // ~9 KB of UTF-8 per unit
  const wanted = [u('ROOT'), ...Array.from({ length: 200 }, (_, i) => u(`L${i}`, 'ROOT', { name: long }))];
  const { result, bodies } = run([], wanted, 1000);
  expect(result).toEqual(wanted);
  expect(bodies.length).toBeGreaterThan(1);
  for (const b of bodies) expect(new TextEncoder().encode(JSON.stringify(b)).length).toBeLessThan(512 * 1024);
});
