/**
 * The standing office's progress → the “Tiến độ” sheet model: every reporting unit (by group) × the
 * periods of the range, each cell the unit's state as a short word coloured by a conditional format
 * (“Cell Value equal to”, so the colour follows the word if the sheet is sorted or edited), the counts
 * per period under the matrix, the periods' labels and due dates, and the overdue units with their
 * contacts. Pure (docs/architecture.md, "The sheet model").
 */
import { catalogue } from '../i18n/catalogue';
import { formatDateVi, formatLocalDateTime } from '../periods';
import { overdueUnits, type PeriodCounts, type Progress, type ProgressCellState } from '../progress';
import type { Campaign, Language, Period, UnitGroup } from '../schemas';
import { localize } from '../text';
import { rangeRef, safeSheetName } from './cells';
import { emptySheet, type CellModel, type ConditionalLookName, type SheetModel } from './model';

export interface ProgressSheetContext {
  campaign: Pick<Campaign, 'name' | 'timeZone'>;
  /** The campaign's periods (labels and due dates of those in the progress). */
  periods: readonly Pick<Period, 'id' | 'label' | 'due'>[];
  /** The instant the states were computed at (the server's `now`). */
  now: string;
  lang?: Language;
}

/** The colour of each state (looks.ts CONDITIONAL_LOOKS). */
export const STATE_LOOKS: Record<ProgressCellState, ConditionalLookName> = {
  accepted: 'good',
  submitted: 'neutral',
  returned: 'warning',
  overdue: 'bad',
  open: 'info',
  upcoming: 'muted',
};

const COUNT_ROWS: (keyof PeriodCounts)[] = [
  'expected',
  'submitted',
  'onTime',
  'late',
  'pending',
  'returned',
  'accepted',
  'missing',
  'notDue',
];

/** Where the matrix starts: the column header row. */
const HEADER_ROW = 5;
const FIRST_PERIOD_COL = 3;

export function buildProgressSheet(progress: Progress, ctx: ProgressSheetContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const t = catalogue(lang).progress;
  const L = catalogue(lang).labels;
  const sheet = emptySheet(safeSheetName(t.sheetName), 'summary');
  const cells = sheet.cells;
  const put = (row: number, col: number, value: CellModel['value'], style?: CellModel['style']) =>
    cells.push({ row, col, value, ...(style ? { style } : {}) });
  const lastCol = Math.max(FIRST_PERIOD_COL, FIRST_PERIOD_COL + progress.periods.length - 1);
  const [date, time] = formatLocalDateTime(ctx.now, ctx.campaign.timeZone).split(' ') as [string, string];

  put(1, 1, t.sheetTitle, 'title');
  put(2, 1, localize(ctx.campaign.name, lang), 'subtitle');
  put(3, 1, L.dataAsOf(time, date), 'centeredItalic');
  for (const r of [1, 2, 3]) sheet.merges.push(rangeRef(r, 1, r, lastCol));

  put(HEADER_ROW, 1, L.number, 'columnHeader');
  put(HEADER_ROW, 2, t.unit, 'columnHeader');
  progress.periods.forEach((id, i) => put(HEADER_ROW, FIRST_PERIOD_COL + i, id, 'columnHeader'));

  // Units by group, the groups in the order the registry first names them.
  const groups: UnitGroup[] = [];
  for (const u of progress.units) if (!groups.includes(u.group)) groups.push(u.group);
  let row = HEADER_ROW + 1;
  const firstUnitRow = row;
  let n = 0;
  for (const group of groups) {
    put(row, 1, L.groups[group], 'sectionHeader');
    sheet.merges.push(rangeRef(row, 1, row, lastCol));
    row++;
    for (const u of progress.units.filter((x) => x.group === group)) {
      put(row, 1, ++n, 'label');
      put(row, 2, u.name, 'label');
      progress.periods.forEach((id, i) => {
        const cell = u.cells[id];
        put(row, FIRST_PERIOD_COL + i, cell ? t.cellStates[cell.state] : '—', 'status');
      });
      row++;
    }
  }
  const lastUnitRow = row - 1;
  if (progress.periods.length && lastUnitRow >= firstUnitRow) {
    const ref = rangeRef(firstUnitRow, FIRST_PERIOD_COL, lastUnitRow, lastCol);
    for (const [state, look] of Object.entries(STATE_LOOKS) as [ProgressCellState, ConditionalLookName][])
      (sheet.conditionalFormats ??= []).push({ ref, equals: t.cellStates[state], look });
  }

  // The counts per period, printed on one page with their title.
  row++;
  const keep: { row: number; next: number }[] = [{ row, next: COUNT_ROWS.length }];
  put(row, 1, t.countsTitle, 'sectionHeader');
  sheet.merges.push(rangeRef(row, 1, row, lastCol));
  row++;
  for (const key of COUNT_ROWS) {
    put(row, 1, null, 'label');
    put(row, 2, t.counts[key], 'label');
    progress.periods.forEach((id, i) =>
      put(row, FIRST_PERIOD_COL + i, progress.counts[id]?.[key] ?? 0, 'status'),
    );
    row++;
  }

  // The periods' labels and due dates.
  row++;
  keep.push({ row, next: progress.periods.length });
  put(row++, 1, t.legendTitle, 'headerLabel');
  for (const id of progress.periods) {
    const p = ctx.periods.find((x) => x.id === id);
    put(row++, 1, t.legendLine(id, localize(p?.label, lang) || id, p ? formatDateVi(p.due) : ''), 'note');
  }

  // The overdue units with their contacts.
  const late = overdueUnits(progress, ctx.periods, new Date(ctx.now), ctx.campaign.timeZone);
  row++;
  keep.push({ row, next: Math.min(3, Math.max(1, late.length)) });
  put(row, 1, `${t.overdueSheetTitle} (${late.length})`, 'sectionHeader');
  sheet.merges.push(rangeRef(row, 1, row, lastCol));
  row++;
  if (late.length === 0) put(row++, 1, t.noneOverdue, 'note');
  late.forEach((u, i) => {
    put(row, 1, i + 1, 'label');
    put(row, 2, u.name, 'label');
    const lines = [
      u.periods.map((p) => t.overdueItem(p.periodId, p.daysLate)).join('; '),
      `${t.contact}: ${u.contact ?? t.noContact}${u.email ? ` · ${u.email}` : ''}`,
    ];
    put(row, FIRST_PERIOD_COL, lines.join('\n'), 'label');
    for (let c = FIRST_PERIOD_COL + 1; c <= lastCol; c++) put(row, c, null, 'label');
    if (lastCol > FIRST_PERIOD_COL) sheet.merges.push(rangeRef(row, FIRST_PERIOD_COL, row, lastCol));
    row++;
  });

  const periodWidth = Math.max(10, ...Object.values(t.cellStates).map((w) => [...w].length + 2));
  sheet.columns = [
    { width: 5 },
    { width: 42 },
    ...Array.from({ length: lastCol - FIRST_PERIOD_COL + 1 }, () => ({ width: periodWidth })),
  ];
  sheet.freeze = { rows: HEADER_ROW, cols: 2 };
  sheet.tabColor = '#C00000';
  sheet.page = {
    orientation: lastCol > 8 ? 'landscape' : 'portrait',
    fitToWidth: 1,
    titleRows: [HEADER_ROW, HEADER_ROW],
    footer: `${L.page} &P/&N`,
    keepWithNext: keep,
  };
  return sheet;
}
