/** Writing a campaign definition as the sheets of the campaign workbook (format.ts): the inverse of parse.ts. Pure. */
import { unitsToRows } from '../registry-sheets';
import type { CellValue } from '../sheet/model';
import {
  CAMPAIGN_COLUMNS,
  CAMPAIGN_SETTINGS,
  HINT_SETTINGS,
  type CampaignDefinition,
  type CampaignSheets,
} from './format';

export function campaignToSheets(def: CampaignDefinition): CampaignSheets {
  const { campaign } = def;
  const c = campaign.calendar;
  const settings: CellValue[][] = [
    [...CAMPAIGN_COLUMNS.settings],
    ['campaign_id', campaign.id, null],
    ['name::vi', campaign.name.vi, null],
    ['name::en', campaign.name.en ?? null, null],
    ['organisation', campaign.organisation, null],
    ['place', campaign.place ?? null, null],
    ['standing_office', campaign.standingOffice, null],
    ['time_zone', campaign.timeZone, null],
    ['starts_on', c.startsOn ?? null, null],
    ['ends_on', c.endsOn ?? null, null],
    ['first_year', c.firstYear, null],
    ['last_year', c.lastYear, null],
    ['note::vi', campaign.note?.vi ?? null, null],
    ['note::en', campaign.note?.en ?? null, null],
    ['report_place', campaign.report?.place ?? null, null],
    ['report_signer', campaign.report?.signerTitle ?? null, null],
    ...campaign.mottos.map((m) => ['motto', m.title, m.text === m.title ? null : m.text]),
    ...(campaign.report?.recipients ?? []).map((r) => ['report_recipient', r, null]),
    // The history hints' thresholds only where the campaign sets them (the defaults otherwise).
    ...Object.entries(HINT_SETTINGS).flatMap(([key, prop]) => {
      const v = campaign.hints?.[prop];
      return v === undefined ? [] : [[key, v, null]];
    }),
  ];
  const lockedYears = (slot: string) =>
    c.locked
      .filter((id) => id.endsWith(`-${slot}`) && /^\d{4}-/.test(id))
      .map((id) => id.slice(0, 4))
      .join('; ');
  const calendar: CellValue[][] = [
    [...CAMPAIGN_COLUMNS.calendar],
    ...c.recurring.map((r) => [
      null,
      r.slot,
      r.kind,
      r.label.vi,
      r.label.en ?? null,
      r.due,
      r.templateKind,
      lockedYears(r.slot) || null,
      r.window?.from ?? null,
      r.window?.to ?? null,
    ]),
    ...c.once.map((p) => [
      p.year,
      p.slot,
      p.kind,
      p.label.vi,
      p.label.en ?? null,
      p.due,
      p.templateKind,
      p.locked || c.locked.includes(p.id) ? true : null,
    ]),
  ];
  return { settings, calendar, units: unitsToRows(def.units) };
}

/** A campaign workbook to start a new campaign from: the headers, the settings to fill, a root unit row. */
export function emptyCampaignSheets(): CampaignSheets {
  return {
    settings: [[...CAMPAIGN_COLUMNS.settings], ...CAMPAIGN_SETTINGS.map((k) => [k, null, null])],
    calendar: [[...CAMPAIGN_COLUMNS.calendar]],
    units: unitsToRows([]),
  };
}
