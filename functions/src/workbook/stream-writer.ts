/**
 * The streaming .xlsx renderer of the shared sheet models (docs/architecture.md, "The summary export"),
 * for workbooks too large for ExcelJS's in-memory model — the summary workbook of 10,000 units has
 * 600,000 cells, and ExcelJS keeps an object (and a style) per cell and the sheet's whole XML as one
 * string. Here each sheet's rows are written as XML, in order, straight into the zip's deflater
 * (xlsx/zip-writer.ts); text is written inline in its cell (no shared string table to hold), and each
 * distinct style once (xlsx/style-sheet.ts).
 *
 * Like xlsx-writer.ts it decides nothing: it draws what finishSheet (shared/src/sheet/finish.ts)
 * decided, the same way — values with their number formats, each area's look, merges, widths and
 * heights, tables, defined names, frozen panes, tab colour, protection and the page setup — and
 * test/workbook/renderer-parity.test.ts holds it to the gateway like the other renderer. Data
 * validations, conditional formats and notes (which the summary sheets do not have) it refuses
 * rather than drop; charts, like the other renderer, it does not write.
 */
import {
  cellRef,
  columnLetter,
  finishSheet,
  GENERAL,
  sheetLabels,
  xmlLegal,
  type CellValue,
  type FinishedSheet,
  type FinishedTable,
  type SheetModel,
  type StyledArea,
} from '../../../shared/src';
import { StyleSheet, type LookIds } from './xlsx/style-sheet';
import { xmlAttr, xmlText } from './xlsx/xml-text';
import { ZipWriter, type ZipEntry } from './xlsx/zip-writer';
import { absoluteRef, fileText, type RenderOptions } from './xlsx-writer';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Where a sheet's tables are numbered from, and the rels they need. */
interface SheetParts {
  sheet: FinishedSheet;
  tableIds: number[];
}

/** The last row and column anything is written to (the sheet's `<dimension>`). */
function extent(s: FinishedSheet): { rows: number; cols: number } {
  let rows = 1;
  let cols = Math.max(1, s.columns.length);
  for (const c of s.cells) {
    rows = Math.max(rows, c.row);
    cols = Math.max(cols, c.col);
  }
  for (const t of s.tables) {
    rows = Math.max(rows, t.lastRow);
    cols = Math.max(cols, t.lastCol);
  }
  for (const a of s.areas) {
    rows = Math.max(rows, a.bottom);
    cols = Math.max(cols, a.right);
  }
  return { rows, cols };
}

function valueXml(ref: string, style: number, value: CellValue, formula: string | undefined): string {
  const s = style ? ` s="${style}"` : '';
  if (formula !== undefined) return `<c r="${ref}"${s}><f>${xmlText(formula.slice(1))}</f></c>`;
  if (value === null) return `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = fileText(value);
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** `<sheetData>`, row by row: the cells, tables and areas of each row gathered as the row is reached. */
async function writeRows(
  out: ZipEntry,
  s: FinishedSheet,
  styles: StyleSheet,
  size: { rows: number; cols: number },
) {
  const letters = Array.from({ length: size.cols + 1 }, (_, i) => (i ? columnLetter(i) : ''));
  const cellsByRow = new Map<number, FinishedSheet['cells']>();
  for (const c of s.cells) {
    const list = cellsByRow.get(c.row);
    if (list) list.push(c);
    else cellsByRow.set(c.row, [c]);
  }
  // Areas in their order; those over the current row are kept in `active`, still in that order.
  const byTop = s.areas.map((a, i) => ({ a, i })).sort((x, y) => x.a.top - y.a.top || x.i - y.i);
  let nextArea = 0;
  let active: { a: StyledArea; i: number; ids: LookIds }[] = [];
  // One row's cells, reused: value, formula, number format and the style parts set so far.
  const n = size.cols + 1;
  const touched = new Uint8Array(n);
  const values: CellValue[] = new Array<CellValue>(n).fill(null);
  const formulas: (string | undefined)[] = new Array<string | undefined>(n);
  const formats: string[] = new Array<string>(n).fill(GENERAL);
  const font = new Int32Array(n);
  const fill = new Int32Array(n);
  const border = new Int32Array(n);
  const alignment = new Int32Array(n);
  const unlocked = new Uint8Array(n);
  const heights = s.rowHeights;

  await out.write('<sheetData>');
  for (let r = 1; r <= size.rows; r++) {
    touched.fill(0);
    let any = false;
    const touch = (k: number) => {
      if (touched[k]) return;
      touched[k] = 1;
      any = true;
      values[k] = null;
      formulas[k] = undefined;
      formats[k] = GENERAL;
      font[k] = 0;
      fill[k] = 0;
      border[k] = 0;
      alignment[k] = 0;
      unlocked[k] = 0;
    };
    // Tables first, then cells over them (the order xlsx-writer.ts writes them in).
    for (const t of s.tables) tableRow(t, r, touch, values, formats);
    for (const c of cellsByRow.get(r) ?? []) {
      touch(c.col);
      values[c.col] = c.value;
      formulas[c.col] = c.formula;
      if (c.numberFormat !== GENERAL) formats[c.col] = c.numberFormat;
    }
    // The looks of the areas over this row, in order.
    let added = false;
    while (nextArea < byTop.length && byTop[nextArea]!.a.top <= r) {
      const { a, i } = byTop[nextArea++]!;
      active.push({ a, i, ids: styles.look(a.look) });
      added = true;
    }
    if (added) active.sort((x, y) => x.i - y.i);
    if (active.some((x) => x.a.bottom < r)) active = active.filter((x) => x.a.bottom >= r);
    for (const { a, ids } of active)
      for (let k = a.left; k <= a.right; k++) {
        touch(k);
        font[k] = ids.font;
        if (ids.fill >= 0) fill[k] = ids.fill;
        if (ids.border >= 0) border[k] = ids.border;
        if (ids.alignment >= 0) alignment[k] = ids.alignment;
        if (!a.locked) unlocked[k] = 1;
      }
    const height = heights[r];
    if (!any && height === undefined) continue;
    let xml = `<row r="${r}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ''}>`;
    for (let k = 1; k < n; k++) {
      if (!touched[k]) continue;
      const style = styles.xf(formats[k]!, font[k]!, fill[k]!, border[k]!, alignment[k]!, unlocked[k] === 1);
      if (style === 0 && values[k] === null && formulas[k] === undefined) continue;
      xml += valueXml(`${letters[k]}${r}`, style, values[k]!, formulas[k]);
    }
    await out.write(`${xml}</row>`);
  }
  await out.write('</sheetData>');
}

