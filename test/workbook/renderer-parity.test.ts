/**
 * One sheet model, two renderers (DESIGN §2): every sheet model the product makes — the template
 * sheet of every campaign template, every summary sheet, the definition sheets and the registry
 * sheets — is drawn by the add-in's gateway into the office.js fake and by the .xlsx writer into
 * bytes read back with ExcelJS; the two must agree on every cell's value, number format, font,
 * fill, borders, alignment, wrapping and locking, on every validation (for lists: the labels
 * offered), on the conditional formats (range, rule, fill and font colour, in priority order), and on
 * the sheet's merges, tables, names, widths, hidden columns, row heights, frozen panes, tab colour and
 * protection.
 *
 * Not compared: the cells covered by a merge other than its top-left one (ExcelJS copies the
 * top-left cell's style into them, office.js keeps one merged cell), table styles' own stripes,
 * and charts (ExcelJS cannot write them). The page setup is compared as both say it (A4,
 * orientation, fit to pages, centring, margins, print titles, footer).
 */
import ExcelJS from 'exceljs';
import {
  buildFreeReportSheet,
  buildProgressSheet,
  buildSummarySheets,
  buildTemplateSheet,
  computeProgress,
  computeRollup,
  campaignSheetModels,
  definitionSheetModels,
  emptySheet,
  numericFields,
  parseCellRef,
  samePeriodLastYear,
  serialToIsoDate,
  unitsSheetModel,
  usersSheetModel,
  type CampaignBundle,
  type Column,
  type Field,
  type FieldValue,
  type SheetModel,
  type StoredSubmission,
  type Template,
  buildRankingSheet,
  computeRanking,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { officeExcelGateway as gateway, POINTS_PER_CHARACTER } from '../../addin/src/excel/gateway';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { renderWorkbookStreamed } from '../../functions/src/workbook/stream-writer';
import { createFakeExcel, parseAddress, type FakeSheet } from '../support/fake-excel';
import { part, readBook } from './support';

/** What a person sees of one cell, in words both renderers can be brought to. */
interface CellView {
  value: string | number | boolean | null;
  /** A formula cell's formula, with its "="; its value is not compared (neither side computes it). */
  formula?: string;
  numberFormat: string;
  font?: string;
  fill?: string;
  borders: string;
  horizontal?: string;
  vertical?: string;
  wrap: boolean;
  locked: boolean;
}

interface ValidationView {
  type: string;
  operator?: string;
  formulae: string[];
  list?: (string | number | boolean | null)[];
  prompt: string;
  error: string;
  style: string;
}

interface SheetView {
  cells: Record<string, CellView>;
  validations: Record<string, ValidationView>;
  /** `C7:F40 equal "Quá hạn" #FFC7CE #9C0006`, in priority order. */
  conditionalFormats: string[];
  merges: string[];
  tables: string[];
  names: string[];
  widths: string[];
  hidden: number[];
  heights: Record<number, number>;
  freeze: [number, number];
  tabColor?: string;
  protect: boolean;
  /** A4, orientation, fit to pages, centring, margins (inches), print titles, centre footer. */
  page: string;
  /** Cell notes: address → text. */
  notes: Record<string, string>;
}

const BLANK = JSON.stringify({
  value: null,
  numberFormat: 'General',
  borders: '',
  wrap: false,
  locked: true,
});
const edge = (weight?: string, color?: string) => (weight ? `${weight.toLowerCase()}:${color}` : '');
const alignWord = (w?: string) =>
  w ? ({ Center: 'center', Left: 'left', Right: 'right', Top: 'top', Bottom: 'bottom' }[w] ?? w) : undefined;

function mergedOut(merges: string[]): Set<string> {
  const out = new Set<string>();
  for (const m of merges) {
    const a = parseAddress(m);
    for (let r = a.top; r <= a.bottom; r++)
      for (let k = a.left; k <= a.right; k++) if (r !== a.top || k !== a.left) out.add(`${r}:${k}`);
  }
  return out;
}

function keep(cells: Record<string, CellView>, key: string, view: CellView, out: Set<string>) {
  if (out.has(key) || JSON.stringify(view) === BLANK) return;
  cells[key] = view;
}

// ------------------------------------------------------------------ the fake's side

function fakeView(sheet: FakeSheet): SheetView {
  const cells: Record<string, CellView> = {};
  const out = mergedOut(sheet.merges);
  for (const [key, c] of sheet.cells) {
    const b = (e?: string) => {
      if (!e) return '';
      const [, weight, color] = e.split('/');
      return edge(weight, color);
    };
    keep(
      cells,
      key,
      {
        value: c.value === '' ? null : c.value,
        ...(c.formula ? { formula: c.formula } : {}),
        numberFormat: c.numberFormat ?? 'General',
        ...(c.fontName
          ? { font: `${c.fontName} ${c.fontSize} ${c.bold ? 'b' : ''}${c.italic ? 'i' : ''} ${c.fontColor}` }
          : {}),
        ...(c.fill ? { fill: c.fill } : {}),
        borders: [b(c.borders.top), b(c.borders.bottom), b(c.borders.left), b(c.borders.right)]
          .join('|')
          .replace(/^\|\|\|$/, ''),
        ...(c.horizontal ? { horizontal: alignWord(c.horizontal) } : {}),
        ...(c.vertical ? { vertical: c.vertical === 'Center' ? 'middle' : alignWord(c.vertical) } : {}),
        wrap: !!c.wrap,
        locked: c.locked,
      },
      out,
    );
  }
  const valueAt = (r: number, k: number) => {
    const v = sheet.cells.get(`${r}:${k}`)?.value;
    return v === undefined || v === '' ? null : v;
  };
  const validations: Record<string, ValidationView> = {};
  for (const v of sheet.validations) {
    const rule = v.rule as Record<string, Record<string, unknown>>;
    const [kind, body] = Object.entries(rule)[0]!;
    const type = {
      wholeNumber: 'whole',
      decimal: 'decimal',
      textLength: 'textLength',
      date: 'date',
      list: 'list',
    }[kind]!;
    const view: ValidationView = {
      type,
      ...(body.operator
        ? {
            operator: {
              Between: 'between',
              GreaterThanOrEqualTo: 'greaterThanOrEqual',
              LessThanOrEqualTo: 'lessThanOrEqual',
            }[body.operator as string],
          }
        : {}),
      formulae: [body.formula1, body.formula2].filter((f) => f !== undefined).map(String),
      prompt: `${v.prompt?.title}|${v.prompt?.message}`,
      error: `${v.errorAlert?.title}|${v.errorAlert?.message}`,
      style: String(v.errorAlert?.style).toLowerCase(),
    };
    if (type === 'list') {
      const a = parseAddress((body.source as { range: string }).range);
      view.list = [];
      for (let r = a.top; r <= a.bottom; r++) view.list.push(valueAt(r, a.left));
    }
    const a = parseAddress(v.address);
    for (let r = a.top; r <= a.bottom; r++)
      for (let k = a.left; k <= a.right; k++) validations[`${r}:${k}`] = view;
  }
  const conditionalFormats = sheet.conditionalFormats.map((c) =>
    [
      c.address,
      { EqualTo: 'equal' }[c.rule?.operator ?? ''] ?? c.rule?.operator,
      c.rule?.formula1.replace(/^=/, ''),
      c.fill,
      c.fontColor,
    ].join(' '),
  );
  return {
    cells,
    validations,
    conditionalFormats,
    merges: [...sheet.merges].sort(),
    tables: sheet.tables.map((t) => `${t.name} ${t.address} ${t.style} ${t.showFilterButton}`).sort(),
    names: [...sheet.names].map(([n, a]) => `${n}=${a}`).sort(),
    // ExcelJS writes no <col> for its default width (9): neither side lists it.
    widths: [...sheet.columnWidths]
      .sort((x, y) => x[0] - y[0])
      .map(([k, w]) => `${k}:${w / POINTS_PER_CHARACTER}`)
      .filter((w) => !w.endsWith(':9')),
    hidden: [...sheet.hiddenColumns].sort((x, y) => x - y),
    heights: Object.fromEntries(sheet.rowHeights),
    freeze: [sheet.frozenRows, sheet.frozenCols],
    ...(sheet.tabColor ? { tabColor: sheet.tabColor } : {}),
    protect: sheet.protected,
    notes: Object.fromEntries([...sheet.notes].sort()),
    page: [
      sheet.page.paperSize,
      sheet.page.orientation?.toLowerCase(),
      sheet.page.zoom?.horizontalFitToPages,
      sheet.page.zoom?.verticalFitToPages,
      !!sheet.page.centerHorizontally,
      sheet.page.margins?.unit === 'Inches' ? JSON.stringify(sheet.page.margins.options) : '?',
      sheet.page.printTitleRows?.replace(/\$/g, ''),
      sheet.page.printTitleColumns?.replace(/\$/g, ''),
      sheet.page.centerFooter,
      (sheet.page.breaks ?? []).join(','),
    ].join(' | '),
  };
}

// ------------------------------------------------------------------ the file's side

/** The notes ExcelJS reads back: a string, or rich text. */
function fileNotes(ws: ExcelJS.Worksheet): Record<string, string> {
  const notes: [string, string][] = [];
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      const n = c.note as string | { texts?: { text: string }[] } | undefined;
      if (n) notes.push([c.address, typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('')]);
    }),
  );
  return Object.fromEntries(notes.sort());
}

