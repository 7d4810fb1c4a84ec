/**
 * The .xlsx renderer and reader without HTTP: ExcelJS writes the shared sheet models, SheetJS
 * (an independent library) opens the files and checks what a user would see; files filled by
 * SheetJS come back through readTemplateWorkbook.
 */
import * as XLSX from 'xlsx';
import {
  attachCells,
  buildSummarySheets,
  buildTemplateSheet,
  computeRollup,
  emptySheet,
  isoDateToSerial,
  normalizeSubmission,
  samePeriodLastYear,
  validateSubmission,
  type SheetModel,
  type StoredSubmission,
  workbookTableName,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { readTemplateWorkbook, WorkbookReadError } from '../../functions/src/workbook/xlsx-reader';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { fillWithSheetJs, langSon, namedCell, part, readBook, resultsV1, valueAt } from './support';

const { campaign } = langSon;
const unit = langSon.units.find((u) => u.id === 'PC06')!;
const q3 = langSon.periods.find((p) => p.id === '2022-Q3')!;
const templateSheet = buildTemplateSheet(resultsV1, { campaign, unit, period: q3 });
let templateBytes: Buffer;

beforeAll(async () => {
  templateBytes = await renderWorkbook([templateSheet]);
});

const read = (bytes: Uint8Array) => readTemplateWorkbook(bytes, { campaign, templates: langSon.templates });

describe('template workbook', () => {
  test('labels, header ids and a defined name for every header value and input cell', () => {
    const book = readBook(templateBytes);
    expect(book.SheetNames).toEqual(['Báo cáo PC06 2022-Q3']);
    expect(valueAt(book, 'A1')).toBe('CÔNG AN TỈNH LẠNG SƠN');
    expect(valueAt(book, 'A2')).toBe('PHÒNG CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI');
    expect(valueAt(book, 'C1')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const meta = Object.fromEntries(
      ['meta_campaign', 'meta_unit', 'meta_period', 'meta_template', 'meta_version'].map((n) => [
        n,
        valueAt(book, namedCell(book, n)!),
      ]),
    );
    expect(meta).toEqual({
      meta_campaign: 'lang-son-nu-cuoi-chien-si',
      meta_unit: 'PC06',
      meta_period: '2022-Q3',
      meta_template: 'results',
      meta_version: 1,
    });
    for (const b of templateSheet.bindings.filter((x) => x.kind === 'field')) {
      const address = namedCell(book, `f_${b.key}`);
      expect(address).toBe(XLSX.utils.encode_cell({ r: b.row - 1, c: b.col - 1 }));
      // The label sits left of the input cell.
      const label = resultsV1.sections.flatMap((s) => s.fields).find((f) => f.key === b.key)!.label.vi;
      expect(String(valueAt(book, XLSX.utils.encode_cell({ r: b.row - 1, c: b.col - 2 })))).toContain(label);
    }
    expect(book.Workbook!.Names!.every((n) => n.Ref.startsWith("'Báo cáo PC06 2022-Q3'!$"))).toBe(true);
  });

  test('data validation with prompts and stop alerts, protection with only inputs unlocked, tables, nothing frozen', () => {
    const book = readBook(templateBytes);
    const xml = part(book, 'xl/worksheets/sheet1.xml');
    const validations = xml.match(/<dataValidation [^>]*>/g) ?? [];
    expect(validations.length).toBeGreaterThanOrEqual(templateSheet.validations.length - 2);
    for (const v of validations) {
      expect(v).toMatch(/showInputMessage="1"/);
      expect(v).toMatch(/prompt="[^"]+"/);
      expect(v).toMatch(/showErrorMessage="1"/);
      expect(v).toMatch(/errorStyle="stop"/);
    }
    const meetings = namedCell(book, 'f_meetings_held')!;
    const has = (re: RegExp) => re.test(xml); // (a failure would print the whole sheet XML)
    expect(
      has(
        new RegExp(
          `<dataValidation type="whole" operator="greaterThanOrEqual"[^>]*sqref="${meetings}"><formula1>0</formula1>`,
        ),
      ),
    ).toBe(true);
    // Dropdown lists point at the labels in a hidden column (a literal list would split on commas).
    const list = /<dataValidation type="list"[^>]*><formula1>\$([A-Z]+)\$(\d+):\$\1\$(\d+)<\/formula1>/.exec(
      xml,
    );
    expect(list).not.toBeNull();
    const [, letter, first, last] = list!;
    const labels = Array.from({ length: Number(last) - Number(first) + 1 }, (_, i) =>
      valueAt(book, `${letter}${Number(first) + i}`),
    );
    expect(labels).toEqual(['Xuất sắc', 'Tốt', 'Khá', 'Chưa đạt']);
    const n = XLSX.utils.decode_col(letter!) + 1;
    const cols = [...xml.matchAll(/<col min="(\d+)" max="(\d+)"[^>]*hidden="1"/g)];
    expect(cols.some((m) => Number(m[1]) <= n && n <= Number(m[2]))).toBe(true);
    expect(
      has(/<dataValidation type="date"[^>]*><formula1>32874<\/formula1><formula2>73415<\/formula2>/),
    ).toBe(true);
    expect(has(/<sheetProtection sheet="1"/)).toBe(true);
    // The header block is a dozen rows tall: freezing it would leave little of a laptop screen to fill in.
    expect(has(/state="frozen"/)).toBe(false);

    // Locked or not is in the cell's style (xf): inputs unlocked, labels locked.
    const styles = part(book, 'xl/styles.xml');
    const xfs = styles
      .split('<cellXfs')[1]!
      .split('</cellXfs>')[0]!
      .match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    const locked = (address: string) => {
      const s = Number(new RegExp(`<c r="${address}" s="(\\d+)"`).exec(xml)?.[1] ?? 0);
      return !/locked="0"/.test(xfs[s]!);
    };
    expect(locked(meetings)).toBe(false);
    expect(locked(namedCell(book, 'f_difficulties')!)).toBe(false);
    expect(locked(namedCell(book, 'meta_template')!)).toBe(true);
    expect(locked('B16')).toBe(true);
    const models = templateSheet.tables.find((t) => t.name === 't_models')!;
    expect(locked(XLSX.utils.encode_cell({ r: models.row, c: models.col - 1 }))).toBe(false);

    const tables = Object.keys((book as any).files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f));
    const tableXml = tables.map((t) => part(book, t));
    // Table names carry the sheet's identity: unique in any workbook the sheet is put in.
    const named = (n: string) => new RegExp(`name="${workbookTableName(templateSheet.name, n)}"`);
    expect(tableXml.some((t) => named('t_models').test(t) && /TableStyleLight9/.test(t))).toBe(true);
    expect(tableXml.some((t) => named('t_good_deeds').test(t))).toBe(true);
  });

  test('number formats travel with the values; dates are serial numbers shown as dd/mm/yyyy', async () => {
    const sheet = buildTemplateSheet(resultsV1, {
      campaign,
      unit,
      period: q3,
      values: { meetings_held: 1400, charity_value_vnd: 12_500_000.5 },
      tables: { models: [{ name: 'Tiếp dân niềm nở, hướng dẫn tận tình', start_date: '2022-03-26' }] },
    });
    const book = readBook(await renderWorkbook([sheet]));
    const ws = book.Sheets[book.SheetNames[0]!]!;
    const meetings = ws[namedCell(book, 'f_meetings_held')!]!;
    expect(meetings).toMatchObject({ t: 'n', v: 1400, z: '#,##0', w: '1,400' });
    expect(ws[namedCell(book, 'f_charity_value_vnd')!]).toMatchObject({ v: 12_500_000.5, z: '#,##0.##' });
    const models = sheet.tables.find((t) => t.name === 't_models')!;
    const date = ws[XLSX.utils.encode_cell({ r: models.row, c: models.col + 1 })]!;
    expect(date).toMatchObject({
      t: 'n',
      v: isoDateToSerial('2022-03-26'),
      z: 'dd/mm/yyyy',
      w: '26/03/2022',
    });
  });

  test('text that looks like a formula is written as text, never as a formula', async () => {
    const tricky = ['=1+1', '=SUM(A1:A9)', '+84 912 345 678', '-5 cán bộ', '@user', '=HYPERLINK("http://x")'];
    const sheet = emptySheet('Văn bản', 'summary');
    tricky.forEach((value, i) => sheet.cells.push({ row: i + 1, col: 1, value }));
    sheet.cells.push({ row: 10, col: 1, value: 'chuông\u0007 báo' });
    sheet.tables.push({
      name: 'tbl_tricky',
      row: 12,
      col: 1,
      header: ['Nội dung'],
      rows: tricky.map((t) => [t]),
    });
    const book = readBook(await renderWorkbook([sheet]));
    const xml = part(book, 'xl/worksheets/sheet1.xml');
    expect(/<f[ >]/.test(xml)).toBe(false);
    tricky.forEach((value, i) => {
      const cell = book.Sheets['Văn bản']![`A${i + 1}`]!;
      expect(cell).toMatchObject({ t: 's', v: value });
      expect(cell.f).toBeUndefined();
      expect(book.Sheets['Văn bản']![`A${13 + i}`]).toMatchObject({ t: 's', v: value });
    });
    expect(valueAt(book, 'A10')).toBe('chuông\uFFFD báo'); // control characters are not XML: replaced, not lost
  });
  test('a choice list longer than Excel’s 255 characters, with commas and quotes, keeps every label whole', async () => {
    const sheet = emptySheet('Danh sách', 'template');
    const list = ['Tốt, đạt', 'Khá "tạm"', ...Array.from({ length: 40 }, (_, i) => `Lựa chọn số ${i + 1}`)];
    sheet.validations.push({
      ref: 'B2',
      type: 'list',
      operator: 'between',
      list,
      prompt: { title: 'Chọn', message: 'Chọn trong danh sách' },
      error: { title: 'Sai', message: 'Không có trong danh sách' },
    });
    const book = readBook(await renderWorkbook([sheet]));
    const xml = part(book, 'xl/worksheets/sheet1.xml');
    const m = /<formula1>\$([A-Z]+)\$(\d+):\$\1\$(\d+)<\/formula1>/.exec(xml)!;
    expect(m).not.toBeNull();
    const shown = Array.from({ length: Number(m[3]) - Number(m[2]) + 1 }, (_, i) =>
      valueAt(book, `${m[1]}${Number(m[2]) + i}`),
    );
    expect(shown).toEqual(list);
    expect(/errorStyle="stop"/.test(xml)).toBe(true);
  });
});

describe('reading a filled template workbook', () => {
  test('a workbook filled by SheetJS reads back to the values written', async () => {
    const bytes = fillWithSheetJs(templateBytes, {
      values: {
        meetings_held: 12,
        participants: 340,
        models_built: 2,
        charity_value_vnd: 15_500_000,
        self_assessment: 'Tốt',
        difficulties: '=1+1 vẫn là chữ',
      },
      tables: {
        models: [
          {
            name: 'Tiếp dân niềm nở, hướng dẫn tận tình',
            slogan: '+84 912 345 678',
            start_date: '2022-03-26',
          },
          { name: 'Một cửa thân thiện', slogan: '@congan' },
        ],
      },
    });
    const { template, sheetName, draft, metaCells } = await read(bytes);
    expect({ id: template.id, version: template.version, sheetName }).toEqual({
      id: 'results',
      version: 1,
      sheetName: 'Báo cáo PC06 2022-Q3',
    });
    expect(draft).toMatchObject({ campaignId: campaign.id, unitId: 'PC06', periodId: '2022-Q3' });
    expect(draft.values).toEqual({
      meetings_held: 12,
      participants: 340,
      models_built: 2,
      charity_value_vnd: 15_500_000,
      self_assessment: 'good',
      difficulties: '=1+1 vẫn là chữ',
    });
    expect(draft.tables.models).toEqual([
      { name: 'Tiếp dân niềm nở, hướng dẫn tận tình', slogan: '+84 912 345 678', start_date: '2022-03-26' },
      { name: 'Một cửa thân thiện', slogan: '@congan' },
    ]);
    expect(metaCells.unitId).toBe(namedCell(readBook(templateBytes), 'meta_unit'));
  });

  test('invalid cells are named: text in a whole-number cell, a broken rule', async () => {
    const book = readBook(templateBytes);
    const bytes = fillWithSheetJs(templateBytes, {
      values: {
        meetings_held: 'mười hai',
        participants: 40,
        models_built: 1,
        opinions_received: 3,
        opinions_on_manners: 9,
      },
    });
    const { template, draft } = await read(bytes);
    const issues = attachCells(validateSubmission(template, normalizeSubmission(draft)), draft.cells);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'meetings_held',
          code: 'not_integer',
          cell: namedCell(book, 'f_meetings_held'),
        }),
        expect.objectContaining({
          key: 'opinions_on_manners',
          code: 'rule_failed',
          cell: namedCell(book, 'f_opinions_on_manners'),
        }),
      ]),
    );
  });

  test('without defined names the sheet is found by its layout; a moved header is followed by the names', async () => {
    const plain = XLSX.read(fillWithSheetJs(templateBytes, { values: { meetings_held: 5 } }), {
      type: 'buffer',
    });
    plain.Workbook = { ...plain.Workbook, Names: [] };
    const noNames = await read(XLSX.write(plain, { type: 'buffer', bookType: 'xlsx' }));
    expect(noNames.draft.values.meetings_held).toBe(5);

    // A workbook made when the campaign had no mottos: every row one higher than today's layout.
    const older = buildTemplateSheet(resultsV1, { campaign: { ...campaign, mottos: [] }, unit, period: q3 });
    const olderBytes = fillWithSheetJs(await renderWorkbook([older]), {
      values: { meetings_held: 7 },
      tables: { models: [{ name: 'Nụ cười trên đường' }] },
    });
    const moved = await read(olderBytes);
    expect(moved.draft.values).toEqual({ meetings_held: 7 });
    expect(moved.draft.tables.models).toEqual([{ name: 'Nụ cười trên đường' }]);
    expect(moved.draft.unitId).toBe('PC06');
  });

  test('what is not a template workbook is a typed error', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: unknown) => (e instanceof WorkbookReadError ? e.code : `untyped: ${String(e)}`),
      );
    expect(await code(read(Buffer.from('này không phải tệp Excel')))).toBe('not_xlsx');
    expect(await code(read(templateBytes.subarray(0, 4000)))).toBe('not_xlsx');
    const other = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      other,
      XLSX.utils.aoa_to_sheet([
        ['Họ tên', 'Tuổi'],
        ['An', 30],
      ]),
      'Danh sách',
    );
    expect(await code(read(XLSX.write(other, { type: 'buffer', bookType: 'xlsx' })))).toBe(
      'not_template_workbook',
    );
    expect(await code(read(fillWithSheetJs(templateBytes, { header: { templateVersion: 7 } })))).toBe(
      'unknown_template',
    );
    const bacGiang = loadCampaignBundles().find((b) => b.campaign.id !== campaign.id)!;
    const foreign = await renderWorkbook([
      buildTemplateSheet(bacGiang.templates[0]!, {
        campaign: { ...bacGiang.campaign, mottos: campaign.mottos },
      }),
    ]);
    expect(await code(read(foreign))).toBe('other_campaign');
  });

  test('declared sizes are not believed: a part is refused by the bytes it inflates to, a false size is harmless', async () => {
    const lying = Buffer.from(templateBytes);
    const eocd = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = lying.readUInt32LE(eocd + 16);
    for (let n = lying.readUInt16LE(eocd + 10); n > 0; n--) {
      lying.writeUInt32LE(0xfffffff0, p + 24); // every entry claims 4 GB once unzipped
      p += 46 + lying.readUInt16LE(p + 28) + lying.readUInt16LE(p + 30) + lying.readUInt16LE(p + 32);
    }
    expect((await read(lying)).template.id).toBe('results');
    const small = readTemplateWorkbook(templateBytes, {
      campaign,
      templates: langSon.templates,
      limits: { maxPartBytes: 20_000 },
    });
    await expect(small).rejects.toMatchObject({
      code: 'workbook_too_large',
      params: { limit: 'part', max: 20_000, part: 'xl/worksheets/sheet1.xml' },
    });
  });
});

