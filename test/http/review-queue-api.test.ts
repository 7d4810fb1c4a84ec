/**
 * The review queue (GET …/review-queue), several reviews at once (POST …/reviews), field comments reaching the
 * clerk's calendar, and hints from history (POST …/check, the explanation stored) over real HTTP against
 * Azurite, after a scripted history with the function app's clock set by the test.
 */
import { call, CAMPAIGN, RESULTS_VERSION, resultsReport, token } from '../support/api';
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

const submit = (
  unitId: string,
  periodId: string,
  t: string,
  values: Record<string, unknown> = {},
  extra = {},
) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: t,
    json: { ...resultsReport(unitId, periodId, values), ...extra },
  });
const review = (unitId: string, periodId: string, body: unknown, t = tokens.reviewer) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/review`, {
    token: t,
    json: body,
  });
const bulk = (reviews: unknown[], t = tokens.reviewer) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/reviews`, { token: t, json: { reviews } });
const queue = (t = tokens.reviewer) => call(api, 'GET', `/campaigns/${CAMPAIGN}/review-queue`, { token: t });
const check = (unitId: string, periodId: string, values: Record<string, unknown>, t: string) =>
  call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/${unitId}/${periodId}/check`, {
    token: t,
    json: { templateId: 'results', templateVersion: RESULTS_VERSION, values },
  });
const lock = (periodId: string, locked: boolean) =>
  call(api, 'PUT', `/campaigns/${CAMPAIGN}/periods/${periodId}/lock`, {
    token: tokens.admin,
    json: { locked, reason: 'Kiểm tra khóa sổ' },
  });

describe('a scripted history, then the queue', () => {
  beforeAll(async () => {
    // PC06's history: two accepted quarters (≈ 400 participants).
    at('2021-09-01T09:00:00+07:00');
    expect((await submit('PC06', '2021-Q3', tokens.pc06, { participants: 400 })).status).toBe(201);
    at('2022-03-01T09:00:00+07:00');
    expect((await submit('PC06', '2022-Q1', tokens.pc06, { participants: 420 })).status).toBe(201);
    expect(
      (
        await bulk([
          { unitId: 'PC06', periodId: '2021-Q3', action: 'accept' },
          { unitId: 'PC06', periodId: '2022-Q1', action: 'accept' },
        ])
      ).status,
    ).toBe(200);
    // PC06's 2022-Q3: a first revision, accepted; PC08's: two revisions, never reviewed.
    at('2022-09-01T09:00:00+07:00');
    expect((await submit('PC06', '2022-Q3', tokens.pc06, { participants: 40 })).status).toBe(201);
    expect((await review('PC06', '2022-Q3', { action: 'accept' })).status).toBe(200);
    at('2022-09-05T09:00:00+07:00');
    expect((await submit('PC08', '2022-Q3', tokens.pc08, { meetings_held: 2 })).status).toBe(201);
    at('2022-09-06T09:00:00+07:00');
    expect((await submit('PC08', '2022-Q3', tokens.pc08, { meetings_held: 5 })).status).toBe(201);
  }, 60_000);

  test('a draft far from history is flagged before it is sent; one inside it is not', async () => {
    at('2022-09-10T08:00:00+07:00');
    const far = await check('PC06', '2022-Q3', { participants: 12_000, meetings_held: 2 }, tokens.pc06);
    expect(far.status).toBe(200);
    expect(far.body.history).toEqual(['2021-Q3', '2022-Q1']);
    expect(far.body.flags).toEqual([
      expect.objectContaining({
        code: 'value_unusually_high',
        key: 'participants',
        params: expect.objectContaining({ value: 12_000, typical: 410 }),
        message:
          'Giá trị 12.000 của “Số lượt cán bộ, chiến sĩ tham gia” cao bất thường so với các kỳ trước (≈ 410).',
      }),
    ]);
    const near = await check('PC06', '2022-Q3', { participants: 415 }, tokens.pc06);
    expect(near.body.flags).toEqual([]);
    // No history (PC08 has none): no flag, however large.
    expect((await check('PC08', '2022-Q3', { participants: 1e9 }, tokens.pc08)).body.flags).toEqual([]);
    // Another unit's draft is not the clerk's to ask about.
    expect((await check('PC08', '2022-Q3', { participants: 1 }, tokens.pc06)).status).toBe(403);
  });

  test('the clerk submits anyway with an explanation, which is stored with the report', async () => {
    at('2022-09-10T09:00:00+07:00');
    const r = await submit(
      'PC06',
      '2022-Q3',
      tokens.pc06,
      { participants: 12_000 },
      {
        explanation: '  Hội nghị trực tuyến toàn tỉnh, có cả gia đình cán bộ tham dự.  ',
      },
    );
    expect(r.status).toBe(201);
    expect(r.body.revision).toBe(2);
    const stored = await call(api, 'GET', `/campaigns/${CAMPAIGN}/submissions?periodId=2022-Q3&unitId=PC06`, {
      token: tokens.reviewer,
    });
    expect(stored.body.submissions[0].explanation).toBe(
      'Hội nghị trực tuyến toàn tỉnh, có cả gia đình cán bộ tham dự.',
    );
  });

  test('the queue: waiting reports, oldest first, with changes against the accepted or previous revision, and flags', async () => {
    const r = await queue();
    expect(r.status).toBe(200);
    const items = r.body.items.filter((i: { periodId: string }) => i.periodId === '2022-Q3');
    expect(items.map((i: { unitId: string }) => i.unitId)).toEqual(['PC08', 'PC06']);
    const [pc08, pc06] = items;
    expect(pc08).toMatchObject({
      revision: 2,
      onTime: true,
      against: { revision: 1, state: 'pending' },
      changes: [expect.objectContaining({ key: 'meetings_held', from: 2, to: 5 })],
      flags: [],
    });
    expect(pc08.explanation).toBeUndefined();
    expect(pc06).toMatchObject({
      revision: 2,
      against: { revision: 1, state: 'accepted' },
      changes: [expect.objectContaining({ key: 'participants', from: 40, to: 12_000 })],
      flags: [expect.objectContaining({ code: 'value_unusually_high', key: 'participants' })],
      explanation: 'Hội nghị trực tuyến toàn tỉnh, có cả gia đình cán bộ tham dự.',
    });
    // Accepted reports are not waiting.
    expect(r.body.items.some((i: { periodId: string }) => i.periodId === '2021-Q3')).toBe(false);
  });

  test('clerks may neither see the queue nor review', async () => {
    const q = await queue(tokens.pc06);
    expect(q.status).toBe(403);
    expect(q.body.error.code).toBe('reviewer_only');
    const b = await bulk([{ unitId: 'PC06', periodId: '2022-Q3', action: 'accept' }], tokens.pc06);
    expect(b.status).toBe(403);
  });

  test('bulk: each item answered on its own; a stale revision or nothing to review fails alone', async () => {
    at('2022-09-11T09:00:00+07:00');
    const r = await bulk([
      { unitId: 'PC08', periodId: '2022-Q3', action: 'accept', revision: 2 },
      { unitId: 'PC06', periodId: '2022-Q3', action: 'accept', revision: 1 },
      { unitId: 'PV01', periodId: '2022-Q3', action: 'accept' },
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reviewed: 1, failed: 2 });
    expect(r.body.results).toEqual([
      expect.objectContaining({
        unitId: 'PC08',
        ok: true,
        revision: 2,
        review: expect.objectContaining({ state: 'accepted' }),
      }),
      expect.objectContaining({
        unitId: 'PC06',
        ok: false,
        status: 409,
        error: expect.objectContaining({ code: 'revision_conflict' }),
      }),
      expect.objectContaining({
        unitId: 'PV01',
        ok: false,
        status: 404,
        error: expect.objectContaining({ code: 'nothing_to_review' }),
      }),
    ]);
    const left = (await queue()).body.items.filter((i: { periodId: string }) => i.periodId === '2022-Q3');
    expect(left.map((i: { unitId: string }) => i.unitId)).toEqual(['PC06']);
    // A body that is not valid as a whole reviews nothing.
    const bad = await bulk([{ unitId: 'PC06', periodId: '2022-Q3', action: 'maybe' }]);
    expect(bad.status).toBe(400);
  });

  test('return with field comments: validated, stored, and on the clerk’s calendar', async () => {
    const unknown = await review('PC06', '2022-Q3', {
      action: 'return',
      comment: 'Đề nghị kiểm tra lại',
      fields: { participants: 'Số lượt quá cao', no_such_field: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      expect.objectContaining({ code: 'unknown_review_field', key: 'no_such_field' }),
    ]);
    const onAccept = await review('PC06', '2022-Q3', { action: 'accept', fields: { participants: 'x' } });
    expect(onAccept.status).toBe(400);
    expect(onAccept.body.error.details[0].code).toBe('review_fields_on_accept');

    const decomposed = 'Kiểm tra lại số lượt tham gia'.normalize('NFD');
    const r = await bulk([
      {
        unitId: 'PC06',
        periodId: '2022-Q3',
        action: 'return',
        revision: 2,
        comment: 'Đề nghị kiểm tra lại hai chỉ tiêu.',
        fields: { participants: `  ${decomposed} `, models: 'Ghi rõ tên mô hình' },
      },
    ]);
    expect(r.body.results[0]).toMatchObject({ ok: true, review: { state: 'returned' } });
    const status = await call(api, 'GET', `/campaigns/${CAMPAIGN}/units/PC06/status`, { token: tokens.pc06 });
    const q3 = status.body.periods.find((p: { periodId: string }) => p.periodId === '2022-Q3');
    expect(q3).toMatchObject({
      state: 'returned',
      revision: 2,
      review: {
        state: 'returned',
        comment: 'Đề nghị kiểm tra lại hai chỉ tiêu.',
        fields: { participants: 'Kiểm tra lại số lượt tham gia', models: 'Ghi rõ tên mô hình' },
      },
    });
    expect((await queue()).body.items.some((i: { unitId: string }) => i.unitId === 'PC06')).toBe(false);
  });

  test('a locked period is refused to reviewers (409 period_locked), per item and per unit; admins may', async () => {
    at('2022-09-12T09:00:00+07:00');
    expect((await submit('PC08', '2022-H1', tokens.pc08)).status).toBe(201);
    expect((await lock('2022-H1', true)).status).toBe(200);
    try {
      const item = await bulk([{ unitId: 'PC08', periodId: '2022-H1', action: 'accept' }]);
      expect(item.body.results[0]).toMatchObject({
        ok: false,
        status: 409,
        error: { code: 'period_locked' },
      });
      const one = await review('PC08', '2022-H1', { action: 'return', fields: { participants: 'x' } });
      expect(one.status).toBe(409);
      expect(one.body.error.code).toBe('period_locked');
      const queued = (await queue()).body.items.find((i: { periodId: string }) => i.periodId === '2022-H1');
      expect(queued).toMatchObject({ unitId: 'PC08', locked: true });
      const admin = await bulk([{ unitId: 'PC08', periodId: '2022-H1', action: 'accept' }], tokens.admin);
      expect(admin.body.results[0]).toMatchObject({ ok: true });
    } finally {
      await lock('2022-H1', false);
    }
  });
});
