/**
 * “Mẫu báo cáo tự do”: a one-page province summary made of BAOCAO.* formulas (docs/architecture.md,
 * "Custom functions"), inserted from the Tổng hợp tab as an example a reviewer copies to make their own
 * layouts. The period is a cell the formulas point at; change it and every figure follows. Nothing on the
 * sheet is a stored figure: the formulas fetch them (and a program without the add-in shows errors there).
 */
import { sheetLabels } from '../i18n/labels';
import { joinedDefinitions, type RollupField } from '../rollup';
import type { Campaign, Language, Period, Template, Unit, UnitGroup } from '../schemas';
import { localize } from '../text';
import { NUMBER_FORMATS, rangeRef, safeSheetName } from './cells';
import { emptySheet, type CellModel, type SheetModel } from './model';

export interface FreeReportInput {
  campaign: Pick<Campaign, 'name' | 'organisation'>;
  period: Pick<Period, 'id'>;
  /** The period's fields with a numeric roll-up (joinedDefinitions of its template), in the template's order. */
  fields: readonly RollupField[];
  units: readonly Unit[];
  lang?: Language;
}

const LAST_COL = 6;

const NUMERIC = new Set(['sum', 'avg', 'min', 'max', 'count']);

/** The fields the sheet lists: a period's current fields that total to a number, in the template's order. */
export function freeReportFields(templates: readonly Template[], period: Pick<Period, 'templateKind'>) {
  return joinedDefinitions(templates.filter((t) => t.kind === period.templateKind)).fields.filter(
    (f) => !f.retired && NUMERIC.has(f.rollup) && (f.rollup === 'count' || f.type !== 'text'),
  );
}

/** A formula's text argument: in double quotes, quotes doubled. */
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

export function buildFreeReportSheet(input: FreeReportInput): SheetModel {
  const lang = input.lang ?? 'vi';
  const L = sheetLabels(lang);
  const F = L.freeReport;
  const sheet = emptySheet(safeSheetName(F.sheetName), 'summary');
  sheet.columns = [{ width: 6 }, { width: 50 }, { width: 13 }, { width: 13 }, { width: 12 }, { width: 12 }];
  const cells = sheet.cells;
  const put = (row: number, col: number, value: CellModel['value'], extra: Partial<CellModel> = {}) =>
    cells.push({ row, col, value, ...extra });
  const line = (row: number, value: string, style: CellModel['style'], height?: number) => {
    put(row, 1, value, { style, ...(style === 'hint' ? { wrap: true } : {}) });
    sheet.merges.push(rangeRef(row, 1, row, LAST_COL));
    if (height) (sheet.rowHeights ??= {})[row] = height;
  };
  const PERIOD = '$C$5';

  line(1, input.campaign.organisation.toLocaleUpperCase('vi'), 'subtitle');
  line(2, F.title, 'title');
  line(3, localize(input.campaign.name, lang), 'subtitle');
  put(5, 2, F.period, { style: 'headerLabel' });
  put(5, 3, input.period.id, { style: 'input', unlocked: true, numberFormat: NUMBER_FORMATS.text });
  line(6, F.hint, 'hint', 44);

  // I. Progress: one count per state, by the state's name (TIENDO without one spills the five in a row).
  let row = 8;
  line(row++, F.progress, 'sectionHeader');
  [L.expected, L.submitted, L.onTime, L.late, L.missing].forEach((state) => {
    put(row, 2, state, { style: 'label' });
    put(row, 3, null, {
      formula: `=BAOCAO.TIENDO(${PERIOD},${quoted(state)})`,
      style: 'label',
      numberFormat: NUMBER_FORMATS.integer,
    });
    row++;
  });
  row++;

  // II. Results: the total, the same period last year, the change.
  line(row++, F.results, 'sectionHeader');
  [L.number, L.indicator, L.total, L.sameTimeLastYear, L.change, L.changePercent].forEach((h, i) =>
    put(row, 1 + i, h, { style: 'columnHeader', wrap: true }),
  );
  row++;
  const integer = NUMBER_FORMATS.integer;
  input.fields.forEach((f, i) => {
    const key = quoted(f.key);
    put(row, 1, i + 1, { style: 'label' });
    put(row, 2, localize(f.label, lang), { style: 'label', wrap: true });
    put(row, 3, null, { formula: `=BAOCAO.TONG(${key},${PERIOD})`, style: 'label', numberFormat: integer });
    put(row, 4, null, { formula: `=BAOCAO.CUNGKY(${key},${PERIOD})`, style: 'label', numberFormat: integer });
    put(row, 5, null, { formula: `=IFERROR(C${row}-D${row},"")`, style: 'label', numberFormat: integer });
    put(row, 6, null, {
      formula: `=IFERROR(E${row}/D${row},"")`,
      style: 'label',
      numberFormat: NUMBER_FORMATS.percent,
    });
    row++;
  });
  row++;

  // III. By khối: the first field's total per group, by the group's name.
  const first = input.fields[0];
  const groups: UnitGroup[] = [];
  for (const u of input.units) if (u.reports && !groups.includes(u.group)) groups.push(u.group);
  if (first) {
    line(row++, F.byGroup, 'sectionHeader');
    put(row, 1, L.number, { style: 'columnHeader' });
    put(row, 2, F.field(localize(first.label, lang)), { style: 'columnHeader', wrap: true });
    put(row, 3, L.total, { style: 'columnHeader', wrap: true });
    put(row, 4, L.sameTimeLastYear, { style: 'columnHeader', wrap: true });
    row++;
    groups.forEach((g, i) => {
      const group = quoted(L.groups[g]);
      put(row, 1, i + 1, { style: 'label' });
      put(row, 2, L.groups[g], { style: 'label' });
      put(row, 3, null, {
        formula: `=BAOCAO.TONG(${quoted(first.key)},${PERIOD},${group})`,
        style: 'label',
        numberFormat: integer,
      });
      put(row, 4, null, {
        formula: `=BAOCAO.CUNGKY(${quoted(first.key)},${PERIOD},${group})`,
        style: 'label',
        numberFormat: integer,
      });
      row++;
    });
    row++;

    // IV. One unit: its state and its figure, for a unit typed in a cell.
    const unit = input.units.find((u) => u.reports);
    if (unit) {
      line(row++, F.oneUnit, 'sectionHeader');
      const unitRow = row;
      put(row, 2, F.unit, { style: 'headerLabel' });
      put(row, 3, unit.id, { style: 'input', unlocked: true, numberFormat: NUMBER_FORMATS.text });
      row++;
      put(row, 2, F.unitState, { style: 'label' });
      put(row, 3, null, { formula: `=BAOCAO.TRANGTHAI(${PERIOD},$C$${unitRow})`, style: 'label' });
      sheet.merges.push(rangeRef(row, 3, row, 4));
      row++;
      put(row, 2, localize(first.label, lang), { style: 'label', wrap: true });
      put(row, 3, null, {
        formula: `=BAOCAO.GIATRI(${quoted(first.key)},${PERIOD},$C$${unitRow})`,
        style: 'label',
        numberFormat: integer,
      });
      row++;
    }
  }

  sheet.page = {
    orientation: 'portrait',
    fitToWidth: 1,
    fitToHeight: 1,
    footer: `${L.page} &P/&N`,
  };
  return sheet;
}
