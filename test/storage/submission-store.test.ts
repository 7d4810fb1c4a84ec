/**
 * SubmissionStore against a real Azurite Table service (spawned once for this file).
 */
import { TableClient, odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { Submission } from '../../shared/src';
import { EntityTooLargeError, MAX_CHUNK_CHARS } from '../../functions/src/storage/entity-codec';
import {
  ConcurrencyConflictError,
  RevisionConflictError,
  StorageUnavailableError,
  SubmissionStore,
  partitionKeyOf,
} from '../../functions/src/storage/submission-store';
import {
  azuriteConnectionString,
  freePort,
  startAzurite,
  uniqueTableName,
  type Azurite,
} from '../../scripts/lib/azurite';

jest.setTimeout(60_000);

const CAMPAIGN = 'lang-son-nu-cuoi';
const PERIOD = '2021-Q1';
const PK = partitionKeyOf(CAMPAIGN, PERIOD);
const META = { receivedAt: '2021-03-10T08:00:00.000Z', onTime: true };

let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

function clientFor(table = uniqueTableName('subs')): TableClient {
  return TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true });
}

async function newStore(): Promise<{ store: SubmissionStore; client: TableClient }> {
  const client = clientFor();
  const store = new SubmissionStore(client);
  await store.ensureTable();
  return { store, client };
}

function submission(overrides: Partial<Submission> = {}): Submission {
  return {
    submissionId: randomUUID(),
    templateId: 'results',
    templateVersion: 1,
    unitId: 'PX03',
    periodId: PERIOD,
    values: {
      forums_held: 3,
      satisfaction: 97.5,
      remarks: 'Đã tổ chức diễn đàn',
      has_model: true,
      note: null,
    },
    tables: { models: [{ name: 'Mô hình “Nụ cười”', start: '2021-01-15' }] },
    ...overrides,
  };
}

/** Every RowKey in the partition (or with a prefix). */
async function rowKeys(client: TableClient, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  const filter = odata`PartitionKey eq ${PK}`;
  for await (const e of client.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
    if (e.rowKey?.startsWith(prefix)) keys.push(e.rowKey);
  }
  return keys;
}