const hex = (argb?: string) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);

function fileView(ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook, breaks: number[] = []): SheetView {
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort();
  const out = mergedOut(merges);
  const cells: Record<string, CellView> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (c, k) => {
      const f = c.font;
      const b = (e?: Partial<ExcelJS.Border>) => edge(e?.style, hex(e?.color?.argb));
      const fill =
        c.fill?.type === 'pattern' ? hex((c.fill.fgColor as { argb?: string } | undefined)?.argb) : undefined;
      // ExcelJS reads a number under a date format as a Date: back to the serial number written.
      const formula =
        c.value && typeof c.value === 'object' && 'formula' in c.value
          ? `=${String(c.value.formula)}`
          : undefined;
      const value =
        formula !== undefined
          ? null
          : c.value instanceof Date
            ? (c.value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000
            : (c.value as unknown);
      keep(
        cells,
        `${r}:${k}`,
        {
          value:
            value === undefined || value === null || value === ''
              ? null
              : (value as string | number | boolean),
          ...(formula !== undefined ? { formula } : {}),
          numberFormat: c.numFmt ?? 'General',
          ...(f?.name
            ? { font: `${f.name} ${f.size} ${f.bold ? 'b' : ''}${f.italic ? 'i' : ''} ${hex(f.color?.argb)}` }
            : {}),
          ...(fill ? { fill } : {}),
          borders: [b(c.border?.top), b(c.border?.bottom), b(c.border?.left), b(c.border?.right)]
            .join('|')
            .replace(/^\|\|\|$/, ''),
          ...(c.alignment?.horizontal ? { horizontal: c.alignment.horizontal } : {}),
          ...(c.alignment?.vertical ? { vertical: c.alignment.vertical } : {}),
          wrap: !!c.alignment?.wrapText,
          locked: c.protection?.locked !== false,
        },
        out,
      );
    }),
  );
  const valueAt = (r: number, k: number) => {
    const v = ws.getCell(r, k).value as string | number | boolean | null | undefined;
    return v === undefined || v === '' ? null : v;
  };
  const validations: Record<string, ValidationView> = {};
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model;
  for (const [address, dv] of Object.entries(model)) {
    const formulae = (dv.formulae ?? []).map((f: unknown) =>
      f instanceof Date
        ? f.toISOString().slice(0, 10)
        : dv.type === 'date'
          ? serialToIsoDate(Number(f))
          : String(f),
    );
    const view: ValidationView = {
      type: dv.type,
      ...(dv.type !== 'list' && dv.operator ? { operator: dv.operator } : {}),
      formulae: dv.type === 'list' ? [] : formulae,
      prompt: `${dv.promptTitle}|${dv.prompt}`,
      error: `${dv.errorTitle}|${dv.error}`,
      style: String(dv.errorStyle ?? 'stop'),
    };
    if (dv.type === 'list') {
      const a = parseAddress(formulae[0]!);
      view.list = [];
      for (let r = a.top; r <= a.bottom; r++) view.list.push(valueAt(r, a.left));
    }
    const a = parseAddress(address);
    for (let r = a.top; r <= a.bottom; r++)
      for (let k = a.left; k <= a.right; k++) validations[`${r}:${k}`] = view;
  }
  const tables = ws.getTables().map((t) => {
    const m = (
      t as unknown as {
        table: {
          name: string;
          tableRef: string;
          style?: { theme?: string };
          columns: { filterButton?: boolean }[];
        };
      }
    ).table;
    return `${m.name} ${m.tableRef} ${m.style?.theme} ${m.columns.some((c) => c.filterButton !== false)}`;
  });
  const names = (wb.definedNames.model as { name: string; ranges: string[] }[])
    .filter((n) => n.ranges.some((r) => r.startsWith(`'${ws.name.replace(/'/g, "''")}'!`)))
    .map((n) => `${n.name}=${n.ranges[0]!.split('!')[1]!.replace(/\$/g, '')}`)
    .sort();
  const widths: string[] = [];
  const hidden: number[] = [];
  for (let k = 1; k <= ws.columnCount; k++) {
    const col = ws.getColumn(k);
    if (col.width !== undefined && col.width !== 9) widths.push(`${k}:${col.width}`);
    if (col.hidden) hidden.push(k);
  }
  const heights: Record<number, number> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height !== undefined) heights[r] = row.height;
  });
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  const tab = hex((ws.properties.tabColor as { argb?: string } | undefined)?.argb);
  type Rule = {
    type: string;
    operator?: string;
    formulae?: string[];
    priority?: number;
    style?: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
  };
  const formattings = (ws as unknown as { conditionalFormattings?: { ref: string; rules: Rule[] }[] })
    .conditionalFormattings;
  const conditionalFormats = (formattings ?? [])
    .flatMap((f) => f.rules.map((r) => ({ ref: f.ref, r })))
    .sort((a, b) => (a.r.priority ?? 0) - (b.r.priority ?? 0))
    .map(({ ref, r }) =>
      [
        ref,
        r.type === 'cellIs' ? r.operator : r.type,
        r.formulae?.[0],
        hex(r.style?.fill?.bgColor?.argb),
        hex(r.style?.font?.color?.argb),
      ].join(' '),
    );
  return {
    cells,
    validations,
    conditionalFormats,
    merges,
    tables: tables.sort(),
    names,
    widths,
    hidden,
    heights,
    freeze: view?.state === 'frozen' ? [view.ySplit ?? 0, view.xSplit ?? 0] : [0, 0],
    ...(tab ? { tabColor: tab } : {}),
    protect: !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet,
    notes: fileNotes(ws),
    page: [
      ws.pageSetup.paperSize === 9 ? 'A4' : String(ws.pageSetup.paperSize),
      ws.pageSetup.orientation,
      ws.pageSetup.fitToPage ? ws.pageSetup.fitToWidth : undefined,
      ws.pageSetup.fitToPage ? ws.pageSetup.fitToHeight : undefined,
      !!ws.pageSetup.horizontalCentered,
      JSON.stringify(ws.pageSetup.margins),
      ws.pageSetup.printTitlesRow?.replace(/\$/g, ''),
      ws.pageSetup.printTitlesColumn?.replace(/\$/g, ''),
      ws.headerFooter.oddFooter?.replace(/^&C/, ''),
      breaks.join(','),
    ].join(' | '),
  };
}