/** A table's header or body cells in row `r`, if the table covers it. */
function tableRow(
  t: FinishedTable,
  r: number,
  touch: (k: number) => void,
  values: CellValue[],
  formats: string[],
) {
  if (r < t.row || r > t.lastRow) return;
  if (r === t.row) {
    t.header.forEach((h, ci) => {
      touch(t.col + ci);
      values[t.col + ci] = h;
    });
    return;
  }
  const row = t.rows[r - t.row - 1]!;
  const fmts = t.numberFormats[r - t.row - 1]!;
  for (let ci = 0; ci < row.length; ci++) {
    const k = t.col + ci;
    touch(k);
    values[k] = row[ci]!;
    if (fmts[ci] !== GENERAL) formats[k] = fmts[ci]!;
  }
}

async function writeSheet(out: ZipEntry, parts: SheetParts, styles: StyleSheet) {
  const s = parts.sheet;
  if (s.validations.length || s.conditionalFormats.length || s.notes.length)
    throw new Error(
      `stream writer: sheet ${s.name} has validations, conditional formats or notes (not written)`,
    );
  const size = extent(s);
  const p = s.page;
  let head = `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}">`;
  head += `<sheetPr>${s.tabColor ? `<tabColor rgb="${argb(s.tabColor)}"/>` : ''}<pageSetUpPr fitToPage="1"/></sheetPr>`;
  head += `<dimension ref="A1:${cellRef(size.rows, size.cols)}"/>`;
  head += '<sheetViews><sheetView workbookViewId="0">';
  if (s.freeze) {
    const { rows, cols } = s.freeze;
    const pane = rows && cols ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
    head +=
      `<pane${cols ? ` xSplit="${cols}"` : ''}${rows ? ` ySplit="${rows}"` : ''}` +
      ` topLeftCell="${cellRef(rows + 1, cols + 1)}" activePane="${pane}" state="frozen"/>` +
      `<selection pane="${pane}"/>`;
  }
  head += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
  if (s.columns.length)
    head += `<cols>${s.columns
      .map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}/>`,
      )
      .join('')}</cols>`;
  await out.write(head);
  await writeRows(out, s, styles, size);
  let tail = '';
  if (s.protect)
    tail += '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>';
  if (s.merges.length)
    tail += `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  if (p.centered) tail += '<printOptions horizontalCentered="1"/>';
  const m = p.margins;
  tail += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  tail += `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>`;
  tail += `<headerFooter><oddFooter>${xmlText(`&C${p.footer}`)}</oddFooter></headerFooter>`;
  if (p.breaks.length)
    tail += `<rowBreaks count="${p.breaks.length}" manualBreakCount="${p.breaks.length}">${p.breaks
      .map((row) => `<brk id="${row - 1}" max="16383" man="1"/>`)
      .join('')}</rowBreaks>`;
  if (parts.tableIds.length)
    tail += `<tableParts count="${parts.tableIds.length}">${parts.tableIds
      .map((_, i) => `<tablePart r:id="rId${i + 1}"/>`)
      .join('')}</tableParts>`;
  await out.write(`${tail}</worksheet>`);
}

