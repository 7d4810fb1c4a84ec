/**
 * The HTTP bench registers its registries through the API (scripts/bench/http-registry.ts): PATCH in chunks
 * when the route has it, else one PUT; a registry the API refuses is reported, never taken for registered.
 */
import { registerUnits } from '../../scripts/bench/http-registry';
import { registryOf } from '../../scripts/bench/realistic-report';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { call, CAMPAIGN, token } from '../support/api';

let stack: ApiTestStack;
beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(() => stack?.stop());

const langSon = () => loadCampaignBundles().find((b) => b.campaign.id === CAMPAIGN)!.units;

async function registered(): Promise<string[]> {
  const res = await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: await token('admin') });
  expect(res.status).toBe(200);
  return (res.body.units as { id: string }[]).map((u) => u.id);
}

test('1,000 units are registered through the API, with the method the route offers', async () => {
  const units = registryOf(1000, langSon());
  expect(units.filter((u) => u.reports)).toHaveLength(1000);
  const result = await registerUnits(stack.api, await token('admin'), CAMPAIGN, units);
  expect(result).toMatchObject({ ok: true });
  const allow = (
    await fetch(`${stack.api}/campaigns/${CAMPAIGN}/units`, { method: 'OPTIONS' }).then((r) => r.headers)
  ).get('allow');
  expect(result.method).toBe(allow?.includes('PATCH') ? 'PATCH' : 'PUT');
  expect(new Set(await registered())).toEqual(new Set(units.map((u) => u.id)));
});

test('10,000 units are either all registered or refused with the answer — never half taken for whole', async () => {
  const units = registryOf(10_000, langSon());
  const before = await registered();
  const result = await registerUnits(stack.api, await token('admin'), CAMPAIGN, units);
  const after = await registered();
  if (result.ok) {
    expect(new Set(after)).toEqual(new Set(units.map((u) => u.id)));
  } else {
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.code).not.toBe('');
    if (result.method === 'PUT') expect(new Set(after)).toEqual(new Set(before));
  }
}, 180_000); // ten PATCH requests of 1,000 units each where the route has PATCH
