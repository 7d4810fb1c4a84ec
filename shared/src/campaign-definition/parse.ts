/**
 * Reading the campaign workbook (format.ts) into a campaign definition. Each cell is read on its own
 * (sheet/row-reader.ts), the `units` sheet by the registry's own reader (registry-sheets.ts), and the
 * result then goes through the schema and {@link checkCampaignDefinition}, the same checks as a JSON
 * body; every problem is a code with parameters placed on its sheet, row and column. Pure: no I/O.
 */
import type { ProblemCode, ProblemParams } from '../i18n/problem';
import { parseUnitRows } from '../registry-sheets';
import { PERIOD_KINDS, TEMPLATE_KINDS, type LocalizedText, type Unit } from '../schemas';
import {
  canonicalHeader,
  cellText,
  isBlankCell,
  readGrid,
  sheetProblem,
  sortSheetProblems,
  type Grid,
  type GridRow,
  type SheetProblem,
} from '../sheet/grid';
import type { CellValue } from '../sheet/model';
import { cellDate, cellPositiveInteger, rowReader } from '../sheet/row-reader';
import { schemaProblems } from '../i18n/schema-problems';
import { normalizeDeep } from '../text';
import { checkCampaignDefinition, isDueDay, isTimeZone } from './check';
import {
  CALENDAR_YEARS,
  CAMPAIGN_GRIDS,
  CAMPAIGN_SETTING_ALIASES,
  CAMPAIGN_SETTINGS,
  CampaignDefinitionSchema,
  HINT_SETTINGS,
  REPEATABLE_SETTINGS,
  REQUIRED_CAMPAIGN_SETTINGS,
  type CalendarCol,
  type CampaignSettingKey,
  type CampaignSettingsCol,
  type CampaignSheetName,
  type CampaignSheets,
  type CampaignWorkbookError,
  type CampaignWorkbookResult,
} from './format';

type Report = (problem: SheetProblem) => void;

interface Given {
  cell: CellValue;
  detail: CellValue;
  row: GridRow;
}

/** Where each part of the campaign came from, to place the checks' problems. */
interface Locations {
  settings: Map<CampaignSettingKey, number>;
  recurring: number[];
  once: number[];
}

export function parseCampaignWorkbook(sheets: Partial<CampaignSheets>): CampaignWorkbookResult {
  const errors: CampaignWorkbookError[] = [];
  const report: Report = (p) => errors.push(p as CampaignWorkbookError);
  const grids = {
    settings: readGrid(sheets.settings ?? [], CAMPAIGN_GRIDS.settings, report),
    calendar: readGrid(sheets.calendar ?? [], CAMPAIGN_GRIDS.calendar, report),
  };
  const at: Locations = { settings: new Map(), recurring: [], once: [] };
  const campaign = readSettings(grids.settings, report, at);
  campaign.calendar = {
    ...(campaign.calendar as object),
    ...readCalendar(grids.calendar, report, at),
  };
  const unitRows = parseUnitRows(sheets.units ?? []);
  let units: Unit[] = [];
  if (unitRows.ok) units = unitRows.records;
  else errors.push(...(unitRows.errors as CampaignWorkbookError[]));
  if (errors.length) return { ok: false, errors: sortErrors(errors) };

  const parsed = CampaignDefinitionSchema.safeParse(normalizeDeep({ campaign, units }));
  const letter = (sheet: 'settings' | 'calendar', col: string) =>
    sheet === 'settings'
      ? grids.settings.letter(col as CampaignSettingsCol)
      : grids.calendar.letter(col as CalendarCol);
  if (!parsed.success) {
    // The cells were read one by one above; what is left is a bound of the schema (a hint's range, a
    // limit): placed where its path came from.
    for (const p of schemaProblems(parsed.error.issues)) {
      const here = place(p.path ?? '', at);
      const column = here.column === null || here.sheet === 'units' ? null : letter(here.sheet, here.column);
      errors.push(sheetProblem(here.sheet, here.row, column, p.code, p.params));
    }
    return { ok: false, errors: sortErrors(errors) };
  }
  for (const p of checkCampaignDefinition(parsed.data)) {
    const here = place(p.path ?? '', at);
    let params: ProblemParams | undefined = p.params;
    if (params && typeof params.first === 'string') {
      const { first, ...rest } = params;
      const there = place(first, at);
      params = there.row === null ? rest : { ...rest, firstSheet: there.sheet, firstRow: there.row };
    }
    const column = here.column === null || here.sheet === 'units' ? null : letter(here.sheet, here.column);
    errors.push(sheetProblem(here.sheet, here.row, column, p.code, params));
  }
  return errors.length ? { ok: false, errors: sortErrors(errors) } : { ok: true, definition: parsed.data };
}