function tableXml(t: FinishedTable, id: number): string {
  const ref = `${cellRef(t.row, t.col)}:${cellRef(t.lastRow, t.lastCol)}`;
  const hidden = t.filterButton
    ? ''
    : t.header.map((_, i) => `<filterColumn colId="${i}" hiddenButton="1"/>`).join('');
  return (
    `${XML_HEAD}<table xmlns="${NS}" id="${id}" name="${xmlAttr(t.name)}" displayName="${xmlAttr(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"${hidden ? `>${hidden}</autoFilter>` : '/>'}` +
    `<tableColumns count="${t.header.length}">${t.header
      .map((h, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(h)}"/>`)
      .join('')}</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    '</table>'
  );
}

function rels(items: { id: string; type: string; target: string }[]): string {
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_RELS}">${items
    .map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`)
    .join('')}</Relationships>`;
}

/**
 * Renders sheet models into one .xlsx, streamed: `sink` receives the file chunk by chunk as it is
 * made. Sheets are finished (finishSheet) one at a time, so only one sheet's finished form is held.
 */
export async function streamWorkbook(
  sheets: readonly SheetModel[],
  sink: (chunk: Buffer) => void,
  options: Omit<RenderOptions, 'password'> = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const labels = sheetLabels(options.lang ?? 'vi');
  const zip = new ZipWriter(sink, now);
  const styles = new StyleSheet();
  const names: string[] = [];
  const sheetNames = sheets.map((m) => xmlLegal(m.name));
  let tableId = 0;
  for (const [i, model] of sheets.entries()) {
    const sheet = finishSheet(model);
    const parts: SheetParts = { sheet, tableIds: sheet.tables.map(() => ++tableId) };
    const entry = zip.entry(`xl/worksheets/sheet${i + 1}.xml`);
    await writeSheet(entry, parts, styles);
    await entry.close();
    if (parts.tableIds.length) {
      await zip.add(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        rels(
          parts.tableIds.map((id, k) => ({
            id: `rId${k + 1}`,
            type: 'table',
            target: `../tables/table${id}.xml`,
          })),
        ),
      );
      for (const [k, t] of sheet.tables.entries())
        await zip.add(`xl/tables/table${parts.tableIds[k]}.xml`, tableXml(t, parts.tableIds[k]!));
    }
    for (const n of sheet.names)
      names.push(
        `<definedName name="${xmlAttr(n.name)}">${xmlText(absoluteRef(sheet.name, n.ref))}</definedName>`,
      );
    const titles = [sheet.page.titleColumns, sheet.page.titleRows]
      .filter((r): r is string => r !== undefined)
      .map((r) => {
        const [a, b] = r.split(':');
        return `'${sheet.name.replace(/'/g, "''")}'!$${a}:$${b}`;
      });
    if (titles.length)
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(titles.join(','))}</definedName>`,
      );
  }
  await zip.add('xl/styles.xml', styles.toXml());
  await zip.add(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>${sheetNames
      .map((name, i) => `<sheet name="${xmlAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join(
        '',
      )}</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`,
  );
  await zip.add(
    'xl/_rels/workbook.xml.rels',
    rels([
      ...sheets.map((_, i) => ({
        id: `rId${i + 1}`,
        type: 'worksheet',
        target: `worksheets/sheet${i + 1}.xml`,
      })),
      { id: `rId${sheets.length + 1}`, type: 'styles', target: 'styles.xml' },
    ]),
  );
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const title = options.title ? `<dc:title>${xmlText(xmlLegal(options.title))}</dc:title>` : '';
  await zip.add(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${xmlText(xmlLegal(options.creator ?? labels.workbookCreator))}</dc:creator>${title}` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`,
  );
  await zip.add(
    'docProps/app.xml',
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
  );
  await zip.add(
    '_rels/.rels',
    rels([
      { id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' },
      { id: 'rId2', type: 'metadata/core-properties', target: 'docProps/core.xml' },
      { id: 'rId3', type: 'extended-properties', target: 'docProps/app.xml' },
    ]).replace(
      `${REL}/metadata/core-properties`,
      'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
    ),
  );
  const ct = 'application/vnd.openxmlformats-officedocument';
  await zip.add(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      Array.from(
        { length: tableId },
        (_, i) =>
          `<Override PartName="/xl/tables/table${i + 1}.xml" ContentType="${ct}.spreadsheetml.table+xml"/>`,
      ).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
      '</Types>',
  );
  zip.finish();
}

/** streamWorkbook into one buffer (the HTTP answer is sent whole: docs/architecture.md, "The summary export"). */
export async function renderWorkbookStreamed(
  sheets: readonly SheetModel[],
  options: Omit<RenderOptions, 'password'> = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await streamWorkbook(sheets, (c) => chunks.push(c), options);
  return Buffer.concat(chunks);
}
