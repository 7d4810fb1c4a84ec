/**
 * Backup and restore, end to end against Azurite: the demo's reports (with a return and a resubmission,
 * reviews, a period lock, a user row) and a table no service knows, backed up with `npm run backup`, restored
 * with `npm run restore` into a second, empty Azurite: every read route answers the same, every property keeps
 * its EDM type. A tampered file is caught by its checksum before anything is written; a target that holds
 * data is refused unless --force.
 */
import { TableClient } from '@azure/data-tables';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listTables, type TableAccount } from '../../functions/src/backup/account';
import { createServices, setServices } from '../../functions/src/services';
import { startAzurite, type Azurite } from '../../scripts/lib/azurite';
import { main as backup } from '../../scripts/backup';
import { main as restore } from '../../scripts/restore';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { loadDemoReports, type DemoLoad } from '../support/demo-load';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(240_000);

let stack: ApiTestStack;
let target: Azurite;
let demo: DemoLoad;
let dir: string;
/** A report whose receipt must come back, on a replay, from the restored account. */
const known = resultsReport('PC06', '2022-Q3');
let knownReceipt: unknown;
const NOW = new Date('2026-11-29T10:00:00.000Z');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

const env = (connectionString: string, extra: Record<string, string> = {}) => ({
  STORAGE_CONNECTION_STRING: connectionString,
  LANG: 'en_US.UTF-8',
  ...extra,
});

/** A table the services do not know, with a property of every EDM type. */
const EXTRA = 'progressnotes';
const typed = {
  partitionKey: 'p|1',
  rowKey: 'r|1',
  text: 'Lạng Sơn',
  count: 42,
  big: { value: '9007199254740993', type: 'Int64' },
  ratio: 0.8776,
  huge: 3_000_000_000,
  whole: { value: 3, type: 'Double' },
  done: true,
  at: new Date('2022-06-15T00:00:00.000Z'),
  id: { value: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'Guid' },
  bytes: new Uint8Array([0, 1, 2, 254, 255]),
};

function client(connectionString: string, table: string) {
  return TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
}

/** What every read route answers now, as data. */
async function answers(): Promise<Record<string, unknown>> {
  const admin = await token('admin');
  const reviewer = await token('reviewer', 'PX03');
  const routes: [string, string][] = [
    ['/campaigns', admin],
    [`/campaigns/${CAMPAIGN}/units`, admin],
    [`/campaigns/${CAMPAIGN}/templates`, admin],
    [`/campaigns/${CAMPAIGN}/templates/results/versions/1`, admin],
    [`/campaigns/${CAMPAIGN}/submissions?periodId=2022-H1`, reviewer],
    [`/campaigns/${CAMPAIGN}/submissions?periodId=2021-H1`, reviewer],
    [`/campaigns/${CAMPAIGN}/periods/2022-H1/rollup`, reviewer],
    [`/campaigns/${CAMPAIGN}/periods/2022-H1/rollup?rootUnitId=CATP`, reviewer],
    [`/campaigns/${CAMPAIGN}/periods/2022-H1/report?format=json`, reviewer],
    [`/campaigns/${CAMPAIGN}/data?from=2021-01-01&to=2022-12-31`, reviewer],
    ['/users', admin],
    ...[...demo.submitted.slice(0, 6), demo.returned].flatMap((u): [string, string][] => [
      [`/campaigns/${CAMPAIGN}/submissions/${u}/2022-H1/revisions`, reviewer],
      [`/campaigns/${CAMPAIGN}/units/${u}/status`, reviewer],
    ]),
    ...demo.missing.map((u): [string, string] => [`/campaigns/${CAMPAIGN}/units/${u}/status`, reviewer]),
  ];
  const out: Record<string, unknown> = {};
  for (const [route, who] of routes) {
    const r = await call(stack.api, 'GET', route, { token: who });
    expect([route, r.status]).toEqual([route, 200]);
    out[route] = r.body;
  }
  return out;
}

