/**
 * Idempotency that cannot lie (issue 11, item 3): a submissionId is bound to one report of the campaign —
 * its unit, its period and its content. A true replay is 200 with the original receipt and stores nothing;
 * the same id with anything different is 409 `submission_id_reused` naming what differs, in every period,
 * for JSON bodies and `.xlsx` uploads alike; and the other report is never silently dropped.
 */
import { call, CAMPAIGN, resultsReport, RESULTS_VERSION, token } from '../support/api';
import { fetchBytes, fillWithSheetJs, XLSX_TYPE } from '../workbook/support';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

let stack: ApiTestStack;
const tokens: Record<string, string> = {};
const submissions = `/campaigns/${CAMPAIGN}/submissions`;

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens.pc06 = await token('clerk', 'PC06');
  tokens.pc08 = await token('clerk', 'PC08');
  tokens.admin = await token('admin');
});
afterAll(() => stack?.stop());

const submit = (body: unknown, t: string) => call(stack.api, 'POST', submissions, { token: t, json: body });
const latest = async (unitId: string, periodId: string) =>
  (
    await call(stack.api, 'GET', `${submissions}?periodId=${periodId}&unitId=${unitId}`, {
      token: tokens.admin,
    })
  ).body.submissions as { submissionId: string; revision: number }[];

test('a true replay is 200 with the original receipt, and stores nothing', async () => {
  const body = resultsReport('PC06', '2022-Q1');
  const first = await submit(body, tokens.pc06!);
  expect(first.status).toBe(201);
  const again = await submit(body, tokens.pc06!);
  expect(again).toMatchObject({ status: 200, body: first.body });
  // Key order and Unicode form do not make content different.
  const reordered = { ...body, values: Object.fromEntries(Object.entries(body.values).reverse()) };
  expect(await submit(reordered, tokens.pc06!)).toMatchObject({ status: 200, body: first.body });
  expect((await latest('PC06', '2022-Q1'))[0]).toMatchObject({
    submissionId: body.submissionId,
    revision: 1,
  });
});

test("another unit's submissionId (JSON) → 409 naming the unit; the other unit's receipt is not handed out", async () => {
  const pc06 = resultsReport('PC06', '2021-Q3');
  expect((await submit(pc06, tokens.pc06!)).status).toBe(201);
  const pc08 = { ...resultsReport('PC08', '2021-Q3'), submissionId: pc06.submissionId };
  const r = await submit(pc08, tokens.pc08!);
  expect(r.status).toBe(409);
  expect(r.body.error).toMatchObject({
    code: 'submission_id_reused',
    params: { submissionId: pc06.submissionId, differs: ['unit'] },
  });
  expect(JSON.stringify(r.body)).not.toContain('"revision"');
  expect(await latest('PC08', '2021-Q3')).toEqual([]);
  // With a fresh id the report goes in.
  expect((await submit({ ...pc08, submissionId: crypto.randomUUID() }, tokens.pc08!)).status).toBe(201);
});

test('the same id with other values → 409 naming the content; the first report stays', async () => {
  const body = resultsReport('PC06', '2022-H1');
  expect((await submit(body, tokens.pc06!)).status).toBe(201);
  const r = await submit({ ...body, values: { ...body.values, participants: 41 } }, tokens.pc06!);
  expect(r.status).toBe(409);
  expect(r.body.error).toMatchObject({ code: 'submission_id_reused', params: { differs: ['content'] } });
  const stored = await latest('PC06', '2022-H1');
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ revision: 1, values: expect.objectContaining({ participants: 40 }) });
});

test('the same id in another period → 409 naming the period (and whatever else differs), in every period', async () => {
  const body = resultsReport('PC06', '2022-Q3');
  expect((await submit(body, tokens.pc06!)).status).toBe(201);
  for (const periodId of ['2022-Y', '2023-Q1', '2024-H1']) {
    const r = await submit({ ...body, periodId }, tokens.pc06!);
    expect([periodId, r.status, r.body.error?.code]).toEqual([periodId, 409, 'submission_id_reused']);
    expect(r.body.error.params.differs).toEqual(['period']);
    expect(await latest('PC06', periodId)).toEqual([]);
  }
  // Another unit, another period and other values: all three are named.
  const r = await submit(
    { ...resultsReport('PC08', '2023-Q3', { participants: 7 }), submissionId: body.submissionId },
    tokens.pc08!,
  );
  expect(r.status).toBe(409);
  expect(r.body.error.params.differs).toEqual(['unit', 'period', 'content']);
  // English names the same things.
  const en = await fetch(`${stack.api}${submissions}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.pc06}`,
      'content-type': 'application/json',
      'accept-language': 'en',
    },
    body: JSON.stringify({ ...body, periodId: '2022-Y' }),
  });
  expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/different period/);
});

test('concurrent uses of one id with different content: exactly one is stored, the other is 409', async () => {
  const id = crypto.randomUUID();
  const a = { ...resultsReport('PC06', '2023-Y'), submissionId: id };
  const b = { ...resultsReport('PC06', '2023-Y', { participants: 55 }), submissionId: id };
  const results = await Promise.all([submit(a, tokens.pc06!), submit(b, tokens.pc06!)]);
  expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  expect(await latest('PC06', '2023-Y')).toHaveLength(1);
});

test('a refused report frees its id: the corrected report may use it at once', async () => {
  const body = resultsReport('PC06', '2023-H1', { participants: -5 });
  expect((await submit(body, tokens.pc06!)).status).toBe(400);
  const fixed = await submit({ ...body, values: { ...body.values, participants: 5 } }, tokens.pc06!);
  expect(fixed.status).toBe(201);
});

describe('.xlsx uploads', () => {
  let blank: Uint8Array;
  beforeAll(async () => {
    const r = await fetchBytes(
      `${stack.api}/campaigns/${CAMPAIGN}/templates/results/versions/${RESULTS_VERSION}?format=xlsx&unitId=PC08&periodId=2024-Q1`,
      { token: tokens.pc08! },
    );
    expect(r.status).toBe(200);
    blank = r.bytes;
  });
  const upload = (bytes: Uint8Array, t: string, query = '') =>
    fetchBytes(`${stack.api}${submissions}${query}`, {
      method: 'POST',
      token: t,
      body: bytes,
      contentType: XLSX_TYPE,
    });

  test("?submissionId= of another unit's report → 409, and nothing stored for the uploader", async () => {
    const pc06 = resultsReport('PC06', '2024-Q1');
    expect((await submit(pc06, tokens.pc06!)).status).toBe(201);
    const filled = fillWithSheetJs(blank, {
      values: { meetings_held: 3, participants: 12, models_built: 0 },
    });
    const r = await upload(filled, tokens.pc08!, `?submissionId=${pc06.submissionId}`);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'submission_id_reused' });
    expect(r.json.error.params.differs).toContain('unit');
    expect(await latest('PC08', '2024-Q1')).toEqual([]);
    // The same file again without an id is a replay of itself: 201, then 200.
    expect((await upload(filled, tokens.pc08!)).status).toBe(201);
    expect((await upload(filled, tokens.pc08!)).status).toBe(200);
  });
});
