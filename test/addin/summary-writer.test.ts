/**
 * Refreshing the standing office's summary sheets through the gateway at 1,000 units × 60 fields:
 * a small constant number of syncs, no request over 4 MB, every sheet an Excel table, a chart.
 */
import { buildSummarySheets, workbookTableName } from '../../shared/src';
import { MAX_REQUEST_BYTES, officeExcelGateway as gateway } from '../../addin/src/excel/gateway';
import { createFakeExcel } from '../support/fake-excel';
import { largeRollup } from '../support/large-rollup';

function summaryFor(units: number) {
  const { rollup, period: p } = largeRollup(units, 60);
  return {
    rollup,
    sheets: buildSummarySheets(rollup, {
      campaign: { name: { vi: 'Thử tải' }, organisation: 'Công an tỉnh', timeZone: 'Asia/Ho_Chi_Minh' },
      period: p,
    }),
  };
}

test.each([40, 1000])(
  '%i units: a constant handful of syncs, every request under 4 MB',
  async (units) => {
    const fake = createFakeExcel();
    (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
    const { rollup, sheets } = summaryFor(units);
    const progress: number[] = [];
    await gateway.writeSheets(sheets, (done) => progress.push(done));
    expect(fake.stats.syncs).toBeLessThanOrEqual(4);
    if (process.env.REPORT_REQUESTS) console.log(units, fake.stats.syncs, fake.stats.requestBytes);
    expect(Math.max(...fake.stats.requestBytes)).toBeLessThan(MAX_REQUEST_BYTES);
    expect(progress).toEqual(sheets.map((_, i) => i + 1));

    const matrix = fake.sheet('Theo đơn vị');
    const t = sheets[1]!.tables.find((x) => x.name === 'tbl_matrix')!;
    expect(matrix.tables.map((x) => x.name)).toContain(workbookTableName('Theo đơn vị', 'tbl_matrix'));
    // The last unit's last figure landed where the model put it.
    const lastRow = t.row + units;
    const col = t.col + t.header.length - 1;
    expect(matrix.cells.get(`${lastRow}:${col}`)?.value).toBe(t.rows[units - 1]![t.header.length - 1]);
    expect(fake.sheet('Tiến độ nộp').charts).toHaveLength(1);
    const totals = fake.sheet('Tổng hợp');
    const totalsTable = sheets[0]!.tables.find((x) => x.name === 'tbl_totals')!;
    expect(totals.cells.get(`${totalsTable.row + 1}:4`)?.value).toBe(rollup.totals.figure_1);
  },
  60_000,
);

test('refreshing again replaces the summary sheets instead of adding copies', async () => {
  const fake = createFakeExcel(['Sheet1']);
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  const { sheets } = summaryFor(40);
  await gateway.writeSheets(sheets);
  await gateway.writeSheets(sheets);
  expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', ...sheets.map((s) => s.name)]);
});
