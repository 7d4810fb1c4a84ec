/** The campaign workbook (shared/src/campaign-definition): round trip, and problems placed on sheet, row and column. */
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import {
  campaignToSheets,
  expandCalendar,
  parseCampaignDefinition,
  parseCampaignWorkbook,
  renderWithPlace,
  type CampaignSheets,
} from '../../shared/src';

const bundles = loadCampaignBundles();

test.each(bundles.map((b) => [b.campaign.id, b] as const))(
  '%s: campaign → workbook sheets → the same campaign and registry',
  (_id, b) => {
    // The workbook does not carry the scoring scheme (POST /campaigns keeps the stored one).
    const { scoring: _scoring, ...campaign } = b.campaign;
    const def = { campaign, units: b.units };
    const parsed = parseCampaignWorkbook(campaignToSheets(def));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => renderWithPlace(e, 'en')).join('\n'));
    expect(parsed.definition).toEqual(parseCampaignDefinition(def).ok && def);
  },
);

function sheetsOf(edit: (s: CampaignSheets) => void): CampaignSheets {
  const b = bundles.find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
  const sheets = campaignToSheets({ campaign: b.campaign, units: b.units });
  edit(sheets);
  return sheets;
}

const rowOf = (rows: unknown[][], first: unknown) => rows.findIndex((r) => r[0] === first || r[1] === first);

test('bad cells are named by sheet, row and column', () => {
  const sheets = sheetsOf((s) => {
    s.settings[rowOf(s.settings, 'time_zone')]![1] = 'Asia/Hanoi_Nowhere';
    s.settings[rowOf(s.settings, 'campaign_id')]![1] = 'Bad Id';
    s.calendar[1]![2] = 'monthly'; // kind
    s.calendar[2]![5] = '02-30'; // due
    s.units[3]![3] = 'ministry'; // group
  });
  const r = parseCampaignWorkbook(sheets);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const places = r.errors.map((e) => [e.sheet, e.row, e.column, e.code]);
  expect(places).toEqual([
    ['settings', rowOf(sheets.settings, 'campaign_id') + 1, 'B', 'bad_campaign_id'],
    ['settings', rowOf(sheets.settings, 'time_zone') + 1, 'B', 'bad_time_zone'],
    ['calendar', 2, 'C', 'unknown_period_kind'],
    ['calendar', 3, 'F', 'bad_due_day'],
    ['units', 4, 'D', 'bad_group'],
  ]);
  expect(renderWithPlace(r.errors[2]!, 'vi')).toBe(
    'Trang “calendar”, dòng 2, cột C: Loại kỳ “monthly” không hợp lệ (plan, quarter, half, year, interim, final).',
  );
});

test('checks of the whole campaign are placed too: the standing office, a period defined twice', () => {
  const sheets = sheetsOf((s) => {
    s.settings[rowOf(s.settings, 'standing_office')]![1] = 'PX99';
    // A one-off row with the id of a recurring period: 2022-H1.
    s.calendar.push([2022, 'H1', 'half', 'Thêm', null, '2022-06-30', 'results', null]);
  });
  const r = parseCampaignWorkbook(sheets);
  if (r.ok) throw new Error('accepted');
  expect(r.errors.map((e) => [e.sheet, e.row, e.column, e.code])).toEqual([
    ['settings', rowOf(sheets.settings, 'standing_office') + 1, 'B', 'unknown_standing_office'],
    ['calendar', 3, 'B', 'duplicate_period'],
  ]);
  expect(r.errors[1]!.params).toMatchObject({
    value: '2022-H1',
    firstSheet: 'calendar',
    firstRow: sheets.calendar.length,
  });
});

test('missing sheets and settings are reported on their sheet', () => {
  const r = parseCampaignWorkbook({
    settings: [
      ['key', 'value'],
      ['campaign_id', 'x-y'],
    ],
  });
  if (r.ok) throw new Error('accepted');
  expect(r.errors.map((e) => [e.sheet, e.code])).toEqual(
    expect.arrayContaining([
      ['settings', 'missing_setting'],
      ['calendar', 'missing_sheet'],
      ['units', 'missing_sheet'],
    ]),
  );
});

test('locks survive the round trip: the years of a recurring period, a one-off period’s flag', () => {
  const b = bundles.find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
  const campaign = structuredClone(b.campaign);
  campaign.calendar.locked = ['2022-H1', '2023-H1', '2021-PLAN'];
  const sheets = campaignToSheets({ campaign, units: b.units });
  const h1 = sheets.calendar.find((r) => r[1] === 'H1')!;
  expect(h1[7]).toBe('2022; 2023');
  const parsed = parseCampaignWorkbook(sheets);
  if (!parsed.ok) throw new Error('refused');
  const locked = (c: typeof campaign) =>
    expandCalendar(c.calendar)
      .filter((p) => p.locked)
      .map((p) => p.id);
  expect(locked(parsed.definition.campaign)).toEqual(['2021-PLAN', '2022-H1', '2023-H1']);
  expect(locked(parsed.definition.campaign)).toEqual(locked(campaign));
});

test('the history hints’ thresholds, the end date and the note go through the settings sheet', () => {
  const b = bundles.find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
  const campaign = structuredClone(b.campaign);
  campaign.hints = { enabled: false, zThreshold: 3.5, percentAbsoluteMargin: 0.1 };
  campaign.calendar.endsOn = '2026-07-01';
  const sheets = campaignToSheets({ campaign, units: b.units });
  const parsed = parseCampaignWorkbook(sheets);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => renderWithPlace(e, 'en')).join('\n'));
  expect(parsed.definition.campaign.hints).toEqual(campaign.hints);
  expect(parsed.definition.campaign.calendar.endsOn).toBe('2026-07-01');
  expect(parsed.definition.campaign.note).toEqual(campaign.note);

  // A threshold out of its range is placed on its row like any cell.
  const z = sheets.settings.findIndex((r) => r[0] === 'hint_z_threshold');
  sheets.settings[z]![1] = -2;
  const bad = parseCampaignWorkbook(sheets);
  if (bad.ok) throw new Error('accepted');
  expect(bad.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([['settings', z + 1, 'B']]);
});