beforeAll(async () => {
  [stack, target] = await Promise.all([startApiTestStack(), startAzurite()]);
  demo = await loadDemoReports(stack.api);
  // One clock for both answers (the unit calendar says when it was made).
  stack.services.now = () => NOW;
  const admin = await token('admin');
  const locked = await call(stack.api, 'PUT', `/campaigns/${CAMPAIGN}/periods/2021-H1/lock`, {
    token: admin,
    json: { locked: true, reason: 'Đã tổng kết 6 tháng đầu năm 2021' },
  });
  expect(locked.status).toBe(200);
  const user = await call(stack.api, 'PUT', '/users/clerk-pc06', {
    token: admin,
    json: { roles: ['clerk'], unitId: 'PC06', name: 'Văn thư PC06' },
  });
  expect([200, 201]).toContain(user.status);
  const posted = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: admin,
    json: known,
  });
  expect(posted.status).toBe(201);
  knownReceipt = posted.body;
  const extra = client(stack.azurite.connectionString, EXTRA);
  await extra.createTable();
  await extra.createEntity(typed as never);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));
});
afterAll(async () => {
  setServices(undefined);
  await Promise.all([stack?.stop(), target?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup → restore into an empty account', () => {
  let before: Record<string, unknown>;

  test('npm run backup writes every table with a manifest', async () => {
    const o = io();
    expect(await backup(['--out', dir], env(stack.azurite.connectionString), o.io)).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const names = manifest.tables.map((t: { name: string }) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['campaigns', 'units', 'templates', 'submissions', 'users', EXTRA]),
    );
    const account: TableAccount = { connectionString: stack.azurite.connectionString, tablePrefix: '' };
    expect(names).toEqual(await listTables(account));
    const submissions = manifest.tables.find((t: { name: string }) => t.name === 'submissions');
    const lines = fs.readFileSync(path.join(dir, 'submissions.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(submissions.entities);
    // latest, rev and idem rows of every report, the claims, reviews and the lock with its audit row.
    expect(submissions.entities).toBeGreaterThan(3 * demo.submitted.length);
    expect(o.out.join('')).toMatch(/Backed up \d+ tables, \d+ entities/);
    before = await answers();
  });

  test('npm run restore into a second Azurite: every read route answers the same', async () => {
    const o = io();
    expect(await restore([dir], env(target.connectionString), o.io)).toBe(0);
    expect(o.out.join('')).toMatch(/Checked the SHA-256 checksums of \d+ files/);
    setServices(await createServices(env(target.connectionString), { now: () => NOW }));
    const after = await answers();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const route of Object.keys(before)) expect([route, after[route]]).toEqual([route, before[route]]);
    // The receipts too: a replayed submissionId answers its original receipt; the next report is revision 2.
    const admin = await token('admin');
    const replay = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: known,
    });
    expect([replay.status, replay.body]).toEqual([200, knownReceipt]);
    const next = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: resultsReport('PC06', '2022-Q3'),
    });
    expect([next.status, next.body.revision]).toEqual([201, 2]);
  });

  test('every property keeps its EDM type, in a table no service knows', async () => {
    const read = (cs: string) =>
      client(cs, EXTRA).getEntity('p|1', 'r|1', { disableTypeConversion: true }) as Promise<
        Record<string, unknown>
      >;
    const [a, b] = await Promise.all([read(stack.azurite.connectionString), read(target.connectionString)]);
    // The service's own properties (ETag, Timestamp, the metadata URL naming the account) are not content.
    const content = (e: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(e).filter(([k]) => !['etag', 'timestamp', 'odata.metadata'].includes(k)),
      );
    expect(content(b)).toEqual(content(a));
    expect(b.big).toEqual({ value: '9007199254740993', type: 'Int64' });
    expect(b.huge).toEqual({ value: '3000000000', type: 'Int32' }); // how the client reads any whole number
    expect(b.at).toMatchObject({ type: 'DateTime' });
    expect(b.bytes).toMatchObject({ type: 'Binary' });
    expect(b.id).toMatchObject({ type: 'Guid' });
  });

  test('a target that holds data is refused, unless --force', async () => {
    const o = io();
    expect(await restore([dir], env(target.connectionString), o.io)).toBe(1);
    expect(o.err.join('')).toMatch(/already holds data \(tables: .*submissions/);
    expect(await restore([dir, '--force'], env(target.connectionString), io().io)).toBe(0);
  });
});

describe('a damaged backup is refused before anything is written', () => {
  const copy = (name: string) => {
    const to = fs.mkdtempSync(path.join(os.tmpdir(), `backup-${name}-`));
    fs.cpSync(dir, to, { recursive: true });
    return to;
  };
  // An empty namespace of the second account: the restore must not even create a table there.
  const fresh = (prefix: string) => env(target.connectionString, { TABLE_PREFIX: prefix });

  test('one changed figure: the checksum does not match', async () => {
    const tampered = copy('tampered');
    try {
      const file = path.join(tampered, 'submissions.ndjson');
      const text = fs.readFileSync(file, 'utf8');
      const at = text.indexOf('\\"trainees\\":') + '\\"trainees\\":'.length;
      expect(at).toBeGreaterThan(20);
      const digit = text[at]!;
      fs.writeFileSync(
        file,
        text.slice(0, at) + (digit === '9' ? '8' : String(Number(digit) + 1)) + text.slice(at + 1),
      );
      const o = io();
      expect(await restore([tampered], fresh('tampered'), o.io)).toBe(1);
      expect(o.err.join('')).toMatch(/submissions\.ndjson” does not match its SHA-256 checksum/);
      expect(
        await listTables({ connectionString: target.connectionString, tablePrefix: 'tampered' }),
      ).toEqual([]);
    } finally {
      fs.rmSync(tampered, { recursive: true, force: true });
    }
  });

  test('no manifest, or a file missing: refused', async () => {
    const broken = copy('broken');
    try {
      fs.rmSync(path.join(broken, 'users.ndjson'));
      const o = io();
      expect(await restore([broken], fresh('broken'), o.io)).toBe(1);
      expect(o.err.join('')).toMatch(/lacks the file “users\.ndjson”/);
      fs.rmSync(path.join(broken, 'manifest.json'));
      const v = io();
      expect(await restore([broken], { ...fresh('broken'), LANG: 'vi_VN.UTF-8' }, v.io)).toBe(1);
      expect(v.err.join('')).toMatch(/không có tệp manifest\.json/);
      expect(await listTables({ connectionString: target.connectionString, tablePrefix: 'broken' })).toEqual(
        [],
      );
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});
