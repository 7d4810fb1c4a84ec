/**
 * Roll-up → the standing office's summary sheet models: totals with the same period last year,
 * the units × fields matrix and group subtotals, completeness with a chart, one list per repeating
 * table, and the free-text difficulties and proposals. Each block is an Excel table.
 */
import { sheetLabels } from '../i18n/labels';
import { formatDateVi, formatLocalDateTime } from '../periods';
import { tidy, type Rollup, type RollupField, type TotalValue } from '../rollup';
import type { Campaign, Language, Period } from '../schemas';
import { localize } from '../text';
import { NUMBER_FORMATS, numberFormatFor, rangeRef, safeSheetName, toCellValue } from './cells';
import { emptySheet, type CellValue, type SheetModel } from './model';
import { uniqueHeaders } from './template-sheet';

export interface SummaryContext {
  campaign: Pick<Campaign, 'name' | 'organisation' | 'timeZone'>;
  period: Pick<Period, 'id' | 'label' | 'due'>;
  previousPeriod?: Pick<Period, 'id' | 'label'>;
  lang?: Language;
  /** When the roll-up was made (ISO instant), shown under the title. */
  generatedAt?: string;
}

const NUMERIC_ROLLUPS = new Set(['sum', 'avg', 'min', 'max', 'count']);

/** Fields that have a number to show in totals and the matrix. */
export function numericFields(rollup: Rollup): RollupField[] {
  return rollup.fields.filter(
    (f) => NUMERIC_ROLLUPS.has(f.rollup) && (f.rollup === 'count' || f.type !== 'text'),
  );
}

