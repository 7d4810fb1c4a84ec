/**
 * A national registry (issue 18): 10,000 units registered over real HTTP against Azurite, through the API
 * (PATCH /units in chunks of 1,000) and through the registry workbook's path (a 10,000-row .xlsx written
 * by openpyxl — test/fixtures/make_registry_10000.py — read by the command line's reader, checked by
 * parseUnitRows, sent by the pane's client in dependency order with its progress). Then reports of units at
 * the start, the middle and the end of the registry are accepted and the roll-up counts every unit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseUnitRows, type Unit } from '../../shared/src';
import { ApiClient } from '../../addin/src/api/client';
import { readWorkbookRows } from '../../scripts/lib/workbook-rows';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let admin: string;

/** A campaign of the test's own: the shipped one's settings and templates under another id. */
async function newCampaign(id: string): Promise<string> {
  const { catalog } = stack.services;
  const campaign = (await catalog.getCampaign(CAMPAIGN))!;
  await catalog.putCampaign({ ...campaign, id });
  for (const t of await catalog.listTemplates(CAMPAIGN)) await catalog.addTemplate({ ...t, campaignId: id });
  return id;
}

async function allUnits(campaignId: string): Promise<Unit[]> {
  const r = await call(stack.api, 'GET', `/campaigns/${campaignId}/units`, { token: admin });
  expect(r.status).toBe(200);
  return r.body.units;
}

/** Reports of units at the start, the middle and the end of the registry; the roll-up counts every unit. */
async function reportAndRollUp(campaignId: string, registry: readonly Unit[]) {
  const reporting = registry.filter((u) => u.reports !== false);
  const chosen = [
    reporting[0]!,
    reporting[Math.floor(reporting.length / 2)]!,
    reporting[reporting.length - 1]!,
  ];
  for (const u of chosen) {
    const r = await call(stack.api, 'POST', `/campaigns/${campaignId}/submissions`, {
      token: await token('clerk', u.id),
      json: resultsReport(u.id, '2022-Q3'),
    });
    expect(r.status).toBe(201);
  }
  const r = await call(stack.api, 'GET', `/campaigns/${campaignId}/periods/2022-Q3/rollup`, { token: admin });
  expect(r.status).toBe(200);
  expect(r.body.completeness).toMatchObject({ expected: reporting.length, submitted: 3 });
  expect(r.body.completeness.missing).toHaveLength(reporting.length - 3);
  expect(r.body.units.map((x: { unitId: string }) => x.unitId).sort()).toEqual(
    chosen.map((u) => u.id).sort(),
  );
}

beforeAll(async () => {
  stack = await startApiTestStack();
  admin = await token('admin');
}, 120_000);
afterAll(() => stack?.stop());

test('10,000 units through PATCH /units in chunks of 1,000, then reports and the roll-up', async () => {
  const c = await newCampaign('national-api');
  const registry: Unit[] = [
    { id: 'CAT', name: 'Công an tỉnh', group: 'board', pilot: false, reports: false },
  ];
  for (let h = 1; h <= 100; h++)
    registry.push({
      id: `H${h}`,
      name: `Công an huyện ${h}`,
      group: 'district',
      parentId: 'CAT',
      pilot: false,
      reports: true,
    });
  for (let x = 1; registry.length < 10_000; x++)
    registry.push({
      id: `X${x}`,
      name: `Công an xã ${x}`,
      group: 'commune',
      parentId: `H${(x % 100) + 1}`,
      pilot: false,
      reports: true,
    });
  for (let i = 0; i < registry.length; i += 1000) {
    const r = await call(stack.api, 'PATCH', `/campaigns/${c}/units`, {
      token: admin,
      json: { upsert: registry.slice(i, i + 1000) },
    });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(Math.min(i + 1000, registry.length));
  }
  expect(await allUnits(c)).toEqual(registry);
  expect(await stack.services.catalog.getUnit(c, 'X5000')).toEqual(registry.find((u) => u.id === 'X5000'));
  await reportAndRollUp(c, registry);
}, 300_000);

test('the registry workbook of 10,000 rows through the pane’s path: chunks in an order the server accepts, progress', async () => {
  const c = await newCampaign('national-workbook');
  // A registry there already (the shipped one): the workbook replaces it, units not on it are removed.
  const shipped = await allUnits(CAMPAIGN);
  expect(
    (await call(stack.api, 'PUT', `/campaigns/${c}/units`, { token: admin, json: { units: shipped } }))
      .status,
  ).toBe(200);

  const bytes = fs.readFileSync(path.join(__dirname, '../fixtures/programs/openpyxl-registry-10000.xlsx'));
  const parsed = parseUnitRows((await readWorkbookRows(bytes)).get('units')!);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  const wanted = parsed.records;
  expect(wanted).toHaveLength(10_000);

  const client = new ApiClient({ baseUrl: stack.api, getToken: () => admin, lang: 'vi' });
  const progress: [number, number][] = [];
  const r = await client.replaceUnits(c, wanted, (done, total) => progress.push([done, total]));
  const gone = shipped.filter((u) => !wanted.some((w) => w.id === u.id));
  expect(gone.length).toBeGreaterThan(0);
  expect(r).toEqual({ saved: 10_000, removed: gone.length });
  const total = wanted.length + gone.length;
  expect(progress[0]).toEqual([0, total]);
  expect(progress[progress.length - 1]).toEqual([total, total]);
  expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(total / 1000) + 1);
  for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThan(progress[i - 1]![0]);

  const stored = await allUnits(c);
  expect([...stored].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [...wanted].sort((a, b) => a.id.localeCompare(b.id)),
  );
  // The workbook's order, except that a district listed after its communes comes before them.
  const at = new Map(stored.map((u, i) => [u.id, i]));
  for (const u of stored) if (u.parentId) expect(at.get(u.parentId)!).toBeLessThan(at.get(u.id)!);
  const communes = (list: readonly Unit[]) => list.filter((u) => u.group === 'commune').map((u) => u.id);
  expect(communes(stored)).toEqual(communes(wanted));

  // Running it again (an import cut short is finished this way) changes nothing.
  const again = await client.replaceUnits(c, wanted);
  expect(again.removed).toBe(0);
  expect(await allUnits(c)).toEqual(stored);

  await reportAndRollUp(c, stored);
}, 300_000);
