import fc from 'fast-check';
import {
  render,
  cellRef,
  resolvePicked,
  roman,
  attachCells,
  buildTemplateSheet,
  normalizeSubmission,
  readTemplateSheet,
  sheetCellValues,
  validateSubmission,
  type CellValue,
  type Column,
  type Field,
  type FieldValue,
  type SheetModel,
  type Template,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { sampleTemplate } from '../support/fixtures';

const lang = loadCampaignBundles().find((b) => b.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const results = lang.templates.find((t) => t.id === 'results')!;
const campaign = lang.campaign;
const unit = lang.units.find((u) => u.id === 'PC06')!;
const q1 = lang.periods.find((p) => p.id === '2022-Q1')!;

/** What a renderer puts into the workbook, read back cell by cell. */
function reader(sheet: SheetModel) {
  const grid = sheetCellValues(sheet);
  return (row: number, col: number): CellValue | undefined => grid.get(`${row}:${col}`);
}

const VIETNAMESE = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ0123456789 ,.;:-–“”()/=+@%',
];
const text = (max: number) =>
  fc
    .array(fc.constantFrom(...VIETNAMESE), { minLength: 1, maxLength: Math.min(max, 80) })
    .map((cs) => cs.join('').normalize('NFC').trim())
    .filter((s) => s.length > 0 && [...s].length <= max);

function valueOf(def: Field | Column): fc.Arbitrary<FieldValue> {
  switch (def.type) {
    case 'integer':
      return fc.integer({ min: def.min ?? -1_000_000, max: def.max ?? 10_000_000 });
    case 'decimal':
      return fc
        .double({ min: def.min ?? -1e9, max: def.max ?? 1e12, noNaN: true, noDefaultInfinity: true })
        .map((n) => (Object.is(n, -0) ? 0 : n));
    case 'percent':
      return fc
        .double({ min: def.min ?? 0, max: def.max ?? 1, noNaN: true })
        .map((n) => (Object.is(n, -0) ? 0 : n));
    case 'text':
      return text(def.maxLength ?? 1000);
    case 'longtext':
      return fc
        .array(text(200), { minLength: 1, maxLength: 3 })
        .map((ps) => ps.join('\n'))
        .filter((s) => [...s].length <= (def.maxLength ?? 32000));
    case 'date':
      return fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'choice':
      return fc.constantFrom(...def.choices!.map((c) => c.value));
    case 'boolean':
      return fc.boolean();
  }
}

function record(defs: readonly (Field | Column)[], atLeastOne: boolean) {
  const parts: Record<string, fc.Arbitrary<FieldValue | undefined>> = {};
  for (const d of defs) parts[d.key] = d.required ? valueOf(d) : fc.option(valueOf(d), { nil: undefined });
  return fc
    .record(parts)
    .map(
      (r) =>
        Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<
          string,
          FieldValue
        >,
    )
    .filter((r) => !atLeastOne || Object.keys(r).length > 0);
}

function draftOf(template: Template) {
  const fields = template.sections.flatMap((s) => s.fields.filter((f) => !f.retired));
  const tables: Record<string, fc.Arbitrary<Record<string, FieldValue>[]>> = {};
  for (const t of template.tables)
    tables[t.key] = fc.array(record(t.columns, true), { maxLength: Math.min(t.maxRows, 6) });
  return fc.record({ values: record(fields, false), tables: fc.record(tables) });
}

describe('template → sheet model → cell values → draft', () => {
  test.each([
    ['the Lạng Sơn results template', results],
    ['a template with every field type', sampleTemplate],
  ])('round trip preserves every value: %s', (_name, template) => {
    fc.assert(
      fc.property(draftOf(template), (draft) => {
        const sheet = buildTemplateSheet(template, {
          campaign,
          unit,
          period: q1,
          values: draft.values,
          tables: draft.tables,
        });
        const back = readTemplateSheet(template, sheet.bindings, reader(sheet));
        expect(back.values).toEqual(draft.values);
        for (const t of template.tables) expect(back.tables[t.key]).toEqual(draft.tables[t.key]);
        expect(back).toMatchObject({
          campaignId: campaign.id,
          unitId: 'PC06',
          periodId: '2022-Q1',
          templateId: template.id,
          templateVersion: template.version,
        });
      }),
      { numRuns: 150 },
    );
  });

  test('the sheet: header, one named, unlocked, validated input cell per field, tables with room for every row', () => {
    const sheet = buildTemplateSheet(results, { campaign, unit, period: q1 });
    const fields = results.sections.flatMap((s) => s.fields.filter((f) => !f.retired));
    expect(sheet.protect).toBe(true);
    expect(sheet.name).toBe('Báo cáo PC06 2022-Q1');
    const names = new Map(sheet.names.map((n) => [n.name, n.ref]));
    for (const f of fields) {
      const ref = names.get(`f_${f.key}`)!;
      expect(ref).toMatch(/^C\d+$/);
      const cell = sheet.cells.find((c) => c.col === 3 && `C${c.row}` === ref)!;
      expect(cell.unlocked).toBe(true);
      expect(sheet.validations.some((v) => v.ref === ref)).toBe(true);
    }
    // Only inputs are unlocked: the field cells (unit and period are given here, so not inputs).
    expect(sheet.cells.filter((c) => c.unlocked)).toHaveLength(fields.length);
    for (const t of results.tables) {
      const table = sheet.tables.find((x) => x.name === `t_${t.key}`)!;
      expect(table.rows).toHaveLength(t.maxRows);
      expect(table.input).toBe(true);
    }
    for (const key of [
      'meta_campaign',
      'meta_unit',
      'meta_period',
      'meta_template',
      'meta_version',
      'meta_receipt',
    ])
      expect(names.has(key)).toBe(true);
    const grid = sheetCellValues(sheet);
    const texts = [...grid.values()].filter((v): v is string => typeof v === 'string');
    expect(texts).toEqual(
      expect.arrayContaining(['CÔNG AN TỈNH LẠNG SƠN', 'PC06', '2022-Q1', 'Đơn vị báo cáo:', 'Kỳ báo cáo:']),
    );
    expect(
      texts.some(
        (t) =>
          t.includes('5 xin') && t.includes('Xin chào, xin cảm ơn, xin phép, xin lỗi, xin được hướng dẫn'),
      ),
    ).toBe(true);
    expect(texts.some((t) => t.includes('Hạn nộp: 15/03/2022'))).toBe(true);
  });

  test('Excel limits: prompt titles ≤ 32 and messages ≤ 255 characters, list sources ≤ 255', () => {
    for (const t of [results, sampleTemplate]) {
      for (const v of buildTemplateSheet(t, { campaign }).validations) {
        expect([...v.prompt.title].length).toBeLessThanOrEqual(32);
        expect([...v.prompt.message].length).toBeLessThanOrEqual(255);
        if (v.list) expect(v.list.join(',').length).toBeLessThanOrEqual(255);
      }
    }
  });

  test('a blank workbook (no unit, no period) asks for them as inputs, picked by name from lists', () => {
    const units = [
      { id: 'PC06', name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội' },
      { id: 'PX03', name: 'Phòng Công tác Đảng và công tác chính trị' },
    ];
    const periods = [{ id: '2022-Q1', label: { vi: 'Báo cáo quý I năm 2022' } }];
    const sheet = buildTemplateSheet(results, { campaign, units, periods });
    const metas = sheet.bindings.filter(
      (b) => b.kind === 'meta' && (b.key === 'unitId' || b.key === 'periodId'),
    );
    expect(metas).toHaveLength(2);
    for (const b of metas) {
      if (b.kind !== 'meta' || !b.pick) throw new Error('no pick cell');
      const pick = b.pick;
      expect(sheet.cells.find((c) => c.row === pick.row && c.col === pick.col)!.unlocked).toBe(true);
      const list = sheet.validations.find((v) => v.ref === cellRef(pick.row, pick.col))!.list;
      expect(list).toEqual(b.key === 'unitId' ? units.map((u) => u.name) : ['Báo cáo quý I năm 2022']);
    }
    // Read back: the picked names, then the API maps them to their ids.
    const at = new Map<string, string>();
    for (const b of metas)
      if (b.kind === 'meta')
        at.set(
          `${b.pick!.row}:${b.pick!.col}`,
          b.key === 'unitId' ? units[1]!.name : 'Báo cáo quý I năm 2022',
        );
    const draft = readTemplateSheet(results, sheet.bindings, (r, c) => at.get(`${r}:${c}`) ?? null);
    expect(
      resolvePicked(
        draft.unitId!,
        units.map((u) => ({ id: u.id, label: u.name })),
      ),
    ).toBe('PX03');
    expect(resolvePicked(draft.periodId!, [{ id: '2022-Q1', label: 'Báo cáo quý I năm 2022' }])).toBe(
      '2022-Q1',
    );
    expect(
      resolvePicked(
        'PC06',
        units.map((u) => ({ id: u.id, label: u.name })),
      ),
    ).toBe('PC06');
  });

  test('the form as an official document: header, place and date, legend, numbering, choices, signatures; no ids printed', () => {
    const sheet = buildTemplateSheet(results, {
      campaign: { ...campaign, place: 'Lạng Sơn' },
      unit,
      period: q1,
    });
    const texts = sheet.cells
      .filter((c) => c.col <= 5 && typeof c.value === 'string')
      .map((c) => c.value as string);
    for (const t of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: ……/BC-……',
      'Lạng Sơn, ngày …… tháng …… năm ……',
      'BÁO CÁO',
      'NGƯỜI LẬP BIỂU',
      'THỦ TRƯỞNG ĐƠN VỊ',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ])
      expect(texts).toContain(t);
    expect(texts.some((t) => t.includes('(*) là chỉ tiêu bắt buộc'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Chọn một: Xuất sắc; Tốt; Khá'))).toBe(true);
    // Ids only in the hidden column.
    const hidden = sheet.columns.flatMap((c, i) => (c.hidden ? [i + 1] : []));
    for (const c of sheet.cells)
      if (c.value === campaign.id || c.value === results.id) expect(hidden).toContain(c.col);
    // Sections and tables numbered I, II, … in column A, none numbered twice.
    const numbers = sheet.cells.filter((c) => c.col === 1 && c.style === 'sectionHeader').map((c) => c.value);
    expect(numbers).toEqual(numbers.map((_, i) => roman(i + 1)));
    expect(texts.some((t) => /^\d+\. /.test(t))).toBe(false);
  });

  test('cell values as people type them are understood, and what is not is reported at its cell', () => {
    const sheet = buildTemplateSheet(sampleTemplate, { campaign, unit, period: q1 });
    const at = new Map(sheet.names.map((n) => [n.name, n.ref]));
    const typed: Record<string, CellValue | Date> = {
      [at.get('f_forums_held')!]: '1.400', // Vietnamese thousands separator
      [at.get('f_opinions_received')!]: 'nhiều',
      [at.get('f_satisfaction')!]: '92,5%',
      [at.get('f_registered_on')!]: '28/5/2021',
      [at.get('f_has_model')!]: 'có',
      [at.get('f_self_assessment')!]: 'tốt',
      [at.get('f_charity_value')!]: 44345, // a number where a decimal is asked
      [at.get('f_slogan')!]: 'Tiếp dân niềm nở'.normalize('NFD'),
    };
    const grid = sheetCellValues(sheet);
    const draft = readTemplateSheet(sampleTemplate, sheet.bindings, (r, c) => {
      const ref = `${String.fromCharCode(64 + c)}${r}`;
      return ref in typed ? typed[ref] : grid.get(`${r}:${c}`);
    });
    expect(draft.values).toEqual({
      forums_held: 1400,
      opinions_received: 'nhiều',
      satisfaction: 0.925,
      registered_on: '2021-05-28',
      has_model: true,
      self_assessment: 'good',
      charity_value: 44345,
      slogan: 'Tiếp dân niềm nở',
    });
    const issues = attachCells(validateSubmission(sampleTemplate, normalizeSubmission(draft)), draft.cells);
    expect(issues.map((i) => [i.key, i.cell])).toEqual([
      ['opinions_received', at.get('f_opinions_received')],
      ['has_model', at.get('f_has_model')], // has a model, but lists none: the rule points at its cell
    ]);
    expect(render(issues[0]!)).toBe('“Số ý kiến tiếp thu” phải là số nguyên.');
  });

  test('Date objects from an .xlsx reader are read as dates', () => {
    const sheet = buildTemplateSheet(sampleTemplate, { campaign, unit, period: q1 });
    const ref = sheet.bindings.find((b) => b.kind === 'field' && b.key === 'registered_on')!;
    const draft = readTemplateSheet(sampleTemplate, sheet.bindings, (r, c) =>
      r === ref.row && c === ref.col ? new Date('2021-05-28T00:00:00Z') : undefined,
    );
    expect(draft.values.registered_on).toBe('2021-05-28');
  });
});