// ------------------------------------------------------------------ the models

/** A plausible value for every field type: whole and fractional numbers, a comma in a text. */
function sample(def: Field | Column, i: number): FieldValue {
  switch (def.type) {
    case 'integer':
      return 1_000 + i * 7;
    case 'decimal':
      return i % 2 ? 12_500_000.5 + i : 1_400 + i;
    case 'percent':
      return 0.25 + (i % 3) / 10;
    case 'date':
      return `2022-03-${String(10 + (i % 18)).padStart(2, '0')}`;
    case 'choice':
      return def.choices?.[i % (def.choices.length || 1)]?.value ?? null;
    case 'boolean':
      return i % 2 === 0;
    default:
      return `Nội dung ${i}, có dấu phẩy — “ngoặc kép”`;
  }
}

function submissionsFor(template: Template, units: string[], periodId: string): StoredSubmission[] {
  return units.map((unitId, i) => ({
    submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    templateId: template.id,
    templateVersion: template.version,
    unitId,
    periodId,
    values: Object.fromEntries(
      template.sections.flatMap((s) => s.fields).map((f, k) => [f.key, sample(f, i + k)]),
    ),
    tables: Object.fromEntries(
      template.tables.map((t) => [
        t.key,
        [0, 1].map((r) => Object.fromEntries(t.columns.map((c, k) => [c.key, sample(c, i + r + k)]))),
      ]),
    ),
    revision: 1,
    receivedAt: '2022-06-10T02:00:00.000Z',
    onTime: i % 4 !== 0,
    review: i === 2 ? { state: 'returned', comment: 'Bổ sung số liệu' } : { state: 'pending' },
  }));
}

