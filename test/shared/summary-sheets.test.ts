import {
  buildSummarySheets,
  computeRollup,
  samePeriodLastYear,
  sheetCellValues,
  type StoredSubmission,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';

const b = loadCampaignBundles().find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const results = b.templates.find((t) => t.id === 'results')!;
const period = b.periods.find((p) => p.id === '2022-H1')!;
const previousPeriod = samePeriodLastYear(period, b.periods)!;
const reporting = b.units.filter((u) => u.reports);

function submission(
  unitId: string,
  i: number,
  periodId: string,
  extra: Partial<StoredSubmission> = {},
): StoredSubmission {
  return {
    submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    templateId: 'results',
    templateVersion: 1,
    unitId,
    periodId,
    values: {
      meetings_held: i + 1,
      participants: 10 * (i + 1),
      models_built: 1,
      difficulties: `Khó khăn của ${unitId}`,
    },
    tables: { models: [{ name: `Mô hình ${unitId}`, slogan: '=HYPERLINK("x")' }] },
    revision: 1,
    receivedAt: '2022-06-10T02:00:00.000Z',
    onTime: i % 5 !== 0,
    review: i === 3 ? { state: 'returned', comment: 'Bổ sung số liệu quý' } : { state: 'pending' },
    ...extra,
  };
}

const current = reporting.slice(0, 35).map((u, i) => submission(u.id, i, period.id));
const rollup = computeRollup({
  campaignId: b.campaign.id,
  period,
  templates: [results],
  units: b.units,
  submissions: current,
  previousPeriod,
  previousSubmissions: reporting.slice(0, 30).map((u, i) => submission(u.id, i, previousPeriod.id)),
});
const sheets = buildSummarySheets(rollup, {
  campaign: b.campaign,
  period,
  previousPeriod,
  generatedAt: '2022-06-20T03:00:00Z',
});

describe('summary sheet models', () => {
  test('the workbook’s sheets, names unique and within Excel’s limits', () => {
    expect(sheets.map((s) => s.name)).toEqual([
      'Tổng hợp',
      'Theo đơn vị',
      'Tiến độ nộp',
      'Mô hình',
      'Người tốt, việc tốt',
      'Nội dung báo cáo',
    ]);
    for (const s of sheets) expect(s.name.length).toBeLessThanOrEqual(31);
    const tableNames = sheets.flatMap((s) => s.tables.map((t) => t.name));
    expect(new Set(tableNames).size).toBe(tableNames.length);
    for (const t of sheets.flatMap((s) => s.tables)) {
      expect(new Set(t.header.map((h) => h.toLocaleLowerCase())).size).toBe(t.header.length);
      for (const r of t.rows) expect(r).toHaveLength(t.header.length);
      if (t.numberFormats) expect(t.numberFormats).toHaveLength(t.header.length);
    }
  });

  test('totals with the same period last year and the change', () => {
    const totals = sheets[0]!.tables.find((t) => t.name === 'tbl_totals')!;
    const meetings = totals.rows.find(
      (r) => r[1] === 'Số hội nghị, buổi sinh hoạt chính trị quán triệt đã tổ chức',
    )!;
    const now = (35 * 36) / 2;
    const before = (30 * 31) / 2;
    expect(meetings.slice(3)).toEqual([
      now,
      before,
      now - before,
      expect.closeTo((now - before) / before, 10),
    ]);
    expect(totals.header[4]).toBe('Cùng kỳ năm trước (2021-H1)');
    const completeness = sheets[0]!.tables.find((t) => t.name === 'tbl_completeness_total')!;
    expect(completeness.rows).toEqual([[40, 35, 28, 7, 5]]);
  });

  test('units × fields matrix, with a total row that matches the roll-up', () => {
    const matrix = sheets[1]!.tables.find((t) => t.name === 'tbl_matrix')!;
    expect(matrix.rows).toHaveLength(35);
    const col = matrix.header.indexOf('Số lượt cán bộ, chiến sĩ tham gia');
    const sum = matrix.rows.reduce((acc, r) => acc + (r[col] as number), 0);
    expect(sum).toBe(rollup.totals.participants);
    const grid = sheetCellValues(sheets[1]!);
    expect(grid.get(`${matrix.row + 36}:${matrix.col + col}`)).toBe(sum);
    expect(matrix.header.slice(0, 3)).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị']);
    // The khối subtotals sit in the same columns as the units' figures, under the same headings.
    const sheet = sheets[1]!;
    for (const [i, g] of rollup.groups.entries()) {
      const at = matrix.row + 38 + i;
      expect(grid.get(`${at}:3`)).toMatch(/^.+ \(đã nộp \d+\/\d+\)$/);
      expect(grid.get(`${at}:${matrix.col + col}`)).toBe(g.totals.participants);
    }
    // Printing: A4 landscape, the header row on every page, code and name repeated across pages.
    expect(sheet.page).toMatchObject({
      orientation: 'landscape',
      titleRows: [matrix.row, matrix.row],
      titleColumns: [1, 3],
    });
    // Codes do not wrap; their column is as wide as the longest.
    expect(matrix.wrap?.[1]).toBe(false);
  });

  test('completeness by unit, with lateness, review and the reviewer’s comment; a chart by group', () => {
    const s = sheets[2]!;
    const units = s.tables.find((t) => t.name === 'tbl_completeness_units')!;
    expect(units.rows).toHaveLength(40);
    expect(units.rows.filter((r) => r[4] === 'Chưa nộp')).toHaveLength(5);
    expect(units.rows.filter((r) => r[4] === 'Nộp muộn')).toHaveLength(7);
    expect(units.rows.find((r) => r[9] === 'Bổ sung số liệu quý')![8]).toBe('Trả lại để sửa');
    expect(units.rows[5]![7]).toBe(1); // the template version of the unit's report
    expect(units.header.slice(0, 4)).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Khối']);
    // The units that have not reported come first, with their names (from the registry) and group.
    const missing = reporting.slice(35);
    expect(units.rows.slice(0, 5).map((r) => [r[1], r[2], r[4]])).toEqual(
      missing.map((u) => [u.id, u.name, 'Chưa nộp']),
    );
    expect(units.rows[5]![5]).toBe('10/06/2022 09:00'); // local time in Asia/Ho_Chi_Minh
    expect(s.charts).toEqual([
      expect.objectContaining({ table: 'tbl_completeness_groups', type: 'columnStacked' }),
    ]);
  });

  test('lists of models and the free-text difficulties, with their units; formula-looking text stays text', () => {
    const models = sheets[3]!.tables[0]!;
    expect(models.rows).toHaveLength(35);
    expect(models.rows[0]!.slice(1, 5)).toEqual([
      reporting[0]!.id,
      reporting[0]!.name,
      `Mô hình ${reporting[0]!.id}`,
      '=HYPERLINK("x")',
    ]);
    const texts = sheets[5]!.tables[0]!;
    expect(texts.header).toEqual(['STT', 'Mục', 'Mã đơn vị', 'Tên đơn vị', 'Nội dung']);
    expect(texts.rows[0]!.slice(1)).toEqual([
      'Khó khăn, vướng mắc',
      reporting[0]!.id,
      reporting[0]!.name,
      `Khó khăn của ${reporting[0]!.id}`,
    ]);
  });
});
