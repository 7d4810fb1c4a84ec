/**
 * Roll-up → the standing office's summary sheet models: totals with the same period last year,
 * the units × fields matrix and group subtotals, completeness with a chart, one list per repeating
 * table, and the free-text difficulties and proposals. Each block is an Excel table.
 *
 * Past 400 lines because it is one idea, the summary workbook: its sheets share the column descriptors
 * (so the group subtotals cannot drift from the matrix), the labelled subtitle and the print setup.
 */
import { sheetLabels, type SheetLabels } from '../i18n/labels';
import { formatDateVi, formatLocalDateTime } from '../periods';
import {
  countsAsYes,
  isDistribution,
  rowsByGroup,
  tidy,
  type Rollup,
  type RollupField,
  type TotalValue,
} from '../rollup';
import type { Campaign, Language, Period } from '../schemas';
import { localize } from '../text';
import { NUMBER_FORMATS, numberFormatFor, rangeRef, safeSheetName, toCellValue } from './cells';
import { fitColumnWidth, shownNumber } from './measure';
import { emptySheet, type CellValue, type SheetModel, type TableModel } from './model';
import { uniqueHeaders } from './template-sheet';

export interface SummaryContext {
  campaign: Pick<Campaign, 'name' | 'organisation' | 'timeZone'>;
  period: Pick<Period, 'id' | 'label' | 'due' | 'window'>;
  previousPeriod?: Pick<Period, 'id' | 'label'>;
  lang?: Language;
  /** When the roll-up was made (ISO instant), shown under the title. */
  generatedAt?: string;
}

const NUMERIC_ROLLUPS = new Set(['sum', 'avg', 'wavg', 'min', 'max', 'count']);

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

/**
 * A column of a summary table: its header, number format, and whether it holds text that wraps
 * (up to `wrapAt` width units). Columns that do not wrap (codes, numbers, dates) are made as wide
 * as their longest value, so nothing breaks across lines or writes over its neighbour.
 */
interface ColumnSpec {
  header: string;
  format?: string;
  wrapAt?: number;
  min?: number;
}

/** A summary table from its column descriptors: header, formats and wrapping all come from them. */
function table(
  name: string,
  row: number,
  col: number,
  specs: readonly ColumnSpec[],
  rows: CellValue[][],
  style = 'TableStyleMedium2',
): TableModel {
  return {
    name,
    row,
    col,
    header: uniqueHeaders(specs.map((s) => s.header)),
    rows,
    numberFormats: specs.map((s) => s.format),
    wrap: specs.map((s) => !!s.wrapAt),
    style,
  };
}

function shown(v: CellValue, format: string | undefined): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (format === NUMBER_FORMATS.date) return '00/00/0000';
    if (format === NUMBER_FORMATS.percent) return `${(v * 100).toFixed(1)}%`;
    return shownNumber(v);
  }
  return String(v);
}

/** Column widths from the tables' contents (the widest table wins a shared column). */
function sizeColumns(
  sheet: SheetModel,
  specsOf: Map<string, readonly ColumnSpec[]>,
  minWidths: number[] = [],
) {
  const widths: number[] = [...minWidths];
  for (const t of sheet.tables) {
    const specs = specsOf.get(t.name)!;
    specs.forEach((spec, ci) => {
      const values = t.rows.map((r) => shown(r[ci] ?? null, spec.format));
      const w = fitColumnWidth(spec.header, values, { min: spec.min ?? 5, max: spec.wrapAt ?? 99 });
      const k = t.col + ci - 1;
      widths[k] = Math.max(widths[k] ?? 0, w);
    });
  }
  sheet.columns = Array.from({ length: widths.length }, (_, i) => ({ width: widths[i] ?? 4 }));
}

/**
 * Width units of one landscape A4 page at the smallest scale the summary prints at (about 62%,
 * Times 12 printing like 7.5 points: the size of a statistical table's figures). The units ×
 * fields matrix of 37 fields then prints two pages across.
 */
const PAGE_UNITS = 220;

/** The columns of the first printed page (the title block is merged over them, not over the whole width). */
function firstPageColumns(sheet: SheetModel): number {
  let width = 0;
  let n = 0;
  for (const c of sheet.columns) {
    if (n > 0 && width + c.width > PAGE_UNITS) break;
    width += c.width;
    n++;
  }
  return n;
}

/** Pages across: the title columns repeated on each, the rest shared out over the pages. */
function pagesAcross(sheet: SheetModel, titleColumns: number): number {
  const title = sheet.columns.slice(0, titleColumns).reduce((s, c) => s + c.width, 0);
  const rest = sheet.columns.slice(titleColumns).reduce((s, c) => s + c.width, 0);
  return Math.max(1, Math.ceil(rest / Math.max(1, PAGE_UNITS - title)));
}

