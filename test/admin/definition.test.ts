/**
 * The template definition workbook (XLSForm-like): template → sheets → template is the identity, for
 * the real templates and for generated ones, as plain rows and through real .xlsx bytes; bad
 * workbooks are refused with the sheet, row and column of each problem.
 */
import fc from 'fast-check';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { readWorkbookRows } from '../../scripts/lib/workbook-rows';
import {
  definitionSheetModels,
  definitionSheetModelsFromSheets,
  emptyDefinition,
  formatChoices,
  parseChoices,
  parseTemplateDefinition,
  templateToDefinition,
  type DefinitionSheets,
  type Template,
} from '../../shared/src';
import {
  allTemplates,
  copySheets,
  makeRow,
  resultsV1,
  rowIndex,
  setCell,
  settingRow,
  templateArbitrary,
} from './support';

function parseOk(sheets: Partial<DefinitionSheets>, campaignId: string): Template {
  const r = parseTemplateDefinition(sheets, { campaignId });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.template;
}

function errorsOf(sheets: Partial<DefinitionSheets>) {
  const r = parseTemplateDefinition(sheets, { campaignId: resultsV1.campaignId });
  if (r.ok) throw new Error('expected the definition to be refused');
  return r.errors;
}

async function throughXlsx(sheets: DefinitionSheets): Promise<Partial<DefinitionSheets>> {
  const bytes = await renderWorkbook(definitionSheetModelsFromSheets(sheets));
  const book = await readWorkbookRows(bytes);
  return {
    settings: book.get('settings')!,
    fields: book.get('fields')!,
    tables: book.get('tables')!,
    rules: book.get('rules')!,
  };
}

