/**
 * ExcelJS, loaded on first use: it is most of the function app's start-up time (~300 ms), and only
 * the `.xlsx` routes need it.
 */
import type ExcelJS from 'exceljs';
import type { CellValue } from '../../../shared/src';

let loaded: typeof ExcelJS | undefined;

export function loadExcelJS(): typeof ExcelJS {
  loaded ??= require('exceljs') as typeof ExcelJS;
  return loaded;
}

/** An ExcelJS cell value as a plain value: rich text → text, formula → its cached result, error → its code. */
export function plainCellValue(value: ExcelJS.CellValue | undefined): CellValue | Date | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return plainCellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    if ('hyperlink' in value) return plainCellValue((value as ExcelJS.CellHyperlinkValue).text);
  }
  return String(value);
}
