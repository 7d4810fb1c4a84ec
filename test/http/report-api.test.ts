/**
 * GET …/periods/{p}/report over real HTTP (the local host, Azurite behind it): the narrative report
 * as .docx for the standing office and the admin, 403 for a clerk, the document model as JSON, a
 * subtree by `unitId`, and bad parameters answered 400 in the contract's shape.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { main as reportMain } from '../../scripts/report';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';
import { fetchBytes } from '../workbook/support';

let stack: ApiTestStack;
let api: string;
const tokens: Record<string, string> = {};
const DIFFICULTY = 'Thiếu máy tính tại bộ phận “một cửa”; đường truyền chậm.';
const PROPOSAL = 'Đề nghị trang bị thêm 02 máy lấy số tự động.';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.pc06 = await token('clerk', 'PC06');
  const submit = async (body: unknown) => {
    const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: tokens.admin,
      json: body,
    });
    expect(r.status).toBe(201);
  };
  await submit({
    ...resultsReport('PC06', '2022-Q3', {
      id_cards_issued: 1400,
      difficulties: DIFFICULTY,
      proposals: PROPOSAL,
    }),
    receivedAt: '2022-09-10T09:00:00+07:00',
  });
  await submit({
    ...resultsReport('PC08', '2022-Q3', { cars_registered: 510, temporary_registrations: 5222 }),
    receivedAt: '2022-09-16T09:00:00+07:00',
  });
  await submit({
    ...resultsReport('PC06', '2021-Q3', { id_cards_issued: 1000 }),
    receivedAt: '2021-09-10T09:00:00+07:00',
  });
}, 60_000);
afterAll(() => stack?.stop());

const url = (query = '') => `${api}/campaigns/${CAMPAIGN}/periods/2022-Q3/report${query}`;
const textOf = (model: { blocks: any[] }) =>
  model.blocks
    .flatMap((b) => (b.kind === 'paragraph' ? [b] : b.rows.flat(2)))
    .map((p: { runs: { text: string; quoted?: boolean }[] }) =>
      p.runs.map((r) => (r.quoted ? `“${r.text}”` : r.text)).join(''),
    )
    .join('\n');

describe('GET …/periods/{p}/report', () => {
  test('the standing office gets a .docx: the header, the title, the completeness, the units’ words', async () => {
    const r = await fetchBytes(url('?format=docx'), { token: tokens.reviewer });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(DOCX);
    expect(r.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-lang-son-nu-cuoi-chien-si-2022-Q3.docx"',
    );
    const zip = XLSX.CFB.read(r.bytes, { type: 'buffer' });
    const entry = zip.FullPaths.findIndex((p: string) => p.endsWith('word/document.xml'));
    const xml = Buffer.from(zip.FileIndex[entry]!.content as Uint8Array).toString('utf8');
    const text = xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');
    for (const expected of [
      'CÔNG AN TỈNH LẠNG SƠN',
      'PHÒNG CÔNG TÁC ĐẢNG VÀ CÔNG TÁC CHÍNH TRỊ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '/BC-PX03',
      'BÁO CÁO',
      'quý III (9 tháng) năm 2022',
      'có 2/40 đơn vị đã gửi báo cáo kết quả thực hiện, đạt 5%.',
      'Số thẻ Căn cước đã cấp: 1.400 thẻ, tăng 400 thẻ (40%) so với cùng kỳ năm 2021',
      'Số trường hợp đăng ký tạm thời: 5.222 trường hợp',
      `“${DIFFICULTY}”`,
      `“${PROPOSAL}”`,
    ])
      expect(text).toContain(expected.replace(/&/g, '&amp;'));
    expect((await fetchBytes(url(), { token: tokens.admin })).headers.get('content-type')).toBe(DOCX);
  });

  test('a clerk is refused (403), without a token 401', async () => {
    const r = await call(api, 'GET', '/campaigns/' + CAMPAIGN + '/periods/2022-Q3/report?format=docx', {
      token: tokens.pc06,
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('reviewer_only');
    expect((await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-Q3/report`)).status).toBe(401);
  });

  test('format=json answers the document model; unitId narrows it to a subtree', async () => {
    const all = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-Q3/report?format=json`, {
      token: tokens.reviewer,
    });
    expect(all.status).toBe(200);
    const text = textOf(all.body);
    expect(text).toContain(
      'Trong đó, 1 đơn vị gửi báo cáo đúng thời hạn (trước ngày 15/09/2022); 1 đơn vị gửi sau thời hạn quy định.',
    );
    expect(text).toContain('Các đơn vị gửi báo cáo muộn: Phòng Cảnh sát giao thông.');
    const one = await call(
      api,
      'GET',
      `/campaigns/${CAMPAIGN}/periods/2022-Q3/report?format=json&unitId=PC06`,
      {
        token: tokens.reviewer,
      },
    );
    expect(textOf(one.body)).toContain('có 1/1 đơn vị đã gửi báo cáo');
    expect(textOf(one.body)).toContain(
      'các đơn vị thuộc Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
    );
    const en = await call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/2022-Q3/report?format=json&lang=en`, {
      token: tokens.reviewer,
    });
    expect(textOf(en.body)).toContain('2/40 units have sent their results report');
  });

  test('bad parameters are 400, unknown things 404, in the contract’s shape', async () => {
    const get = (path: string) => call(api, 'GET', path, { token: tokens.reviewer });
    const bad = await get(`/campaigns/${CAMPAIGN}/periods/2022-Q3/report?format=pdf`);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_report_format']);
    const unit = await get(`/campaigns/${CAMPAIGN}/periods/2022-Q3/report?unitId=NOPE`);
    expect([unit.status, unit.body.error.code]).toEqual([400, 'unit_not_found']);
    const period = await get(`/campaigns/${CAMPAIGN}/periods/2099-Q3/report`);
    expect([period.status, period.body.error.code]).toEqual([404, 'period_not_found']);
  });

  test('npm run report writes the same file from a running API; bad arguments exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
    try {
      const out: string[] = [];
      const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t) };
      const file = path.join(dir, 'bao-cao.docx');
      const args = ['--campaign', CAMPAIGN, '--period', '2022-Q3', '--out', file, '--api', api];
      expect(await reportMain([...args, '--token', tokens.reviewer!], {}, io)).toBe(0);
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
      expect(out.join('')).toContain('2022-Q3 narrative report');
      expect(await reportMain([...args, '--token', tokens.pc06!], {}, io)).toBe(1);
      expect(
        await reportMain(['--campaign', CAMPAIGN, '--period', '2022-Q3', '--out', 'x.pdf'], {}, io),
      ).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
