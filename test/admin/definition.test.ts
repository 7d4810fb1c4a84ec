/**
 * The template definition workbook (XLSForm-like): template → sheets → template is the identity, for
 * the real templates and for generated ones, as plain rows and through real .xlsx bytes; bad
 * workbooks are refused with the code, parameters, sheet, row and column of each problem, rendered
 * in either language with its place first.
 */
import fc from 'fast-check';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { readWorkbookRows } from '../../scripts/lib/workbook-rows';
import {
  DEFINITION_COLUMNS,
  DEFINITION_SETTINGS,
  definitionSheetModels,
  definitionSheetModelsFromSheets,
  emptyDefinition,
  FIELD_TYPES,
  formatChoices,
  parseChoices,
  parseTemplateDefinition,
  renderWithPlace,
  ROLLUP_KINDS,
  TEMPLATE_KINDS,
  templateToDefinition,
  type CellValue,
  type DefinitionError,
  type DefinitionSheets,
  type Template,
} from '../../shared/src';
import { locate, placeProblem, type Locations } from '../../shared/src/template-definition/locate';
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
  if (!r.ok) throw new Error(r.errors.map((e) => renderWithPlace(e)).join('\n'));
  return r.template;
}

function errorsOf(sheets: Partial<DefinitionSheets>) {
  const r = parseTemplateDefinition(sheets, { campaignId: resultsV1.campaignId });
  if (r.ok) throw new Error('expected the definition to be refused');
  return r.errors;
}

/** A problem as the tests compare it: where, the code and its parameters. */
const placed = ({ sheet, row, column, code, params }: DefinitionError) => ({
  sheet,
  row,
  column,
  code,
  params,
});

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

  test('text that looks like the file format’s own escape (`_x9338_`) comes back as written', async () => {
    // Found by the property above (seed -682833702): a choice value `y_x9338_ph_` came back as `y錸ph_`.
    const template = structuredClone(resultsV1);
    const field = template.sections[0]!.fields[0]!;
    template.sections[0]!.fields[0] = {
      ...field,
      label: { vi: 'Nhãn _x0041_ giữ nguyên', en: 'Label _x0041_ kept' },
    };
    const sheets = templateToDefinition(template);
    expect(parseOk(await throughXlsx(sheets), template.campaignId)).toEqual(template);
  });

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
    const reorder = (rows: CellValue[][]) => {
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
    expect(parseChoices('good Tốt')).toEqual({
      ok: false,
      problem: { code: 'choice_syntax', params: { value: 'good Tốt' } },
    });
    expect(parseChoices('Good=Tốt')).toEqual({
      ok: false,
      problem: { code: 'bad_key', params: { value: 'Good' } },
    });
    expect(parseChoices('a=A; a=B')).toEqual({
      ok: false,
      problem: { code: 'duplicate_choice', params: { value: 'a' } },
    });
  });

  test('an empty definition (for a new template) names what is missing', () => {
    const errors = errorsOf(emptyDefinition());
    const missing = (value: string) => ({
      sheet: 'settings',
      row: null,
      column: null,
      code: 'missing_setting',
      params: { value },
    });
    expect(errors.map(placed)).toEqual([
      missing('template_id'),
      missing('kind'),
      missing('version'),
      missing('title::vi'),
      { sheet: 'fields', row: null, column: null, code: 'no_fields' },
    ]);
    expect(errors.map((e) => renderWithPlace(e, 'vi'))).toEqual([
      'Trang “settings”: Thiếu thiết lập “template_id”.',
      'Trang “settings”: Thiếu thiết lập “kind”.',
      'Trang “settings”: Thiếu thiết lập “version”.',
      'Trang “settings”: Thiếu thiết lập “title::vi”.',
      'Trang “fields”: Chưa có chỉ tiêu hay phần nào (cần ít nhất một phần).',
    ]);
    expect(renderWithPlace(errors[4]!, 'en')).toBe(
      'Sheet “fields”: There are no fields or sections (at least one section is needed).',
    );
  });
});

