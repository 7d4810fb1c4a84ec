/** The add-in's summary writer at 1,000 units x 60 fields against the same writer at 40: syncs and request size. */
import { buildSummarySheets } from '../../shared/src';
import { MAX_REQUEST_BYTES, officeExcelGateway } from '../../addin/src/excel/gateway';
import { createFakeExcel } from '../../test/support/fake-excel';
import { largeRollup } from '../../test/support/large-rollup';
import type { BenchContext, FigureModule } from './context';
import { LOAD_TEST_CAMPAIGN, PROVINCE } from './realistic-report';
import { now } from './stats';

async function summaryWrite(units: number) {
  const { rollup, period } = largeRollup(units, 60);
  const sheets = buildSummarySheets(rollup, {
    campaign: LOAD_TEST_CAMPAIGN,
    period,
  });
  const fake = createFakeExcel();
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  const t = now();
  await officeExcelGateway.writeSheets(sheets);
  return {
    ms: now() - t,
    syncs: fake.stats.syncs,
    largest: Math.max(...fake.stats.requestBytes),
    total: fake.stats.requestBytes.reduce((a, b) => a + b, 0),
  };
}

async function run({ record }: BenchContext) {
  const baseline = await summaryWrite(40);
  const big = await summaryWrite(1000);
  record({
    figure: 'summary writer, 1,000 units x 60 fields: syncs',
    value: big.syncs,
    unit: 'syncs',
    baseline: baseline.syncs,
    baselineOf: `the same writer at 40 units (${PROVINCE})`,
    bar: '≤ 5 (a constant handful)',
    pass: big.syncs <= 5 && big.syncs <= baseline.syncs + 1,
    detail: { writerMs: big.ms, baselineWriterMs: baseline.ms },
  });
  record({
    figure: 'summary writer, 1,000 units x 60 fields: largest request',
    value: big.largest / 1e6,
    unit: 'MB',
    baseline: baseline.largest / 1e6,
    baselineOf: `the same writer at 40 units (${PROVINCE})`,
    bar: '< 4 MB',
    pass: big.largest < 4e6 && big.largest <= MAX_REQUEST_BYTES,
    detail: { totalMB: big.total / 1e6 },
  });
}

export const summaryWriterFigures: FigureModule = { name: 'summary writer', usesAzurite: false, run };