function asNumber(v: TotalValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

function formatFor(f: RollupField): string | undefined {
  return f.rollup === 'count' ? NUMBER_FORMATS.integer : numberFormatFor(f.type);
}

function titleBlock(sheet: SheetModel, title: string, ctx: SummaryContext, lastCol: number): number {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const lines: [string, SheetModel['cells'][number]['style']][] = [
    [ctx.campaign.organisation.toLocaleUpperCase('vi'), 'subtitle'],
    [title, 'title'],
    [localize(ctx.campaign.name, lang), 'subtitle'],
    [
      `${localize(ctx.period.label, lang)} — ${L.due}: ${formatDateVi(ctx.period.due)}` +
        (ctx.generatedAt ? ` — ${formatLocalDateTime(ctx.generatedAt, ctx.campaign.timeZone)}` : ''),
      'note',
    ],
  ];
  lines.forEach(([text, style], i) => {
    sheet.cells.push({ row: i + 1, col: 1, value: text, ...(style ? { style } : {}) });
    sheet.merges.push(rangeRef(i + 1, 1, i + 1, Math.max(lastCol, 2)));
  });
  return lines.length + 2;
}

function totalsSheet(rollup: Rollup, ctx: SummaryContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(safeSheetName(L.summaryTotals), 'summary');
  sheet.columns = [
    { width: 6 },
    { width: 60 },
    { width: 14 },
    { width: 16 },
    { width: 18 },
    { width: 14 },
    { width: 14 },
  ];
  let row = titleBlock(
    sheet,
    `${L.summaryTitle} — ${localize(ctx.period.label, lang).toLocaleUpperCase(lang)}`,
    ctx,
    7,
  );
  const c = rollup.completeness;
  sheet.tables.push({
    name: 'tbl_completeness_total',
    row,
    col: 2,
    header: [L.expected, L.submitted, L.onTime, L.late, L.missing],
    rows: [[c.expected, c.submitted, c.onTime, c.late, c.missing.length]],
    numberFormats: Array(5).fill(NUMBER_FORMATS.integer),
    style: 'TableStyleMedium2',
  });
  row += 4;
  const previousLabel = ctx.previousPeriod
    ? `${L.sameTimeLastYear} (${ctx.previousPeriod.id})`
    : L.sameTimeLastYear;
  const fields = numericFields(rollup);
  const valueFormat = fields.every((f) => formatFor(f) === NUMBER_FORMATS.integer)
    ? NUMBER_FORMATS.integer
    : NUMBER_FORMATS.decimal;
  sheet.tables.push({
    name: 'tbl_totals',
    row,
    col: 1,
    header: uniqueHeaders([
      L.number,
      L.indicator,
      L.unitOfMeasure,
      L.total,
      previousLabel,
      L.change,
      L.changePercent,
    ]),
    rows: fields.map((f, i) => {
      const now = asNumber(rollup.totals[f.key]);
      const before = asNumber(rollup.previous?.totals[f.key]);
      const change = now !== null && before !== null ? tidy(now - before) : null;
      const pct = change !== null && before ? tidy(change / before) : null;
      return [
        i + 1,
        localize(f.label, lang),
        f.unitLabel ? localize(f.unitLabel, lang) : null,
        now,
        before,
        change,
        pct,
      ];
    }),
    // One format per column: whole numbers when every figure is a count (the usual case), else decimals.
    numberFormats: [
      undefined,
      undefined,
      undefined,
      valueFormat,
      valueFormat,
      valueFormat,
      NUMBER_FORMATS.percent,
    ],
    style: 'TableStyleMedium2',
  });
  sheet.freeze = { rows: row, cols: 0 };
  return sheet;
}

function matrixSheet(rollup: Rollup, ctx: SummaryContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(safeSheetName(L.summaryMatrix), 'summary');
  const fields = numericFields(rollup);
  const fixed = [L.number, L.unit, L.unit, L.group, L.templateVersion];
  sheet.columns = [
    { width: 6 },
    { width: 12 },
    { width: 40 },
    { width: 24 },
    { width: 10 },
    ...fields.map(() => ({ width: 16 })),
  ];
  let row = titleBlock(sheet, `${L.summaryTitle} — ${L.summaryMatrix.toLocaleUpperCase(lang)}`, ctx, 5);
  sheet.freeze = { rows: row, cols: 3 };
  const header = uniqueHeaders([...fixed, ...fields.map((f) => localize(f.label, lang))]);
  const numberFormats = [undefined, undefined, undefined, undefined, undefined, ...fields.map(formatFor)];
  const units = [...rollup.units].sort(
    (a, b) =>
      rollup.groups.findIndex((g) => g.group === a.group) -
      rollup.groups.findIndex((g) => g.group === b.group),
  );
  sheet.tables.push({
    name: 'tbl_matrix',
    row,
    col: 1,
    header,
    rows: units.map((u, i) => [
      i + 1,
      u.unitId,
      u.name,
      L.groups[u.group],
      u.templateVersion,
      ...fields.map((f) =>
        f.rollup === 'count'
          ? u.values[f.key] === undefined
            ? 0
            : 1
          : asNumber(u.values[f.key] as TotalValue),
      ),
    ]),
    numberFormats,
    style: 'TableStyleMedium2',
  });
  const totalRow = row + units.length + 1;
  sheet.cells.push({ row: totalRow, col: 3, value: L.total, style: 'total' });
  fields.forEach((f, i) => {
    const fmt = formatFor(f);
    sheet.cells.push({
      row: totalRow,
      col: 6 + i,
      value: asNumber(rollup.totals[f.key]),
      style: 'total',
      ...(fmt ? { numberFormat: fmt } : {}),
    });
  });
  row = totalRow + 3;
  sheet.cells.push({ row: row - 1, col: 1, value: L.group, style: 'sectionHeader' });
  sheet.tables.push({
    name: 'tbl_groups',
    row,
    col: 1,
    header: uniqueHeaders([
      L.number,
      L.group,
      L.expected,
      L.submitted,
      ...fields.map((f) => localize(f.label, lang)),
    ]),
    rows: rollup.groups.map((g, i) => [
      i + 1,
      L.groups[g.group],
      g.completeness.expected,
      g.completeness.submitted,
      ...fields.map((f) => asNumber(g.totals[f.key])),
    ]),
    numberFormats: [
      undefined,
      undefined,
      NUMBER_FORMATS.integer,
      NUMBER_FORMATS.integer,
      ...fields.map(formatFor),
    ],
    style: 'TableStyleMedium4',
  });
  return sheet;
}

function completenessSheet(rollup: Rollup, ctx: SummaryContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(safeSheetName(L.summaryCompleteness), 'summary');
  sheet.columns = [
    { width: 6 },
    { width: 12 },
    { width: 40 },
    { width: 24 },
    { width: 14 },
    { width: 18 },
    { width: 10 },
    { width: 16 },
    { width: 40 },
  ];
  let row = titleBlock(sheet, `${L.summaryTitle} — ${L.summaryCompleteness.toLocaleUpperCase(lang)}`, ctx, 9);
  const groupTable = 'tbl_completeness_groups';
  sheet.tables.push({
    name: groupTable,
    row,
    col: 2,
    header: [L.group, L.expected, L.onTime, L.late, L.missing],
    rows: rollup.groups.map((g) => [
      L.groups[g.group],
      g.completeness.expected,
      g.completeness.onTime,
      g.completeness.late,
      g.completeness.missing.length,
    ]),
    numberFormats: [undefined, ...Array(4).fill(NUMBER_FORMATS.integer)],
    style: 'TableStyleMedium2',
  });
  sheet.charts.push({
    type: 'columnStacked',
    title: L.completenessByGroup,
    table: groupTable,
    seriesColumns: [2, 3, 4],
    anchor: { row, col: 8 },
    size: { width: 520, height: 300 },
  });
  row += Math.max(rollup.groups.length + 3, 17);

  const byUnit = new Map(rollup.units.map((u) => [u.unitId, u]));
  const rowsOut: CellValue[][] = [];
  const everyone = [...rollup.groups.flatMap((g) => g.units)];
  everyone.forEach((unitId, i) => {
    const u = byUnit.get(unitId);
    const missing = !u;
    rowsOut.push([
      i + 1,
      unitId,
      u?.name ?? unitId,
      L.groups[rollup.groups.find((g) => g.units.includes(unitId))!.group],
      missing ? L.missing : u.onTime ? L.onTime : L.late,
      u ? formatLocalDateTime(u.receivedAt, ctx.campaign.timeZone) : null,
      u?.revision ?? null,
      u ? L.reviewStates[u.review.state] : null,
      u?.review.comment ?? null,
    ]);
  });
  sheet.tables.push({
    name: 'tbl_completeness_units',
    row,
    col: 1,
    header: [L.number, L.unit, L.unit + ' ', L.group, L.status, L.receivedAt, L.revision, L.review, L.note],
    rows: rowsOut,
    numberFormats: [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      NUMBER_FORMATS.integer,
      undefined,
      undefined,
    ],
    style: 'TableStyleMedium2',
  });
  return sheet;
}

function listSheets(rollup: Rollup, ctx: SummaryContext): SheetModel[] {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const names = new Map(rollup.units.map((u) => [u.unitId, u.name]));
  return rollup.tables
    .filter((t) => t.rollup === 'list')
    .map((t) => {
      // A title with nothing a sheet name can hold names the sheet by the table's key.
      const sheet = emptySheet(safeSheetName(localize(t.title, lang)) || safeSheetName(t.key), 'summary');
      sheet.columns = [
        { width: 6 },
        { width: 12 },
        { width: 36 },
        ...t.columns.map((c) => ({ width: c.type === 'text' ? 40 : 16 })),
      ];
      const row = titleBlock(
        sheet,
        localize(t.title, lang).toLocaleUpperCase(lang),
        ctx,
        3 + t.columns.length,
      );
      const rows = rollup.tableRows[t.key] ?? [];
      sheet.tables.push({
        name: `tbl_list_${t.key}`,
        row,
        col: 1,
        header: uniqueHeaders([L.number, L.unit, L.unit, ...t.columns.map((c) => localize(c.label, lang))]),
        rows: rows.map((r, i) => [
          i + 1,
          r.unitId,
          names.get(r.unitId) ?? r.unitId,
          ...t.columns.map((c) => toCellValue({ ...c, required: false }, r[c.key], lang)),
        ]),
        numberFormats: [undefined, undefined, undefined, ...t.columns.map((c) => numberFormatFor(c.type))],
        style: 'TableStyleMedium2',
      });
      return sheet;
    });
}

function textsSheet(rollup: Rollup, ctx: SummaryContext): SheetModel | undefined {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const textFields = rollup.fields.filter((f) => f.rollup === 'list');
  if (textFields.length === 0) return undefined;
  const sheet = emptySheet(safeSheetName(L.summaryTexts), 'summary');
  sheet.columns = [{ width: 6 }, { width: 12 }, { width: 34 }, { width: 30 }, { width: 90 }];
  const row = titleBlock(sheet, L.summaryTexts.toLocaleUpperCase(lang), ctx, 5);
  const rows: CellValue[][] = [];
  for (const f of textFields) {
    const entries = rollup.totals[f.key];
    if (!Array.isArray(entries)) continue;
    for (const e of entries) {
      const u = rollup.units.find((x) => x.unitId === e.unitId);
      rows.push([
        rows.length + 1,
        e.unitId,
        u?.name ?? e.unitId,
        localize(f.label, lang),
        typeof e.value === 'string' ? e.value : String(e.value),
      ]);
    }
  }
  sheet.tables.push({
    name: 'tbl_texts',
    row,
    col: 1,
    header: uniqueHeaders([L.number, L.unit, L.unit, L.indicator, L.note]),
    rows,
    numberFormats: [undefined, undefined, undefined, undefined, NUMBER_FORMATS.text],
    style: 'TableStyleMedium2',
  });
  return sheet;
}

/** Every summary sheet for a roll-up, in the order they appear in the workbook. */
export function buildSummarySheets(rollup: Rollup, ctx: SummaryContext): SheetModel[] {
  const sheets = [
    totalsSheet(rollup, ctx),
    matrixSheet(rollup, ctx),
    completenessSheet(rollup, ctx),
    ...listSheets(rollup, ctx),
  ];
  const texts = textsSheet(rollup, ctx);
  if (texts) sheets.push(texts);
  const used = new Set<string>();
  for (const s of sheets) {
    let name = s.name;
    for (let n = 2; used.has(name.toLocaleLowerCase()); n++)
      name = safeSheetName(`${s.name.slice(0, 27)} (${n})`);
    used.add(name.toLocaleLowerCase());
    s.name = name;
  }
  return sheets;
}