describe('bad definition workbooks are refused with the sheet, row and column', () => {
  const base = () => copySheets(templateToDefinition(resultsV1));

  test('unknown type', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'trainees');
    setCell(sheets, 'fields', r, 'type', 'số');
    const errors = errorsOf(sheets);
    expect(errors).toEqual([
      {
        sheet: 'fields',
        row: r + 1,
        column: 'E',
        code: 'unknown_type',
        params: { value: 'số', allowed: FIELD_TYPES },
      },
    ]);
    expect(renderWithPlace(errors[0]!, 'vi')).toBe(
      `Trang “fields”, dòng ${r + 1}, cột E: Kiểu “số” không hợp lệ (integer, decimal, percent, text, longtext, date, choice, boolean).`,
    );
    expect(renderWithPlace(errors[0]!, 'en')).toBe(
      `Sheet “fields”, row ${r + 1}, column E: Type “số” is not valid (integer, decimal, percent, text, longtext, date, choice, boolean).`,
    );
  });

  test('missing key', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'posters');
    setCell(sheets, 'fields', r, 'key', null);
    const errors = errorsOf(sheets);
    expect(errors).toEqual([
      { sheet: 'fields', row: r + 1, column: 'D', code: 'missing_key', params: { what: 'key' } },
    ]);
    expect(renderWithPlace(errors[0]!, 'vi')).toBe(
      `Trang “fields”, dòng ${r + 1}, cột D: Thiếu mã chỉ tiêu (key).`,
    );
    expect(renderWithPlace(errors[0]!, 'en')).toBe(
      `Sheet “fields”, row ${r + 1}, column D: A field key (key) is missing.`,
    );
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
    const errors = errorsOf(sheets);
    expect(errors.map(placed)).toEqual([
      {
        sheet: 'fields',
        row: r + 1,
        column: 'D',
        code: 'duplicate_key',
        params: { key: 'news_articles', firstSheet: 'fields', firstRow: first },
      },
      {
        sheet: 'tables',
        row: t + 1,
        column: 'A',
        code: 'duplicate_key',
        params: { key: 'highlights', firstSheet: 'fields', firstRow: highlights },
      },
    ]);
    expect(renderWithPlace(errors[0]!, 'vi')).toBe(
      `Trang “fields”, dòng ${r + 1}, cột D: Mã “news_articles” đã dùng ở trang “fields”, dòng ${first}; mỗi mã chỉ tiêu, mã bảng chỉ được dùng một lần.`,
    );
  });

  test('min greater than max', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'forums_held');
    setCell(sheets, 'fields', r, 'min', 10);
    setCell(sheets, 'fields', r, 'max', 5);
    expect(errorsOf(sheets)).toEqual([
      { sheet: 'fields', row: r + 1, column: 'I', code: 'min_above_max', params: { min: 10, max: 5 } },
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
    const rule = (row: number, column: string, code: string, params: object) => ({
      sheet: 'rules',
      row,
      column,
      code,
      params,
    });
    const errors = errorsOf(sheets);
    expect(errors.map(placed)).toEqual([
      rule(r + 1, 'B', 'rule_unknown_field', { key: 'opinions_heard' }),
      rule(r3 + 1, 'B', 'rule_not_number', { key: 'highlights', type: 'longtext' }),
      rule(r3 + 1, 'D', 'rule_unknown_field', { key: 'nope' }),
      rule(r2 + 1, 'C', 'rule_syntax', { reason: 'ends_early', source: 'training_classes >' }),
    ]);
    expect(renderWithPlace(errors[3]!, 'vi')).toBe(
      `Trang “rules”, dòng ${r2 + 1}, cột C: Biểu thức “training_classes >” không hợp lệ: biểu thức chưa viết hết.`,
    );
    expect(renderWithPlace(errors[3]!, 'en')).toBe(
      `Sheet “rules”, row ${r2 + 1}, column C: Expression “training_classes >” is not valid: it ends too early.`,
    );
  });

  test('bad version, unknown kind and unknown setting in settings', () => {
    const sheets = base();
    const v = settingRow(sheets, 'version');
    setCell(sheets, 'settings', v, 'value', 'v2');
    setCell(sheets, 'settings', settingRow(sheets, 'kind'), 'value', 'report');
    sheets.settings.push(['tittle::vi', 'x']);
    expect(errorsOf(sheets).map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [3, 'B', 'unknown_kind', { value: 'report', allowed: TEMPLATE_KINDS }],
      [v + 1, 'B', 'bad_version', { value: 'v2' }],
      [9, 'A', 'unknown_setting', { value: 'tittle::vi', allowed: DEFINITION_SETTINGS }],
    ]);
    setCell(sheets, 'settings', v, 'value', 0);
    expect(errorsOf(sheets).map(placed)).toContainEqual({
      sheet: 'settings',
      row: v + 1,
      column: 'B',
      code: 'bad_version',
      params: { value: '0' },
    });
    setCell(sheets, 'settings', v, 'value', null);
    expect(errorsOf(sheets).map(placed)).toContainEqual({
      sheet: 'settings',
      row: null,
      column: null,
      code: 'missing_setting',
      params: { value: 'version' },
    });
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
    expect(errorsOf(sheets).map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [r + 1, 'F', 'en_without_vi', { en: 'label::en', vi: 'label::vi' }],
      [r + 1, 'H', 'bad_boolean', { value: 'maybe' }],
      [r + 1, 'J', 'bad_number', { value: 'nhiều' }],
      [r + 1, 'M', 'unknown_rollup', { value: 'tổng', allowed: ROLLUP_KINDS }],
      [c + 1, 'L', 'choices_needed', undefined],
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
    const errors = errorsOf(sheets);
    expect(errors.map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [first + 1, 'D', 'missing_max_rows', undefined],
      [first + 2, 'H', 'unknown_type', { value: 'chuỗi', allowed: FIELD_TYPES }],
      [
        first + 3,
        'G',
        'duplicate_column_key',
        { key: 'name', table: 'models', firstSheet: 'tables', firstRow: first + 1 },
      ],
      [sheets.tables.length, 'A', 'table_not_contiguous', { value: 'models', row: first + 1 }],
    ]);
    expect(renderWithPlace(errors[2]!, 'en')).toBe(
      `Sheet “tables”, row ${first + 3}, column G: Column “name” of table “models” is already at sheet “tables”, row ${first + 1}.`,
    );
  });

  test('headers: unknown, duplicate and missing columns; a missing sheet', () => {
    const sheets = base();
    sheets.fields[0]![5] = 'lable::vi';
    sheets.fields[0]![7] = 'key';
    const errors = errorsOf({ settings: sheets.settings, fields: sheets.fields });
    expect(errors.map(placed)).toEqual([
      { sheet: 'fields', row: 1, column: null, code: 'missing_column', params: { name: 'label::vi' } },
      {
        sheet: 'fields',
        row: 1,
        column: 'F',
        code: 'unknown_column',
        params: { name: 'lable::vi', known: DEFINITION_COLUMNS.fields },
      },
      {
        sheet: 'fields',
        row: 1,
        column: 'H',
        code: 'duplicate_column',
        params: { name: 'key', letter: 'D' },
      },
    ]);
    expect(renderWithPlace(errors[1]!, 'vi')).toMatch(
      /^Trang “fields”, dòng 1, cột F: Cột “lable::vi” không được hỗ trợ \(các cột dùng được: section, section_title::vi, /,
    );
    expect(errorsOf({ fields: base().fields }).map(placed)).toEqual([
      { sheet: 'settings', row: null, column: null, code: 'missing_sheet' },
    ]);
  });

  test('a table of 501 rows is refused on its max_rows cell', () => {
    const sheets = base();
    const r = rowIndex(sheets, 'tables', 'table', 'models');
    setCell(sheets, 'tables', r, 'max_rows', 501);
    expect(errorsOf(sheets)).toEqual([
      { sheet: 'tables', row: r + 1, column: 'D', code: 'max_rows_range', params: { value: 501 } },
    ]);
  });

  test('a problem of the template (schema or checkTemplate) is placed by its path; a repeat names where the key was first', () => {
    const at: Locations = {
      settings: new Map([['version', 4]]),
      sections: [{ row: 2, fields: [2, 3] }],
      tables: [{ row: 10, columns: [10, 11] }],
      rules: [20],
    };
    expect(locate('sections.0.fields.1.label.en', at)).toEqual({
      sheet: 'fields',
      row: 3,
      column: 'label::en',
    });
    expect(locate('sections.0.title', at)).toEqual({ sheet: 'fields', row: 2, column: 'section_title::vi' });
    expect(locate('tables.0.columns.1.key', at)).toEqual({ sheet: 'tables', row: 11, column: 'column' });
    expect(locate('tables.0.maxRows', at)).toEqual({ sheet: 'tables', row: 10, column: 'max_rows' });
    expect(locate('rules.0.message.vi', at)).toEqual({ sheet: 'rules', row: 20, column: 'message::vi' });
    expect(locate('version', at)).toEqual({ sheet: 'settings', row: 4, column: 'value' });
    const letters: Record<string, string> = { table: 'A', key: 'D' };
    expect(
      placeProblem(
        {
          code: 'duplicate_key',
          params: { key: 'a', first: 'sections.0.fields.0.key' },
          path: 'tables.0.key',
        },
        at,
        (_sheet, column) => letters[column] ?? null,
      ),
    ).toEqual({
      sheet: 'tables',
      row: 10,
      column: 'A',
      code: 'duplicate_key',
      params: { key: 'a', firstSheet: 'fields', firstRow: 2 },
    });
  });

  test('errors survive the trip through an .xlsx file with the same rows and columns', async () => {
    const sheets = base();
    const r = rowIndex(sheets, 'fields', 'key', 'trainees');
    setCell(sheets, 'fields', r, 'type', 'số');
    const errors = errorsOf(await throughXlsx(sheets));
    expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['fields', r + 1, 'E']]);
  });
});