// ---------------------------------------------------------------- settings

function readSettings(
  grid: Grid<CampaignSettingsCol>,
  report: Report,
  at: Locations,
): Record<string, unknown> & { calendar?: unknown } {
  const out: Record<string, unknown> = {};
  if (grid.headerRow === null) {
    report(sheetProblem('settings', null, null, 'missing_sheet'));
    return out;
  }
  const given = new Map<CampaignSettingKey, Given[]>();
  for (const row of grid.rows) {
    const r = rowReader(grid, row, report);
    const written = r.text('key');
    if (written === undefined) continue;
    const canonical = canonicalHeader(written);
    const key = (CAMPAIGN_SETTING_ALIASES[canonical] ?? canonical) as CampaignSettingKey;
    if (!(CAMPAIGN_SETTINGS as readonly string[]).includes(key)) {
      r.fail('key', 'unknown_setting', { value: written, allowed: CAMPAIGN_SETTINGS });
      continue;
    }
    const list = given.get(key) ?? [];
    if (list.length && !REPEATABLE_SETTINGS.includes(key)) {
      r.fail('key', 'duplicate_setting', { value: written, row: list[0]!.row.row });
      continue;
    }
    const cell = r.raw('value');
    if (isBlankCell(cell)) continue;
    list.push({ cell, detail: r.raw('detail'), row });
    given.set(key, list);
    if (!at.settings.has(key)) at.settings.set(key, row.row);
  }
  for (const k of REQUIRED_CAMPAIGN_SETTINGS)
    if (!given.has(k)) report(sheetProblem('settings', null, null, 'missing_setting', { value: k }));

  const one = (k: CampaignSettingKey) => {
    const g = given.get(k)?.[0];
    return g && { r: rowReader(grid, g.row, report), text: cellText(g.cell), cell: g.cell, g };
  };
  const text = (k: CampaignSettingKey) => one(k)?.text;
  const id = one('campaign_id');
  if (id) {
    if (/^[a-z0-9][a-z0-9-]{1,62}$/.test(id.text)) out.id = id.text;
    else id.r.fail('value', 'bad_campaign_id', { value: id.text });
  }
  const name = localized(one('name::vi'), one('name::en'), 'name');
  if (name) out.name = name;
  const note = localized(one('note::vi'), one('note::en'), 'note');
  if (note) out.note = note;
  for (const [k, prop] of [
    ['organisation', 'organisation'],
    ['place', 'place'],
    ['standing_office', 'standingOffice'],
  ] as const) {
    const v = text(k);
    if (v !== undefined) out[prop] = v;
  }
  const tz = one('time_zone');
  if (tz && !isTimeZone(tz.text)) tz.r.fail('value', 'bad_time_zone', { value: tz.text });
  else if (tz) out.timeZone = tz.text;
  const calendar: Record<string, unknown> = {};
  for (const [k, prop] of [
    ['first_year', 'firstYear'],
    ['last_year', 'lastYear'],
  ] as const) {
    const y = one(k);
    if (!y) continue;
    const n = cellPositiveInteger(y.cell);
    if (n === undefined) y.r.fail('value', 'bad_year', { value: y.text, ...CALENDAR_YEARS });
    else calendar[prop] = n;
  }
  for (const [k, prop] of [
    ['starts_on', 'startsOn'],
    ['ends_on', 'endsOn'],
  ] as const) {
    const given = one(k);
    if (!given) continue;
    const d = cellDate(given.cell);
    if (d === 'bad' || d === undefined) given.r.fail('value', 'bad_date', { value: given.text });
    else calendar[prop] = d;
  }
  out.calendar = calendar;
  out.mottos = (given.get('motto') ?? []).map((g) => {
    const title = cellText(g.cell);
    const detail = cellText(g.detail);
    return { title, text: detail || title };
  });
  const reportSettings: Record<string, unknown> = {};
  const reportPlace = text('report_place');
  if (reportPlace) reportSettings.place = reportPlace;
  const signer = text('report_signer');
  if (signer) reportSettings.signerTitle = signer;
  const recipients = (given.get('report_recipient') ?? []).map((g) => cellText(g.cell));
  if (recipients.length) reportSettings.recipients = recipients;
  if (Object.keys(reportSettings).length) out.report = reportSettings;
  const hints: Record<string, unknown> = {};
  for (const [k, prop] of Object.entries(HINT_SETTINGS) as [keyof typeof HINT_SETTINGS, string][]) {
    const given = one(k);
    if (!given) continue;
    if (k === 'hint_enabled') {
      const b = given.r.bool('value');
      if (b !== undefined) hints[prop] = b;
    } else {
      const n = given.r.num('value');
      if (n !== undefined) hints[prop] = n;
    }
  }
  if (Object.keys(hints).length) out.hints = hints;
  return out;
}

