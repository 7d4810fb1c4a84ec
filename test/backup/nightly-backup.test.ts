/**
 * The nightly backup writes the same export as `npm run backup` into a Blob container — here Azurite's blob
 * service: one folder per run with the manifest and a file per table, whose SHA-256 and counts match.
 */
import { TableClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { loadBackupSettings, runNightlyBackup } from '../../functions/src/functions/backup-timer';
import { startAzurite, type Azurite } from '../../scripts/lib/azurite';

jest.setTimeout(120_000);

let tables: Azurite;
let blobs: Azurite;

beforeAll(async () => {
  [tables, blobs] = await Promise.all([startAzurite(), startAzurite({ service: 'blob' })]);
  for (const [name, n] of [
    ['submissions', 130],
    ['units', 2],
  ] as const) {
    const client = TableClient.fromConnectionString(tables.connectionString, `nb${name}`, {
      allowInsecureConnection: true,
    });
    await client.createTable();
    for (let i = 0; i < n; i++)
      await client.createEntity({
        partitionKey: `p${i % 3}`,
        rowKey: `r${String(i).padStart(4, '0')}`,
        i,
        text: 'Đơn vị',
      });
  }
});
afterAll(() => Promise.all([tables?.stop(), blobs?.stop()]));

test('one run: a folder named by its time with the manifest and every table, checksums matching', async () => {
  const settings = loadBackupSettings({
    STORAGE_CONNECTION_STRING: tables.connectionString,
    TABLE_PREFIX: 'nb',
    BACKUP_BLOB_CONNECTION_STRING: blobs.connectionString,
    BACKUP_CONTAINER: 'sao-luu',
  });
  const now = new Date('2026-11-29T19:30:00.000Z');
  const { folder, manifest } = await runNightlyBackup(settings, now);
  expect(folder).toBe('2026-11-29T19-30-00-000Z');
  const container = BlobServiceClient.fromConnectionString(blobs.connectionString).getContainerClient(
    'sao-luu',
  );
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: `${folder}/` })) names.push(blob.name);
  expect(names.sort()).toEqual([
    `${folder}/manifest.json`,
    `${folder}/submissions.ndjson`,
    `${folder}/units.ndjson`,
  ]);
  const text = async (name: string) => await container.getBlobClient(`${folder}/${name}`).downloadToBuffer();
  const stored = JSON.parse((await text('manifest.json')).toString('utf8'));
  expect(stored).toEqual(manifest);
  expect(stored.createdAt).toBe(now.toISOString());
  expect(stored.tablePrefix).toBe('nb');
  expect(
    stored.tables.map((t: { name: string; entities: number; partitions: number }) => [
      t.name,
      t.entities,
      t.partitions,
    ]),
  ).toEqual([
    ['submissions', 130, 3],
    ['units', 2, 2],
  ]);
  for (const t of stored.tables) {
    const bytes = await text(t.file);
    expect([t.file, createHash('sha256').update(bytes).digest('hex'), bytes.length]).toEqual([
      t.file,
      t.sha256,
      t.bytes,
    ]);
    expect(bytes.toString('utf8').trim().split('\n')).toHaveLength(t.entities);
  }
});

test('a container name Azure would refuse is a setting problem', () => {
  expect(() => loadBackupSettings({ BACKUP_CONTAINER: 'Sao_Luu' })).toThrow();
});
