/**
 * A second reader for the narrative report: LibreOffice Writer converts the .docx to PDF and
 * pdftotext reads it back — the header rows of NĐ 30/2020, the title, the completeness sentence,
 * page numbers from page 2. Needs `soffice` with Writer (Debian: libreoffice-writer) and `pdftotext`
 * (poppler-utils); .ci/run installs both, and without them this suite is skipped with a message.
 */
import { onPath, run, soffice, sofficeConvert, sofficeHasWriter } from '../support/libreoffice';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderReportDocx } from '../../functions/src/report/docx-writer';
import { demoLikeInput, demoLikeReport } from '../support/report-fixture';

const pdftotext = onPath('pdftotext');
const writer = sofficeHasWriter;
const describeWithWriter = soffice && writer && pdftotext ? describe : describe.skip;
if (!(soffice && writer && pdftotext)) {
  console.warn(
    'SKIPPED the LibreOffice report check: needs soffice with Writer and pdftotext (apt-get install -y libreoffice-writer poppler-utils).',
  );
}

async function toPdfText(docx: Uint8Array, dir: string, name: string): Promise<string[]> {
  const file = path.join(dir, `${name}.docx`);
  fs.writeFileSync(file, docx);
  await sofficeConvert([file], 'pdf', dir);
  const pdf = path.join(dir, `${name}.pdf`);
  // One string per page (pdftotext separates pages with a form feed).
  const { stdout } = await run(pdftotext!, ['-layout', '-enc', 'UTF-8', pdf, '-'], { timeout: 30_000 });
  return stdout.split('\f').filter((page) => page.trim() !== '');
}

/** Collapses runs of spaces and line breaks, so a sentence wrapped over lines can be found. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describeWithWriter('the narrative report in LibreOffice Writer', () => {
  let dir: string;
  let pages: string[];
  const { rollup } = demoLikeInput();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-report-'));
    pages = await toPdfText(await renderReportDocx(demoLikeReport()), dir, 'bao-cao');
  }, 120_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test('the header rows: body names on the left, Quốc hiệu and Tiêu ngữ on the right, number and date', () => {
    const lines = pages[0]!.split('\n').filter((l) => l.trim() !== '');
    const row = (left: RegExp, right: RegExp) =>
      lines.find((l) => left.test(l) && right.test(l) && l.search(left) < l.search(right));
    expect(row(/CÔNG AN TỈNH LẠNG SƠN/, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/)).toBeDefined();
    expect(row(/PHÒNG CÔNG TÁC ĐẢNG/, /Độc lập - Tự do - Hạnh phúc/)).toBeDefined();
    expect(row(/Số:\s+\/BC-PX03/, /Lạng Sơn, ngày\s+tháng\s+năm 2022/)).toBeDefined();
  });

  test('the title and the completeness sentence', () => {
    const first = flat(pages[0]!);
    expect(first).toContain('BÁO CÁO');
    expect(first).toContain(
      'Kết quả thực hiện Phong trào “Nụ cười chiến sĩ” trong Công an Lạng Sơn 6 tháng đầu năm 2022',
    );
    const c = rollup.completeness;
    expect(first).toContain(
      `Tính đến ngày 20/06/2022, có ${c.submitted}/${c.expected} đơn vị đã gửi báo cáo kết quả thực hiện, đạt 90%.`,
    );
  });

  test('every section, Nơi nhận and the signer are there; pages are numbered from 2', () => {
    const all = flat(pages.join(' '));
    for (const heading of [
      'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. TỒN TẠI, HẠN CHẾ',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
      'V. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
      'TRƯỞNG PHÒNG',
    ])
      expect(all).toContain(heading);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.trimStart().startsWith('1')).toBe(false);
    expect(pages[1]!.trim().split('\n')[0]!.trim()).toBe('2');
  });
});
