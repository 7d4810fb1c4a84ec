/**
 * The campaign workbook's sheets as sheet models, styled like the template definition workbook's:
 * one Excel table per sheet from A1, the header row frozen, columns sized, each sheet its tab colour.
 * The `units` sheet is the registry's own model (registry-sheets.ts). The xlsx writer and the add-in
 * render them. Pure.
 */
import { sheetLabels } from '../i18n/labels';
import { unitsSheetModel } from '../registry-sheets';
import { fitColumnWidth } from '../sheet/measure';
import { emptySheet, type CellValue, type SheetModel } from '../sheet/model';
import { CAMPAIGN_COLUMNS, type CampaignDefinition } from './format';
import { campaignToSheets } from './write';

const WIDTHS: Record<string, number> = {
  key: 20,
  value: 62,
  detail: 62,
  year: 8,
  slot: 8,
  kind: 10,
  'label::vi': 40,
  'label::en': 34,
  due: 12,
  template_kind: 14,
  locked: 12,
  window_from: 13,
  window_to: 12,
};

/** Each sheet prints one page wide, landscape, its header row on every page. */
const PAGE = {
  orientation: 'landscape',
  fitToWidth: 1,
  titleRows: [1, 1],
  footer: `${sheetLabels('vi').page} &P/&N`,
} as const satisfies SheetModel['page'];

/** Text columns stay text whatever the locale: ids, `06-15`, dates written yyyy-mm-dd. */
const TEXT_COLUMNS = new Set(['value', 'slot', 'due', 'window_from', 'window_to']);

function listSheet(name: 'settings' | 'calendar', rows: CellValue[][], tabColor: string): SheetModel {
  const header = [...CAMPAIGN_COLUMNS[name]] as string[];
  const sheet = emptySheet(name, 'summary');
  sheet.columns = header.map((h) => ({ width: WIDTHS[h] ?? 14 }));
  sheet.tables.push({
    name: `camp_${name}`,
    row: 1,
    col: 1,
    header,
    rows: rows.slice(1).map((r) => header.map((_, i) => r[i] ?? null)),
    style: 'TableStyleMedium2',
    numberFormats: header.map((h) => (TEXT_COLUMNS.has(h) ? '@' : undefined)),
  });
  sheet.freeze = { rows: 1, cols: 0 };
  sheet.tabColor = tabColor;
  sheet.page = {
    orientation: 'landscape',
    fitToWidth: 1,
    titleRows: [1, 1],
    footer: `${sheetLabels('vi').page} &P/&N`,
  };
  return sheet;
}

/** The campaign workbook of a campaign: settings, calendar, units. */
export function campaignSheetModels(def: CampaignDefinition): SheetModel[] {
  const sheets = campaignToSheets(def);
  const units = unitsSheetModel(def.units);
  units.tabColor = '#548235';
  // Codes never wrap: the id and parent columns as wide as their longest code.
  const table = units.tables[0]!;
  for (const col of ['id', 'parent_id']) {
    const i = table.header.indexOf(col);
    if (i < 0) continue;
    const codes = table.rows.map((r) => String(r[i] ?? ''));
    units.columns[i] = {
      width: Math.max(units.columns[i]?.width ?? 12, fitColumnWidth(col, codes, { max: 44 })),
    };
  }
  units.page = { ...PAGE, titleRows: [1, 1] };
  return [
    listSheet('settings', sheets.settings, '#7F7F7F'),
    listSheet('calendar', sheets.calendar, '#2F5597'),
    units,
  ];
}
