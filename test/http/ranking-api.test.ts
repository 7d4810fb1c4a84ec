/**
 * The yearly ranking (bình xét thi đua) over real HTTP against Azurite: the demo police campaign's scheme
 * ranks its units per cluster (their group, the seeds name no clusters) for 2022 from a scripted year of
 * reports; a reviewer's hand score changes the rank and its reason, author and every change are kept;
 * a campaign without a scheme answers 404; the roles; bad scores and reasons answer 400.
 */
import * as XLSX from 'xlsx';
import { XLSX_CONTENT_TYPE } from '../../functions/src/workbook/xlsx-writer';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { fetchBytes } from '../workbook/support';

let stack: ApiTestStack;
let api: string;
const tokens = { admin: '', reviewer: '', otherReviewer: '', clerk: '' };
const at = (iso: string) => {
  stack.services.now = () => new Date(iso);
};

interface Ranked {
  unitId: string;
  cluster: string;
  score: number;
  rank: number;
  criteria: { id: string; score: number; reason?: string; by?: string }[];
}

const submit = async (
  unitId: string,
  periodId: string,
  when: string,
  values: Record<string, unknown> = {},
) => {
  at(when);
  const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: await token('clerk', unitId),
    json: resultsReport(unitId, periodId, values),
  });
  expect(r.status).toBe(201);
};
const ranking = async (t = tokens.reviewer) => {
  at('2022-12-01T09:00:00+07:00');
  return call(api, 'GET', `/campaigns/${CAMPAIGN}/ranking?year=2022`, { token: t });
};
const units = async () => {
  const r = await ranking();
  expect(r.status).toBe(200);
  return r.body.units as Ranked[];
};
const scorePath = (unitId: string, criterion = 'assessment', year = '2022') =>
  `/campaigns/${CAMPAIGN}/ranking/${year}/units/${unitId}/scores/${criterion}`;
const putScore = (unitId: string, json: unknown, t = tokens.reviewer, criterion = 'assessment') =>
  call(api, 'PUT', scorePath(unitId, criterion), { token: t, json });

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.otherReviewer = await token('reviewer', 'SNV');
  tokens.clerk = await token('clerk', 'PC06');

  // PC06: every 2022 report on time. PC08: the six-month report late. PA08: the first quarter only.
  for (const [p, due] of [
    ['2022-Q1', '03-10'],
    ['2022-H1', '06-10'],
    ['2022-Q3', '09-10'],
    ['2022-Y', '11-10'],
  ] as const) {
    await submit('PC06', p, `2022-${due}T09:00:00+07:00`);
    await submit('PC08', p, p === '2022-H1' ? '2022-06-20T09:00:00+07:00' : `2022-${due}T09:00:00+07:00`);
  }
  await submit('PA08', '2022-Q1', '2022-03-10T09:00:00+07:00', {
    survey_responses: 200,
    satisfied_responses: 190,
  });
}, 180_000);
afterAll(() => stack?.stop());

test("the demo's units ranked per cluster (their group) for 2022, from the year's reports", async () => {
  const r = await ranking();
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ campaignId: CAMPAIGN, year: 2022, until: '2022-12-01' });
  const rows = r.body.units as Ranked[];
  // Ordered by cluster, then rank; each cluster ranks from 1; ranks never go down within a cluster.
  const clusters = rows.map((u) => u.cluster);
  expect([...new Set(clusters)]).toEqual(['department', 'district', 'union']);
  expect(clusters).toEqual([...clusters].sort());
  for (const c of new Set(clusters)) {
    const of = rows.filter((u) => u.cluster === c);
    expect(of[0]!.rank).toBe(1);
    of.forEach((u, i) => {
      if (i > 0) expect(u.rank).toBeGreaterThanOrEqual(of[i - 1]!.rank);
      // Equal scores share a rank; a lower score ranks after everyone above it ("1, 1, 3").
      if (i > 0 && u.score === of[i - 1]!.score) expect(u.rank).toBe(of[i - 1]!.rank);
      if (i > 0 && u.score < of[i - 1]!.score) expect(u.rank).toBe(i + 1);
    });
  }
  // The board only aggregates: not ranked.
  expect(rows.some((u) => u.unitId === 'CAT')).toBe(false);
  const byId = new Map(rows.map((u) => [u.unitId, u]));
  const scoreOf = (unitId: string, criterion: string) =>
    byId.get(unitId)!.criteria.find((c) => c.id === criterion)!.score;
  // PC06: 4 of 4 on time and sent; one model built → 2 of 10.
  expect(byId.get('PC06')).toMatchObject({ score: 42, rank: 1, cluster: 'department' });
  // PC08: 3 of 4 on time → 15 of 20.
  expect([scoreOf('PC08', 'on_time'), scoreOf('PC08', 'complete'), byId.get('PC08')!.score]).toEqual([
    15, 20, 37,
  ]);
  // PA08: 1 of 4; 190 satisfied of 200 surveyed (95 per hundred: 25 of 30 above 70) → 16.67 of 20.
  expect([scoreOf('PA08', 'on_time'), scoreOf('PA08', 'satisfaction')]).toEqual([5, 16.67]);
  expect(byId.get('PC08')!.rank).toBe(2);
});

