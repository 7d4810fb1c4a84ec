/** The custom functions' session in storage (addin/src/custom-functions/session.ts): written by the pane, read by the functions. */
import {
  contextReader,
  readContext,
  writeCampaign,
  writeSession,
} from '../../addin/src/custom-functions/session';
import type { KeyValueStorage } from '../../addin/src/queue/submission-queue';

function memoryStorage() {
  const data = new Map<string, string>();
  let reads = 0;
  const storage: KeyValueStorage = {
    getItem: async (k) => {
      reads++;
      return data.get(k) ?? null;
    },
    setItem: async (k, v) => void data.set(k, v),
  };
  return { storage, data, reads: () => reads };
}

test('nothing until the pane has written both the session and the campaign; an empty token is no session', async () => {
  const { storage } = memoryStorage();
  expect(await readContext(storage)).toBeUndefined();
  await writeSession(storage, { apiBaseUrl: 'https://x.example/api', token: '', lang: 'vi' });
  await writeCampaign(storage, 'c1');
  expect(await readContext(storage)).toBeUndefined();
  await writeSession(storage, { apiBaseUrl: 'https://x.example/api', token: 't', lang: 'en' });
  expect(await readContext(storage)).toEqual({
    apiBaseUrl: 'https://x.example/api',
    token: 't',
    lang: 'en',
    campaignId: 'c1',
  });
});

test('a burst of calls shares one read; a renewed token is seen once the interval has passed', async () => {
  const { storage, reads } = memoryStorage();
  await writeSession(storage, { apiBaseUrl: 'https://x.example/api', token: 'old', lang: 'vi' });
  await writeCampaign(storage, 'c1');
  let now = 0;
  const read = contextReader(storage, () => now, 2000);
  const burst = await Promise.all(Array.from({ length: 500 }, () => read()));
  expect(new Set(burst.map((c) => c?.token))).toEqual(new Set(['old']));
  expect(reads()).toBe(2); // the session and the campaign, once
  await writeSession(storage, { apiBaseUrl: 'https://x.example/api', token: 'new', lang: 'vi' });
  now = 1999;
  expect((await read())?.token).toBe('old');
  now = 2000;
  expect((await read())?.token).toBe('new');
});
