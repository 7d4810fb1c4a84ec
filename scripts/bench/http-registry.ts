/**
 * Registers a campaign's units over HTTP, as an admin would: `PATCH /api/campaigns/{c}/units` with
 * `{ upsert: [...] }` in chunks of 1,000 when the route has PATCH (issue 18: one entity per unit), else one
 * `PUT` of the whole registry. Whether PATCH exists is asked, not assumed: the answer to OPTIONS (its
 * `Allow` header, on a 405 or a 2xx) names the methods; a 404 means the route is unknown.
 */
import type { Unit } from '../../shared/src';

export const PATCH_CHUNK = 1000;

export type Registration =
  | { ok: true; method: 'PATCH' | 'PUT'; requests: number; ms: number }
  | { ok: false; method: 'PATCH' | 'PUT'; status: number; code: string; requests: number };

async function methodsOf(url: string, token: string): Promise<string[]> {
  const res = await fetch(url, { method: 'OPTIONS', headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status === 404) return [];
  return (res.headers.get('allow') ?? '')
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean);
}

async function send(url: string, method: string, token: string, body: unknown) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let code = '';
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string } };
    code = parsed.error?.code ?? '';
  } catch {
    code = text.slice(0, 80);
  }
  return { status: res.status, code };
}

export async function registerUnits(
  api: string,
  adminToken: string,
  campaignId: string,
  units: readonly Unit[],
): Promise<Registration> {
  const url = `${api}/campaigns/${encodeURIComponent(campaignId)}/units`;
  const started = performance.now();
  const method = (await methodsOf(url, adminToken)).includes('PATCH') ? 'PATCH' : 'PUT';
  if (method === 'PUT') {
    const r = await send(url, 'PUT', adminToken, { units });
    return r.status === 200
      ? { ok: true, method, requests: 1, ms: performance.now() - started }
      : { ok: false, method, status: r.status, code: r.code, requests: 1 };
  }
  let requests = 0;
  for (let i = 0; i < units.length; i += PATCH_CHUNK) {
    requests++;
    const r = await send(url, 'PATCH', adminToken, { upsert: units.slice(i, i + PATCH_CHUNK) });
    if (r.status < 200 || r.status >= 300)
      return { ok: false, method, status: r.status, code: r.code, requests };
  }
  return { ok: true, method, requests, ms: performance.now() - started };
}
