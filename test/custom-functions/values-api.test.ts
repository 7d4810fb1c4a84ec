/**
 * The BAOCAO.* custom functions' logic (addin/src/custom-functions/) against the local stack, through the pane's
 * API client (POST …/values): streaming, batching, ETag/304, cancel, value preview, names and errors.
 * The poller's clock is moved by hand (test/support/manual-clock.ts); the HTTP is real.
 */
import { ApiClient } from '../../addin/src/api/client';
import {
  PollerRegistry,
  queries,
  streamQuery,
  type FunctionsEnv,
  type StreamingCell,
} from '../../addin/src/custom-functions/baocao';
import type { FunctionsContext } from '../../addin/src/custom-functions/session';
import { ValuesPoller, type ValuesSource } from '../../addin/src/custom-functions/values-poller';
import type { ValueErrorKind, ValueQuery, ValueResult } from '../../shared/src';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { ManualClock } from '../support/manual-clock';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(120_000);

const INTERVAL = 30_000;
let stack: ApiTestStack;
const tokens = { admin: '', reviewer: '', pc06: '' };

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.pc06 = await token('clerk', 'PC06');
}, 60_000);
afterAll(() => stack?.stop());

class CellError extends Error {
  constructor(
    readonly kind: ValueErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A formula's cell: every result Excel would have shown, in order. */
class Cell implements StreamingCell<ValueResult> {
  results: (ValueResult | Error)[] = [];
  onCanceled?: () => void;
  constructor(readonly isInValuePreview = false) {}
  setResult(value: ValueResult | Error) {
    this.results.push(value);
  }
  get last() {
    return this.results[this.results.length - 1];
  }
  cancel() {
    this.onCanceled?.();
  }
}

/** One workbook's functions: the env the registration builds, with the test's clock and a counted source. */
function workbook(t: string, lang: 'vi' | 'en' = 'vi') {
  const clock = new ManualClock();
  const sent: { queries: number; etag?: string; notModified: boolean }[] = [];
  const pollers: ValuesPoller[] = [];
  const registry = new PollerRegistry((context, currentToken) => {
    const api = new ApiClient({
      baseUrl: context.apiBaseUrl,
      getToken: currentToken,
      lang: context.lang,
    });
    const source: ValuesSource = async (qs, etag) => {
      const res = await api.values(context.campaignId, qs, etag);
      sent.push({ queries: qs.length, ...(etag ? { etag } : {}), notModified: res.notModified });
      return res;
    };
    const poller = new ValuesPoller(source, clock, { intervalMs: INTERVAL });
    pollers.push(poller);
    return poller;
  });
  const context: FunctionsContext = { apiBaseUrl: stack.host.url, token: t, lang, campaignId: CAMPAIGN };
  const env: FunctionsEnv = {
    context: async () => context,
    pollerFor: (c) => registry.pollerFor(c),
    makeError: (kind, message) => new CellError(kind, message),
  };
  const settle = async () => {
    for (const p of pollers) await p.settled();
  };
  return {
    env,
    clock,
    sent,
    pollers,
    /** A formula entered in a cell: the function is called, its context read. */
    async formula(query: ValueQuery, cell = new Cell()) {
      streamQuery(env, query, cell);
      await new Promise((r) => setImmediate(r));
      return cell;
    },
    advance: (ms: number) => clock.advance(ms, settle),
  };
}

const submit = async (unitId: string, periodId: string, values: Record<string, unknown>) => {
  const r = await call(stack.host.url, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: tokens.admin,
    json: resultsReport(unitId, periodId, values),
  });
  expect(r.status).toBe(201);
};

describe('streaming', () => {
  test('a total streams into its cells, once per change; an unchanged poll is a 304', async () => {
    await submit('PC06', '2023-Q1', { participants: 40 });
    const wb = workbook(tokens.reviewer);
    const byKey = await wb.formula(queries.total('participants', '2023-Q1'));
    const byLabel = await wb.formula(
      queries.total('Số lượt cán bộ, chiến sĩ tham gia', 'Báo cáo quý I năm 2023', ''),
    );
    await wb.advance(100);
    expect(wb.sent).toHaveLength(1);
    expect(byKey.results).toEqual([40]);
    expect(byLabel.results).toEqual([40]);

    await wb.advance(INTERVAL);
    expect(wb.sent).toHaveLength(2);
    expect(wb.sent[1]).toMatchObject({ notModified: true, etag: expect.any(String) });
    expect(byKey.results).toEqual([40]);

    await submit('PC08', '2023-Q1', { participants: 25 });
    await wb.advance(INTERVAL);
    expect(wb.sent[2]).toMatchObject({ notModified: false });
    expect(byKey.results).toEqual([40, 65]);
    expect(byLabel.results).toEqual([40, 65]);
  });

  test('the server answers 304 with no body when If-None-Match names its ETag', async () => {
    const body = { queries: [{ fn: 'progress', period: '2023-Q1' }] };
    const first = await call(stack.host.url, 'POST', `/campaigns/${CAMPAIGN}/values`, {
      token: tokens.reviewer,
      json: body,
    });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await call(stack.host.url, 'POST', `/campaigns/${CAMPAIGN}/values`, {
      token: tokens.reviewer,
      json: body,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    const other = await call(stack.host.url, 'POST', `/campaigns/${CAMPAIGN}/values`, {
      token: tokens.reviewer,
      json: body,
      headers: { 'if-none-match': '"something-else"', 'accept-language': 'en' },
    });
    expect(other.status).toBe(200);
  });

  test('cancelling every formula stops the polling', async () => {
    const wb = workbook(tokens.reviewer);
    const cell = await wb.formula(queries.progress('2023-Q1', 'Đã nộp'));
    await wb.advance(100);
    expect(wb.sent).toHaveLength(1);
    expect(cell.last).toBe(2);
    cell.cancel();
    await wb.advance(INTERVAL * 3);
    // The poll after the cancel finds nobody listening and sends nothing.
    expect(wb.sent).toHaveLength(1);
    expect(wb.pollers[0]!.running).toBe(false);
    expect(wb.clock.pending).toBe(0);
  });

  test('formula value preview sends no request; it shows what is known', async () => {
    const wb = workbook(tokens.reviewer);
    const preview = await wb.formula(queries.total('participants', '2023-Q1'), new Cell(true));
    await wb.advance(INTERVAL * 2);
    expect(wb.sent).toHaveLength(0);
    expect(preview.results).toEqual(['']);
    await wb.formula(queries.total('participants', '2023-Q1'));
    await wb.advance(100);
    expect(wb.sent).toHaveLength(1);
    const again = await wb.formula(queries.total('participants', '2023-Q1'), new Cell(true));
    expect(again.results).toEqual([65]);
    expect(wb.sent).toHaveLength(1);
  });
});

describe('batching', () => {
  test('500 formulas cost one request, a recalculation none, a quiet interval one 304', async () => {
    await submit('PC06', '2023-H1', { participants: 10, meetings_held: 1 });
    await submit('PC09', '2023-H1', { participants: 7, meetings_held: 2 });
    const units = (await call(stack.host.url, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin }))
      .body.units as { id: string; name: string }[];
    const fields = ['meetings_held', 'participants', 'models_built', 'trainees', 'news_articles'];
    const sheet: ValueQuery[] = [];
    for (const u of units) for (const f of fields) sheet.push(queries.value(f, '2023-H1', u.id));
    for (const f of fields) sheet.push(queries.total(f, '2023-H1'), queries.lastYear(f, '2023-H1'));
    for (const u of units) sheet.push(queries.state('2023-H1', u.name));
    while (sheet.length < 500) sheet.push(queries.total(fields[sheet.length % fields.length]!, '2023-H1'));
    expect(sheet).toHaveLength(500);

    const wb = workbook(tokens.reviewer);
    const cells: Cell[] = [];
    for (const q of sheet) cells.push(await wb.formula(q));
    await wb.advance(100);
    expect(wb.sent).toHaveLength(1);
    const distinct = new Set(sheet.map((q) => JSON.stringify(q))).size;
    expect(wb.sent[0]!.queries).toBe(distinct);
    expect(cells.every((c) => c.results.length === 1)).toBe(true);
    const totalCell = cells[sheet.findIndex((q) => q.fn === 'total' && q.field === 'participants')]!;
    expect(totalCell.last).toBe(17);

    // A recalculation: Excel cancels every cell and calls the functions again.
    for (const c of cells) c.cancel();
    const recalculated: Cell[] = [];
    for (const q of sheet) recalculated.push(await wb.formula(q));
    expect(recalculated.every((c) => c.results.length === 1)).toBe(true);
    expect(wb.sent).toHaveLength(1);
    await wb.advance(INTERVAL);
    expect(wb.sent).toHaveLength(2);
    expect(wb.sent[1]).toMatchObject({ notModified: true });
  });
});

describe('names and errors', () => {
  const error = (cell: Cell) => cell.last as CellError;

  test('keys, labels without diacritics, units by name, khối', async () => {
    await submit('PC06', '2024-Q1', { participants: 3 });
    const wb = workbook(tokens.reviewer);
    const folded = await wb.formula(queries.total('so luot can bo, chien si tham gia', '2024-Q1'));
    const upper = await wb.formula(queries.value('PARTICIPANTS', 'báo cáo quý i năm 2024', 'pc06'));
    const khoi = await wb.formula(queries.total('participants', '2024-Q1', 'Khối phòng'));
    const state = await wb.formula(queries.state('2024-Q1', 'PC06'));
    const progress = await wb.formula(queries.progress('2024-Q1'));
    await wb.advance(100);
    expect(folded.last).toBe(3);
    expect(upper.last).toBe(3);
    expect(typeof khoi.last).toBe('number');
    expect(state.last).toBe('Đã nộp, chờ duyệt');
    const row = progress.last as number[][];
    expect(row).toHaveLength(1);
    const [expected, submitted, onTime, late, missing] = row[0]!;
    expect(submitted).toBe(1);
    expect(onTime! + late!).toBe(submitted);
    expect(expected! - submitted!).toBe(missing);
  });

  test("unknown names are #VALUE! with the catalogue's sentence; a missing figure is #N/A", async () => {
    const wb = workbook(tokens.reviewer);
    const noField = await wb.formula(queries.total('so nguoi', '2024-Q1'));
    const noPeriod = await wb.formula(queries.total('participants', 'quý 5'));
    const noUnit = await wb.formula(queries.value('participants', '2024-Q1', 'PC99'));
    const noState = await wb.formula(queries.progress('2024-Q1', 'đang làm'));
    const notReported = await wb.formula(queries.value('participants', '2024-Q1', 'PC08'));
    const noLastYear = await wb.formula(queries.lastYear('participants', '2021-Q3'));
    await wb.advance(100);
    expect(error(noField)).toMatchObject({ kind: 'invalid' });
    expect(error(noField).message).toBe(
      'Biểu mẫu của kỳ “Báo cáo quý I năm 2024” không có chỉ tiêu “so nguoi”. Ghi mã chỉ tiêu hoặc tên chỉ tiêu.',
    );
    expect(error(noPeriod).message).toContain('Không có kỳ báo cáo “quý 5”');
    expect(error(noUnit).message).toContain('Không có đơn vị “PC99”');
    expect(error(noState).message).toContain('Phải nộp, Đã nộp, Đúng hạn, Nộp muộn, Chưa nộp');
    expect(error(notReported)).toMatchObject({ kind: 'notAvailable' });
    expect(error(notReported).message).toContain('chưa nộp báo cáo kỳ “Báo cáo quý I năm 2024”');
    expect(error(noLastYear)).toMatchObject({ kind: 'notAvailable' });

    const en = workbook(tokens.reviewer, 'en');
    const noFieldEn = await en.formula(queries.total('so nguoi', '2024-Q1'));
    await en.advance(100);
    expect(error(noFieldEn).message).toBe(
      "The template of period “First-quarter report 2024” has no field “so nguoi”. Give the field's key or its label.",
    );
  });

  test("a clerk sees its own unit's figures, not the province's", async () => {
    const wb = workbook(tokens.pc06);
    const own = await wb.formula(queries.value('participants', '2024-Q1', 'PC06'));
    const province = await wb.formula(queries.total('participants', '2024-Q1'));
    await wb.advance(100);
    expect(own.last).toBe(3);
    expect(error(province).message).toBe('Tài khoản đang đăng nhập không được xem số liệu này.');
  });

  test('without a session the cell says to sign in in the pane, and nothing is sent', async () => {
    const wb = workbook(tokens.reviewer);
    const env: FunctionsEnv = { ...wb.env, context: async () => undefined };
    const cell = new Cell();
    streamQuery(env, queries.total('participants', '2024-Q1'), cell);
    await new Promise((r) => setImmediate(r));
    expect((cell.last as CellError).message).toContain('Chưa đăng nhập');
    expect(wb.sent).toHaveLength(0);
  });
});

test('a malformed batch is 400 invalid_body, naming what is wrong; without a token 401', async () => {
  const post = (json: unknown, t: string | undefined = tokens.reviewer) =>
    call(stack.host.url, 'POST', `/campaigns/${CAMPAIGN}/values`, { ...(t ? { token: t } : {}), json });
  const unknownFn = await post({ queries: [{ fn: 'sum', period: '2023-Q1' }] });
  expect(unknownFn.status).toBe(400);
  expect(unknownFn.body.error.code).toBe('invalid_body');
  expect(unknownFn.body.error.details[0].path).toBe('queries.0.fn');
  const tooMany = await post({
    queries: Array.from({ length: 2001 }, () => ({ fn: 'progress', period: 'x' })),
  });
  expect(tooMany.status).toBe(400);
  expect((await post({ queries: [] }, '')).status).toBe(401);
  const empty = await post({ queries: [] });
  expect(empty.status).toBe(200);
  expect(empty.body).toEqual({ results: [] });
});
