/**
 * The HTTP contract over real HTTP: the local host serving the registered handlers, Azurite behind it.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.pc06 = await token('clerk', 'PC06');
  tokens.pc08 = await token('clerk', 'PC08');
}, 60_000);
afterAll(() => stack?.stop());

const submit = (body: unknown, t = tokens.pc06) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, { token: t, json: body });
const revisionsOf = async (unitId: string, periodId: string) =>
  (
    await call(
      api,
      'GET',
      `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/revisions?pageSize=100`,
      {
        token: tokens.admin,
      },
    )
  ).body.revisions as unknown[];

describe('reading the catalogue', () => {
  test('health answers without a token', async () => {
    const r = await call(api, 'GET', '/health');
    expect(r).toMatchObject({ status: 200, body: { status: 'ok', storage: 'reachable' } });
  });

  test('campaigns with their calendars, units and active templates', async () => {
    const campaigns = await call(api, 'GET', '/campaigns', { token: tokens.pc06 });
    expect(campaigns.status).toBe(200);
    const lang = campaigns.body.campaigns.find((c: { id: string }) => c.id === CAMPAIGN);
    expect(lang).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh' });
    expect(lang.periods).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: '2021-PLAN', due: '2021-05-28' })]),
    );
    const units = await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.pc06 });
    expect(units.body.units.filter((u: { reports: boolean }) => u.reports)).toHaveLength(40);
    const templates = await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates`, { token: tokens.pc06 });
    expect(templates.body.templates.map((t: { id: string }) => t.id).sort()).toEqual([
      'plan',
      'results',
      'review',
    ]);
    const one = await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/1`, {
      token: tokens.pc06,
    });
    expect(one.body).toMatchObject({ id: 'results', version: 1, kind: 'results' });
  });

  test('unknown things are 404 in the contract’s error shape', async () => {
    expect((await call(api, 'GET', '/campaigns/nope/units', { token: tokens.pc06 })).body).toEqual({
      error: {
        code: 'campaign_not_found',
        params: { campaignId: 'nope' },
        message: 'Không tìm thấy phong trào “nope”.',
      },
    });
    expect(
      (await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/99`, { token: tokens.pc06 }))
        .status,
    ).toBe(404);
    expect((await call(api, 'GET', '/nothing-here')).status).toBe(404);
  });
});

describe('authentication and authorisation', () => {
  test('no token → 401; a wrongly signed or expired token → 401', async () => {
    expect((await call(api, 'GET', '/campaigns')).status).toBe(401);
    const forged = tokens.pc06!.slice(0, -4) + (tokens.pc06!.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await call(api, 'GET', '/campaigns', { token: forged })).status).toBe(401);
    const expired = await token('clerk', 'PC06', '-1h');
    const r = await call(api, 'GET', '/campaigns', { token: expired });
    expect(r.status).toBe(401);
    expect(r.body.error.message).toMatch(/hết hạn/);
  });

  test('a clerk submitting for another unit → 403, nothing stored', async () => {
    const r = await submit(resultsReport('PC08', '2022-Q1'));
    expect(r.status).toBe(403);
    expect(await revisionsOf('PC08', '2022-Q1')).toEqual([]);
  });

  test('a clerk publishing a template → 403; a clerk reading the roll-up → 403', async () => {
    const template = (
      await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/results/versions/1`, { token: tokens.pc06 })
    ).body;
    expect(
      (
        await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
          token: tokens.pc06,
          json: { ...template, version: 2 },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-Q3/rollup`, { token: tokens.pc06 }))
        .status,
    ).toBe(403);
  });

  test('a user limited to one campaign is refused on every route of another', async () => {
    const bacGiangAdmin = await mintDevToken(loadAuthConfig({}), {
      role: 'admin',
      campaignIds: ['bac-giang-nu-cuoi-cong-so'],
      expiresIn: '1h',
    });
    const listed = await call(api, 'GET', '/campaigns', { token: bacGiangAdmin });
    expect(listed.body.campaigns.map((c: { id: string }) => c.id)).toEqual(['bac-giang-nu-cuoi-cong-so']);
    expect(
      (await call(api, 'GET', '/campaigns/bac-giang-nu-cuoi-cong-so/units', { token: bacGiangAdmin })).status,
    ).toBe(200);
    expect((await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: bacGiangAdmin })).status).toBe(
      403,
    );
    expect(
      (await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-Q3/rollup`, { token: bacGiangAdmin }))
        .status,
    ).toBe(403);
    expect((await submit(resultsReport('PC06', '2025-Q3'), bacGiangAdmin)).status).toBe(403);
  });

  test('a clerk cannot back-fill receivedAt; an admin can', async () => {
    const body = { ...resultsReport('PC06', '2022-H1'), receivedAt: '2022-06-01T08:00:00+07:00' };
    expect((await submit(body)).status).toBe(403);
    expect((await submit(body, tokens.admin)).status).toBe(201);
  });
});

describe('submitting', () => {
  test('201 with the receipt; a replay → 200 with the same receipt and nothing new stored', async () => {
    const body = resultsReport('PC06', '2023-Q1');
    const first = await submit(body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      submissionId: body.submissionId,
      unitId: 'PC06',
      periodId: '2023-Q1',
      revision: 1,
      receivedAt: expect.any(String),
      onTime: false, // 2023-Q1 was due on 15/3/2023
    });
    const replay = await submit(body);
    expect(replay).toMatchObject({ status: 200, body: first.body });
    // The same id with other values is not a replay: 409, nothing stored (see test/resilience/idempotency).
    const changed = await submit({ ...body, values: { ...body.values, meetings_held: 99 } });
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({
      code: 'submission_id_reused',
      params: { differs: ['content'] },
    });
    expect(await revisionsOf('PC06', '2023-Q1')).toHaveLength(1);
  });

  test('20 parallel submissions for one unit get revisions 1..20, all stored', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submit(resultsReport('PC06', '2023-H1'))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(responses.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await revisionsOf('PC06', '2023-H1')).toHaveLength(20);
  }, 60_000);

  test('invalid values → 400 listing each problem with its key and Vietnamese message', async () => {
    const body = resultsReport('PC06', '2023-Q3', {
      participants: -3,
      opinions_received: 10,
      opinions_on_manners: 20,
    });
    const r = await submit(body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_submission');
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'values.participants',
          key: 'participants',
          message: expect.stringContaining('không được nhỏ hơn 0'),
        }),
        expect.objectContaining({ key: 'opinions_on_manners', code: 'rule_failed' }),
      ]),
    );
    expect(await revisionsOf('PC06', '2023-Q3')).toEqual([]);
  });

  test('text arrives decomposed and is stored NFC', async () => {
    const body = resultsReport('PC06', '2024-Q1', {
      difficulties: 'Thiếu kinh phí tổ chức diễn đàn'.normalize('NFD'),
    });
    expect((await submit(body)).status).toBe(201);
    const [stored] = (
      await call(api, 'GET', `/campaigns/${CAMPAIGN}/submissions?periodId=2024-Q1&unitId=PC06`, {
        token: tokens.pc06,
      })
    ).body.submissions;
    expect(stored.values.difficulties).toBe('Thiếu kinh phí tổ chức diễn đàn'.normalize('NFC'));
  });

  test('the late flag at local midnight, through back-filled receivedAt', async () => {
    const at = async (unitId: string, receivedAt: string) =>
      (await submit({ ...resultsReport(unitId, '2024-H1'), receivedAt }, tokens.admin)).body.onTime;
    expect(await at('PC06', '2024-06-14T23:59:00+07:00')).toBe(true);
    expect(await at('PC08', '2024-06-15T00:01:00+07:00')).toBe(false); // UTC date still 14/6
  });

  test('a plan template for a results period → 400', async () => {
    const plan = {
      ...resultsReport('PC06', '2024-Q3'),
      templateId: 'plan',
      templateVersion: 1,
      values: { registration_date: '2021-05-01', officer_count: 10 },
      tables: {},
    };
    expect((await submit(plan)).status).toBe(400);
  });

  test('a clerk reads only its own unit’s submissions', async () => {
    const read = (query: string) =>
      call(api, 'GET', `/campaigns/${CAMPAIGN}/submissions?${query}`, { token: tokens.pc06 });
    expect((await read('periodId=2023-Q1&unitId=PC08')).status).toBe(403);
    expect((await read('periodId=2023-Q1&unitId=PC06')).status).toBe(200);
    // Naming no unit, a clerk gets their own unit's submissions only.
    const implicit = await read('periodId=2023-Q1');
    expect(implicit.status).toBe(200);
    expect(implicit.body.submissions.map((x: { unitId: string }) => x.unitId)).toEqual(['PC06']);
  });

  test('random malformed bodies → 4xx, never 5xx, and nothing stored', async () => {
    const anything = fc.oneof(
      fc.anything(),
      fc.record(
        {
          submissionId: fc.oneof(fc.uuid(), fc.string()),
          unitId: fc.constant('PC06'),
          periodId: fc.constantFrom('2025-Q1', '2025-13', ''),
          templateId: fc.string(),
          templateVersion: fc.anything(),
          values: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.record({
        submissionId: fc.uuid(),
        templateId: fc.constant('results'),
        templateVersion: fc.constant(1),
        unitId: fc.constant('PC06'),
        periodId: fc.constant('2025-Q1'),
        values: fc.dictionary(
          fc.constantFrom('meetings_held', 'participants', 'models_built', 'nope', 'self_assessment'),
          fc.anything(),
        ),
        tables: fc.anything(),
      }),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anything, async (body) => {
        const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
          token: tokens.pc06,
          body: JSON.stringify(body) ?? 'undefined',
          contentType: 'application/json',
        });
        if (r.status === 201) {
          accepted++;
          // A generated body may happen to be valid; that is fine, but then it must be well-formed.
          expect(r.body.unitId).toBe('PC06');
          return;
        }
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.error.code).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
    // Only what was acknowledged is stored: one revision per 201, none for the refusals.
    expect(await revisionsOf('PC06', '2025-Q1')).toHaveLength(accepted);
    expect((await call(api, 'GET', '/health')).status).toBe(200);
  }, 120_000);

  test('wrong content type → 415, invalid UTF-8 → 400, oversized → 413', async () => {
    const path = `/campaigns/${CAMPAIGN}/submissions`;
    expect(
      (await call(api, 'POST', path, { token: tokens.pc06, body: 'a=1', contentType: 'text/plain' })).status,
    ).toBe(415);
    expect(
      (
        await call(api, 'POST', path, {
          token: tokens.pc06,
          body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
          contentType: 'application/json',
        })
      ).status,
    ).toBe(400);
    const big = resultsReport('PC06', '2025-H1', { difficulties: 'x'.repeat(600 * 1024) });
    expect((await submit(big)).status).toBe(413);
  });
});

describe('review and roll-up', () => {
  test('roll-up totals equal the sum of what was submitted; review states and completeness', async () => {
    const period = '2022-Q3';
    const units = ['PC06', 'PC08', 'PA08', 'CATP', 'DTN'];
    const values = units.map((_, i) => ({
      meetings_held: i + 1,
      participants: 10 * (i + 1),
      models_built: 1,
    }));
    for (const [i, u] of units.entries()) {
      const r = await submit(
        { ...resultsReport(u, period, values[i]), tables: {}, receivedAt: '2022-09-10T09:00:00+07:00' },
        tokens.admin,
      );
      expect(r.status).toBe(201);
    }
    const returned = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PC08/${period}/review`, {
      token: tokens.reviewer,
      json: { action: 'return', comment: 'Bổ sung số liệu tập huấn' },
    });
    expect(returned).toMatchObject({
      status: 200,
      body: { review: { state: 'returned', comment: 'Bổ sung số liệu tập huấn' } },
    });
    expect(
      (
        await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PC06/${period}/review`, {
          token: tokens.pc06,
          json: { action: 'accept' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/PX01/${period}/review`, {
          token: tokens.reviewer,
          json: { action: 'accept' },
        })
      ).status,
    ).toBe(404);

    const r = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${period}/rollup`, {
      token: tokens.reviewer,
    });
    expect(r.status).toBe(200);
    expect(r.body.totals.meetings_held).toBe(values.reduce((a, v) => a + v.meetings_held, 0));
    expect(r.body.totals.participants).toBe(values.reduce((a, v) => a + v.participants, 0));
    expect(r.body.completeness).toMatchObject({ expected: 40, submitted: 5, onTime: 5, late: 0 });
    expect(r.body.completeness.missing).toHaveLength(35);
    expect(r.body.units.find((u: { unitId: string }) => u.unitId === 'PC08').review.state).toBe('returned');
    expect(r.body.previous).toMatchObject({ periodId: '2021-Q3' });

    const districts = await call(
      api,
      'GET',
      `/campaigns/${CAMPAIGN}/periods/${period}/rollup?rootUnitId=CATP`,
      { token: tokens.reviewer },
    );
    expect(districts.body.totals.meetings_held).toBe(values[3]!.meetings_held);
  }, 60_000);
});

describe('publishing templates', () => {
  test('admin publishes v2 (201); an incompatible change → 409 with reasons; an old sheet is told it is outdated', async () => {
    const v1 = (
      await call(api, 'GET', `/campaigns/${CAMPAIGN}/templates/plan/versions/1`, { token: tokens.admin })
    ).body;
    const v2 = structuredClone(v1);
    v2.version = 2;
    v2.sections[0].fields.push({
      key: 'hotline_numbers_published',
      type: 'integer',
      label: { vi: 'Số đường dây nóng công khai' },
      min: 0,
      rollup: 'sum',
    });
    const published = await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
      token: tokens.admin,
      json: v2,
    });
    expect(published).toMatchObject({ status: 201, body: { templateId: 'plan', version: 2 } });
    expect(
      (await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, { token: tokens.admin, json: v2 })).status,
    ).toBe(409);

    const v3 = structuredClone(v2);
    v3.version = 3;
    v3.sections[0].fields[1].type = 'text';
    const refused = await call(api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
      token: tokens.admin,
      json: v3,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]).toMatchObject({
      code: 'key_type_changed',
      path: expect.any(String),
      key: expect.any(String),
    });

    const old = {
      ...resultsReport('PC06', '2021-PLAN'),
      templateId: 'plan',
      templateVersion: 1,
      values: { registration_date: '2021-05-01', officer_count: 10 },
      tables: {},
    };
    const outdated = await submit(old);
    expect(outdated.status).toBe(409);
    expect(outdated.body.error).toMatchObject({
      code: 'outdated_template',
      details: { sentVersion: 1, currentVersion: 2 },
    });
  });
});

test('a bad submissionId never reaches storage', async () => {
  const r = await submit({ ...resultsReport('PC06', '2025-Y'), submissionId: `../${randomUUID()}` });
  expect(r.status).toBe(400);
});