/** Each group is one workbook: sheet names are unique within it. */
function workbooks(bundle: CampaignBundle): [string, SheetModel[]][] {
  const out: [string, SheetModel[]][] = [];
  const unit = bundle.units.find((u) => u.reports) ?? bundle.units[0]!;
  for (const template of bundle.templates) {
    const period = bundle.periods.find((p) => p.templateKind === template.kind);
    const prefilled = submissionsFor(template, [unit.id], period?.id ?? 'x')[0]!;
    out.push([
      `${bundle.campaign.id} ${template.id} v${template.version} template`,
      [
        buildTemplateSheet(template, {
          campaign: bundle.campaign,
          unit,
          ...(period ? { period } : {}),
          values: prefilled.values,
          tables: prefilled.tables,
        }),
      ],
    ]);
    // The same form reopened after the reviewer returned it with comments on a field and a table.
    const firstField = template.sections[0]!.fields[0]!;
    const firstTable = template.tables[0];
    out.push([
      `${bundle.campaign.id} ${template.id} v${template.version} returned template`,
      [
        buildTemplateSheet(template, {
          campaign: bundle.campaign,
          unit,
          ...(period ? { period } : {}),
          values: prefilled.values,
          tables: prefilled.tables,
          comments: {
            [firstField.key]: 'Đề nghị kiểm tra lại số liệu này.',
            ...(firstTable ? { [firstTable.key]: 'Bổ sung tên đầy đủ.' } : {}),
          },
        }),
      ],
    ]);
    out.push([
      `${bundle.campaign.id} ${template.id} v${template.version} definition`,
      definitionSheetModels(template),
    ]);
    if (template.kind !== 'results' || !period) continue;
    const reporting = bundle.units
      .filter((u) => u.reports)
      .slice(0, 12)
      .map((u) => u.id);
    const previousPeriod = samePeriodLastYear(period, bundle.periods);
    const rollup = computeRollup({
      campaignId: bundle.campaign.id,
      period,
      templates: [template],
      units: bundle.units,
      submissions: submissionsFor(template, reporting, period.id),
      ...(previousPeriod
        ? {
            previousPeriod,
            previousSubmissions: submissionsFor(template, reporting.slice(0, 8), previousPeriod.id),
          }
        : {}),
    });
    out.push([
      `${bundle.campaign.id} ${template.id} free report`,
      [
        buildFreeReportSheet({
          campaign: bundle.campaign,
          period,
          fields: numericFields(rollup),
          units: bundle.units,
        }),
      ],
    ]);
    out.push([
      `${bundle.campaign.id} ${template.id} summary`,
      buildSummarySheets(rollup, {
        campaign: bundle.campaign,
        period,
        ...(previousPeriod ? { previousPeriod } : {}),
        generatedAt: '2022-06-20T03:00:00Z',
      }),
    ]);
  }
  out.push([`${bundle.campaign.id} progress`, [progressSheet(bundle)]]);
  if (bundle.campaign.scoring) out.push([`${bundle.campaign.id} ranking`, [rankingSheet(bundle)]]);
  out.push([
    `${bundle.campaign.id} campaign`,
    campaignSheetModels({ campaign: bundle.campaign, units: bundle.units }),
  ]);
  out.push([
    `${bundle.campaign.id} registry`,
    [
      unitsSheetModel(bundle.units),
      usersSheetModel([
        { userId: 'clerk-1', name: 'Nguyễn Văn A', roles: ['clerk'], unitId: unit.id },
        {
          userId: 'office',
          name: 'Văn phòng',
          roles: ['reviewer', 'admin'],
          campaignIds: [bundle.campaign.id],
        },
      ] as never),
    ],
  ]);
  return out;
}

