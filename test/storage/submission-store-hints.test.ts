/**
 * The accept path's one-round-trip hints (SubmissionStore remembers each unit's latest revision and
 * ETag): right hints cost one request, wrong ones only a retry, and no guarantee depends on them.
 */
import { TableClient, odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { Submission } from '../../shared/src';
import { SubmissionStore, partitionKeyOf } from '../../functions/src/storage/submission-store';
import { startAzurite, uniqueTableName, type Azurite } from '../../scripts/lib/azurite';

jest.setTimeout(60_000);

const CAMPAIGN = 'lang-son-nu-cuoi';
const PERIOD = '2021-Q1';
const META = { receivedAt: '2021-03-10T08:00:00.000Z', onTime: true };

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

/** A fresh table, and a client that counts the requests it sends. */
async function table() {
  const client = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('hints'), {
    allowInsecureConnection: true,
  });
  await client.createTable();
  const counter = { requests: 0 };
  client.pipeline.addPolicy({
    name: 'count',
    sendRequest: (request, next) => {
      counter.requests++;
      return next(request);
    },
  });
  return { client, counter };
}

const submission = (unitId = 'PC06', values: Submission['values'] = { forums_held: 1 }): Submission => ({
  submissionId: randomUUID(),
  templateId: 'results',
  templateVersion: 1,
  unitId,
  periodId: PERIOD,
  values,
  tables: {},
});

async function revisionsOf(client: TableClient, unitId: string) {
  const pk = partitionKeyOf(CAMPAIGN, PERIOD);
  const out: { revision: number; submissionId: string }[] = [];
  const filter = odata`PartitionKey eq ${pk} and RowKey ge ${`rev|${unitId}|`} and RowKey lt ${`rev|${unitId}}`}`;
  for await (const e of client.listEntities<{ revision: number; submissionId: string }>({
    queryOptions: { filter },
  }))
    out.push({ revision: e.revision, submissionId: e.submissionId });
  return out.map((r) => r.revision);
}

test('a first revision and each next one from the same instance take one request', async () => {
  const { client, counter } = await table();
  const store = new SubmissionStore(client);
  for (let i = 1; i <= 5; i++) {
    counter.requests = 0;
    const { receipt } = await store.accept(CAMPAIGN, submission(), META);
    expect(receipt.revision).toBe(i);
    expect(counter.requests).toBe(1);
  }
});

test('two instances writing one unit in turn: stale hints cost a retry, revisions stay gap-free', async () => {
  const { client } = await table();
  const a = new SubmissionStore(client);
  const b = new SubmissionStore(client);
  const receipts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const store = i % 3 === 0 ? b : a;
    receipts.push((await store.accept(CAMPAIGN, submission(), META)).receipt.revision);
  }
  expect(receipts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(await revisionsOf(client, 'PC06')).toEqual(receipts);
});

test('a review from another instance makes the hint stale; the next accept still succeeds', async () => {
  const { client } = await table();
  const a = new SubmissionStore(client);
  const b = new SubmissionStore(client);
  await a.accept(CAMPAIGN, submission(), META);
  await b.review(CAMPAIGN, PERIOD, 'PC06', {
    state: 'returned',
    comment: 'Thiếu',
    by: 'px03',
    at: META.receivedAt,
  });
  const { receipt } = await a.accept(CAMPAIGN, submission(), META);
  expect(receipt.revision).toBe(2);
  const [latest] = await a.latest(CAMPAIGN, PERIOD, 'PC06');
  expect(latest?.review).toEqual({ state: 'pending' });
  // The review sequence survives the new revision (history keys stay unique).
  await a.review(CAMPAIGN, PERIOD, 'PC06', { state: 'accepted', by: 'px03', at: META.receivedAt });
  expect((await a.revisions(CAMPAIGN, PERIOD, 'PC06')).map((r) => r.review.state)).toEqual([
    'returned',
    'accepted',
  ]);
});

test('a replay through a warm hint returns the first receipt and stores nothing', async () => {
  const { client } = await table();
  const store = new SubmissionStore(client);
  const s = submission();
  const first = await store.accept(CAMPAIGN, s, META);
  const again = await store.accept(CAMPAIGN, s, META);
  expect(again).toEqual({ receipt: first.receipt, replayed: true });
  // Other values under the same id are refused, not taken for a replay.
  await expect(store.accept(CAMPAIGN, { ...s, values: { forums_held: 99 } }, META)).rejects.toMatchObject({
    differs: ['content'],
  });
  expect(await revisionsOf(client, 'PC06')).toEqual([1]);
});

test('with maxAttempts 1, a replay that loses the only attempt still gets its receipt', async () => {
  const { client } = await table();
  const s = submission();
  await new SubmissionStore(client).accept(CAMPAIGN, s, META);
  const cold = new SubmissionStore(client, { maxAttempts: 1 });
  expect(await cold.accept(CAMPAIGN, s, META)).toMatchObject({ replayed: true, receipt: { revision: 1 } });
});

test('20 writers over 4 instances on one unit, with replays mixed in: gap-free, one copy each', async () => {
  const { client } = await table();
  const stores = Array.from({ length: 4 }, () => new SubmissionStore(client));
  const subs = Array.from({ length: 20 }, (_, i) => submission('PC06', { forums_held: i }));
  const results = await Promise.all(
    [...subs, ...subs.slice(0, 5)].map((s, i) => stores[i % 4]!.accept(CAMPAIGN, s, META)),
  );
  const bySubmission = new Map<string, number>();
  for (const r of results) {
    const known = bySubmission.get(r.receipt.submissionId);
    if (known !== undefined) expect(r.receipt.revision).toBe(known);
    bySubmission.set(r.receipt.submissionId, r.receipt.revision);
  }
  expect(bySubmission.size).toBe(20);
  expect(results.filter((r) => !r.replayed)).toHaveLength(20);
  expect(await revisionsOf(client, 'PC06')).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
});

test('hints can be turned off: a next revision then costs a failed attempt and two reads', async () => {
  const { client, counter } = await table();
  const store = new SubmissionStore(client, { latestHints: 0 });
  await store.accept(CAMPAIGN, submission(), META);
  counter.requests = 0;
  const { receipt } = await store.accept(CAMPAIGN, submission(), META);
  expect(receipt.revision).toBe(2);
  expect(counter.requests).toBe(4); // a failed create, two reads in parallel, the transaction
});
