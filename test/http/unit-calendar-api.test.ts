/**
 * The unit's calendar (GET …/units/{u}/status) and period locks (PUT …/periods/{p}/lock) over real HTTP,
 * with the function app's clock set by the test.
 */
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let api: string;
const tokens = { admin: '', reviewer: '', pc06: '', pc08: '' };
const at = (iso: string) => {
  stack.services.now = () => new Date(iso);
};

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.pc06 = await token('clerk', 'PC06');
  tokens.pc08 = await token('clerk', 'PC08');
}, 60_000);
afterAll(() => stack?.stop());

const statusOf = (unitId: string, t: string) =>
  call(api, 'GET', `/campaigns/${CAMPAIGN}/units/${unitId}/status`, { token: t });
const submit = (unitId: string, periodId: string, t: string) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: t,
    json: resultsReport(unitId, periodId),
  });
const review = (unitId: string, periodId: string, action: 'accept' | 'return', comment?: string) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/review`, {
    token: tokens.reviewer,
    json: { action, ...(comment ? { comment } : {}) },
  });
const lock = (periodId: string, body: unknown, t = tokens.admin) =>
  call(api, 'PUT', `/campaigns/${CAMPAIGN}/periods/${periodId}/lock`, { token: t, json: body });
const stateMap = (periods: { periodId: string; state: string }[]) =>
  Object.fromEntries(periods.map((p) => [p.periodId, p.state]));

describe("the unit's calendar", () => {
  test('every state after scripted submissions and reviews', async () => {
    at('2022-09-10T09:00:00+07:00');
    expect((await submit('PC06', '2021-Y', tokens.pc06)).status).toBe(201);
    expect((await submit('PC06', '2021-Q3', tokens.pc06)).status).toBe(201);
    expect((await submit('PC06', '2022-Q1', tokens.pc06)).status).toBe(201);
    expect((await review('PC06', '2021-Y', 'accept')).status).toBe(200);
    expect((await review('PC06', '2021-Q3', 'return', 'Bổ sung số liệu tập huấn')).status).toBe(200);

    const r = await statusOf('PC06', tokens.pc06);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ campaignId: CAMPAIGN, unitId: 'PC06', timeZone: 'Asia/Ho_Chi_Minh' });
    const states = stateMap(r.body.periods);
    expect(states).toMatchObject({
      '2021-PLAN': 'overdue',
      '2021-Q3': 'returned',
      '2021-Y': 'accepted',
      '2022-Q1': 'submitted',
      '2022-H1': 'overdue',
      '2022-Q3': 'open',
      '2022-Y': 'upcoming',
    });
    const byId = (id: string) => r.body.periods.find((p: { periodId: string }) => p.periodId === id);
    expect(byId('2022-Q3')).toMatchObject({ due: '2022-09-15', daysLeft: 4, kind: 'quarter', locked: false });
    expect(byId('2022-Q3')).not.toHaveProperty('revision');
    // Received on 10/9 for a period due 15/3: in, but late.
    expect(byId('2022-Q1')).toMatchObject({ revision: 1, onTime: false, review: { state: 'pending' } });
    expect(byId('2021-Q3')).toMatchObject({
      revision: 1,
      review: { state: 'returned', comment: 'Bổ sung số liệu tập huấn' },
    });
    expect(byId('2022-Q1').receivedAt).toBe('2022-09-10T02:00:00.000Z');
    // The calendar's order: by due date.
    const dues = r.body.periods.map((p: { due: string }) => p.due);
    expect([...dues].sort()).toEqual(dues);
  });

  test('a resubmission after a return is submitted again', async () => {
    at('2022-09-11T09:00:00+07:00');
    expect((await submit('PC06', '2021-Q3', tokens.pc06)).status).toBe(201);
    const r = await statusOf('PC06', tokens.pc06);
    expect(r.body.periods.find((p: { periodId: string }) => p.periodId === '2021-Q3')).toMatchObject({
      state: 'submitted',
      revision: 2,
    });
  });

  test('due 15/9: open at 23:59 on 14/9 local time, overdue from 00:00 on 15/9', async () => {
    at('2022-09-14T23:59:00+07:00');
    const before = await statusOf('PC06', tokens.pc06);
    expect(before.body.periods.find((p: { periodId: string }) => p.periodId === '2022-Q3')).toMatchObject({
      state: 'open',
      daysLeft: 0,
    });
    at('2022-09-15T00:00:00+07:00');
    const after = await statusOf('PC06', tokens.pc06);
    expect(after.body.periods.find((p: { periodId: string }) => p.periodId === '2022-Q3')).toMatchObject({
      state: 'overdue',
      daysLeft: -1,
    });
  });

  test('the unit’s clerk, a reviewer and an admin read it; a clerk of another unit is refused', async () => {
    expect((await statusOf('PC06', tokens.reviewer)).status).toBe(200);
    expect((await statusOf('PC06', tokens.admin)).status).toBe(200);
    const other = await statusOf('PC06', tokens.pc08);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('other_unit');
    expect((await call(api, 'GET', `/campaigns/${CAMPAIGN}/units/PC06/status`)).status).toBe(401);
    const missing = await statusOf('NOPE', tokens.admin);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('unit_not_found');
    expect(
      (await call(api, 'GET', `/campaigns/no-such/units/PC06/status`, { token: tokens.admin })).status,
    ).toBe(404);
  });
});

describe('locking a period', () => {
  const lockedIn = async (periodId: string, t: string) => {
    const r = await call(api, 'GET', '/campaigns', { token: t });
    const campaign = r.body.campaigns.find((c: { id: string }) => c.id === CAMPAIGN);
    return campaign.periods.find((p: { id: string }) => p.id === periodId).locked as boolean;
  };

  test('an admin locks and unlocks; in between clerks and reviewers get 409, an admin still writes', async () => {
    at('2022-09-12T09:00:00+07:00');
    expect((await submit('PC08', '2022-Q3', tokens.pc08)).status).toBe(201);

    const locked = await lock('2022-Q3', { locked: true, reason: 'Đã tổng hợp báo cáo quý III' });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({
      periodId: '2022-Q3',
      locked: true,
      reason: 'Đã tổng hợp báo cáo quý III',
      at: '2022-09-12T02:00:00.000Z',
      calendarLocked: false,
    });
    expect(await lockedIn('2022-Q3', tokens.pc06)).toBe(true);
    const status = await statusOf('PC06', tokens.pc06);
    expect(status.body.periods.find((p: { periodId: string }) => p.periodId === '2022-Q3').locked).toBe(true);

    const refused = await submit('PC06', '2022-Q3', tokens.pc06);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('period_locked');
    const reviewRefused = await review('PC08', '2022-Q3', 'accept');
    expect(reviewRefused.status).toBe(409);
    expect(reviewRefused.body.error.code).toBe('period_locked');
    expect((await submit('PC06', '2022-Q3', tokens.admin)).status).toBe(201);

    at('2022-09-13T09:00:00+07:00');
    expect((await lock('2022-Q3', { locked: false, reason: 'Mở lại để PC06 bổ sung' })).status).toBe(200);
    expect(await lockedIn('2022-Q3', tokens.pc06)).toBe(false);
    expect((await submit('PC06', '2022-Q3', tokens.pc06)).status).toBe(201);
    expect((await review('PC08', '2022-Q3', 'accept')).status).toBe(200);

    const history = await stack.services.locks.history(CAMPAIGN, '2022-Q3');
    expect(history.map((h) => [h.locked, h.at, h.reason])).toEqual([
      [true, '2022-09-12T02:00:00.000Z', 'Đã tổng hợp báo cáo quý III'],
      [false, '2022-09-13T02:00:00.000Z', 'Mở lại để PC06 bổ sung'],
    ]);
    expect(history.every((h) => h.by.length > 0)).toBe(true);
  });

  test('only an admin locks; the body needs a boolean and a reason', async () => {
    for (const t of [tokens.pc06, tokens.reviewer]) {
      const r = await lock('2022-Q3', { locked: true, reason: 'x' }, t);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('admin_only');
    }
    expect((await lock('2022-Q3', { locked: 'yes', reason: 'x' })).status).toBe(400);
    expect((await lock('2022-Q3', { locked: true, reason: '  ' })).status).toBe(400);
    expect((await lock('2022-Q3', { locked: true })).status).toBe(400);
    expect((await lock('2031-Q3', { locked: true, reason: 'x' })).status).toBe(404);
  });

  test('the stored state overrides the calendar’s static lock', async () => {
    const campaign = (await stack.services.catalog.getCampaign(CAMPAIGN))!;
    await stack.services.catalog.putCampaign({
      ...campaign,
      calendar: { ...campaign.calendar, locked: ['2021-H1'] },
    });
    expect(await lockedIn('2021-H1', tokens.admin)).toBe(true);
    expect((await submit('PC06', '2021-H1', tokens.pc06)).status).toBe(409);
    const unlocked = await lock('2021-H1', { locked: false, reason: 'Cho nộp bổ sung' });
    expect(unlocked.body).toMatchObject({ locked: false, calendarLocked: true });
    expect(await lockedIn('2021-H1', tokens.admin)).toBe(false);
    expect((await submit('PC06', '2021-H1', tokens.pc06)).status).toBe(201);
  });
});