/** The progress sheet of the bundle's first periods: every state, a unit not expected, contacts. */
function progressSheet(bundle: CampaignBundle): SheetModel {
  const year = bundle.periods.slice(0, 5);
  const states = ['pending', 'accepted', 'returned'] as const;
  const latest = new Map(
    year.map((p, k) => [
      p.id,
      new Map(
        bundle.units
          .filter((u) => u.reports)
          .filter((_, i) => (i + k) % 3 !== 0)
          .map((u, i) => [
            u.id,
            {
              revision: 1 + (i % 2),
              receivedAt: `${p.due}T01:00:00.000Z`,
              onTime: i % 4 !== 0,
              review: { state: states[i % 3]! },
            },
          ]),
      ),
    ]),
  );
  const units = bundle.units.map((u, i) =>
    i === 2 ? { ...u, contact: 'Đ/c Lan, 0912 345 678', email: 'lan@example.vn' } : u,
  );
  const now = `${year[Math.min(2, year.length - 1)]!.due}T03:00:00.000Z`;
  const progress = computeProgress({
    periods: year,
    units,
    latest,
    now: new Date(now),
    timeZone: bundle.campaign.timeZone,
  });
  return buildProgressSheet(progress, { campaign: bundle.campaign, periods: bundle.periods, now });
}

