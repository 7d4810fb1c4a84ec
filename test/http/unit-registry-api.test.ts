/**
 * The unit registry stored one row per unit (functions/src/catalog/unit-registry.ts) over real HTTP against
 * Azurite: PATCH /units (upsert, remove, order, the merged registry checked before anything is written, the
 * size limit), GET /units by pages (every unit once, cursors bound to their campaign), PUT /units replacing,
 * one point read for one unit, and a campaign stored in the old layout (one packed `registry` row) read as it
 * is and migrated by the next write.
 */
import type { Unit } from '../../shared/src';
import { pack } from '../../functions/src/storage/entity-codec';
import { LEGACY_REGISTRY_ROW, unitRowKey } from '../../functions/src/catalog/unit-registry';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let api: string;
let admin: string;

/** A campaign of this test's own: the shipped one's settings under another id, with no units yet. */
async function newCampaign(id: string): Promise<string> {
  const campaign = (await stack.services.catalog.getCampaign(CAMPAIGN))!;
  await stack.services.catalog.putCampaign({ ...campaign, id });
  return id;
}

const unit = (id: string, parentId?: string, name = `Đơn vị ${id}`): Unit => ({
  id,
  name,
  group: parentId ? 'commune' : 'board',
  ...(parentId ? { parentId } : {}),
  pilot: false,
  reports: parentId !== undefined,
});

const patch = (campaignId: string, body: unknown, t = admin) =>
  call(api, 'PATCH', `/campaigns/${campaignId}/units`, { token: t, json: body });
const units = async (campaignId: string): Promise<Unit[]> => {
  const r = await call(api, 'GET', `/campaigns/${campaignId}/units`, { token: admin });
  expect(r.status).toBe(200);
  return r.body.units;
};
const ids = (list: readonly Unit[]) => list.map((u) => u.id);

/** Every row of a campaign's partition in the units table, straight from Azurite. */
async function rows(campaignId: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of stack.table('units').listEntities({
    queryOptions: { filter: `PartitionKey eq '${campaignId}'` },
  }))
    out.push(e.rowKey!);
  return out;
}

beforeAll(async () => {
  stack = await startApiTestStack({ proxy: true });
  api = stack.host.url;
  admin = await token('admin');
}, 120_000);
afterAll(() => stack?.stop());

describe('PATCH /units', () => {
  test('upserts and removes; each unit is its own row; new units at the end, changed ones in place', async () => {
    const c = await newCampaign('reg-patch');
    let r = await patch(c, {
      upsert: [unit('ROOT'), unit('A', 'ROOT'), unit('B', 'ROOT'), unit('C', 'ROOT')],
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ campaignId: c, upserted: ['ROOT', 'A', 'B', 'C'], removed: [], total: 4 });
    expect((await rows(c)).sort()).toEqual(['u|A', 'u|B', 'u|C', 'u|ROOT']);

    r = await patch(c, {
      upsert: [unit('D', 'A'), unit('A', 'ROOT', 'Tên mới')],
      remove: ['B', 'NOT-THERE'],
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ campaignId: c, upserted: ['D', 'A'], removed: ['B'], total: 4 });
    const now = await units(c);
    expect(ids(now)).toEqual(['ROOT', 'A', 'C', 'D']);
    expect(now[1]!.name).toBe('Tên mới');

    // placement "end": the units sent move to the end, in the order sent.
    r = await patch(c, { upsert: [unit('C', 'ROOT'), unit('A', 'ROOT', 'Tên mới')], placement: 'end' });
    expect(r.status).toBe(200);
    expect(ids(await units(c))).toEqual(['ROOT', 'D', 'C', 'A']);

    // Sent again (a retry after a lost answer): the same registry.
    r = await patch(c, { upsert: [unit('D', 'A')], remove: ['B'] });
    expect(r.status).toBe(200);
    expect(r.body.removed).toEqual([]);
    expect(ids(await units(c))).toEqual(['ROOT', 'D', 'C', 'A']);
  });

  test('a registry that would not be a tree is refused whole, and nothing is written', async () => {
    const c = await newCampaign('reg-refused');
    expect((await patch(c, { upsert: [unit('ROOT'), unit('A', 'ROOT'), unit('B', 'A')] })).status).toBe(200);
    const before = await rows(c);
    const cases: [unknown, string][] = [
      [{ upsert: [unit('N1', 'ROOT'), unit('N2', 'NOWHERE')] }, 'unknown_parent'],
      [{ upsert: [unit('N1', 'ROOT'), { ...unit('A', 'B') }] }, 'parent_cycle'],
      [{ upsert: [unit('N1', 'ROOT'), unit('N1', 'ROOT')] }, 'duplicate_unit_id'],
      [{ upsert: [unit('N1', 'ROOT')], remove: ['A'] }, 'unknown_parent'], // B's parent removed
      [{ upsert: [unit('N1', 'ROOT')], remove: ['N1'] }, 'unit_upserted_and_removed'],
    ];
    for (const [body, code] of cases) {
      const r = await patch(c, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_body');
      expect(r.body.error.details.map((d: { code: string }) => d.code)).toContain(code);
    }
    expect((await rows(c)).sort()).toEqual(before.sort());
    expect(ids(await units(c))).toEqual(['ROOT', 'A', 'B']);
  });

  test('more than 1,000 items, an empty body, a clerk: refused', async () => {
    const c = await newCampaign('reg-limits');
    const many = Array.from({ length: 1001 }, (_, i) => `U${i}`);
    const big = await patch(c, { remove: many });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'too_many_units', params: { count: 1001, max: 1000 } });
    const mixed = await patch(c, { upsert: [unit('ROOT')], remove: many.slice(0, 1000) });
    expect(mixed.status).toBe(413);
    expect((await patch(c, {})).status).toBe(400);
    expect((await patch(c, { upsert: [unit('ROOT')] }, await token('clerk', 'PC06'))).status).toBe(403);
    expect(await rows(c)).toEqual([]);
  });
  test('the accept path sees a change at once (the catalogue stamp is bumped after the write)', async () => {
    const c = await newCampaign('reg-accept');
    const { catalog } = stack.services;
    for (const t of await catalog.listTemplates(CAMPAIGN)) await catalog.addTemplate({ ...t, campaignId: c });
    const submit = async (unitId: string) =>
      call(api, 'POST', `/campaigns/${c}/submissions`, {
        token: await token('clerk', unitId),
        json: resultsReport(unitId, '2022-Q3'),
      });
    expect((await patch(c, { upsert: [unit('ROOT'), unit('A', 'ROOT')] })).status).toBe(200);
    expect((await submit('A')).status).toBe(201);
    const before = await submit('B');
    expect(before.body.error.code).toBe('unit_not_found');
    expect((await patch(c, { upsert: [unit('B', 'ROOT')], remove: ['A'] })).status).toBe(200);
    expect((await submit('B')).status).toBe(201);
    expect((await submit('A')).body.error.code).toBe('unit_not_found');
  });
});

