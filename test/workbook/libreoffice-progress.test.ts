/**
 * The “Tiến độ” sheet printed by LibreOffice Calc: the states are coloured by the sheet's conditional
 * formats (no cell carries a fill of its own), so the printed page must show the colours of the states
 * the matrix holds — the overdue red, the accepted green — in about the proportions of the cells.
 * The first page is docs/progress-sheet.png with UPDATE_DOCS=1, out/screenshots/ otherwise.
 * Needs `soffice` and `pdftoppm`; skipped with a message without them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildProgressSheet,
  computeProgress,
  CONDITIONAL_LOOKS,
  type LatestOfPeriod,
} from '../../shared/src';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { onPath, run, soffice, sofficeConvert } from '../support/libreoffice';
import { langSon } from './support';

const pdftoppm = onPath('pdftoppm');
const describeWithSoffice = soffice && pdftoppm ? describe : describe.skip;
if (!soffice || !pdftoppm)
  console.warn('SKIPPED the progress sheet print: `soffice` or `pdftoppm` is not on PATH.');

jest.setTimeout(120_000);

/** A binary PPM (P6) → width, height and RGB bytes. */
function readPpm(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  const header = bytes.subarray(0, 50).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PPM');
  return { width: Number(m[1]), height: Number(m[2]), rgb: bytes.subarray(m[0].length) };
}

function pixelsOf(image: { rgb: Buffer }, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i + 2 < image.rgb.length; i += 3)
    if (
      Math.abs(image.rgb[i]! - r!) <= 6 &&
      Math.abs(image.rgb[i + 1]! - g!) <= 6 &&
      Math.abs(image.rgb[i + 2]! - b!) <= 6
    )
      n++;
  return n;
}

describeWithSoffice('the Tiến độ sheet printed by LibreOffice', () => {
  test('the states are coloured by the conditional formats, in proportion to the cells', async () => {
    const year = langSon.periods.filter((p) => p.year === 2022);
    const reporting = langSon.units.filter((u) => u.reports);
    // Q1: most units accepted; H1: a few returned, the rest overdue; Q3 open; Y upcoming.
    const latest = new Map<string, Map<string, LatestOfPeriod>>([
      [
        '2022-Q1',
        new Map(
          reporting.slice(0, 30).map((u, i) => [
            u.id,
            {
              revision: 1,
              receivedAt: '2022-03-10T02:00:00Z',
              onTime: i % 5 !== 0,
              review: { state: 'accepted' },
            },
          ]),
        ),
      ],
      [
        '2022-H1',
        new Map(
          reporting.slice(0, 8).map((u, i) => [
            u.id,
            {
              revision: 2,
              receivedAt: '2022-06-12T02:00:00Z',
              onTime: true,
              review: { state: i % 2 ? 'returned' : 'pending' },
            },
          ]),
        ),
      ],
    ]);
    const units = langSon.units.map((u) =>
      u.id === 'PC08' ? { ...u, contact: 'Đ/c Hoàng Văn Nam, 0912 345 678', email: 'pc08@example.vn' } : u,
    );
    const now = '2022-09-10T02:00:00.000Z';
    const progress = computeProgress({
      periods: year,
      units,
      latest,
      now: new Date(now),
      timeZone: langSon.campaign.timeZone,
    });
    const sheet = buildProgressSheet(progress, { campaign: langSon.campaign, periods: langSon.periods, now });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-sheet-'));
    const xlsx = path.join(dir, 'tien-do.xlsx');
    fs.writeFileSync(xlsx, await renderWorkbook([sheet], { now: new Date(now) }));
    await sofficeConvert([xlsx], 'pdf', dir);
    const coloured = path.join(dir, 'coloured.pdf');
    fs.renameSync(path.join(dir, 'tien-do.pdf'), coloured);
    await run(pdftoppm!, ['-r', '60', '-f', '1', '-l', '1', coloured, path.join(dir, 'p')]);
    const ppm = fs.readdirSync(dir).find((f) => f.startsWith('p') && f.endsWith('.ppm'))!;
    const image = readPpm(fs.readFileSync(path.join(dir, ppm)));

    const accepted = pixelsOf(image, CONDITIONAL_LOOKS.good.fill);
    const overdue = pixelsOf(image, CONDITIONAL_LOOKS.bad.fill);
    const open = pixelsOf(image, CONDITIONAL_LOOKS.info.fill);
    // On the first page: Q1 accepted for 30 units, H1 overdue for most, Q3 open for all.
    expect(accepted).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(accepted * 0.5);
    expect(open).toBeGreaterThan(0);
    // Nothing but the conditional formats paints these colours: a sheet without them shows none.
    const plain = { ...sheet, conditionalFormats: [] };
    fs.writeFileSync(xlsx, await renderWorkbook([plain], { now: new Date(now) }));
    await sofficeConvert([xlsx], 'pdf', dir);
    await run(pdftoppm!, [
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'tien-do.pdf'),
      path.join(dir, 'q'),
    ]);
    const plainPpm = fs.readdirSync(dir).find((f) => f.startsWith('q') && f.endsWith('.ppm'))!;
    expect(pixelsOf(readPpm(fs.readFileSync(path.join(dir, plainPpm))), CONDITIONAL_LOOKS.bad.fill)).toBe(0);

    const shot = process.env.UPDATE_DOCS ? ['docs'] : ['out', 'screenshots'];
    const outDir = path.join(__dirname, '..', '..', ...shot);
    fs.mkdirSync(outDir, { recursive: true });
    await run(pdftoppm!, [
      '-png',
      '-r',
      '90',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      coloured,
      path.join(dir, 'shot'),
    ]);
    fs.copyFileSync(path.join(dir, 'shot.png'), path.join(outDir, 'progress-sheet.png'));
  });
});