/** The ranking sheet of the bundle's first year: on-time, late and missing reports, a hand score with its reason. */
function rankingSheet(bundle: CampaignBundle): SheetModel {
  const year = bundle.periods.find((p) => p.templateKind === 'results')!.year;
  const periods = bundle.periods.filter((p) => p.year === year);
  const latest = new Map(
    periods.map((p, k) => [
      p.id,
      new Map(
        bundle.units
          .filter((u, i) => u.reports && (i + k) % 3 !== 0)
          .map((u, i) => [
            u.id,
            { onTime: i % 4 !== 0, values: { models_built: i % 6, news_articles: 3 * i } },
          ]),
      ),
    ]),
  );
  const manual = bundle.campaign.scoring!.criteria.find((c) => c.kind === 'manual');
  const first = bundle.units.find((u) => u.reports)!;
  const ranked = computeRanking({
    scoring: bundle.campaign.scoring!,
    year,
    periods: bundle.periods,
    units: bundle.units,
    latest,
    handScores: manual
      ? new Map([
          [first.id, new Map([[manual.id, { score: 7.5, reason: 'Nhiều mô hình hay', by: 'Văn phòng' }]])],
        ])
      : new Map(),
  });
  return buildRankingSheet(ranked, { campaign: bundle.campaign, year, until: `${year}-12-31` });
}