describe('GET /units by pages', () => {
  const N = 257;
  let c: string;
  beforeAll(async () => {
    c = await newCampaign('reg-pages');
    const list = [
      unit('ROOT'),
      ...Array.from({ length: N - 1 }, (_, i) => unit(`P${String(i).padStart(3, '0')}`, 'ROOT')),
    ];
    expect((await patch(c, { upsert: list })).status).toBe(200);
  });

  test.each([1, 10, 256, 257, 1000])(
    'limit %i: every unit exactly once across the pages',
    async (limit) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
        const r = await call(api, 'GET', `/campaigns/${c}/units?${q}`, { token: admin });
        expect(r.status).toBe(200);
        expect(r.body.units.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(r.body.units));
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor);
      expect(seen.length).toBe(N);
      expect(new Set(seen).size).toBe(N);
      expect(pages).toBe(Math.ceil(N / limit));
    },
    60_000,
  );

  test('a bad limit, a made-up cursor, a cursor of another campaign: 400', async () => {
    for (const limit of ['0', '1001', 'abc', '', ' 5', '2.5', '1e2', '0x10']) {
      const r = await call(api, 'GET', `/campaigns/${c}/units?limit=${encodeURIComponent(limit)}`, {
        token: admin,
      });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'bad_query', params: { name: 'limit' } });
    }
    const other = await newCampaign('reg-pages-other');
    expect(
      (await patch(other, { upsert: [unit('ROOT'), unit('Q1', 'ROOT'), unit('Q2', 'ROOT')] })).status,
    ).toBe(200);
    const first = await call(api, 'GET', `/campaigns/${other}/units?limit=1`, { token: admin });
    const theirs = first.body.nextCursor as string;
    const forged = [
      theirs, // another campaign's cursor
      Buffer.from(JSON.stringify([c, 'registry'])).toString('base64url'), // not a unit row
      Buffer.from(JSON.stringify([c, "u|' or PartitionKey ne '"])).toString('base64url'), // filter injection
      Buffer.from(JSON.stringify([other, 'u|Q1'])).toString('base64url'), // hand-made for the other campaign
      'not-a-cursor',
    ];
    for (const cursor of forged) {
      const r = await call(api, 'GET', `/campaigns/${c}/units?limit=5&cursor=${encodeURIComponent(cursor)}`, {
        token: admin,
      });
      // The injection is a well-formed cursor of this campaign: it can only page within it.
      if (r.status === 200)
        expect(ids(r.body.units).every((id) => id.startsWith('P') || id === 'ROOT')).toBe(true);
      else expect(r.body.error.code).toBe('bad_cursor');
    }
    const r = await call(api, 'GET', `/campaigns/${c}/units?limit=5&cursor=${encodeURIComponent(theirs)}`, {
      token: admin,
    });
    expect(r.status).toBe(400);
  });
});