function localized(
  vi:
    | { r: { fail: (c: CampaignSettingsCol, code: ProblemCode, p?: ProblemParams) => void }; text: string }
    | undefined,
  en:
    | { r: { fail: (c: CampaignSettingsCol, code: ProblemCode, p?: ProblemParams) => void }; text: string }
    | undefined,
  base: 'name' | 'note',
): LocalizedText | undefined {
  if (!vi) {
    if (en) en.r.fail('key', 'en_without_vi', { en: `${base}::en`, vi: `${base}::vi` });
    return undefined;
  }
  return en ? { vi: vi.text, en: en.text } : { vi: vi.text };
}

// ---------------------------------------------------------------- calendar

/** A recurring due day as written: `06-15`, `15/6`, or a date (its day and month). */
function dueDay(v: CellValue): string | undefined {
  const s = cellText(v);
  let m = /^(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  m = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = cellDate(v);
  return d && d !== 'bad' ? d.slice(5) : undefined;
}

function readCalendar(grid: Grid<CalendarCol>, report: Report, at: Locations) {
  const recurring: Record<string, unknown>[] = [];
  const once: Record<string, unknown>[] = [];
  const locked: string[] = [];
  if (grid.headerRow === null) {
    report(sheetProblem('calendar', null, null, 'missing_sheet'));
    return { recurring, once, locked };
  }
  for (const row of grid.rows) {
    const r = rowReader(grid, row, report);
    const slotText = r.required('slot')?.toUpperCase();
    let slot: string | undefined;
    if (slotText !== undefined) {
      if (/^[A-Z0-9]{1,8}$/.test(slotText)) slot = slotText;
      else r.fail('slot', 'bad_slot', { value: slotText });
    }
    const kind = r.required('kind') && r.oneOf('kind', PERIOD_KINDS, 'unknown_period_kind');
    const templateKind =
      r.required('template_kind') && r.oneOf('template_kind', TEMPLATE_KINDS, 'unknown_kind');
    const label = r.localized('label::vi', 'label::en', true);
    const yearCell = r.raw('year');
    const period: Record<string, unknown> = { slot, kind, label, templateKind };
    if (isBlankCell(yearCell)) {
      const due = r.blank('due') ? undefined : dueDay(r.raw('due'));
      if (!r.blank('due') && (due === undefined || !isDueDay(due)))
        r.fail('due', 'bad_due_day', { value: cellText(r.raw('due')) });
      else if (due === undefined) r.fail('due', 'missing_value', { column: 'due' });
      period.due = due;
      const from = r.blank('window_from') ? undefined : dueDay(r.raw('window_from'));
      const to = r.blank('window_to') ? undefined : dueDay(r.raw('window_to'));
      for (const [col, v] of [
        ['window_from', from],
        ['window_to', to],
      ] as const) {
        if (!r.blank(col) && (v === undefined || !isDueDay(v)))
          r.fail(col, 'bad_due_day', { value: cellText(r.raw(col)) });
      }
      if ((from === undefined) !== (to === undefined))
        r.fail(from === undefined ? 'window_from' : 'window_to', 'missing_value', {
          column: from === undefined ? 'window_from' : 'window_to',
        });
      else if (from !== undefined && to !== undefined) period.window = { from, to };
      const years = cellText(r.raw('locked'));
      if (years) {
        const list = years.split(/[,;\s]+/).filter(Boolean);
        if (!list.every((y) => /^\d{4}$/.test(y))) r.fail('locked', 'bad_locked_years', { value: years });
        else if (slot) locked.push(...list.map((y) => `${y}-${slot}`));
      }
      at.recurring.push(row.row);
      recurring.push(period);
    } else {
      const year = cellPositiveInteger(yearCell);
      if (year === undefined) r.fail('year', 'bad_year', { value: cellText(yearCell), ...CALENDAR_YEARS });
      const due = r.date('due');
      if (due === undefined && r.blank('due')) r.fail('due', 'missing_value', { column: 'due' });
      const lockedFlag = r.bool('locked');
      at.once.push(row.row);
      once.push({ ...period, id: `${year}-${slot}`, year, due, locked: lockedFlag ?? false });
    }
  }
  if (grid.rows.length === 0) report(sheetProblem('calendar', null, null, 'no_periods'));
  return { recurring, once, locked };
}

// ---------------------------------------------------------------- placing the checks' problems

const SETTING_OF_PATH: Record<string, CampaignSettingKey> = {
  ...Object.fromEntries(Object.entries(HINT_SETTINGS).map(([k, prop]) => [`campaign.hints.${prop}`, k])),
  'campaign.note': 'note::vi',
  'campaign.calendar.endsOn': 'ends_on',
  'campaign.id': 'campaign_id',
  'campaign.name': 'name::vi',
  'campaign.organisation': 'organisation',
  'campaign.place': 'place',
  'campaign.standingOffice': 'standing_office',
  'campaign.timeZone': 'time_zone',
  'campaign.calendar.firstYear': 'first_year',
  'campaign.calendar.lastYear': 'last_year',
  'campaign.calendar.startsOn': 'starts_on',
};

function place(
  path: string,
  at: Locations,
): { sheet: CampaignSheetName; row: number | null; column: string | null } {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  if (parts[0] === 'units') return { sheet: 'units', row: null, column: null };
  if (parts[1] === 'calendar' && (parts[2] === 'recurring' || parts[2] === 'once')) {
    const row = (parts[2] === 'recurring' ? at.recurring : at.once)[Number(parts[3])] ?? null;
    const prop = parts[4];
    const column =
      prop === 'due'
        ? 'due'
        : prop === 'label'
          ? 'label::vi'
          : prop === 'templateKind'
            ? 'template_kind'
            : prop === 'window'
              ? 'window_from'
              : prop
                ? null
                : 'slot';
    return { sheet: 'calendar', row, column };
  }
  const key = SETTING_OF_PATH[parts.slice(0, 3).join('.')] ?? SETTING_OF_PATH[parts.slice(0, 2).join('.')];
  const row = key ? (at.settings.get(key) ?? null) : null;
  return { sheet: 'settings', row, column: row === null ? null : 'value' };
}

const SHEET_ORDER: Record<CampaignSheetName, number> = { settings: 0, calendar: 1, units: 2 };

function sortErrors(errors: CampaignWorkbookError[]): CampaignWorkbookError[] {
  return sortSheetProblems(errors, SHEET_ORDER);
}