/** Organisation, title, campaign, and the period with its due date and when the figures were taken. */
function titleBlock(
  sheet: SheetModel,
  title: string,
  ctx: SummaryContext,
  lastColumn = firstPageColumns(sheet),
): number {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  let asOf = '';
  if (ctx.generatedAt) {
    const [date, time] = formatLocalDateTime(ctx.generatedAt, ctx.campaign.timeZone).split(' ') as [
      string,
      string,
    ];
    asOf = ` — ${L.dataAsOf(time, date)}`;
  }
  const lines: [string, SheetModel['cells'][number]['style']][] = [
    [ctx.campaign.organisation.toLocaleUpperCase('vi'), 'subtitle'],
    [title, 'title'],
    [localize(ctx.campaign.name, lang), 'subtitle'],
    [
      `${localize(ctx.period.label, lang)}${
        ctx.period.window
          ? ` (${L.dataWindow(formatDateVi(ctx.period.window.from), formatDateVi(ctx.period.window.to))})`
          : ''
      } — ${L.due}: ${formatDateVi(ctx.period.due)}${asOf}`,
      'centeredItalic',
    ],
  ];
  const lastCol = Math.max(lastColumn, 2);
  lines.forEach(([text, style], i) => {
    sheet.cells.push({
      row: i + 1,
      col: 1,
      value: text,
      ...(style ? { style } : {}),
    });
    sheet.merges.push(rangeRef(i + 1, 1, i + 1, lastCol));
  });
  return lines.length + 2;
}

/** Summary sheets print on A4, landscape unless narrow, one page wide unless told, header rows on every page. */
function printSetup(
  sheet: SheetModel,
  lang: Language,
  headerRow: number,
  titleColumns?: number,
  fitToWidth = 1,
) {
  // A sheet narrow enough for a portrait page at 80% (the totals) prints portrait: one page, not two.
  const width = sheet.columns.reduce((s, c) => s + c.width, 0);
  sheet.page = {
    orientation: width <= 120 ? 'portrait' : 'landscape',
    fitToWidth,
    titleRows: [headerRow, headerRow],
    ...(titleColumns ? { titleColumns: [1, titleColumns] as [number, number] } : {}),
    footer: `${sheetLabels(lang).page} &P/&N`,
  };
}

function unitColumns(L: SheetLabels, nameWidth = 34): ColumnSpec[] {
  return [{ header: L.number, min: 5 }, { header: L.unitCode }, { header: L.unitName, wrapAt: nameWidth }];
}