/** Text Excel would read as something else when typed: it must stay the text the model holds. */
function trickyText(): [string, SheetModel[]] {
  const sheet = emptySheet('Văn bản', 'summary');
  const texts = [
    '0912345678',
    '1,400',
    '12.5%',
    'TRUE',
    "'trích",
    '=1+1',
    '-5 cán bộ',
    '+84 912',
    '@user',
    '1e5',
  ];
  texts.forEach((value, i) => sheet.cells.push({ row: i + 1, col: 1, value, style: 'label' }));
  sheet.tables.push({ name: 'tbl_text', row: 1, col: 3, header: ['Nội dung'], rows: texts.map((t) => [t]) });
  return ['tricky text', [sheet]];
}

const cases = [...loadCampaignBundles().flatMap(workbooks), trickyText()];

afterAll(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

test('every kind of sheet is covered', () => {
  const kinds = new Set(cases.map(([name]) => name.split(' ').pop()));
  expect([...kinds].sort()).toEqual([
    'campaign',
    'definition',
    'progress',
    'ranking',
    'registry',
    'report',
    'summary',
    'template',
    'text',
  ]);
  expect(cases.filter(([n]) => n.endsWith('template')).length).toBeGreaterThanOrEqual(3);
  expect(cases.filter(([n]) => n.endsWith('returned template')).length).toBeGreaterThanOrEqual(1);
});

/**
 * The summary sheets have a second .xlsx renderer, the streaming one of the summary export
 * (functions/src/workbook/stream-writer.ts): it is held to the gateway the same way.
 */
const streamed = (name: string) => name.endsWith(' summary') || name === 'tricky text';
const writerCases = cases.flatMap(([name, models]) => [
  [name, 'ExcelJS writer', models] as const,
  ...(streamed(name) ? [[name, 'streaming writer', models] as const] : []),
]);

test('the streaming writer is compared on every summary and on the tricky text', () => {
  expect(writerCases.filter(([, w]) => w === 'streaming writer').length).toBe(
    cases.filter(([n]) => streamed(n)).length,
  );
  expect(cases.filter(([n]) => n.endsWith(' summary')).length).toBeGreaterThanOrEqual(2);
});

test.each(writerCases)(
  '%s, %s: the gateway and the .xlsx writer draw the same sheets',
  async (_name, writer, models) => {
    const fake = createFakeExcel(['Sheet1']);
    // A host with notes (ExcelApi 1.18), so that the comments of a returned form are compared too.
    Object.assign(globalThis, { Excel: fake.Excel, Office: fake.Office });
    await gateway.writeSheets(models);
    const wb = new ExcelJS.Workbook();
    const bytes =
      writer === 'streaming writer' ? await renderWorkbookStreamed(models) : await renderWorkbook(models);
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(models.map((m) => m.name));
    const book = readBook(bytes);
    for (const [i, model] of models.entries()) {
      const fromFake = fakeView(fake.sheet(model.name));
      // ExcelJS does not read page breaks back: from the sheet's XML (a break after row N starts row N + 1).
      const breaks = [...part(book, `xl/worksheets/sheet${i + 1}.xml`).matchAll(/<brk id="(\d+)"/g)].map(
        (m) => Number(m[1]) + 1,
      );
      const fromFile = fileView(wb.getWorksheet(model.name)!, wb, breaks);
      // Cell by cell first, so that a difference names its cell.
      const keys = new Set([...Object.keys(fromFake.cells), ...Object.keys(fromFile.cells)]);
      for (const key of keys)
        expect([model.name, key, fromFake.cells[key]]).toEqual([model.name, key, fromFile.cells[key]]);
      expect(fromFake).toEqual(fromFile);
      // A returned form carries its comments as notes on both sides.
      if (_name.endsWith('returned template')) expect(Object.keys(fromFake.notes).length).toBeGreaterThan(0);
      // The look is not empty: something has each kind of formatting.
      const views = Object.values(fromFake.cells);
      expect(views.some((v) => v.borders !== '')).toBe(true);
      expect(views.some((v) => v.font?.includes(' b'))).toBe(true);
      if (_name.endsWith('progress')) {
        expect(fromFake.conditionalFormats).toHaveLength(6);
        expect(fromFake.conditionalFormats).toContainEqual(
          expect.stringMatching(/^C6:[A-Z]+\d+ equal "Quá hạn" #FFC7CE #9C0006$/),
        );
      }
    }
  },
  60_000,
);

test("a model's formulas are formulas on both sides; text that looks like one stays text", async () => {
  const sheet = emptySheet('Công thức', 'summary');
  sheet.cells.push(
    { row: 1, col: 1, value: null, formula: '=BAOCAO.TONG("participants","2022-H1")', style: 'label' },
    { row: 2, col: 1, value: '=1+1', style: 'label' },
  );
  const fake = createFakeExcel(['Sheet1']);
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  await gateway.writeSheets([sheet]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderWorkbook([sheet])) as never);
  const fromFake = fakeView(fake.sheet(sheet.name));
  const fromFile = fileView(wb.getWorksheet(sheet.name)!, wb, []);
  for (const view of [fromFake, fromFile]) {
    expect(view.cells['1:1']).toMatchObject({
      formula: '=BAOCAO.TONG("participants","2022-H1")',
      value: null,
    });
    expect(view.cells['2:1']).toMatchObject({ value: '=1+1' });
    expect(view.cells['2:1']!.formula).toBeUndefined();
  }
});

test('dropdown lists are compared by the labels they offer, commas and all', async () => {
  const [, models] = cases.find(([n]) => /lang-son.*results.*template/.test(n))!;
  const fake = createFakeExcel(['Sheet1']);
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  await gateway.writeSheets(models);
  const lists = Object.values(fakeView(fake.sheet(models[0]!.name)).validations).filter((v) => v.list);
  expect(lists.map((v) => v.list)).toContainEqual(['Xuất sắc', 'Tốt', 'Khá', 'Chưa đạt']);
});

test('the comparison sees a difference: a changed look on one side fails it', async () => {
  const [, models] = cases.find(([n]) => n.endsWith('template'))!;
  const fake = createFakeExcel(['Sheet1']);
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  await gateway.writeSheets(models);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderWorkbook(models)) as never);
  const sheet = fake.sheet(models[0]!.name);
  const label = [...sheet.cells.values()].find((c) => c.borders.top)!;
  label.borders.top = 'Continuous/Medium/#000000';
  expect(fakeView(sheet)).not.toEqual(fileView(wb.getWorksheet(models[0]!.name)!, wb));
  const { row, col } = parseCellRef('A1');
  expect(fakeView(sheet).cells[`${row}:${col}`]).toBeDefined();
});

test('the comparison sees a conditional format that differs', async () => {
  const [, models] = cases.find(([n]) => n.endsWith('progress'))!;
  const fake = createFakeExcel(['Sheet1']);
  (globalThis as unknown as { Excel: unknown }).Excel = fake.Excel;
  await gateway.writeSheets(models);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderWorkbook(models)) as never);
  const sheet = fake.sheet(models[0]!.name);
  const file = fileView(wb.getWorksheet(models[0]!.name)!, wb);
  expect(fakeView(sheet).conditionalFormats).toEqual(file.conditionalFormats);
  sheet.conditionalFormats[3]!.fill = '#FF0000';
  expect(fakeView(sheet).conditionalFormats).not.toEqual(file.conditionalFormats);
});
