/**
 * Coherent edges (issue 11, item 9): the campaign of a published template comes from the route; every
 * validation detail has path, key and message; query filters are checked like route parameters; the
 * revision history comes in bounded pages; and review actions in a locked period follow one rule —
 * refused 409 `period_locked` unless the caller is an admin (README, HTTP API).
 */
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

let stack: ApiTestStack;
const tokens: Record<string, string> = {};
let template: Record<string, unknown>;

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.clerk = await token('clerk', 'PC06');
  template = (
    await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/1`, {
      token: tokens.admin,
    })
  ).body;
});
afterAll(() => stack?.stop());

const detailShape = { path: expect.any(String), key: expect.any(String), message: expect.any(String) };

describe('publishing a template: the campaign comes from the route', () => {
  const publish = (body: unknown) =>
    call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/templates`, { token: tokens.admin!, json: body });

  test('without campaignId → 201', async () => {
    const body: Record<string, unknown> = { ...template, id: 'route_campaign', version: 1 };
    delete body.campaignId;
    const r = await publish(body);
    expect(r.status).toBe(201);
    const stored = await call(
      stack.api,
      'GET',
      `/campaigns/${CAMPAIGN}/templates/route_campaign/versions/1`,
      {
        token: tokens.admin!,
      },
    );
    expect(stored.body.campaignId).toBe(CAMPAIGN);
  });

  test('with the same campaignId → 201; another → 400 campaign_mismatch at campaignId', async () => {
    expect(
      (await publish({ ...template, id: 'route_campaign', version: 2, campaignId: CAMPAIGN })).status,
    ).toBe(201);
    const r = await publish({
      ...template,
      id: 'route_campaign',
      version: 3,
      campaignId: 'bac-giang-nu-cuoi-cong-so',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([
      {
        code: 'campaign_mismatch',
        params: { campaignId: CAMPAIGN },
        ...detailShape,
        path: 'campaignId',
        key: 'campaignId',
      },
    ]);
  });
});

describe('every validation detail has path, key and message', () => {
  test.each([
    ['a template that is not an object', 'POST', 'templates', () => [1, 2]],
    [
      'a template with schema errors',
      'POST',
      'templates',
      () => ({ ...template, id: 'Bad Id', version: 0, sections: [] }),
    ],
    [
      'a template with a duplicate key and a broken rule',
      'POST',
      'templates',
      () => {
        const t = structuredClone(template) as any;
        t.id = 'dup_keys';
        t.sections[0].fields.push({ ...t.sections[0].fields[0] });
        t.rules.push({ id: 'broken', check: 'meetings_held <=', message: { vi: 'x' } });
        return t;
      },
    ],
    ['units that are not a list', 'PUT', 'units', () => ({ units: 'PC06' })],
    ['units with schema errors', 'PUT', 'units', () => ({ units: [{ id: '', name: '', group: 'nope' }] })],
    [
      'units with a duplicate id and an unknown parent',
      'PUT',
      'units',
      () => ({
        units: [
          { id: 'A1', name: 'A', group: 'department' },
          { id: 'A1', name: 'A again', group: 'department' },
        ],
      }),
    ],
    [
      'units with an unknown parent',
      'PUT',
      'units',
      () => ({ units: [{ id: 'A1', name: 'A', group: 'department', parentId: 'NOPE' }] }),
    ],
  ])('%s', async (_what, method, route, body) => {
    const r = await call(stack.api, method, `/campaigns/${CAMPAIGN}/${route}`, {
      token: tokens.admin!,
      json: body(),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.length).toBeGreaterThan(0);
    for (const d of r.body.error.details) expect(d).toEqual(expect.objectContaining(detailShape));
  });
});

describe('query filters are checked like route parameters (400 bad_query, never "nothing found")', () => {
  const list = (query: string, t = tokens.reviewer!) =>
    call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/submissions?${query}`, { token: t });

  test.each([
    ['an empty unitId', 'periodId=2022-Q3&unitId=', 'unitId'],
    ['an untrimmed unitId', 'periodId=2022-Q3&unitId=%20PC06', 'unitId'],
    ['a unitId that cannot be one', 'periodId=2022-Q3&unitId=..%2Fx', 'unitId'],
    ['an empty periodId', 'periodId=&unitId=PC06', 'periodId'],
    ['an untrimmed periodId', 'periodId=2022-Q3%20&unitId=PC06', 'periodId'],
  ])('%s', async (_what, query, name) => {
    const r = await list(query);
    expect([r.status, r.body.error?.code, r.body.error?.params]).toEqual([400, 'bad_query', { name }]);
  });

  test('a clerk gets the same answer', async () => {
    expect((await list('periodId=2022-Q3&unitId=%20PC06', tokens.clerk!)).status).toBe(400);
  });

  test('the roll-up subtree and the workbook prefill too', async () => {
    const rollup = await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-Q3/rollup?rootUnitId=`, {
      token: tokens.reviewer!,
    });
    expect([rollup.status, rollup.body.error.params]).toEqual([400, { name: 'rootUnitId' }]);
    const sheet = await call(
      stack.api,
      'GET',
      `/campaigns/${CAMPAIGN}/templates/results/versions/1?format=xlsx&unitId=%20PC06`,
      { token: tokens.clerk! },
    );
    expect([sheet.status, sheet.body.error.params]).toEqual([400, { name: 'unitId' }]);
  });
});

