/**
 * ExcelJS, loaded on first use: it is most of the function app's start-up time (~300 ms), and only
 * the `.xlsx` routes need it.
 */
import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

export function loadExcelJS(): typeof ExcelJS {
  loaded ??= require('exceljs') as typeof ExcelJS;
  return loaded;
}