describe('round trip: template → definition → template', () => {
  test.each(allTemplates.map((t) => [`${t.campaignId} ${t.id} v${t.version}`, t] as const))(
    'the real template %s',
    async (_name, template) => {
      const sheets = templateToDefinition(template);
      const again = parseOk(sheets, template.campaignId);
      expect(again).toEqual(template);
      expect(templateToDefinition(again)).toEqual(sheets);
      // …and through an .xlsx file written by the xlsx writer and read back with ExcelJS.
      expect(parseOk(await throughXlsx(sheets), template.campaignId)).toEqual(template);
    },
  );

  test('generated templates (fast-check): definition → template → definition → template is the identity', () => {
    fc.assert(
      fc.property(templateArbitrary, (template) => {
        const sheets = templateToDefinition(template);
        const parsed = parseOk(sheets, template.campaignId);
        expect(parsed).toEqual(template);
        const sheets2 = templateToDefinition(parsed);
        expect(sheets2).toEqual(sheets);
        expect(parseOk(sheets2, template.campaignId)).toEqual(template);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true },
    );
  }, 60_000);

  test('generated templates through .xlsx bytes', async () => {
    await fc.assert(
      fc.asyncProperty(templateArbitrary, async (template) => {
        const sheets = templateToDefinition(template);
        expect(parseOk(await throughXlsx(sheets), template.campaignId)).toEqual(template);
      }),
      { numRuns: 40, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true },
    );
  }, 60_000);

  test('definitionSheetModels: four Excel tables from A1, header first, in sheet order', () => {
    const models = definitionSheetModels(resultsV1);
    expect(models.map((m) => m.name)).toEqual(['settings', 'fields', 'tables', 'rules']);
    for (const m of models) {
      expect(m.tables).toHaveLength(1);
      expect(m.tables[0]).toMatchObject({ row: 1, col: 1, name: `def_${m.name}` });
      expect(m.freeze).toEqual({ rows: 1, cols: 0 });
      expect(m.columns).toHaveLength(m.tables[0]!.header.length);
    }
    const fields = models[1]!.tables[0]!;
    expect(fields.header.slice(0, 6)).toEqual([
      'section',
      'section_title::vi',
      'section_title::en',
      'key',
      'type',
      'label::vi',
    ]);
    expect(fields.rows).toHaveLength(resultsV1.sections.flatMap((s) => s.fields).length);
  });
});

describe('reading what people write', () => {
  test('columns in any order and any case, blank rows, notes and aliases', () => {
    const sheets = templateToDefinition(resultsV1);
    const reorder = (rows: (string | number | boolean | null)[][]) => {
      const order = rows[0]!.map((_, i) => i).reverse();
      return rows.map((r) => order.map((i) => r[i] ?? null));
    };
    const fields = reorder(sheets.fields);
    fields[0] = fields[0]!.map((h) =>
      typeof h === 'string' ? h.toUpperCase().replace('LABEL::VI', 'Label') : h,
    );
    fields.splice(3, 0, [], [null, '  ', null]); // blank rows
    fields[0]!.push('# ghi chú');
    fields[5]!.push('chỉ là ghi chú');
    const settings = [[null], ['Setting', 'Value'], ...sheets.settings.slice(1)];
    const again = parseOk({ ...sheets, fields, settings: settings as never }, resultsV1.campaignId);
    expect(again).toEqual(resultsV1);
  });

  test('booleans and numbers as people type them; a blank section continues the one above', () => {
    const sheets = copySheets(templateToDefinition(resultsV1));
    const r = rowIndex(sheets, 'fields', 'key', 'participants');
    setCell(sheets, 'fields', r, 'required', 'có');
    setCell(sheets, 'fields', r, 'section', null);
    setCell(sheets, 'fields', r, 'min', '1.400');
    setCell(sheets, 'fields', r, 'max', '2.000.000');
    const r2 = rowIndex(sheets, 'fields', 'key', 'thematic_sessions');
    setCell(sheets, 'fields', r2, 'required', 'x');
    setCell(sheets, 'fields', r2, 'retired', 'FALSE');
    setCell(sheets, 'settings', settingRow(sheets, 'version'), 'value', '3');
    setCell(sheets, 'settings', settingRow(sheets, 'kind'), 'value', 'Results');
    const t = parseOk(sheets, resultsV1.campaignId);
    const f = t.sections[0]!.fields.find((x) => x.key === 'participants')!;
    expect(f).toMatchObject({ required: true, min: 1400, max: 2_000_000 });
    expect(t.sections[0]!.fields.find((x) => x.key === 'thematic_sessions')).toMatchObject({
      required: true,
      retired: false,
    });
    expect(t).toMatchObject({ version: 3, kind: 'results' });
  });

  test('choices: value=vi|en separated by ;, with \\ escaping ; | and \\ in labels', () => {
    expect(parseChoices('excellent=Xuất sắc|Excellent; good=Tốt|Good;')).toEqual({
      ok: true,
      choices: [
        { value: 'excellent', label: { vi: 'Xuất sắc', en: 'Excellent' } },
        { value: 'good', label: { vi: 'Tốt', en: 'Good' } },
      ],
    });
    const tricky = [
      { value: 'a', label: { vi: 'x; y | z \\ w = v', en: 'a|b' } },
      { value: 'b', label: { vi: 'B' } },
    ];
    expect(parseChoices(formatChoices(tricky))).toEqual({ ok: true, choices: tricky });
    expect(parseChoices('good Tốt')).toMatchObject({ ok: false });
    expect(parseChoices('Good=Tốt')).toMatchObject({ ok: false });
    expect(parseChoices('a=A; a=B')).toMatchObject({ ok: false, message: 'lựa chọn “a” lặp lại' });
  });

  test('an empty definition (for a new template) names what is missing', () => {
    const errors = errorsOf(emptyDefinition());
    expect(errors.map((e) => e.message)).toEqual([
      'Trang “settings”: thiếu thiết lập “template_id”',
      'Trang “settings”: thiếu thiết lập “kind”',
      'Trang “settings”: thiếu thiết lập “version”',
      'Trang “settings”: thiếu thiết lập “title::vi”',
      'Trang “fields”: chưa có chỉ tiêu hay phần nào (cần ít nhất một phần)',
    ]);
  });
});

describe('bad definition workbooks are refused with the sheet, row and column', () => {
  const base = () => copySheets(templateToDefinition(resultsV1));

  test('unknown type', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'trainees');
    setCell(sheets, 'fields', r, 'type', 'số');
    expect(errorsOf(sheets)).toEqual([
      {
        sheet: 'fields',
        row: r + 1,
        column: 'E',
        message: `Trang “fields”, dòng ${r + 1}, cột E: kiểu “số” không hợp lệ (integer, decimal, percent, text, longtext, date, choice, boolean)`,
      },
    ]);
  });

  test('missing key', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'posters');
    setCell(sheets, 'fields', r, 'key', null);
    expect(errorsOf(sheets)).toEqual([
      {
        sheet: 'fields',
        row: r + 1,
        column: 'D',
        message: `Trang “fields”, dòng ${r + 1}, cột D: thiếu khóa chỉ tiêu (key)`,
      },
    ]);
  });

  test('duplicate key, in fields and across fields and tables', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'posters');
    setCell(sheets, 'fields', r, 'key', 'news_articles');
    const t = rowIndex(sheets, 'tables', 'table', 'good_deeds');
    setCell(sheets, 'tables', t, 'table', 'highlights');
    for (let i = t + 1; i < sheets.tables.length; i++) setCell(sheets, 'tables', i, 'table', 'highlights');
    const first = rowIndex(sheets, 'fields', 'key', 'news_articles') + 1;
    const highlights = rowIndex(sheets, 'fields', 'key', 'highlights') + 1;
    expect(errorsOf(sheets).map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([
      [
        'fields',
        r + 1,
        'D',
        `Trang “fields”, dòng ${r + 1}, cột D: khóa “news_articles” đã dùng ở trang “fields”, dòng ${first}; mỗi khóa chỉ được dùng một lần`,
      ],
      [
        'tables',
        t + 1,
        'A',
        `Trang “tables”, dòng ${t + 1}, cột A: khóa “highlights” đã dùng ở trang “fields”, dòng ${highlights}; mỗi khóa chỉ được dùng một lần`,
      ],
    ]);
  });

  test('min greater than max', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'forums_held');
    setCell(sheets, 'fields', r, 'min', 10);
    setCell(sheets, 'fields', r, 'max', 5);
    expect(errorsOf(sheets)).toEqual([
      {
        sheet: 'fields',
        row: r + 1,
        column: 'I',
        message: `Trang “fields”, dòng ${r + 1}, cột I: giá trị nhỏ nhất (10) lớn hơn giá trị lớn nhất (5)`,
      },
    ]);
  });

  test('a rule naming an unknown key, or not parsing, or pointing at a text field', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'rules', 'id', 'manners_within_opinions');
    setCell(sheets, 'rules', r, 'check', 'opinions_on_manners <= opinions_heard');
    const r2 = rowIndex(sheets, 'rules', 'id', 'trainees_per_class');
    setCell(sheets, 'rules', r2, 'when', 'training_classes >');
    const r3 = rowIndex(sheets, 'rules', 'id', 'models_listed');
    setCell(sheets, 'rules', r3, 'check', 'highlights >= count(models)');
    setCell(sheets, 'rules', r3, 'field', 'nope');
    expect(errorsOf(sheets).map((e) => e.message)).toEqual([
      `Trang “rules”, dòng ${r + 1}, cột B: không có chỉ tiêu “opinions_heard” trong biểu mẫu`,
      `Trang “rules”, dòng ${r3 + 1}, cột B: chỉ tiêu “highlights” có kiểu longtext, không so sánh được như số`,
      `Trang “rules”, dòng ${r3 + 1}, cột D: không có chỉ tiêu “nope” trong biểu mẫu`,
      `Trang “rules”, dòng ${r2 + 1}, cột C: biểu thức không hợp lệ: “training_classes >” ends too early`,
    ]);
  });

  test('bad version, unknown kind and unknown setting in settings', () => {
    const sheets = base();
    const v = settingRow(sheets, 'version');
    setCell(sheets, 'settings', v, 'value', 'v2');
    setCell(sheets, 'settings', settingRow(sheets, 'kind'), 'value', 'report');
    sheets.settings.push(['tittle::vi', 'x']);
    expect(errorsOf(sheets).map((e) => [e.row, e.column, e.message])).toEqual([
      [3, 'B', 'Trang “settings”, dòng 3, cột B: loại biểu mẫu “report” không hợp lệ (plan, results)'],
      [
        v + 1,
        'B',
        `Trang “settings”, dòng ${v + 1}, cột B: phiên bản “v2” không hợp lệ: phải là số nguyên dương (1, 2, 3 …)`,
      ],
      [
        9,
        'A',
        'Trang “settings”, dòng 9, cột A: thiết lập “tittle::vi” không được hỗ trợ (template_id, kind, version, title::vi, title::en, description::vi, description::en)',
      ],
    ]);
    setCell(sheets, 'settings', v, 'value', 0);
    expect(errorsOf(sheets).some((e) => e.message.includes('phiên bản “0” không hợp lệ'))).toBe(true);
    setCell(sheets, 'settings', v, 'value', null);
    expect(errorsOf(sheets).map((e) => e.message)).toContain('Trang “settings”: thiếu thiết lập “version”');
  });

  test('bad booleans and numbers, unknown roll-up, missing label, choice without choices', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'trainees');
    setCell(sheets, 'fields', r, 'required', 'maybe');
    setCell(sheets, 'fields', r, 'max', 'nhiều');
    setCell(sheets, 'fields', r, 'rollup', 'tổng');
    setCell(sheets, 'fields', r, 'label::vi', null);
    const c = rowIndex(sheets, 'fields', 'key', 'self_assessment');
    setCell(sheets, 'fields', c, 'choices', null);
    expect(errorsOf(sheets).map((e) => e.message)).toEqual([
      `Trang “fields”, dòng ${r + 1}, cột F: có “label::en” nhưng thiếu “label::vi”`,
      `Trang “fields”, dòng ${r + 1}, cột H: “maybe” không phải giá trị có/không (TRUE/FALSE, có/không, x, hoặc để trống)`,
      `Trang “fields”, dòng ${r + 1}, cột J: “nhiều” không phải là số`,
      `Trang “fields”, dòng ${r + 1}, cột M: cách tổng hợp “tổng” không hợp lệ (sum, avg, min, max, count, list, none)`,
      `Trang “fields”, dòng ${c + 1}, cột L: kiểu choice cần danh sách lựa chọn, ví dụ: excellent=Xuất sắc|Excellent; good=Tốt|Good`,
    ]);
  });

  test('tables: unknown type, missing max_rows, duplicate column, a table split in two', () => {
    const sheets = base();
    const first = rowIndex(sheets, 'tables', 'table', 'models');
    setCell(sheets, 'tables', first, 'max_rows', null);
    setCell(sheets, 'tables', first + 1, 'type', 'chuỗi');
    setCell(sheets, 'tables', first + 2, 'column', 'name');
    sheets.tables.push(
      makeRow('tables', { table: 'models', column: 'extra', type: 'text', 'label::vi': 'Thêm' }),
    );
    expect(errorsOf(sheets).map((e) => e.message)).toEqual([
      `Trang “tables”, dòng ${first + 1}, cột D: thiếu số dòng tối đa của bảng (max_rows)`,
      `Trang “tables”, dòng ${first + 2}, cột H: kiểu “chuỗi” không hợp lệ (integer, decimal, percent, text, longtext, date, choice, boolean)`,
      `Trang “tables”, dòng ${first + 3}, cột G: cột “name” của bảng “models” đã có ở dòng ${first + 1}`,
      `Trang “tables”, dòng ${sheets.tables.length}, cột A: bảng “models” đã bắt đầu ở dòng ${first + 1}; các dòng của một bảng phải liền nhau`,
    ]);
  });

  test('headers: unknown, duplicate and missing columns; a missing sheet', () => {
    const sheets = base();
    sheets.fields[0]![5] = 'lable::vi';
    sheets.fields[0]![7] = 'key';
    const errors = errorsOf({ settings: sheets.settings, fields: sheets.fields });
    expect(errors.map((e) => e.message)).toEqual([
      'Trang “fields”, dòng 1: thiếu cột “label::vi”',
      expect.stringMatching(
        /^Trang “fields”, dòng 1, cột F: cột “lable::vi” không được hỗ trợ \(các cột dùng được: section, /,
      ),
      'Trang “fields”, dòng 1, cột H: cột “key” trùng với cột D',
    ]);
    expect(errorsOf({ fields: base().fields }).map((e) => e.message)).toEqual([
      'Trang “settings”: thiếu trang này hoặc trang trống',
    ]);
  });

  test('what only the schema sees is still placed on its cell (e.g. a table of 501 rows)', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'tables', 'table', 'models');
    setCell(sheets, 'tables', r, 'max_rows', 501);
    expect(errorsOf(sheets)).toEqual([
      expect.objectContaining({
        sheet: 'tables',
        row: r + 1,
        column: 'D',
        message: expect.stringContaining('từ 1 đến 500'),
      }),
    ]);
  });

  test('errors survive the trip through an .xlsx file with the same rows and columns', async () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'trainees');
    setCell(sheets, 'fields', r, 'type', 'số');
    const errors = errorsOf(await throughXlsx(sheets));
    expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['fields', r + 1, 'E']]);
  });
});
