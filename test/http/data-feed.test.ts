/**
 * The data feed over HTTP against Azurite (GET …/data): the demo's reports come out as one row per unit,
 * period and field, whose sums are the roll-up's totals; pages cover every row exactly once; the CSV reads
 * back (and LibreOffice opens it with its Vietnamese intact); a clerk sees only their own unit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as XLSX from 'xlsx';
import { FEED_COLUMNS, type FeedRow } from '../../shared/src';
import { call, CAMPAIGN, token } from '../support/api';
import { loadDemoReports, type DemoLoad } from '../support/demo-load';
import { run, soffice } from '../support/libreoffice';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(180_000);

let stack: ApiTestStack;
let demo: DemoLoad;
let reviewer: string;
const DATA = `/campaigns/${CAMPAIGN}/data`;

beforeAll(async () => {
  stack = await startApiTestStack();
  demo = await loadDemoReports(stack.api);
  reviewer = await token('reviewer', 'PX03');
});
afterAll(() => stack?.stop());

async function feed(query: string, who = reviewer) {
  const r = await call<{ rows: FeedRow[]; nextCursor?: string; columns: { key: string; label: string }[] }>(
    stack.api,
    'GET',
    `${DATA}?${query}`,
    { token: who },
  );
  expect(r.status).toBe(200);
  return r;
}

/** Follows `nextCursor` until the last page; every page at most `limit` rows. */
async function allPages(query: string, limit: number): Promise<{ rows: FeedRow[]; pages: number }> {
  const rows: FeedRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await feed(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.body.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...r.body.rows);
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor);
  return { rows, pages };
}

