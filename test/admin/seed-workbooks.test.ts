/**
 * The workbooks committed under campaigns/ for seeds 002 and 004 read back, by the loader's own
 * reader and parsers, to the sources they were made from (scripts/seed-workbooks.ts; `npm run
 * seed-workbooks -- --check` is the same check from the command line).
 */
import path from 'node:path';
import { readBack, seedFiles } from '../../scripts/seed-workbooks';

const files = seedFiles();

test('two campaigns, each with its campaign workbook, a results and a review template', () => {
  expect(files.map((f) => path.relative(path.resolve(__dirname, '../..'), f.file)).sort()).toEqual([
    'campaigns/ca-mau-phong-cach-cand/campaign.xlsx',
    'campaigns/ca-mau-phong-cach-cand/templates/results.v1.xlsx',
    'campaigns/ca-mau-phong-cach-cand/templates/review.v1.xlsx',
    'campaigns/lang-son-van-hoa-cong-so/campaign.xlsx',
    'campaigns/lang-son-van-hoa-cong-so/templates/results.v1.xlsx',
    'campaigns/lang-son-van-hoa-cong-so/templates/review.v1.xlsx',
  ]);
});

test.each(files.map((f) => [path.relative(path.resolve(__dirname, '../..'), f.file), f] as const))(
  '%s: the committed workbook reads back to its source',
  async (_name, f) => {
    const campaignId =
      path.basename(f.file) === 'campaign.xlsx'
        ? path.basename(path.dirname(f.file))
        : path.basename(path.dirname(path.dirname(f.file)));
    expect(await readBack(f.file, campaignId)).toEqual(f.expected);
  },
);