describe('revisions come in bounded pages with a continuation token', () => {
  const PERIOD = '2023-Q3';
  const path = `/campaigns/${CAMPAIGN}/submissions/PC08/${PERIOD}/revisions`;
  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
        token: tokens.admin!,
        json: resultsReport('PC08', PERIOD, { participants: 40 + i }),
      });
      expect(r.status).toBe(201);
    }
  });

  test('20 by default, then the rest; oldest first, nothing twice', async () => {
    const first = await call(stack.api, 'GET', path, { token: tokens.reviewer! });
    expect(first.status).toBe(200);
    expect(first.body.revisions.map((r: { revision: number }) => r.revision)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(typeof first.body.continuationToken).toBe('string');
    const second = await call(
      stack.api,
      'GET',
      `${path}?continuationToken=${encodeURIComponent(first.body.continuationToken)}`,
      { token: tokens.reviewer! },
    );
    expect(second.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([21, 22, 23, 24, 25]);
    expect(second.body).not.toHaveProperty('continuationToken');
  });

  test('pageSize chooses the page (1–100) and review states come with their revision', async () => {
    await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PC08/${PERIOD}/review`, {
      token: tokens.reviewer!,
      json: { action: 'return', comment: 'Bổ sung' },
    });
    const all = await call(stack.api, 'GET', `${path}?pageSize=100`, { token: tokens.reviewer! });
    expect(all.body.revisions).toHaveLength(25);
    expect(all.body.revisions[24].review).toMatchObject({ state: 'returned' });
    expect(all.body).not.toHaveProperty('continuationToken');
    let token: string | undefined;
    const seen: number[] = [];
    do {
      const page = await call(
        stack.api,
        'GET',
        `${path}?pageSize=7${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
        { token: tokens.reviewer! },
      );
      expect(page.body.revisions.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.revisions.map((r: { revision: number }) => r.revision));
      token = page.body.continuationToken;
    } while (token);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  test.each([
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=ten', 'pageSize'],
    ['continuationToken=not-ours', 'continuationToken'],
    ['continuationToken=', 'continuationToken'],
  ])('%s → 400 bad_query', async (query, name) => {
    const r = await call(stack.api, 'GET', `${path}?${query}`, { token: tokens.reviewer! });
    expect([r.status, r.body.error?.code, r.body.error?.params]).toEqual([400, 'bad_query', { name }]);
  });
});

describe('review actions in a locked period: refused 409 period_locked unless admin', () => {
  const PERIOD = '2021-H1';
  const review = (t: string, action: 'accept' | 'return') =>
    call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PC06/${PERIOD}/review`, {
      token: t,
      json: { action, comment: 'Khóa sổ' },
    });
  beforeAll(async () => {
    const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: tokens.clerk!,
      json: resultsReport('PC06', PERIOD),
    });
    expect(r.status).toBe(201);
    const campaign = (await stack.services.catalog.getCampaign(CAMPAIGN))!;
    await stack.services.catalog.putCampaign({
      ...campaign,
      calendar: { ...campaign.calendar, locked: [...campaign.calendar.locked, PERIOD] },
    });
  });

  test.each(['return', 'accept'] as const)('a reviewer may not %s', async (action) => {
    const r = await review(tokens.reviewer!, action);
    expect([r.status, r.body.error?.code]).toEqual([409, 'period_locked']);
  });

  test('an admin may', async () => {
    const r = await review(tokens.admin!, 'return');
    expect(r.status).toBe(200);
    expect(r.body.review).toMatchObject({ state: 'returned' });
  });
});