function totalsSheet(rollup: Rollup, ctx: SummaryContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(safeSheetName(L.summaryTotals), 'summary');
  const specs = new Map<string, readonly ColumnSpec[]>();
  const c = rollup.completeness;
  const completenessSpecs: ColumnSpec[] = [L.expected, L.submitted, L.onTime, L.late, L.missing].map(
    (header) => ({ header, format: NUMBER_FORMATS.integer }),
  );
  const previousLabel = ctx.previousPeriod
    ? `${L.sameTimeLastYear} (${ctx.previousPeriod.id})`
    : L.sameTimeLastYear;
  const fields = numericFields(rollup);
  const valueFormat = fields.every((f) => formatFor(f) === NUMBER_FORMATS.integer)
    ? NUMBER_FORMATS.integer
    : NUMBER_FORMATS.decimal;
  // One format per column: whole numbers when every figure is a count (the usual case), else decimals.
  const totalSpecs: ColumnSpec[] = [
    { header: L.number, min: 5 },
    // Long labels wrap rather than widen the sheet past one portrait page.
    { header: L.indicator, wrapAt: 52 },
    { header: L.unitOfMeasure, wrapAt: 16 },
    { header: L.total, format: valueFormat, min: 12 },
    { header: previousLabel, format: valueFormat, min: 12 },
    { header: L.change, format: valueFormat, min: 12 },
    { header: L.changePercent, format: NUMBER_FORMATS.percent, min: 10 },
  ];
  const totals = table(
    'tbl_totals',
    0,
    1,
    totalSpecs,
    fields.map((f, i) => {
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
  );
  const completeness = table('tbl_completeness_total', 0, 2, completenessSpecs, [
    [c.expected, c.submitted, c.onTime, c.late, c.missing.length],
  ]);
  sheet.tables.push(completeness, totals);
  specs.set('tbl_totals', totalSpecs).set('tbl_completeness_total', completenessSpecs);
  // Under the totals, each choice field's distribution: how many units gave each choice, and their share.
  const distributionSpecs: ColumnSpec[] = [
    { header: L.number, min: 5 },
    { header: L.indicator, wrapAt: 52 },
    // No wider than the unit of measure above it, so the totals sheet stays one portrait page wide.
    { header: L.choice, wrapAt: 14 },
    { header: L.unitCount, format: NUMBER_FORMATS.integer, min: 12 },
    { header: L.share, format: NUMBER_FORMATS.percent, min: 12 },
  ];
  const distributionRows = distributionRowsOf(rollup, lang);
  const distribution = distributionRows.length
    ? table('tbl_distribution', 0, 1, distributionSpecs, distributionRows)
    : undefined;
  if (distribution) {
    sheet.tables.push(distribution);
    specs.set(distribution.name, distributionSpecs);
  }
  sizeColumns(sheet, specs);
  let row = titleBlock(
    sheet,
    `${L.summaryTitle} — ${localize(ctx.period.label, lang).toLocaleUpperCase(lang)}`,
    ctx,
  );
  completeness.row = row;
  row += 4;
  totals.row = row;
  sheet.freeze = { rows: row, cols: 0 };
  if (distribution) {
    const captionRow = row + totals.rows.length + 3;
    sheet.cells.push({ row: captionRow, col: 1, value: L.distributionTitle, style: 'headerLabel' });
    sheet.merges.push(rangeRef(captionRow, 1, captionRow, distributionSpecs.length));
    distribution.row = captionRow + 1;
  }
  printSetup(sheet, lang, row);
  return sheet;
}

/** One row per choice of each `distribution` field: the field (on its first row), the choice, units, share. */
function distributionRowsOf(rollup: Rollup, lang: Language): CellValue[][] {
  const rows: CellValue[][] = [];
  let n = 0;
  for (const f of rollup.fields) {
    const total = rollup.totals[f.key];
    if (f.rollup !== 'distribution' || !isDistribution(total)) continue;
    const answered = Object.values(total.counts).reduce((s, v) => s + v, 0);
    const labels = new Map(
      [...(f.choices ?? []), ...(f.formerChoices ?? [])].map((c) => [c.value, localize(c.label, lang)]),
    );
    const retiredChoice = (value: string) => !f.choices?.some((c) => c.value === value);
    n++;
    Object.entries(total.counts)
      // A choice only an older version offered shows when some unit gave it.
      .filter(([value, count]) => count > 0 || !retiredChoice(value))
      .forEach(([value, count], i) => {
        rows.push([
          i === 0 ? n : null,
          i === 0 ? localize(f.label, lang) : null,
          labels.get(value) ?? value,
          count,
          answered > 0 ? tidy(count / answered) : null,
        ]);
      });
  }
  return rows;
}

function matrixSheet(rollup: Rollup, ctx: SummaryContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(safeSheetName(L.summaryMatrix), 'summary');
  const fields = numericFields(rollup);
  // The figures' columns, shared by the units table and the group subtotals below it: one list of
  // descriptors, so a field's figures always sit under that field's heading in both.
  const fieldSpecs: ColumnSpec[] = fields.map((f) => ({
    header: localize(f.label, lang),
    ...(formatFor(f) ? { format: formatFor(f)! } : {}),
    min: 9,
  }));
  const unitSpecs: ColumnSpec[] = [...unitColumns(L, 26), ...fieldSpecs];
  const units = [...rollup.units].sort(
    (a, b) =>
      rollup.groups.findIndex((g) => g.group === a.group) -
      rollup.groups.findIndex((g) => g.group === b.group),
  );
  const matrix = table(
    'tbl_matrix',
    0,
    1,
    unitSpecs,
    units.map((u, i) => [
      i + 1,
      u.unitId,
      u.name,
      ...fields.map((f) =>
        f.rollup === 'count'
          ? countsAsYes(u.values[f.key])
            ? 1
            : 0
          : asNumber(u.values[f.key] as TotalValue),
      ),
    ]),
  );
  sheet.tables.push(matrix);
  sizeColumns(sheet, new Map([['tbl_matrix', unitSpecs]]));
  const firstField = unitSpecs.length - fieldSpecs.length + 1;
  // The title over the first printed page only: the title columns and their share of the figures.
  const across = pagesAcross(sheet, 3);
  const row = titleBlock(
    sheet,
    `${L.summaryTitle} — ${L.summaryMatrix.toLocaleUpperCase(lang)}`,
    ctx,
    3 + Math.floor(fieldSpecs.length / across),
  );
  sheet.freeze = { rows: row, cols: 3 };
  matrix.row = row;
  const totalRow = row + units.length + 1;
  sheet.cells.push({ row: totalRow, col: 3, value: L.total, style: 'total' });
  fields.forEach((f, i) => {
    const fmt = formatFor(f);
    sheet.cells.push({
      row: totalRow,
      col: firstField + i,
      value: asNumber(rollup.totals[f.key]),
      style: 'total',
      ...(fmt ? { numberFormat: fmt } : {}),
    });
  });
  // Under the total, the khối subtotals in the same columns (the same field descriptors), so a
  // field's subtotal always sits under its heading, and the heading printed on every page serves both.
  let row2 = totalRow + 1;
  sheet.cells.push({ row: row2++, col: 3, value: L.inWhich, style: 'subtotal' });
  for (const g of rollup.groups) {
    sheet.cells.push({
      row: row2,
      col: 3,
      value: L.groupLine(
        L.groups[g.group],
        String(g.completeness.submitted),
        String(g.completeness.expected),
      ),
      style: 'subtotal',
    });
    fields.forEach((f, i) => {
      const fmt = fieldSpecs[i]!.format;
      sheet.cells.push({
        row: row2,
        col: firstField + i,
        value: asNumber(g.totals[f.key]),
        style: 'subtotal',
        ...(fmt ? { numberFormat: fmt } : {}),
      });
    });
    row2++;
  }
  printSetup(sheet, lang, matrix.row, 3, across);
  return sheet;
}

function completenessSheet(rollup: Rollup, ctx: SummaryContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const sheet = emptySheet(safeSheetName(L.summaryCompleteness), 'summary');
  const groupSpecs: ColumnSpec[] = [
    { header: L.group, wrapAt: 34 },
    ...[L.expected, L.onTime, L.late, L.missing].map((header) => ({
      header,
      format: NUMBER_FORMATS.integer,
      min: 9,
    })),
  ];
  const groupTable = table(
    'tbl_completeness_groups',
    0,
    3,
    groupSpecs,
    rollup.groups.map((g) => [
      L.groups[g.group],
      g.completeness.expected,
      g.completeness.onTime,
      g.completeness.late,
      g.completeness.missing.length,
    ]),
  );
  const byUnit = new Map(rollup.units.map((u) => [u.unitId, u]));
  const names = new Map(rollup.groups.flatMap((g) => g.units.map((id) => [id, g] as const)));
  // Units that have not reported come first, each with its name and group: the list to chase.
  const everyone = rollup.groups.flatMap((g) => g.units);
  const ordered = [...everyone.filter((id) => !byUnit.has(id)), ...everyone.filter((id) => byUnit.has(id))];
  const unitSpecs: ColumnSpec[] = [
    ...unitColumns(L),
    { header: L.group, wrapAt: 16 },
    { header: L.status },
    { header: L.receivedAt },
    // Small whole numbers with no format of their own sit centred (finish.ts).
    { header: L.revision, min: 8 },
    // Each unit's template version (reports of several versions roll up by key).
    { header: L.templateVersion, min: 10 },
    { header: L.review, wrapAt: 14 },
    { header: L.note, wrapAt: 40, min: 20 },
  ];
  const unitRows: CellValue[][] = ordered.map((unitId, i) => {
    const u = byUnit.get(unitId);
    return [
      i + 1,
      unitId,
      u?.name ?? rollup.unitNames?.[unitId] ?? unitId,
      L.groups[names.get(unitId)!.group],
      u ? (u.onTime ? L.onTime : L.late) : L.missing,
      u ? formatLocalDateTime(u.receivedAt, ctx.campaign.timeZone) : null,
      u?.revision ?? null,
      u?.templateVersion ?? null,
      u ? L.reviewStates[u.review.state] : null,
      u?.review.comment ?? null,
    ];
  });
  const units = table('tbl_completeness_units', 0, 1, unitSpecs, unitRows);
  sheet.tables.push(groupTable, units);
  sizeColumns(
    sheet,
    new Map([
      ['tbl_completeness_groups', groupSpecs],
      ['tbl_completeness_units', unitSpecs],
    ]),
  );
  let row = titleBlock(sheet, `${L.summaryTitle} — ${L.summaryCompleteness.toLocaleUpperCase(lang)}`, ctx);
  groupTable.row = row;
  // The chart sits to the right of the tables, so the list follows the group table without a gap.
  sheet.charts.push({
    type: 'columnStacked',
    title: L.completenessByGroup,
    table: groupTable.name,
    seriesColumns: [2, 3, 4],
    anchor: { row, col: unitSpecs.length + 2 },
    size: { width: 520, height: 300 },
  });
  row += rollup.groups.length + 3;
  units.row = row;
  printSetup(sheet, lang, row);
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
      const specs: ColumnSpec[] = [
        ...unitColumns(L),
        ...t.columns.map((c) => {
          const format = numberFormatFor(c.type);
          return {
            header: localize(c.label, lang),
            ...(format ? { format } : {}),
            ...(c.type === 'longtext'
              ? { wrapAt: 70, min: 40 }
              : c.type === 'text'
                ? { wrapAt: 36 }
                : c.type === 'choice'
                  ? { wrapAt: 20 }
                  : {}),
          };
        }),
      ];
      // A grouped table (the proposed awards by form) lists its rows choice by choice.
      const groups = t.groupBy !== undefined ? rowsByGroup(t, rollup.tableRows[t.key] ?? []) : undefined;
      const rows = groups ? groups.flatMap((g) => g.rows) : (rollup.tableRows[t.key] ?? []);
      const list = table(
        `tbl_list_${t.key}`,
        0,
        1,
        specs,
        rows.map((r, i) => [
          i + 1,
          r.unitId,
          names.get(r.unitId) ?? r.unitId,
          ...t.columns.map((c) => toCellValue({ ...c, required: false }, r[c.key], lang)),
        ]),
      );
      sheet.tables.push(list);
      const specsOf = new Map([[list.name, specs]]);
      // Under the list, the count per choice of the grouping column (every choice, 0 included) and the total.
      const groupColumn = t.columns.find((c) => c.key === t.groupBy);
      let counts: TableModel | undefined;
      if (groups && groupColumn) {
        const countSpecs: ColumnSpec[] = [
          { header: L.number, min: 5 },
          { header: localize(groupColumn.label, lang), wrapAt: 40 },
          { header: L.count, format: NUMBER_FORMATS.integer, min: 10 },
        ];
        counts = table(`tbl_counts_${t.key}`, 0, 1, countSpecs, [
          ...groups.map((g, i) => [i + 1, g.label ? localize(g.label, lang) : g.value, g.rows.length]),
          [null, L.total, rows.length],
        ]);
        sheet.tables.push(counts);
        specsOf.set(counts.name, countSpecs);
      }
      sizeColumns(sheet, specsOf);
      list.row = titleBlock(sheet, localize(t.title, lang).toLocaleUpperCase(lang), ctx);
      if (counts && groupColumn) {
        const captionRow = list.row + rows.length + 3;
        sheet.cells.push({
          row: captionRow,
          col: 1,
          value: L.countBy(localize(groupColumn.label, lang)),
          style: 'headerLabel',
        });
        sheet.merges.push(rangeRef(captionRow, 1, captionRow, 3));
        counts.row = captionRow + 1;
      }
      printSetup(sheet, lang, list.row);
      return sheet;
    });
}