describe('any edit of a definition is answered, never thrown', () => {
  /** What people put in cells: blanks, words, numbers, yes/no, keys good and bad, choices, rules. */
  const cell = fc.oneof(
    fc.constantFrom(null, '', ' ', 'x', 'có', 'maybe', 0, -1, 501, 1.5, true, 'Số', 'integer', 'choice'),
    fc.constantFrom('results', 'models', 'trainees', 'Bad Key', 'a=A; a=B', 'a b <', 'count(x) > 0'),
    fc.string({ maxLength: 8 }),
  );
  const edits = fc.array(
    fc.record({
      sheet: fc.constantFrom(...(['settings', 'fields', 'tables', 'rules'] as const)),
      row: fc.nat(),
      column: fc.nat(),
      value: cell,
    }),
    { minLength: 1, maxLength: 6 },
  );

  test('every problem has a known sheet, a row and column inside it, and reads in both languages', () => {
    fc.assert(
      fc.property(edits, (changes) => {
        const sheets = copySheets(templateToDefinition(resultsV1));
        for (const c of changes) {
          const rows = sheets[c.sheet];
          const row = rows[c.row % rows.length]!;
          row[c.column % row.length] = c.value;
        }
        const r = parseTemplateDefinition(sheets, { campaignId: resultsV1.campaignId });
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(['settings', 'fields', 'tables', 'rules']).toContain(e.sheet);
          if (e.row !== null) expect(e.row).toBeLessThanOrEqual(sheets[e.sheet].length);
          if (e.column !== null) expect(e.column).toMatch(/^[A-Z]{1,2}$/);
          for (const lang of ['vi', 'en'] as const) {
            const text = renderWithPlace(e, lang);
            expect(text).not.toMatch(/undefined|\[object|«/);
            expect(text).toMatch(/[.)]$/);
          }
        }
      }),
      { numRuns: 300, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true },
    );
  }, 40_000);
});
