/**
 * Looked at, not only parsed (issue 12): LibreOffice prints the summary workbook, the blank form
 * and a filled form to PDF, and the pages are checked as a reader would see them — how many, the
 * header rows and the page footer on every page, no unit code broken across lines, every missing
 * unit named, the form's official header and signature block. Needs `soffice` and poppler's
 * `pdfinfo`/`pdftotext`; without them the suite is skipped with a message saying so.
 */
import { onPath, run, soffice, sofficeConvert } from '../support/libreoffice';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildSummarySheets,
  buildTemplateSheet,
  computeRollup,
  samePeriodLastYear,
  type StoredSubmission,
  type Unit,
} from '../../shared/src';
import { demoReport, seededRandom } from '../../scripts/lib/demo-data';
import { renderWorkbookStreamed } from '../../functions/src/workbook/stream-writer';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { langSon, resultsV1 } from './support';

const poppler = onPath('pdftotext') && onPath('pdfinfo');
const describeWithTools = soffice && poppler ? describe : describe.skip;
if (!soffice || !poppler) {
  console.warn(
    'SKIPPED the print check: needs `soffice` and `pdftotext`/`pdfinfo` (apt-get install -y libreoffice-calc poppler-utils).',
  );
}

const period = langSon.periods.find((p) => p.id === '2022-H1')!;
const previousPeriod = samePeriodLastYear(period, langSon.periods)!;
const reporting = langSon.units.filter((u) => u.reports);
/** The last four units do not report: the completeness sheet must name them. */
const missing = reporting.slice(-4);

/** The demo's reports (scripts/lib/demo-data.ts, the same seeded figures, models, deeds and texts). */
const rnd = seededRandom(2022);
function submission(unit: Unit, i: number, periodId: string, year = 2022): StoredSubmission {
  const report = demoReport(rnd, unit, year, year === 2022 ? 1 : 0.45);
  return {
    submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    templateId: 'results',
    templateVersion: 1,
    unitId: unit.id,
    periodId,
    values: report.values,
    tables: report.tables,
    revision: 1,
    receivedAt: '2022-06-10T02:00:00.000Z',
    onTime: i % 7 !== 3,
    review: { state: 'pending' },
  };
}

interface Printed {
  pages: string[];
}

