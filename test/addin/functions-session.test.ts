/** The custom functions' session in storage (addin/src/custom-functions/session.ts): written by the pane, read by the functions. */
import { PollerRegistry } from '../../addin/src/custom-functions/baocao';
import {
  contextReader,
  sessionSharer,
  tokenHolder,
  readContext,
  writeCampaign,
  writeSession,
} from '../../addin/src/custom-functions/session';
import { ValuesPoller } from '../../addin/src/custom-functions/values-poller';
import type { KeyValueStorage } from '../../addin/src/queue/submission-queue';
import { ManualClock } from '../support/manual-clock';

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

/** An unsigned JWT-shaped token for a subject (the registry only reads the claim; the server verifies). */
const tokenOf = (sub: string, n: number) =>
  `h.${Buffer.from(JSON.stringify({ sub, n })).toString('base64url')}.s`;

test('a renewed token of the same user keeps its poller and is the one sent; another user gets its own', () => {
  const made: { token: () => string }[] = [];
  const registry = new PollerRegistry((_context, token) => {
    made.push({ token });
    return new ValuesPoller(async () => ({ notModified: true }), new ManualClock());
  });
  const context = { apiBaseUrl: 'https://x.example/api', campaignId: 'c1', lang: 'vi' as const };
  const first = registry.pollerFor({ ...context, token: tokenOf('reviewer-1', 1) });
  registry.tokenFor({ ...context, token: tokenOf('reviewer-1', 2) });
  expect(registry.pollerFor({ ...context, token: tokenOf('reviewer-1', 2) })).toBe(first);
  expect(made).toHaveLength(1);
  expect(made[0]!.token()).toBe(tokenOf('reviewer-1', 2));
  const other = registry.pollerFor({ ...context, token: tokenOf('clerk-7', 1) });
  expect(other).not.toBe(first);
  expect(made[1]!.token()).toBe(tokenOf('clerk-7', 1));
  expect(tokenHolder(tokenOf('reviewer-1', 3))).toBe('sub:reviewer-1');
  expect(tokenHolder('not a jwt')).toBe('not a jwt');
});

test('the pane shares a session once, and again only when it changes (a renewed token)', async () => {
  const { storage, data } = memoryStorage();
  const writes: string[] = [];
  const counting = { ...storage, setItem: async (k: string, v: string) => void writes.push(v) };
  const share = sessionSharer(counting);
  const session = { apiBaseUrl: 'https://x.example/api', token: 'a', lang: 'vi' as const };
  await share(session);
  await share({ ...session });
  expect(writes).toHaveLength(1);
  await share({ ...session, token: 'b' });
  expect(writes.map((w) => JSON.parse(w).token)).toEqual(['a', 'b']);
  expect(data.size).toBe(0); // through the storage given, nothing else
});
