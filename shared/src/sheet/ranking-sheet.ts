/**
 * The yearly ranking (bình xét thi đua, ranking.ts) → the “Xếp hạng thi đua” sheet model: per cluster, each
 * unit's score on every criterion (the header gives its points), the total and the rank; under the table,
 * the standing office's reasons for the scores it gave by hand. Pure (docs/architecture.md, "The sheet model").
 */
import { catalogue } from '../i18n/catalogue';
import { formatDateVi } from '../periods';
import type { RankedUnit } from '../ranking';
import { UNIT_GROUPS, type Campaign, type Language, type UnitGroup } from '../schemas';
import { localize } from '../text';
import { rangeRef, safeSheetName } from './cells';
import { emptySheet, type CellModel, type SheetModel } from './model';

export interface RankingSheetContext {
  campaign: Pick<Campaign, 'name'>;
  year: number;
  /** Periods due up to this ISO date were counted. */
  until: string;
  lang?: Language;
}

const HEADER_ROW = 5;
const FIRST_CRITERION_COL = 3;

/** A cluster as users read it: a unit group's name (units without a cluster rank in their group), else as written. */
export function clusterLabel(cluster: string, lang: Language = 'vi'): string {
  return (UNIT_GROUPS as readonly string[]).includes(cluster)
    ? catalogue(lang).labels.groups[cluster as UnitGroup]
    : cluster;
}

export function buildRankingSheet(units: readonly RankedUnit[], ctx: RankingSheetContext): SheetModel {
  const lang = ctx.lang ?? 'vi';
  const t = catalogue(lang).ranking;
  const L = catalogue(lang).labels;
  const sheet = emptySheet(safeSheetName(t.sheetName), 'summary');
  const put = (row: number, col: number, value: CellModel['value'], style?: CellModel['style']) =>
    sheet.cells.push({ row, col, value, ...(style ? { style } : {}) });
  const criteria = units[0]?.criteria ?? [];
  const totalCol = FIRST_CRITERION_COL + criteria.length;
  const rankCol = totalCol + 1;

  put(1, 1, t.sheetTitle(ctx.year), 'title');
  put(2, 1, localize(ctx.campaign.name, lang), 'subtitle');
  put(3, 1, t.asOf(formatDateVi(ctx.until)), 'centeredItalic');
  for (const r of [1, 2, 3]) sheet.merges.push(rangeRef(r, 1, r, rankCol));

  put(HEADER_ROW, 1, L.number, 'columnHeader');
  put(HEADER_ROW, 2, t.unit, 'columnHeader');
  criteria.forEach((c, i) =>
    put(HEADER_ROW, FIRST_CRITERION_COL + i, t.criterion(localize(c.label, lang), c.points), 'columnHeader'),
  );
  put(HEADER_ROW, totalCol, t.total, 'columnHeader');
  put(HEADER_ROW, rankCol, t.rank, 'columnHeader');

  const clusterName = (cluster: string) => clusterLabel(cluster, lang);
  let row = HEADER_ROW + 1;
  let cluster: string | undefined;
  let n = 0;
  for (const u of units) {
    if (u.cluster !== cluster) {
      cluster = u.cluster;
      put(row, 1, clusterName(cluster), 'sectionHeader');
      sheet.merges.push(rangeRef(row, 1, row, rankCol));
      row++;
    }
    put(row, 1, ++n, 'label');
    put(row, 2, u.name, 'label');
    u.criteria.forEach((c, i) => put(row, FIRST_CRITERION_COL + i, c.score, 'status'));
    put(row, totalCol, u.score, 'status');
    put(row, rankCol, u.rank, 'status');
    row++;
  }

  // The reasons of the hand scores, one line each.
  row++;
  const reasons = units.flatMap((u) =>
    u.criteria
      .filter((c) => c.reason !== undefined)
      .map((c) => t.reasonLine(u.name, localize(c.label, lang), c.score, c.reason!, c.by ?? '')),
  );
  sheet.page = { orientation: rankCol > 7 ? 'landscape' : 'portrait', fitToWidth: 1 };
  sheet.page.keepWithNext = [{ row, next: Math.min(3, Math.max(1, reasons.length)) }];
  put(row, 1, t.reasonsTitle, 'sectionHeader');
  sheet.merges.push(rangeRef(row, 1, row, rankCol));
  row++;
  if (reasons.length === 0) put(row++, 1, t.noReasons, 'note');
  for (const line of reasons) {
    put(row, 1, line, 'note');
    sheet.merges.push(rangeRef(row, 1, row, rankCol));
    row++;
  }

  sheet.columns = [
    { width: 5 },
    { width: 42 },
    ...criteria.map(() => ({ width: 14 })),
    { width: 11 },
    { width: 10 },
  ];
  sheet.freeze = { rows: HEADER_ROW, cols: 2 };
  sheet.tabColor = '#C00000';
  sheet.page = {
    ...sheet.page,
    titleRows: [HEADER_ROW, HEADER_ROW],
    footer: `${L.page} &P/&N`,
  };
  return sheet;
}