/** The reports' free texts (highlights, difficulties, proposals …), field by field, each with its unit. */
function textsSheet(rollup: Rollup, ctx: SummaryContext): SheetModel | undefined {
  const lang = ctx.lang ?? 'vi';
  const L = sheetLabels(lang);
  const textFields = rollup.fields.filter((f) => f.rollup === 'list');
  if (textFields.length === 0) return undefined;
  const sheet = emptySheet(safeSheetName(L.summaryTexts), 'summary');
  const rows: CellValue[][] = [];
  // Each unit by id (the first with that id, as a search would find it), not a search per text.
  const byId = new Map<string, Rollup['units'][number]>();
  for (const u of rollup.units) if (!byId.has(u.unitId)) byId.set(u.unitId, u);
  for (const f of textFields) {
    const entries = rollup.totals[f.key];
    if (!Array.isArray(entries)) continue;
    for (const e of entries) {
      const u = byId.get(e.unitId);
      rows.push([
        rows.length + 1,
        localize(f.label, lang),
        e.unitId,
        u?.name ?? e.unitId,
        typeof e.value === 'string' ? e.value : String(e.value),
      ]);
    }
  }
  const specs: ColumnSpec[] = [
    { header: L.number, min: 5 },
    { header: L.topic, wrapAt: 28 },
    { header: L.unitCode },
    { header: L.unitName, wrapAt: 30 },
    { header: L.content, format: NUMBER_FORMATS.text, wrapAt: 90, min: 60 },
  ];
  const texts = table('tbl_texts', 0, 1, specs, rows);
  sheet.tables.push(texts);
  sizeColumns(sheet, new Map([[texts.name, specs]]));
  texts.row = titleBlock(sheet, L.summaryTexts.toLocaleUpperCase(lang), ctx);
  printSetup(sheet, lang, texts.row);
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