test('a hand score changes the rank; its reason and author are kept, and every change', async () => {
  at('2022-12-02T09:00:00+07:00');
  const put = await putScore('PC08', {
    score: 10,
    reason: '  Nhiều mô hình tiếp dân hiệu quả, được nhân dân ghi nhận  ',
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({
    campaignId: CAMPAIGN,
    year: 2022,
    unitId: 'PC08',
    criterionId: 'assessment',
    score: 10,
    reason: 'Nhiều mô hình tiếp dân hiệu quả, được nhân dân ghi nhận',
  });
  let rows = await units();
  const pc08 = rows.find((u) => u.unitId === 'PC08')!;
  expect(pc08).toMatchObject({ score: 47, rank: 1 });
  expect(pc08.criteria.find((c) => c.id === 'assessment')).toMatchObject({
    score: 10,
    reason: 'Nhiều mô hình tiếp dân hiệu quả, được nhân dân ghi nhận',
    by: put.body.by,
  });
  expect(rows.find((u) => u.unitId === 'PC06')!.rank).toBe(2);

  // The admin lowers it to a tie with PC06 (42): both first, the next unit third ("1, 1, 3"); both
  // changes stay in the audit rows.
  at('2022-12-03T09:00:00+07:00');
  expect(
    (await putScore('PC08', { score: 5, reason: 'Điều chỉnh sau họp Hội đồng' }, tokens.admin)).status,
  ).toBe(200);
  rows = await units();
  const department = rows.filter((u) => u.cluster === 'department');
  expect(department.slice(0, 3).map((u) => [u.unitId, u.score, u.rank])).toEqual([
    ['PC08', 42, 1],
    ['PC06', 42, 1],
    [department[2]!.unitId, department[2]!.score, 3],
  ]);
  expect(department[2]!.score).toBeLessThan(42);
  const history = await stack.services.scores.history(CAMPAIGN, {
    year: 2022,
    unitId: 'PC08',
    criterionId: 'assessment',
  });
  expect(history.map((h) => [h.score, h.reason])).toEqual([
    [10, 'Nhiều mô hình tiếp dân hiệu quả, được nhân dân ghi nhận'],
    [5, 'Điều chỉnh sau họp Hội đồng'],
  ]);
  expect(history.every((h) => h.by !== '' && h.at !== '')).toBe(true);
});

test('the ranking sheet (?format=xlsx): the clusters, each unit with its score and rank, the reasons', async () => {
  at('2022-12-01T09:00:00+07:00');
  const r = await fetchBytes(`${api}/campaigns/${CAMPAIGN}/ranking?year=2022&format=xlsx`, {
    token: tokens.reviewer,
  });
  expect(r.status).toBe(200);
  const book = XLSX.read(r.bytes, { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Xếp hạng thi đua']!, {
    header: 1,
    blankrows: false,
  });
  expect(rows[0]).toEqual(['BẢNG XẾP HẠNG THI ĐUA NĂM 2022']);
  const ranked = await units();
  const pc08 = ranked.find((u) => u.unitId === 'PC08')!;
  const row = rows.find((x) => x[1] === 'Phòng Cảnh sát giao thông')!;
  expect(row.slice(-2)).toEqual([pc08.score, pc08.rank]);
  expect(rows.some((x) => x[0] === 'Khối phòng')).toBe(true);
  expect(JSON.stringify(rows)).toContain(
    'Phòng Cảnh sát giao thông — Đánh giá của Thường trực thi đua: 5 điểm. Điều chỉnh sau họp Hội đồng',
  );
});

test('a campaign without a scoring scheme answers 404 ranking_not_configured, in plain words', async () => {
  const r = await call(api, 'GET', '/campaigns/bac-giang-nu-cuoi-cong-so/ranking?year=2022', {
    token: tokens.admin,
  });
  expect(r.status).toBe(404);
  expect(r.body.error.code).toBe('ranking_not_configured');
  expect(r.body.error.message).toContain('bac-giang-nu-cuoi-cong-so');
  const put = await call(api, 'PUT', '/campaigns/bac-giang-nu-cuoi-cong-so/ranking/2022/units/SNV/scores/x', {
    token: tokens.admin,
    json: { score: 1, reason: 'Thử' },
  });
  expect(put.status).toBe(404);
  expect(put.body.error.code).toBe('ranking_not_configured');
});

test('roles: clerks may neither read nor score; a reviewer of another campaign is refused', async () => {
  const clerkRead = await ranking(tokens.clerk);
  expect(clerkRead.status).toBe(403);
  expect(clerkRead.body.error.code).toBe('reviewer_only');
  const clerkPut = await putScore('PC06', { score: 20, reason: 'Tự chấm' }, tokens.clerk);
  expect(clerkPut.status).toBe(403);
  expect((await ranking(tokens.otherReviewer)).status).toBe(403);
  expect((await putScore('PC06', { score: 20, reason: 'Thử' }, tokens.otherReviewer)).status).toBe(403);
  expect((await ranking('')).status).toBe(401);
});

test('bad scores, reasons, criteria and years answer 400 or 404 and store nothing', async () => {
  const before = await units();
  const cases: [unknown, string, number, string][] = [
    [{ score: 21, reason: 'Quá điểm' }, 'assessment', 400, 'score_out_of_range'],
    [{ score: -1, reason: 'Âm' }, 'assessment', 400, 'score_out_of_range'],
    [{ score: 5 }, 'assessment', 400, 'invalid_body'],
    [{ score: 5, reason: '   ' }, 'assessment', 400, 'invalid_body'],
    [{ score: '5', reason: 'Chữ' }, 'assessment', 400, 'invalid_body'],
    [{ score: 5, reason: 'Tự tính' }, 'on_time', 400, 'criterion_not_manual'],
    [{ score: 5, reason: 'Không có' }, 'no_such', 404, 'criterion_not_found'],
    [{ score: 5, reason: 'Sai cú pháp' }, '..%2Fx', 404, 'criterion_not_found'],
  ];
  for (const [json, criterion, status, code] of cases) {
    const r = await putScore('PC06', json, tokens.reviewer, criterion);
    expect([JSON.stringify(json), criterion, r.status, r.body.error?.code]).toEqual([
      JSON.stringify(json),
      criterion,
      status,
      code,
    ]);
  }
  const badYear = await call(api, 'PUT', scorePath('PC06', 'assessment', '1999'), {
    token: tokens.reviewer,
    json: { score: 5, reason: 'Năm sai' },
  });
  expect([badYear.status, badYear.body.error.code]).toEqual([400, 'invalid_ranking_year']);
  const noUnit = await putScore('NOPE', { score: 5, reason: 'Không có đơn vị' });
  expect([noUnit.status, noUnit.body.error.code]).toEqual([404, 'unit_not_found']);
  const noYear = await call(api, 'GET', `/campaigns/${CAMPAIGN}/ranking`, { token: tokens.reviewer });
  expect([noYear.status, noYear.body.error.code]).toEqual([400, 'invalid_ranking_year']);
  expect(await units()).toEqual(before);
});

test('the campaign workbook does not carry the scheme: publishing it keeps the stored one', async () => {
  const before = await units();
  const exported = await fetchBytes(`${api}/campaigns/${CAMPAIGN}/definition`, { token: tokens.admin });
  expect(exported.status).toBe(200);
  const posted = await call(api, 'POST', '/campaigns', {
    token: tokens.admin,
    body: exported.bytes,
    contentType: XLSX_CONTENT_TYPE,
  });
  expect(posted.status).toBe(200);
  expect(await units()).toEqual(before);
});