describe('one unit, and PUT', () => {
  test('getUnit is one storage request, whatever the registry’s size', async () => {
    const c = await newCampaign('reg-one');
    const list = [unit('ROOT'), ...Array.from({ length: 500 }, (_, i) => unit(`K${i}`, 'ROOT'))];
    expect((await patch(c, { upsert: list.slice(0, 400) })).status).toBe(200);
    expect((await patch(c, { upsert: list.slice(400) })).status).toBe(200);
    const proxy = stack.proxy!;
    const before = proxy.counts.pass;
    expect(await stack.services.catalog.getUnit(c, 'K250')).toEqual(list[251]);
    expect(proxy.counts.pass - before).toBe(1);
  });

  test('PUT replaces the registry: new order, units left out deleted', async () => {
    const c = await newCampaign('reg-put');
    expect((await patch(c, { upsert: [unit('ROOT'), unit('A', 'ROOT'), unit('B', 'ROOT')] })).status).toBe(
      200,
    );
    const r = await call(api, 'PUT', `/campaigns/${c}/units`, {
      token: admin,
      json: { units: [unit('ROOT'), unit('C', 'ROOT'), unit('A', 'ROOT')] },
    });
    expect(r.status).toBe(200);
    expect(ids(await units(c))).toEqual(['ROOT', 'C', 'A']);
    expect((await rows(c)).sort()).toEqual(['u|A', 'u|C', 'u|ROOT']);
  });
});

describe('a campaign stored in the old layout', () => {
  /** Writes the registry as the old code did: the whole array packed into the row `registry`. */
  const writeOld = (campaignId: string, list: Unit[]) =>
    stack
      .table('units')
      .upsertEntity(
        { partitionKey: campaignId, rowKey: LEGACY_REGISTRY_ROW, count: list.length, ...pack(list) },
        'Replace',
      );
  const old = [unit('ROOT'), unit('Z', 'ROOT'), unit('M', 'ROOT'), { ...unit('A', 'M'), successors: ['Z'] }];

  test('is read as it is, whole, by pages and one unit', async () => {
    const c = await newCampaign('reg-old-read');
    await writeOld(c, old);
    expect(await units(c)).toEqual(old);
    expect(await stack.services.catalog.getUnit(c, 'M')).toEqual(old[2]);
    expect(await stack.services.catalog.getUnit(c, 'NOPE')).toBeUndefined();
    const first = await call(api, 'GET', `/campaigns/${c}/units?limit=3`, { token: admin });
    const second = await call(api, 'GET', `/campaigns/${c}/units?limit=3&cursor=${first.body.nextCursor}`, {
      token: admin,
    });
    expect([...ids(first.body.units), ...ids(second.body.units)]).toEqual(['A', 'M', 'ROOT', 'Z']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  test('the next PATCH writes one row per unit, keeps the order, then deletes the old row', async () => {
    const c = await newCampaign('reg-old-patch');
    await writeOld(c, old);
    const r = await patch(c, { upsert: [unit('N', 'M')], remove: ['Z'] });
    expect(r.status).toBe(400); // A's successor Z: checked against the old registry too
    expect(await rows(c)).toEqual([LEGACY_REGISTRY_ROW]);
    expect((await patch(c, { upsert: [unit('N', 'M'), unit('A', 'M')], remove: ['Z'] })).status).toBe(200);
    expect((await rows(c)).sort()).toEqual(['A', 'M', 'N', 'ROOT'].map(unitRowKey).sort());
    expect(ids(await units(c))).toEqual(['ROOT', 'M', 'A', 'N']);
  });

  test('a migration cut short leaves the old registry in force; the next write finishes it', async () => {
    const c = await newCampaign('reg-old-cut');
    await writeOld(c, old);
    // What a write that failed after its first batch leaves: some unit rows, the old row still there.
    await stack.table('units').upsertEntity({
      partitionKey: c,
      rowKey: unitRowKey('STALE'),
      order: 0,
      ...pack(unit('STALE', 'ROOT')),
    });
    expect(await units(c)).toEqual(old);
    const put = await call(api, 'PUT', `/campaigns/${c}/units`, {
      token: admin,
      json: { units: old.slice(0, 3) },
    });
    expect(put.status).toBe(200);
    expect((await rows(c)).sort()).toEqual(['M', 'ROOT', 'Z'].map(unitRowKey).sort());
    expect(await units(c)).toEqual(old.slice(0, 3));
  });
});