describeWithTools('printed by LibreOffice', () => {
  let dir: string;
  const printed: Record<'summary' | 'blank' | 'filled', Printed> = {} as never;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'print-'));
    const rollup = computeRollup({
      campaignId: langSon.campaign.id,
      period,
      templates: [resultsV1],
      units: langSon.units,
      submissions: reporting.slice(0, -4).map((u, i) => submission(u, i, period.id)),
      previousPeriod,
      previousSubmissions: reporting.slice(0, 20).map((u, i) => submission(u, i, previousPeriod.id, 2021)),
    });
    const summary = buildSummarySheets(rollup, {
      campaign: langSon.campaign,
      period,
      previousPeriod,
      generatedAt: '2022-06-20T13:20:00Z',
    });
    const unit = reporting[0]!;
    const blank = buildTemplateSheet(resultsV1, {
      campaign: langSon.campaign,
      units: reporting,
      periods: langSon.periods.filter((p) => p.templateKind === 'results'),
    });
    const one = submission(unit, 0, period.id);
    const filled = buildTemplateSheet(resultsV1, {
      campaign: langSon.campaign,
      unit,
      period,
      values: one.values,
      tables: one.tables,
    });
    // The summary as the export writes it (the streaming writer); the forms as their routes do.
    fs.writeFileSync(path.join(dir, 'summary.xlsx'), await renderWorkbookStreamed(summary));
    fs.writeFileSync(path.join(dir, 'blank.xlsx'), await renderWorkbook([blank]));
    fs.writeFileSync(path.join(dir, 'filled.xlsx'), await renderWorkbook([filled]));
    await sofficeConvert(
      ['summary', 'blank', 'filled'].map((n) => path.join(dir, `${n}.xlsx`)),
      'pdf',
      dir,
      120_000,
    );
    for (const name of ['summary', 'blank', 'filled'] as const) {
      const pdf = path.join(dir, `${name}.pdf`);
      const info = (await run('pdfinfo', [pdf])).stdout;
      const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const pages: string[] = [];
      for (let p = 1; p <= count; p++)
        pages.push((await run('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-'])).stdout);
      printed[name] = { pages };
    }
  }, 180_000);
  // KEEP_PRINTS=1 keeps the PDFs to look at (the folder is printed).
  afterAll(() => {
    if (process.env.KEEP_PRINTS) console.log(`prints kept in ${dir}`);
    else if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the summary workbook of 40 units prints on at most 12 pages, each with its header row and “Trang x/y”', () => {
    const { pages } = printed.summary;
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(12);
    pages.forEach((text, i) => {
      // Every page has a table's header row (the sheets' header rows repeat on each page) …
      expect([i + 1, /\bSTT\b/.test(text)]).toEqual([i + 1, true]);
      // … and its footer.
      expect(text).toContain(`Trang ${i + 1}/${pages.length}`);
      // No blank page.
      expect(text.replace(/Trang \d+\/\d+/, '').trim().length).toBeGreaterThan(100);
    });
    // The generation time is labelled.
    expect(pages[0]).toContain('Số liệu tính đến 20:20 ngày 20/06/2022');
  });

  test('no unit code is broken across lines', () => {
    const text = printed.summary.pages.join('\n');
    for (const u of langSon.units) {
      const parts = u.id.split('-');
      for (let k = 1; k < parts.length; k++) {
        const head = `${parts.slice(0, k).join('-')}-`;
        // A code cut after a hyphen leaves its head with no letter after it.
        const cut = new RegExp(`(^|[^A-Z-])${head.replace(/[-]/g, '\\-')}(?![A-Z])`, 'm');
        expect([u.id, cut.test(text)]).toEqual([u.id, false]);
      }
    }
    for (const u of reporting) expect([u.id, text.includes(u.id)]).toEqual([u.id, true]);
  });

  test('every missing unit is named, with its group, on the completeness pages', () => {
    const pages = printed.summary.pages.filter((p) => p.includes('TIẾN ĐỘ NỘP') || p.includes('Chưa nộp'));
    const words = pages.join('\n').split(/\s+/);
    /** The name's words in order within a short stretch (a wrapped name shares its lines with its row). */
    const named = (name: string) => {
      const wanted = name.split(/\s+/);
      return words.some((w, start) => {
        if (w !== wanted[0]) return false;
        let at = start;
        for (const x of wanted) {
          const next = words.indexOf(x, at);
          if (next < 0 || next - start > 60) return false;
          at = next + 1;
        }
        return true;
      });
    };
    for (const u of missing) expect([u.id, named(u.name)]).toEqual([u.id, true]);
    // First of all: the missing units are the first rows of the list.
    const first = pages[0]!.indexOf(missing[0]!.id);
    for (const u of reporting.slice(0, -4)) {
      const at = pages[0]!.indexOf(u.id);
      if (at >= 0) expect([u.id, at > first]).toEqual([u.id, true]);
    }
  });

  test('the blank and the filled form: an official document on a few pages, signed at the end, no raw ids', () => {
    for (const name of ['blank', 'filled'] as const) {
      const { pages } = printed[name];
      expect([name, pages.length <= 5]).toEqual([name, true]);
      const first = pages[0]!;
      for (const line of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'CÔNG AN TỈNH LẠNG SƠN',
        'Lạng Sơn, ngày …… tháng …… năm ……',
        'BÁO CÁO',
        '(*) là chỉ tiêu bắt buộc',
      ])
        expect([name, line, first.includes(line)]).toEqual([name, line, true]);
      const all = pages.join('\n');
      expect(all).toContain('Chọn một: Xuất sắc; Tốt; Khá; Chưa đạt');
      expect(pages.at(-1)).toContain('THỦ TRƯỞNG ĐƠN VỊ');
      expect(pages.at(-1)).toContain('(Ký, ghi rõ họ tên, đóng dấu)');
      pages.forEach((text, i) => expect(text).toContain(`Trang ${i + 1}/${pages.length}`));
      for (const id of [langSon.campaign.id, 'results', period.id])
        expect([name, id, all.includes(id)]).toEqual([name, id, false]);
    }
    expect(printed.filled.pages[0]).toContain(reporting[0]!.name.toLocaleUpperCase('vi'));
    expect(printed.filled.pages[0]).toContain('Báo cáo 6 tháng đầu năm 2022');
  });
});
