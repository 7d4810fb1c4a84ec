/**
 * Fills a downloaded template workbook the way a clerk does in Excel (for the demo): each value
 * goes into its input cell, table rows under the table headers, as Excel would hold them (dates
 * as serial numbers, choices as their Vietnamese words). The cells are found through the same
 * sheet model bindings the reader uses.
 */
import ExcelJS from 'exceljs';
import {
  buildTemplateSheet,
  toCellValue,
  type Campaign,
  type FieldValue,
  type TableRow,
  type Template,
} from '../../shared/src';

export async function fillTemplateWorkbook(
  bytes: Uint8Array,
  template: Template,
  campaign: Pick<Campaign, 'id' | 'name' | 'organisation' | 'mottos'>,
  report: { values: Record<string, FieldValue>; tables: Record<string, TableRow[]> },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  const ws = wb.worksheets[0]!;
  const fields = new Map(template.sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
  for (const b of buildTemplateSheet(template, { campaign }).bindings) {
    if (b.kind === 'field') {
      const f = fields.get(b.key);
      const value = report.values[b.key];
      if (f && value !== undefined) ws.getCell(b.row, b.col).value = toCellValue(f, value);
    } else if (b.kind === 'table') {
      const table = template.tables.find((t) => t.key === b.key)!;
      (report.tables[b.key] ?? []).slice(0, b.rows).forEach((row, r) =>
        b.columns.forEach((key, c) => {
          const column = table.columns.find((x) => x.key === key)!;
          if (row[key] !== undefined) ws.getCell(b.row + r, b.col + c).value = toCellValue(column, row[key]);
        }),
      );
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