describe('summary workbook', () => {
  const period = langSon.periods.find((p) => p.id === '2022-H1')!;
  const previousPeriod = samePeriodLastYear(period, langSon.periods)!;
  const reporting = langSon.units.filter((u) => u.reports);
  const stored = (unitId: string, i: number, periodId: string): StoredSubmission => ({
    submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    templateId: 'results',
    templateVersion: 1,
    unitId,
    periodId,
    values: {
      meetings_held: i + 1,
      participants: 25 * (i + 1),
      id_cards_issued: 37 * i,
      charity_value_vnd: 1000.5 * i,
    },
    tables: { models: [{ name: `Mô hình ${unitId}`, slogan: '=HYPERLINK("x")' }] },
    revision: 1,
    receivedAt: '2022-06-10T02:00:00.000Z',
    onTime: i % 4 !== 0,
    review: { state: 'pending' },
  });
  const current = reporting.slice(0, 36).map((u, i) => stored(u.id, i, period.id));
  const rollup = computeRollup({
    campaignId: campaign.id,
    period,
    templates: [resultsV1],
    units: langSon.units,
    submissions: current,
    previousPeriod,
    previousSubmissions: reporting.slice(0, 30).map((u, i) => stored(u.id, i + 1, previousPeriod.id)),
  });
  let sheets: SheetModel[];
  let book: XLSX.WorkBook;
  beforeAll(async () => {
    sheets = buildSummarySheets(rollup, {
      campaign,
      period,
      previousPeriod,
      generatedAt: '2022-06-20T03:00:00Z',
    });
    book = readBook(await renderWorkbook(sheets));
  });

  test('every sheet, in order, with the province totals equal to the sum of the submitted values', () => {
    expect(book.SheetNames).toEqual(sheets.map((s) => s.name));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, {
      header: 1,
      defval: null,
    });
    const byLabel = (label: string) => rows.find((r) => r[1] === label)!;
    const sum = (key: string) =>
      current.reduce((s, x) => s + ((x.values[key] as number | undefined) ?? 0), 0);
    const field = (key: string) =>
      resultsV1.sections.flatMap((s) => s.fields).find((f) => f.key === key)!.label.vi;
    expect(byLabel(field('meetings_held'))[3]).toBe(sum('meetings_held'));
    expect(byLabel(field('participants'))[3]).toBe(sum('participants'));
    expect(byLabel(field('id_cards_issued'))[3]).toBe(sum('id_cards_issued'));
    expect(byLabel(field('charity_value_vnd'))[3]).toBeCloseTo(sum('charity_value_vnd'), 6);
    // Same period last year, and the change.
    const before = reporting.slice(0, 30).reduce((s, _, i) => s + (i + 2), 0);
    expect(byLabel(field('meetings_held')).slice(3, 6)).toEqual([
      sum('meetings_held'),
      before,
      sum('meetings_held') - before,
    ]);
    // Completeness: expected, submitted, on time, late, missing.
    const header = rows.findIndex((r) => r.includes('Đã nộp'));
    expect(rows[header + 1]!.filter((v) => typeof v === 'number')).toEqual([
      rollup.completeness.expected,
      36,
      rollup.completeness.onTime,
      rollup.completeness.late,
      rollup.completeness.missing.length,
    ]);
  });

  test('whole numbers are shown without a trailing separator; tables and frozen panes', () => {
    const ws = book.Sheets[book.SheetNames[0]!]!;
    const meetings = Object.values(ws).find(
      (c: any) =>
        c && c.t === 'n' && c.v === current.reduce((s, x) => s + (x.values.meetings_held as number), 0),
    ) as XLSX.CellObject;
    expect(meetings.w).not.toMatch(/\.$/);
    const xml = part(book, 'xl/worksheets/sheet2.xml');
    expect(/state="frozen"/.test(xml)).toBe(true);
    expect(/<f[ >]/.test(xml)).toBe(false);
    const listXml = part(book, 'xl/worksheets/sheet4.xml');
    expect(/<f[ >]/.test(listXml)).toBe(false);
    expect(valueAt(book, 'E8', 3)).toBe('=HYPERLINK("x")');
  });
});
