/**
 * The upload reader's worker thread: the same answers as reading in process, errors as typed
 * WorkbookReadErrors, and a read past its time limit stopped (the worker is replaced, the next
 * upload is read as usual).
 */
import { readUploadedWorkbook } from '../../functions/src/workbook/upload-reader';
import { WorkbookReadError } from '../../functions/src/workbook/workbook-error';
import { readTemplateWorkbook } from '../../functions/src/workbook/xlsx-reader';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { buildTemplateSheet } from '../../shared/src';
import { hostileWorkbooks } from '../fixtures/hostile';
import { langSon, resultsV1 } from './support';

const options = { campaign: langSon.campaign, templates: langSon.templates };
let filled: Buffer;

beforeAll(async () => {
  const unit = langSon.units.find((u) => u.id === 'PC06')!;
  const period = langSon.periods.find((p) => p.id === '2022-Q3')!;
  filled = await renderWorkbook([
    buildTemplateSheet(resultsV1, {
      campaign: langSon.campaign,
      unit,
      period,
      values: { meetings_held: 4, self_assessment: 'good' },
      tables: { models: [{ name: 'Một cửa thân thiện', start_date: '2022-08-01' }] },
    }),
  ]);
});

test('the worker answers what the reader answers in process', async () => {
  const inWorker = await readUploadedWorkbook(filled, options);
  expect(inWorker).toEqual(await readTemplateWorkbook(filled, options));
  expect(inWorker.draft.tables.models).toEqual([{ name: 'Một cửa thân thiện', start_date: '2022-08-01' }]);
}, 20_000);

test('errors cross the thread as WorkbookReadErrors with their parameters', async () => {
  const lying = hostileWorkbooks(filled).find((c) => c.name === 'a part that lies about its size')!;
  const error = await readUploadedWorkbook(lying.bytes, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkbookReadError);
  expect(error).toMatchObject({
    code: 'workbook_too_large',
    status: 413,
    params: { limit: 'part', part: 'xl/worksheets/sheet1.xml' },
  });
}, 20_000);

test('a read past its time limit is stopped; the next one gets a new worker', async () => {
  const slow = hostileWorkbooks(filled).find((c) => c.name === 'seven MiB of empty cells')!;
  await expect(readUploadedWorkbook(slow.bytes, options, 5)).rejects.toMatchObject({
    code: 'workbook_too_large',
    params: { limit: 'time', max: 5 },
  });
  expect((await readUploadedWorkbook(filled, options)).draft.values.meetings_held).toBe(4);
}, 20_000);
