import {
  activeTemplates,
  campaignWithPeriods,
  CampaignDataError,
  incompatibilities,
  parseCampaignBundle,
  parseTemplate,
  render,
  TemplateError,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import { sampleTemplateInput, sampleTemplate } from '../support/fixtures';

describe('the campaigns shipped as data', () => {
  const bundles = loadCampaignBundles();

  test('both seed campaigns load through the same code, with no campaign-specific code', () => {
    expect(bundles.map((b) => b.campaign.id)).toEqual([
      'bac-giang-nu-cuoi-cong-so',
      'lang-son-nu-cuoi-chien-si',
    ]);
  });

  test('Lạng Sơn: the calendar of the plan, 2021–2026', () => {
    const b = bundles.find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
    const byId = new Map(b.periods.map((p) => [p.id, p]));
    expect(byId.get('2021-PLAN')).toMatchObject({ due: '2021-05-28', templateKind: 'plan' });
    expect(byId.get('2021-Q1')).toBeUndefined(); // due before the plan was issued on 21/4/2021
    expect(byId.get('2022-Q1')).toMatchObject({ due: '2022-03-15', kind: 'quarter' });
    expect(byId.get('2022-H1')).toMatchObject({ due: '2022-06-15', kind: 'half' });
    expect(byId.get('2022-Q3')).toMatchObject({ due: '2022-09-15' });
    expect(byId.get('2026-Y')).toMatchObject({
      due: '2026-11-15',
      kind: 'year',
      label: { vi: 'Báo cáo năm 2026' },
    });
    expect(b.periods.filter((p) => p.templateKind === 'results')).toHaveLength(3 + 4 * 5);
    const api = campaignWithPeriods(b);
    expect(api).toMatchObject({ id: b.campaign.id, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(api).not.toHaveProperty('calendar');
    expect(b.campaign.mottos.map((m) => m.title)).toEqual(['5 xin', '5 luôn', '3 giảm']);
  });

  test('Lạng Sơn: 40 reporting units under the provincial police, four pilots', () => {
    const b = bundles.find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
    expect(b.units.filter((u) => u.reports)).toHaveLength(40);
    expect(
      b.units
        .filter((u) => u.pilot)
        .map((u) => u.id)
        .sort(),
    ).toEqual(['CATP', 'PA08', 'PC06', 'PC08']);
    expect(
      activeTemplates(b.templates)
        .map((t) => `${t.id} v${t.version}`)
        .sort(),
    ).toEqual(['plan v1', 'results v2', 'review v1']);
  });

  test('Bắc Giang: a yearly calendar with the 2022 interim and 2025 final reviews', () => {
    const b = bundles.find((x) => x.campaign.id === 'bac-giang-nu-cuoi-cong-so')!;
    const ids = b.periods.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['2021-Y', '2022-SK', '2025-TK']));
    expect(b.campaign.mottos.map((m) => m.title)).toEqual(expect.arrayContaining(['4 xin', '4 luôn']));
  });

  test('interim and final reviews are periods of their own kind, reported on a review template (issue 15)', () => {
    const b = bundles.find((x) => x.campaign.id === 'bac-giang-nu-cuoi-cong-so')!;
    const reviews = b.periods.filter((p) => p.templateKind === 'review');
    expect(reviews.map((p) => [p.id, p.kind])).toEqual([
      ['2022-SK', 'interim'],
      ['2025-TK', 'final'],
    ]);
    expect(b.templates.filter((t) => t.kind === 'review').map((t) => t.id)).toEqual(['review']);
    // The police campaign ships a review template, for the review periods its admin adds.
    const police = bundles.find((x) => x.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
    expect(police.templates.some((t) => t.kind === 'review')).toBe(true);
  });
});

describe('bad campaign data is refused with the place named', () => {
  const campaign = {
    id: 'x-campaign',
    name: { vi: 'Thử' },
    organisation: 'UBND',
    standingOffice: 'SNV',
    calendar: {
      firstYear: 2022,
      lastYear: 2022,
      recurring: [
        { slot: 'Y', kind: 'year', label: { vi: 'Năm {year}' }, due: '12-15', templateKind: 'results' },
      ],
    },
  };
  const units = [{ id: 'A', name: 'A', group: 'agency' }];
  const template = { ...sampleTemplateInput, campaignId: 'x-campaign' };

  test('a review period needs the review kind, and a review template (issue 15)', () => {
    const review = { ...template, id: 'review', kind: 'review' };
    const withOnce = (kind: string, templateKind: string) => ({
      ...campaign,
      calendar: {
        ...campaign.calendar,
        once: [
          {
            id: '2022-SK',
            kind,
            slot: 'SK',
            year: 2022,
            label: { vi: 'Sơ kết' },
            due: '2022-11-30',
            templateKind,
          },
        ],
      },
    });
    expect(
      parseCampaignBundle({
        campaign: withOnce('interim', 'review'),
        units,
        templates: [template, review],
      }).periods.find((p) => p.id === '2022-SK'),
    ).toMatchObject({ kind: 'interim', templateKind: 'review' });
    expect(() =>
      parseCampaignBundle({ campaign: withOnce('interim', 'results'), units, templates: [template] }),
    ).toThrow(/2022-SK of kind interim cannot use a results template/);
    expect(() =>
      parseCampaignBundle({ campaign: withOnce('year', 'review'), units, templates: [template, review] }),
    ).toThrow(/of kind year cannot use a review template/);
    expect(() =>
      parseCampaignBundle({ campaign: withOnce('final', 'review'), units, templates: [template] }),
    ).toThrow(/needs a review template/);
  });

  test('a scoring indicator must read numeric fields of a results template (issue 15)', () => {
    const withIndicator = (field: string, perHundredOf?: string) => ({
      ...campaign,
      scoring: {
        criteria: [
          {
            id: 'opinions',
            kind: 'indicator',
            points: 10,
            label: { vi: 'Ý kiến' },
            field,
            ...(perHundredOf !== undefined ? { perHundredOf } : {}),
            lower: 0,
            upper: 50,
          },
        ],
      },
    });
    expect(
      parseCampaignBundle({
        campaign: withIndicator('opinions_on_manners', 'opinions_received'),
        units,
        templates: [template],
      }).campaign.scoring?.criteria,
    ).toHaveLength(1);
    expect(() =>
      parseCampaignBundle({ campaign: withIndicator('opinions_recieved'), units, templates: [template] }),
    ).toThrow(/scoring criterion opinions reads opinions_recieved/);
    expect(() =>
      parseCampaignBundle({
        campaign: withIndicator('forums_held', 'nothing'),
        units,
        templates: [template],
      }),
    ).toThrow(/reads nothing, which is no numeric field/);
  });

  test('a good bundle parses', () => {
    expect(parseCampaignBundle({ campaign, units, templates: [template] }).periods.map((p) => p.id)).toEqual([
      '2022-Y',
    ]);
  });
  test('unknown parent', () => {
    expect(() =>
      parseCampaignBundle({
        campaign,
        units: [...units, { id: 'B', name: 'B', group: 'agency', parentId: 'Z' }],
        templates: [template],
      }),
    ).toThrow(/There is no parent unit “Z” in the list/);
  });
  test('a rule naming an unknown key', () => {
    const bad = { ...template, rules: [{ id: 'r', check: 'nothing_here > 0', message: { vi: 'x' } }] };
    expect(() => parseCampaignBundle({ campaign, units, templates: [bad] })).toThrow(
      /rules\.0\.check: The template has no field “nothing_here”/,
    );
  });
  test('a period without a template of its kind', () => {
    expect(() =>
      parseCampaignBundle({ campaign, units, templates: [{ ...template, kind: 'plan' }] }),
    ).toThrow(CampaignDataError);
  });
  test('min greater than max', () => {
    const bad = structuredClone(template);
    bad.sections[0]!.fields[0] = { ...bad.sections[0]!.fields[0]!, min: 5, max: 1 };
    expect(() => parseCampaignBundle({ campaign, units, templates: [bad] })).toThrow(
      /The minimum \(5\) is greater than the maximum \(1\)/,
    );
  });
});

describe('template versions', () => {
  const v2 = () => structuredClone({ ...sampleTemplateInput, version: 2 });

  test('adding, retiring, relabelling and re-constraining are compatible', () => {
    const next = v2();
    next.sections[0]!.fields.push({ key: 'new_field', type: 'integer', label: { vi: 'Mới' } });
    next.sections[0]!.fields[1] = { ...next.sections[0]!.fields[1]!, label: { vi: 'Tên mới' }, max: 10 };
    next.sections[1]!.fields[3] = { ...next.sections[1]!.fields[3]!, retired: true };
    expect(incompatibilities([sampleTemplate], parseTemplate(next))).toEqual([]);
  });

  test('changing a key’s type, dropping a key, or a table column’s type is refused with reasons', () => {
    const next = v2();
    next.sections[0]!.fields[0] = { ...next.sections[0]!.fields[0]!, type: 'text' };
    next.sections[1]!.fields.pop();
    next.tables![0]!.columns[2] = { ...next.tables![0]!.columns[2]!, type: 'decimal' };
    const reasons = incompatibilities([sampleTemplate], parseTemplate(next));
    expect(reasons.map((r) => [r.code, r.key, r.params])).toEqual([
      ['key_type_changed', 'forums_held', { key: 'forums_held', before: 'integer', version: 1, now: 'text' }],
      [
        'key_type_changed',
        'models.members',
        { key: 'models.members', before: 'integer', version: 1, now: 'decimal' },
      ],
      ['key_removed', 'difficulties', { key: 'difficulties', version: 1 }],
    ]);
    expect(render(reasons[0]!)).toBe(
      'Mã chỉ tiêu “forums_held” có kiểu integer ở phiên bản 1; mã chỉ tiêu không được đổi kiểu (nay là text).',
    );
  });

  test('duplicate keys within a template are refused', () => {
    const next = v2();
    next.sections[1]!.fields.push({ key: 'forums_held', type: 'integer', label: { vi: 'Lặp' } });
    const last = next.sections[1]!.fields.length - 1;
    expect(() => parseTemplate(next)).toThrow(TemplateError);
    try {
      parseTemplate(next);
    } catch (e) {
      expect((e as TemplateError).problems).toEqual([
        {
          code: 'duplicate_key',
          params: { key: 'forums_held', first: 'sections.0.fields.0.key' },
          path: `sections.1.fields.${last}.key`,
          key: 'forums_held',
        },
      ]);
      expect(render((e as TemplateError).problem, 'en')).toBe(
        'Key “forums_held” is already used at sections.0.fields.0.key; each field or table key is used once.',
      );
    }
  });
});
