/**
 * The campaign workbook, in the spirit of the template definition workbook (template-definition/):
 * an admin creates or edits a campaign as three lists in Excel and publishes it (POST /api/campaigns);
 * any campaign exports back into the same form (GET /api/campaigns/{c}/definition). This file says
 * what the sheets are; parse.ts reads them, write.ts writes them (docs/architecture.md, "Campaigns").
 *
 * - `settings`: key / value / detail — campaign_id, name::vi, name::en, organisation, place,
 *   standing_office, time_zone, starts_on, ends_on (the campaign ended, e.g. its province was merged),
 *   first_year, last_year, note::vi, note::en, report_place, report_signer; `motto` (repeatable: value =
 *   title, detail = text) and `report_recipient` (repeatable, one line each); the history hints'
 *   thresholds, `hint_enabled`, `hint_z_threshold` … (HINT_SETTINGS).
 * - `calendar`: one row per period — year (blank for a period that recurs every year, the year for a
 *   one-off period such as a plan, an interim review “sơ kết” or a final review “tổng kết”), slot, kind,
 *   label::vi, label::en (`{year}` is replaced), due (MM-DD for a recurring period, a date for a one-off),
 *   template_kind (interim and final reviews, and only they, use `review`), locked (yes/no for a one-off;
 *   the years locked, `2021; 2022`, for a recurring one), window_from and window_to (MM-DD: the days a
 *   recurring period's figures cover, schemas.ts RecurringPeriodSchema `window`).
 * - `units`: the unit registry, exactly the registry workbook's sheet (registry-sheets.ts), so its
 *   columns are the registry's.
 *
 * Columns are matched by header, as in the other list sheets (sheet/grid.ts). Pure: no I/O.
 */
import { z } from 'zod';
import { MAX_REGISTRY_UNITS } from '../registry-import';
import { CampaignSchema, UnitSchema, type Campaign, type Unit } from '../schemas';
import type { GridSpec, SheetProblem } from '../sheet/grid';
import type { CellValue } from '../sheet/model';

export const CAMPAIGN_SHEET_NAMES = ['settings', 'calendar', 'units'] as const;
export type CampaignSheetName = (typeof CAMPAIGN_SHEET_NAMES)[number];
/** The sheets as rows of cell values, each with its header row; row i is the sheet's row i + 1. */
export type CampaignSheets = Record<CampaignSheetName, CellValue[][]>;

export const CAMPAIGN_COLUMNS = {
  settings: ['key', 'value', 'detail'],
  calendar: [
    'year',
    'slot',
    'kind',
    'label::vi',
    'label::en',
    'due',
    'template_kind',
    'locked',
    'window_from',
    'window_to',
  ],
} as const;
export type CalendarCol = (typeof CAMPAIGN_COLUMNS.calendar)[number];
export type CampaignSettingsCol = (typeof CAMPAIGN_COLUMNS.settings)[number];

export const CAMPAIGN_GRIDS = {
  settings: {
    sheet: 'settings',
    columns: CAMPAIGN_COLUMNS.settings,
    required: ['key', 'value'],
    aliases: { setting: 'key', name: 'key', text: 'detail' },
    requireHeader: true,
  },
  calendar: {
    sheet: 'calendar',
    columns: CAMPAIGN_COLUMNS.calendar,
    required: ['slot', 'kind', 'label::vi', 'due', 'template_kind'],
    aliases: { period: 'slot', template: 'template_kind', due_date: 'due' },
    requireHeader: true,
  },
} as const satisfies {
  settings: GridSpec<CampaignSettingsCol> & { sheet: 'settings' };
  calendar: GridSpec<CalendarCol> & { sheet: 'calendar' };
};

/** The history hints' thresholds (schemas.ts HintSettingsSchema), one setting each: `hint_z_threshold`. */
export const HINT_SETTINGS = {
  hint_enabled: 'enabled',
  hint_last_periods: 'lastPeriods',
  hint_min_points: 'minPoints',
  hint_z_threshold: 'zThreshold',
  hint_relative_margin: 'relativeMargin',
  hint_absolute_margin: 'absoluteMargin',
  hint_percent_absolute_margin: 'percentAbsoluteMargin',
} as const satisfies Record<string, keyof NonNullable<Campaign['hints']>>;
const HINT_SETTING_KEYS = Object.keys(HINT_SETTINGS) as (keyof typeof HINT_SETTINGS)[];

export const CAMPAIGN_SETTINGS = [
  'campaign_id',
  'name::vi',
  'name::en',
  'organisation',
  'place',
  'standing_office',
  'time_zone',
  'starts_on',
  'ends_on',
  'first_year',
  'last_year',
  'note::vi',
  'note::en',
  'report_place',
  'report_signer',
  'motto',
  'report_recipient',
  ...HINT_SETTING_KEYS,
] as const;
export type CampaignSettingKey = (typeof CAMPAIGN_SETTINGS)[number];
/** Settings that may be given on several rows, in order. */
export const REPEATABLE_SETTINGS: readonly CampaignSettingKey[] = ['motto', 'report_recipient'];
export const REQUIRED_CAMPAIGN_SETTINGS: readonly CampaignSettingKey[] = [
  'campaign_id',
  'name::vi',
  'organisation',
  'standing_office',
  'first_year',
  'last_year',
];
export const CAMPAIGN_SETTING_ALIASES: Readonly<Record<string, CampaignSettingKey>> = {
  id: 'campaign_id',
  name: 'name::vi',
  organization: 'organisation',
  standing_office_unit: 'standing_office',
  timezone: 'time_zone',
  start_date: 'starts_on',
  recipient: 'report_recipient',
};

/** Years a calendar may span: enough for any campaign, never an accidental century of periods. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

/** A campaign as an admin creates or edits it: the campaign and its unit registry (POST /api/campaigns). */
export const CampaignDefinitionSchema = z.object({
  campaign: CampaignSchema,
  units: z.array(UnitSchema).min(1).max(MAX_REGISTRY_UNITS),
});
export interface CampaignDefinition {
  campaign: Campaign;
  units: Unit[];
}

/** A problem in the campaign workbook: code and parameters, sheet, 1-based row and column letter. */
export type CampaignWorkbookError = SheetProblem<CampaignSheetName>;
export type CampaignWorkbookResult =
  { ok: true; definition: CampaignDefinition } | { ok: false; errors: CampaignWorkbookError[] };
