/**
 * The definition workbook's sheets as sheet models, styled: one Excel table per sheet from A1, the
 * header row frozen, columns sized, each sheet its tab colour. The xlsx writer and the add-in render
 * them. Pure.
 */
import type { Template } from '../schemas';
import { canonicalHeader, cellText, isBlankCell } from '../sheet/grid';
import { emptySheet, type SheetModel } from '../sheet/model';
import { uniqueHeaders } from '../sheet/template-sheet';
import {
  DEFINITION_COLUMNS,
  DEFINITION_SHEET_NAMES,
  type DefinitionSheetName,
  type DefinitionSheets,
} from './format';
import { templateToDefinition } from './write';

const COLUMN_WIDTHS: Record<string, number> = {
  key: 26,
  value: 60,
  section: 20,
  table: 18,
  column: 18,
  id: 26,
  type: 10,
  required: 10,
  retired: 9,
  table_retired: 9,
  min: 9,
  max: 9,
  max_length: 11,
  max_rows: 10,
  rollup: 9,
  weight: 22,
  table_rollup: 12,
  table_group_by: 16,
  choices: 40,
  check: 40,
  when: 26,
  field: 22,
};
const wideText = /::(vi|en)$/;
const TAB_COLORS: Record<DefinitionSheetName, string> = {
  settings: '#7F7F7F',
  fields: '#2F5597',
  tables: '#548235',
  rules: '#C55A11',
};

/**
 * Rows of the definition workbook (possibly edited, even invalid) as sheet models: one Excel table
 * per sheet from A1, header styled, header row frozen. The xlsx writer and the add-in render them.
 */
export function definitionSheetModelsFromSheets(sheets: Partial<DefinitionSheets>): SheetModel[] {
  return DEFINITION_SHEET_NAMES.map((name) => {
    const rows = (sheets[name] ?? []).filter((r) => r.some((c) => !isBlankCell(c)));
    const headerCells = rows[0] ?? [...DEFINITION_COLUMNS[name]];
    let width = headerCells.length;
    while (width > 0 && isBlankCell(headerCells[width - 1])) width--;
    const body = rows.slice(1);
    for (const r of body) {
      for (let i = r.length - 1; i >= width; i--)
        if (!isBlankCell(r[i])) {
          width = i + 1;
          break;
        }
    }
    const header = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(headerCells[i] ?? null)));
    const sheet = emptySheet(name, 'summary');
    sheet.columns = header.map((h) => {
      const canon = canonicalHeader(h);
      return { width: COLUMN_WIDTHS[canon] ?? (wideText.test(canon) ? 36 : 14) };
    });
    sheet.tables.push({
      name: `def_${name}`,
      row: 1,
      col: 1,
      header,
      rows: body.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)),
      style: 'TableStyleMedium2',
    });
    sheet.freeze = { rows: 1, cols: 0 };
    sheet.tabColor = TAB_COLORS[name];
    return sheet;
  });
}

/** The definition workbook of a template, as sheet models (see {@link definitionSheetModelsFromSheets}). */
export function definitionSheetModels(template: Template): SheetModel[] {
  return definitionSheetModelsFromSheets(templateToDefinition(template));
}