/** RFC 4180 records back from CSV text (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length) records.push([...record, field]);
  return records;
}

describe('the demo period as a feed', () => {
  test('numbers add up to the roll-up; one unit per report, its latest revision', async () => {
    const { body } = await feed('periodId=2022-H1');
    expect(body.nextCursor).toBeUndefined();
    expect(body.columns.map((c) => c.key)).toEqual([...FEED_COLUMNS]);
    const rollup = (
      await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-H1/rollup`, { token: reviewer })
    ).body;
    const units = new Set(body.rows.map((r) => r.unitId));
    expect(units.size).toBe(rollup.completeness.submitted);
    expect([...units].sort()).toEqual([...demo.submitted].sort());
    const sums = rollup.fields.filter((f: { rollup: string; key: string }) => f.rollup === 'sum');
    expect(sums.length).toBeGreaterThan(10);
    let checked = 0;
    for (const f of sums) {
      const total = rollup.totals[f.key];
      if (typeof total !== 'number') continue;
      const sum = body.rows
        .filter((r) => r.fieldKey === f.key && typeof r.value === 'number')
        .reduce((s, r) => s + (r.value as number), 0);
      expect([f.key, sum]).toEqual([f.key, total]);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    // The returned unit's corrected figure (revision 2), and its review state after resubmitting.
    const trainees = body.rows.find((r) => r.unitId === demo.returned && r.fieldKey === 'trainees')!;
    expect(trainees.value).toBe(96);
    expect(trainees.reviewState).toBe('pending');
    const accepted = body.rows.find((r) => r.unitId === demo.accepted[0])!;
    expect(accepted.reviewState).toBe('accepted');
    expect(accepted.periodLabel).toMatch(/2022/);
    expect(accepted.unitName).not.toBe(accepted.unitId);
    expect(accepted.group).not.toBe('');
  });

  test('a date range takes every period due in it, in calendar order', async () => {
    const { rows } = await allPages('from=2021-01-01&to=2022-12-31', 5000);
    const periods = [...new Set(rows.map((r) => r.periodId))];
    expect(periods).toEqual(['2021-H1', '2022-H1']);
    expect(rows.filter((r) => r.periodId === '2022-H1')).toEqual((await feed('periodId=2022-H1')).body.rows);
  });
});

describe('paging', () => {
  test('pages of 97 rows cover every row exactly once, in the same order as one page', async () => {
    const whole = (await feed('from=2021-01-01&to=2022-12-31')).body.rows;
    const { rows, pages } = await allPages('from=2021-01-01&to=2022-12-31', 97);
    expect(pages).toBe(Math.ceil(whole.length / 97));
    expect(rows).toEqual(whole);
    const keys = rows.map((r) => `${r.periodId}|${r.unitId}|${r.fieldKey}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('a page with more to come links to the next one (both formats)', async () => {
    const r = await call(stack.api, 'GET', `${DATA}?periodId=2022-H1&format=csv&limit=10`, {
      token: reviewer,
    });
    const link = /^<([^>]+)>; rel="next"$/.exec(r.headers.get('link') ?? '');
    expect(link).not.toBeNull();
    const next = new URL(link![1]!);
    expect(next.searchParams.get('format')).toBe('csv');
    expect(next.searchParams.get('cursor')).toBeTruthy();
  });

  test('a bad cursor, limit or format is 400', async () => {
    for (const [query, code] of [
      ['periodId=2022-H1&cursor=not-a-cursor', 'bad_query'],
      ['periodId=2022-H1&limit=0', 'bad_query'],
      ['periodId=2022-H1&limit=100001', 'bad_query'],
      ['periodId=2022-H1&format=xml', 'bad_feed_format'],
      ['periodId=2022-H1&from=2022-01-01', 'bad_feed_range'],
      ['from=2022-13-45', 'bad_query'],
    ]) {
      const r = await call(stack.api, 'GET', `${DATA}?${query}`, { token: reviewer });
      expect([query, r.status, r.body.error.code]).toEqual([query, 400, code]);
    }
  });
});

describe('CSV', () => {
  let bytes: Buffer;
  let json: FeedRow[];
  beforeAll(async () => {
    const r = await fetch(`${stack.api}${DATA}?periodId=2022-H1&format=csv`, {
      headers: { authorization: `Bearer ${reviewer}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    bytes = Buffer.from(await r.arrayBuffer());
    json = (await feed('periodId=2022-H1')).body.rows;
  });

  test('UTF-8 with a BOM, Vietnamese headers, every row back as sent, numbers unquoted', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(records[0]).toEqual([
      'Mã phong trào',
      'Mã kỳ báo cáo',
      'Kỳ báo cáo',
      'Mã đơn vị',
      'Tên đơn vị',
      'Khối',
      'Mã biểu mẫu',
      'Phiên bản biểu mẫu',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Số liệu',
      'Thời gian nhận',
      'Đúng hạn',
      'Tình trạng duyệt',
    ]);
    expect(records.length - 1).toBe(json.length);
    const valueAt = FEED_COLUMNS.indexOf('value');
    records.slice(1).forEach((record, i) => {
      const row = json[i]!;
      expect(record[FEED_COLUMNS.indexOf('unitName')]).toBe(row.unitName);
      expect(record[FEED_COLUMNS.indexOf('fieldLabel')]).toBe(row.fieldLabel);
      if (typeof row.value === 'number') expect(Number(record[valueAt])).toBe(row.value);
    });
    // A number is written bare, never quoted.
    const line = bytes
      .toString('utf8')
      .split('\r\n')
      .find((l) => l.includes(`,${demo.returned},`) && l.includes(',trainees,'));
    expect(line).toMatch(/,96,\d{4}-\d{2}-\d{2}T/);
  });

  test('English headers for Accept-Language: en', async () => {
    const r = await fetch(`${stack.api}${DATA}?periodId=2022-H1&format=csv&limit=1`, {
      headers: { authorization: `Bearer ${reviewer}`, 'accept-language': 'en-GB,en;q=0.9' },
    });
    const records = parseCsv(
      Buffer.from(await r.arrayBuffer())
        .subarray(3)
        .toString('utf8'),
    );
    expect(records[0]!.slice(0, 3)).toEqual(['Campaign', 'Period id', 'Period']);
    expect(records).toHaveLength(2);
  });

  (soffice ? test : test.skip)(
    'LibreOffice opens it: Vietnamese text intact, figures as numbers',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-csv-'));
      try {
        const file = path.join(dir, 'du-lieu.csv');
        fs.writeFileSync(file, bytes);
        // As LibreOffice's Text Import dialog reads it: comma-separated, quoted with ", UTF-8 (76), from line 1.
        await run(
          soffice!,
          [
            `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
            '--headless',
            '--infilter=CSV:44,34,76,1',
            '--convert-to',
            'xlsx',
            '--outdir',
            dir,
            file,
          ],
          { timeout: 90_000 },
        );
        const book = XLSX.read(fs.readFileSync(path.join(dir, 'du-lieu.xlsx')));
        const sheet = book.Sheets[book.SheetNames[0]!]!;
        const cells = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
        expect((cells[0] as string[]).slice(0, 5)).toEqual([
          'Mã phong trào',
          'Mã kỳ báo cáo',
          'Kỳ báo cáo',
          'Mã đơn vị',
          'Tên đơn vị',
        ]);
        expect(cells.length - 1).toBe(json.length);
        const i = json.findIndex((r) => typeof r.value === 'number' && /[^ -~]/.test(r.unitName));
        expect(i).toBeGreaterThanOrEqual(0);
        const row = cells[i + 1] as unknown[];
        expect(row[FEED_COLUMNS.indexOf('unitName')]).toBe(json[i]!.unitName);
        expect(row[FEED_COLUMNS.indexOf('periodLabel')]).toBe(json[i]!.periodLabel);
        expect(row[FEED_COLUMNS.indexOf('value')]).toBe(json[i]!.value);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('who may read it', () => {
  test('a clerk gets their own unit only, and is refused another', async () => {
    const clerk = await token('clerk', 'PC06');
    const own = (await feed('periodId=2022-H1', clerk)).body.rows;
    expect(own.length).toBeGreaterThan(10);
    expect(new Set(own.map((r) => r.unitId))).toEqual(new Set(['PC06']));
    const other = await call(stack.api, 'GET', `${DATA}?periodId=2022-H1&unitId=PC08`, { token: clerk });
    expect([other.status, other.body.error.code]).toEqual([403, 'other_unit']);
  });

  test('without a token: 401 with a Bearer challenge', async () => {
    const r = await call(stack.api, 'GET', `${DATA}?periodId=2022-H1`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
  });
});
