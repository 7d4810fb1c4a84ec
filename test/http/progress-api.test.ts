/**
 * The standing office's progress (GET …/progress) over real HTTP against Azurite: a scripted year of
 * submissions and reviews with the function app's clock set by the test, then the units × periods
 * matrix and the counts (on time and late at the deadline's edge, returned, accepted, missing, a unit
 * not yet expected, the contacts from the registry), the range parameters and the roles.
 */
import type { PeriodCounts } from '../../shared/src';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let api: string;
const tokens = { admin: '', reviewer: '', otherReviewer: '' };
const at = (iso: string) => {
  stack.services.now = () => new Date(iso);
};

const submit = async (unitId: string, periodId: string, when: string) => {
  at(when);
  const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', unitId),
    json: resultsReport(unitId, periodId),
  });
  expect(r.status).toBe(201);
  return r.body as { onTime: boolean };
};
const review = async (unitId: string, periodId: string, action: 'accept' | 'return') => {
  const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/review`, {
    token: tokens.reviewer,
    json: { action, ...(action === 'return' ? { comment: 'Bổ sung số liệu' } : {}) },
  });
  expect(r.status).toBe(200);
};
const progress = (query = '', t = tokens.reviewer) =>
  call(api, 'GET', `/campaigns/${CAMPAIGN}/progress${query}`, { token: t });

type Counts = PeriodCounts;

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.otherReviewer = await token('reviewer', 'SNV');

  // The registry: PX01 reports from 1/7/2022 only; PC08 has a contact and an address.
  const registry = await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin });
  const units = (registry.body.units as Record<string, unknown>[]).map((u) =>
    u.id === 'PX01'
      ? { ...u, activeFrom: '2022-07-01' }
      : u.id === 'PC08'
        ? { ...u, contact: 'Đ/c Hoàng Văn Nam, 0912 345 678', email: 'pc08@congan.langson.gov.vn' }
        : u,
  );
  const put = await call(api, 'PUT', `/campaigns/${CAMPAIGN}/units`, {
    token: tokens.admin,
    json: { units },
  });
  expect(put.status).toBe(200);

  // A year: Q1 due 15/3, H1 due 15/6, Q3 due 15/9, Y due 15/11 (received before 00:00 local on the day).
  expect((await submit('PC06', '2022-Q1', '2022-03-10T09:00:00+07:00')).onTime).toBe(true);
  expect((await submit('PC08', '2022-Q1', '2022-03-11T09:00:00+07:00')).onTime).toBe(true);
  expect((await submit('PA08', '2022-Q1', '2022-03-20T09:00:00+07:00')).onTime).toBe(false);
  await review('PC06', '2022-Q1', 'accept');
  await review('PC08', '2022-Q1', 'return');
  expect((await submit('PC06', '2022-H1', '2022-06-14T23:59:00+07:00')).onTime).toBe(true);
  expect((await submit('PC08', '2022-H1', '2022-06-15T00:00:00+07:00')).onTime).toBe(false);
  expect((await submit('PC06', '2022-Q3', '2022-09-01T09:00:00+07:00')).onTime).toBe(true);
  expect((await submit('PX01', '2022-Q3', '2022-09-02T09:00:00+07:00')).onTime).toBe(true);
  at('2022-09-20T09:00:00+07:00');
}, 120_000);
afterAll(() => stack?.stop());

describe('the progress of a year', () => {
  test('the matrix: every reporting unit × the periods asked for, with its state in each', async () => {
    const r = await progress('?from=2022-Q1&to=2022-Y');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      campaignId: CAMPAIGN,
      timeZone: 'Asia/Ho_Chi_Minh',
      now: '2022-09-20T02:00:00.000Z',
      standingOffice: { unitId: 'PX03', name: 'Phòng Công tác Đảng và công tác chính trị' },
      periods: ['2022-Q1', '2022-H1', '2022-Q3', '2022-Y'],
    });
    const units = r.body.units as { unitId: string; cells: Record<string, unknown> }[];
    // The provincial board only aggregates: not listed. Every other unit of the registry is.
    expect(units.some((u) => u.unitId === 'CAT')).toBe(false);
    expect(units).toHaveLength(40);
    const cells = (id: string) => units.find((u) => u.unitId === id)!.cells;
    expect(cells('PC06')).toEqual({
      '2022-Q1': { state: 'accepted', revision: 1, onTime: true },
      '2022-H1': { state: 'submitted', revision: 1, onTime: true },
      '2022-Q3': { state: 'submitted', revision: 1, onTime: true },
      '2022-Y': { state: 'upcoming' },
    });
    expect(cells('PC08')).toMatchObject({
      '2022-Q1': { state: 'returned', onTime: true },
      '2022-H1': { state: 'submitted', onTime: false },
      '2022-Q3': { state: 'overdue' },
    });
    expect(cells('PA08')['2022-Q1']).toEqual({ state: 'submitted', revision: 1, onTime: false });
    // Not expected before 1/7/2022: no cell for Q1 and H1.
    expect(cells('PX01')).toEqual({
      '2022-Q3': { state: 'submitted', revision: 1, onTime: true },
      '2022-Y': { state: 'upcoming' },
    });
    expect(units.find((u) => u.unitId === 'PC08')).toMatchObject({
      name: 'Phòng Cảnh sát giao thông',
      group: 'department',
      contact: 'Đ/c Hoàng Văn Nam, 0912 345 678',
      email: 'pc08@congan.langson.gov.vn',
    });
  });

  test('the counts per period, which add up', async () => {
    const r = await progress();
    const counts = r.body.counts as Record<string, Counts>;
    expect(counts['2022-Q1']).toEqual({
      expected: 39,
      submitted: 3,
      onTime: 2,
      late: 1,
      pending: 1,
      returned: 1,
      accepted: 1,
      missing: 36,
      notDue: 0,
    });
    expect(counts['2022-H1']).toMatchObject({ expected: 39, submitted: 2, onTime: 1, late: 1, missing: 37 });
    expect(counts['2022-Q3']).toMatchObject({ expected: 40, submitted: 2, onTime: 2, late: 0, missing: 38 });
    expect(counts['2022-Y']).toMatchObject({ expected: 40, submitted: 0, missing: 0, notDue: 40 });
    // No range: every period of the campaign; before this year nothing was sent.
    expect(r.body.periods[0]).toBe('2021-PLAN');
    // PX01, active from 1/7/2022, is not expected in 2021.
    expect(counts['2021-Q3']).toMatchObject({ expected: 39, submitted: 0, missing: 39 });
    for (const c of Object.values(counts)) {
      expect(c.submitted + c.missing + c.notDue).toBe(c.expected);
      expect(c.onTime + c.late).toBe(c.submitted);
      expect(c.pending + c.returned + c.accepted).toBe(c.submitted);
    }
  });

  test('a day later: the states follow the server’s clock', async () => {
    at('2022-11-15T00:00:00+07:00');
    const r = await progress('?from=2022-Y&to=2022-Y');
    expect(r.body.periods).toEqual(['2022-Y']);
    expect(r.body.counts['2022-Y']).toMatchObject({ expected: 40, missing: 40, notDue: 0 });
    at('2022-11-14T23:59:00+07:00');
    const before = await progress('?from=2022-Y&to=2022-Y');
    expect(before.body.counts['2022-Y']).toMatchObject({ missing: 0, notDue: 40 });
    at('2022-09-20T09:00:00+07:00');
  });

  test('a range by dates; a bad range is 400 naming the parameter', async () => {
    const byDates = await progress('?from=2022-01-01&to=2022-09-30');
    expect(byDates.body.periods).toEqual(['2022-Q1', '2022-H1', '2022-Q3']);
    const unknown = await progress('?from=2031-Q1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('bad_progress_range');
    expect(unknown.body.error.params).toMatchObject({ name: 'from', value: '2031-Q1' });
    expect(unknown.body.error.message).toContain('from');
    const inverted = await progress('?from=2022-Y&to=2022-Q1');
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.code).toBe('progress_range_order');
    expect((await progress('?to=')).status).toBe(400);
  });
});

describe('who may read it', () => {
  test('reviewer and admin; a clerk, another campaign’s reviewer and no token are refused', async () => {
    expect((await progress('', tokens.admin)).status).toBe(200);
    const clerk = await progress('', await token('clerk', 'PC06'));
    expect(clerk.status).toBe(403);
    expect(clerk.body.error.code).toBe('reviewer_only');
    const other = await progress('', tokens.otherReviewer);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('campaign_forbidden');
    expect((await call(api, 'GET', `/campaigns/${CAMPAIGN}/progress`)).status).toBe(401);
    const missing = await call(api, 'GET', '/campaigns/no-such/progress', { token: tokens.admin });
    expect(missing.status).toBe(404);
  });
});

describe('contacts in the registry', () => {
  test('PUT /units keeps contact and email; a bad address is refused', async () => {
    const units = (await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin })).body
      .units as Record<string, unknown>[];
    expect(units.find((u) => u.id === 'PC08')).toMatchObject({ email: 'pc08@congan.langson.gov.vn' });
    const bad = units.map((u) => (u.id === 'PC06' ? { ...u, email: 'pc06 at congan' } : u));
    const r = await call(api, 'PUT', `/campaigns/${CAMPAIGN}/units`, {
      token: tokens.admin,
      json: { units: bad },
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error.details)).toContain('email');
  });
});