describe('SubmissionStore (Azurite)', () => {
  test('accept stores revision 1 and latest() returns it whole', async () => {
    const { store } = await newStore();
    const s = submission();
    const { receipt, replayed } = await store.accept(CAMPAIGN, s, META);
    expect(replayed).toBe(false);
    expect(receipt).toEqual({
      submissionId: s.submissionId,
      unitId: 'PX03',
      periodId: PERIOD,
      revision: 1,
      ...META,
    });
    const latest = await store.latest(CAMPAIGN, PERIOD);
    expect(latest).toEqual([{ ...s, revision: 1, ...META, review: { state: 'pending' } }]);
    expect(await store.latest(CAMPAIGN, PERIOD, 'PX03')).toEqual(latest);
    expect(await store.latest(CAMPAIGN, PERIOD, 'nobody')).toEqual([]);
  });

  test('a second submission becomes revision 2; revisions() returns both in order', async () => {
    const { store, client } = await newStore();
    const first = submission();
    const second = submission({ values: { forums_held: 5 } });
    await store.accept(CAMPAIGN, first, META);
    const late = { receivedAt: '2021-03-20T01:00:00.000Z', onTime: false };
    const { receipt } = await store.accept(CAMPAIGN, second, late);
    expect(receipt.revision).toBe(2);
    expect(receipt.onTime).toBe(false);

    const revisions = await store.revisions(CAMPAIGN, PERIOD, 'PX03');
    expect(revisions.map((r) => [r.revision, r.submissionId, r.onTime])).toEqual([
      [1, first.submissionId, true],
      [2, second.submissionId, false],
    ]);
    expect(revisions[0]?.values).toEqual(first.values);
    const [latest] = await store.latest(CAMPAIGN, PERIOD);
    expect(latest).toMatchObject({ revision: 2, values: { forums_held: 5 }, ...late });
    expect((await rowKeys(client)).sort()).toEqual(
      [
        'latest|PX03',
        'rev|PX03|00000001',
        'rev|PX03|00000002',
        `idem|${first.submissionId}`,
        `idem|${second.submissionId}`,
      ].sort(),
    );
  });

  test('20 parallel submissions for one unit get revisions 1..20, none lost', async () => {
    const { store, client } = await newStore();
    const subs = Array.from({ length: 20 }, (_, i) => submission({ values: { forums_held: i } }));
    const results = await Promise.all(subs.map((s) => store.accept(CAMPAIGN, s, META)));

    expect(results.every((r) => !r.replayed)).toBe(true);
    expect(results.map((r) => r.receipt.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await rowKeys(client, 'rev|')).toHaveLength(20);
    expect(await rowKeys(client, 'idem|')).toHaveLength(20);

    const revisions = await store.revisions(CAMPAIGN, PERIOD, 'PX03');
    expect(revisions.map((r) => r.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Each revision holds the body of the submission its receipt names.
    for (const r of results) {
      const stored = revisions[r.receipt.revision - 1];
      expect(stored?.submissionId).toBe(r.receipt.submissionId);
      expect(stored?.values).toEqual(subs.find((s) => s.submissionId === r.receipt.submissionId)?.values);
    }
    const [latest] = await store.latest(CAMPAIGN, PERIOD);
    expect(latest?.revision).toBe(20);
    expect(latest?.submissionId).toBe(revisions[19]?.submissionId);
  });

  test('replaying a submissionId returns the same receipt and stores nothing; another body is refused', async () => {
    const { store, client } = await newStore();
    const s = submission();
    const first = await store.accept(CAMPAIGN, s, META);
    const before = (await rowKeys(client)).sort();

    const again = await store.accept(CAMPAIGN, s, { receivedAt: '2021-04-01T00:00:00.000Z', onTime: false });
    expect(again).toEqual({ receipt: first.receipt, replayed: true });
    // The same id with other content is not a replay: refused, naming what differs.
    await expect(store.accept(CAMPAIGN, { ...s, values: { forums_held: 999 } }, META)).rejects.toMatchObject({
      name: 'SubmissionIdReusedError',
      differs: ['content'],
    });
    await expect(store.accept(CAMPAIGN, { ...s, unitId: 'PX01' }, META)).rejects.toMatchObject({
      differs: ['unit'],
    });

    expect((await rowKeys(client)).sort()).toEqual(before);
    const [latest] = await store.latest(CAMPAIGN, PERIOD);
    expect(latest?.values).toEqual(s.values);
    expect(await store.findReceipt(CAMPAIGN, PERIOD, s.submissionId)).toEqual(first.receipt);
    expect(await store.findReceipt(CAMPAIGN, PERIOD, randomUUID())).toBeUndefined();
    expect(await store.findReceipt(CAMPAIGN, '2021-Q3', s.submissionId)).toBeUndefined();
  });

  test('10 concurrent replays of one new submissionId store exactly one revision', async () => {
    const { store, client } = await newStore();
    await store.accept(CAMPAIGN, submission(), META); // the unit already has revision 1
    const s = submission();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.accept(CAMPAIGN, s, META)));

    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    for (const r of results) expect(r.receipt).toEqual(results[0]?.receipt);
    expect(results[0]?.receipt.revision).toBe(2);
    expect(await rowKeys(client, 'rev|')).toHaveLength(2);
    expect(await rowKeys(client, 'idem|')).toHaveLength(2);
  });

  test('a 200,000-character longtext round-trips unchanged, split across properties', async () => {
    const { store, client } = await newStore();
    const unit = 'Phòng Tham mưu 😀 ạ '; // NFC Vietnamese and an astral character, repeated
    const longtext = unit.repeat(Math.ceil(200_000 / unit.length)).slice(0, 200_000);
    expect(longtext).toHaveLength(200_000);
    const s = submission({
      values: { summary: longtext, forums_held: 1 },
      tables: {
        deeds: Array.from({ length: 200 }, (_, i) => ({ who: `Cán bộ ${i}`, what: longtext.slice(0, 500) })),
      },
    });
    await store.accept(CAMPAIGN, s, META);

    const [latest] = await store.latest(CAMPAIGN, PERIOD);
    expect(latest?.values.summary).toBe(longtext);
    expect(latest?.tables).toEqual(s.tables);
    const [rev] = await store.revisions(CAMPAIGN, PERIOD, 'PX03');
    expect(rev?.values.summary).toBe(longtext);

    const raw = await client.getEntity<Record<string, unknown>>(PK, 'latest|PX03');
    const n = raw.dn as number;
    expect(n).toBeGreaterThanOrEqual(Math.ceil(200_000 / MAX_CHUNK_CHARS));
    for (let i = 0; i < n; i++) expect((raw[`d${i}`] as string).length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
  });

  test('an oversized submission (2 MB) throws EntityTooLargeError and writes nothing', async () => {
    const { store, client } = await newStore();
    const s = submission({ values: { summary: 'x'.repeat(2_000_000) } });
    await expect(store.accept(CAMPAIGN, s, META)).rejects.toBeInstanceOf(EntityTooLargeError);
    expect(await rowKeys(client)).toEqual([]);
  });

  test('review sets the state; a new revision resets it to pending; history is kept', async () => {
    const { store, client } = await newStore();
    expect(
      await store.review(CAMPAIGN, PERIOD, 'PX03', {
        state: 'accepted',
        by: 'px03',
        at: '2021-03-11T00:00:00Z',
      }),
    ).toBeUndefined();

    await store.accept(CAMPAIGN, submission(), META);
    const returned = await store.review(CAMPAIGN, PERIOD, 'PX03', {
      state: 'returned',
      comment: 'Thiếu số liệu mục 2',
      by: 'reviewer@px03',
      at: '2021-03-11T02:00:00Z',
    });
    expect(returned?.review).toEqual({
      state: 'returned',
      comment: 'Thiếu số liệu mục 2',
      by: 'reviewer@px03',
      at: '2021-03-11T02:00:00Z',
      revision: 1,
    });
    const [afterReview] = await store.latest(CAMPAIGN, PERIOD);
    expect(afterReview?.review).toEqual(returned?.review);

    await store.accept(CAMPAIGN, submission({ values: { forums_held: 4 } }), META);
    const [resubmitted] = await store.latest(CAMPAIGN, PERIOD, 'PX03');
    expect(resubmitted?.revision).toBe(2);
    expect(resubmitted?.review).toEqual({ state: 'pending' });

    const accepted = await store.review(CAMPAIGN, PERIOD, 'PX03', {
      state: 'accepted',
      by: 'reviewer@px03',
      at: '2021-03-12T00:00:00Z',
    });
    expect(accepted?.review).toMatchObject({ state: 'accepted', revision: 2 });
    const revisions = await store.revisions(CAMPAIGN, PERIOD, 'PX03');
    expect(revisions.map((r) => [r.revision, r.review.state])).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
    ]);
    expect(await rowKeys(client, 'review|')).toHaveLength(2);

    // A review of a revision that is no longer the latest is refused.
    await expect(
      store.review(CAMPAIGN, PERIOD, 'PX03', {
        state: 'accepted',
        by: 'x',
        at: '2021-03-13T00:00:00Z',
        revision: 1,
      }),
    ).rejects.toBeInstanceOf(RevisionConflictError);
  });

  test('concurrent reviews with the same timestamp all land in the history', async () => {
    const { store, client } = await newStore();
    await store.accept(CAMPAIGN, submission(), META);
    const at = '2021-03-11T00:00:00Z';
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((by) =>
        store.review(CAMPAIGN, PERIOD, 'PX03', { state: 'accepted', by, at }),
      ),
    );
    expect(await rowKeys(client, 'review|')).toHaveLength(5);
  });

  test('latest() for a period with 50 units returns all 50 in one query', async () => {
    const { store, client } = await newStore();
    const units = Array.from({ length: 50 }, (_, i) => `CAX-${String(i).padStart(2, '0')}`);
    await Promise.all(units.map((unitId) => store.accept(CAMPAIGN, submission({ unitId }), META)));
    // Other periods and other row kinds in the same table do not leak in.
    await store.accept(CAMPAIGN, submission({ unitId: 'CAX-00', periodId: '2021-Q3' }), META);

    let requests = 0;
    client.pipeline.addPolicy({
      name: 'countRequests',
      sendRequest: (request, next) => {
        requests++;
        return next(request);
      },
    });
    const latest = await store.latest(CAMPAIGN, PERIOD);
    expect(requests).toBe(1);
    expect(latest.map((s) => s.unitId).sort()).toEqual(units);
    expect(latest.every((s) => s.revision === 1 && s.periodId === PERIOD)).toBe(true);
  });

  test('hostile ids are stored under escaped keys and come back unchanged', async () => {
    const { store } = await newStore();
    const campaign = 'c/1#?%';
    const unitId = 'a/b\\c#d?e%f|g';
    const other = 'a/b\\c#d?e%f'; // a prefix of the first once "|" is taken as a separator
    await store.accept(campaign, submission({ unitId }), META);
    await store.accept(campaign, submission({ unitId: other }), META);
    await store.accept(campaign, submission({ unitId: other }), META);
    expect((await store.latest(campaign, PERIOD)).map((s) => s.unitId).sort()).toEqual(
      [other, unitId].sort(),
    );
    expect(await store.revisions(campaign, PERIOD, unitId)).toHaveLength(1);
    expect(await store.revisions(campaign, PERIOD, other)).toHaveLength(2);
  });

  test('a writer that keeps losing gives up with ConcurrencyConflictError (a StorageUnavailableError)', async () => {
    const client = clientFor();
    const store = new SubmissionStore(client, { maxAttempts: 1 });
    await store.ensureTable();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => store.accept(CAMPAIGN, submission(), META)),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    const stored = results.length - failed.length;
    expect(stored).toBeGreaterThanOrEqual(1);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(ConcurrencyConflictError);
      expect(f.reason).toBeInstanceOf(StorageUnavailableError);
    }
    // Whatever was stored is gap-free.
    const revisions = await store.revisions(CAMPAIGN, PERIOD, 'PX03');
    expect(revisions.map((r) => r.revision)).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
  });

  test('unreachable storage ends in StorageUnavailableError', async () => {
    const port = await freePort(); // nothing listens there
    const client = TableClient.fromConnectionString(azuriteConnectionString(port), 'nowhere', {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const store = new SubmissionStore(client, { unavailableRetries: 2, backoffMs: 1 });
    await expect(store.accept(CAMPAIGN, submission(), META)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.latest(CAMPAIGN, PERIOD)).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe("a unit's latest row in many periods", () => {
  test('point reads, at most `concurrency` at a time; periods without a report are absent', async () => {
    const { store, client } = await newStore();
    const periods = Array.from({ length: 20 }, (_, i) => `${2030 + i}-Q1`);
    for (const periodId of periods.filter((_, i) => i % 3 === 0))
      await store.accept(CAMPAIGN, submission({ unitId: 'PC06', periodId }), META);
    await store.accept(CAMPAIGN, submission({ unitId: 'PC08', periodId: periods[1]! }), META);

    let inFlight = 0;
    let most = 0;
    const getEntity = client.getEntity.bind(client);
    const spy = jest.spyOn(client, 'getEntity').mockImplementation(async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await getEntity(...args);
      } finally {
        inFlight--;
      }
    });
    const found = await store.latestOfUnit(CAMPAIGN, periods, 'PC06', 4);
    expect(spy).toHaveBeenCalledTimes(20);
    expect(most).toBe(4);
    expect([...found.keys()].sort()).toEqual(periods.filter((_, i) => i % 3 === 0));
    expect(found.get(periods[0]!)).toMatchObject({
      unitId: 'PC06',
      revision: 1,
      review: { state: 'pending' },
    });
    spy.mockRestore();
  });
});
