/**
 * The `weight` column of a definition workbook (issue 15): a `wavg` roll-up names its weight there, the
 * workbook round-trips it, and a weight that is not a numeric field of the template is refused on its cell.
 */
import { parseTemplateDefinition, templateToDefinition } from '../../shared/src';
import { bundles, copySheets, rowIndex, setCell } from './support';

const bacGiang = bundles.find((b) => b.campaign.id === 'bac-giang-nu-cuoi-cong-so')!;
const v2 = bacGiang.templates.find((t) => t.id === 'results' && t.version === 2)!;
const parse = (sheets: ReturnType<typeof templateToDefinition>) =>
  parseTemplateDefinition(sheets, { campaignId: v2.campaignId });

test('the weight of satisfaction_rate is written in its row and read back', () => {
  const sheets = templateToDefinition(v2);
  const header = sheets.fields[0]!;
  const row = sheets.fields[rowIndex(sheets, 'fields', 'key', 'satisfaction_rate')]!;
  expect(row[header.indexOf('rollup')]).toBe('wavg');
  expect(row[header.indexOf('weight')]).toBe('satisfaction_surveys');
  expect(parse(sheets)).toEqual({ ok: true, template: v2 });
});

test('a weight naming a text field, or a missing one, is refused on the weight cell', () => {
  const sheets = copySheets(templateToDefinition(v2));
  const r = rowIndex(sheets, 'fields', 'key', 'satisfaction_rate');
  setCell(sheets, 'fields', r, 'weight', 'highlights');
  const text = parse(sheets);
  expect(text.ok).toBe(false);
  if (!text.ok)
    expect(text.errors.map((e) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ['fields', r + 1, 'N', 'weight_not_number'],
    ]);
  setCell(sheets, 'fields', r, 'weight', null);
  const missing = parse(sheets);
  expect(!missing.ok && missing.errors.map((e) => [e.row, e.column, e.code])).toEqual([
    [r + 1, 'N', 'weight_needed'],
  ]);
});
