/**
 * A demo-like period in memory, for the narrative report's tests: the campaign's real data
 * (campaigns/*), figures from scripts/lib/demo-data.ts (the same generator as `npm run demo`),
 * most units reporting for 2022-H1 (a few late, four missing) and fewer for 2021-H1.
 */
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import {
  buildNarrativeReport,
  computeRollup,
  samePeriodLastYear,
  type CampaignBundle,
  type Language,
  type StoredSubmission,
} from '../../shared/src';
import { demoReport, seededRandom } from '../../scripts/lib/demo-data';

export const bundles = loadCampaignBundles();
export const bundle = (id: string): CampaignBundle => bundles.find((b) => b.campaign.id === id)!;

/** A difficulty with characters a rewrite would lose: it must come out exactly as written. */
export const QUOTED_DIFFICULTY = 'Trụ sở chật hẹp; thiếu máy tính ở bộ phận “một cửa” (2/5 máy hỏng).';

export function demoLikeInput(
  campaignId = 'lang-son-nu-cuoi-chien-si',
  periodId = '2022-H1',
  lang: Language = 'vi',
) {
  const b = bundle(campaignId);
  const period = b.periods.find((p) => p.id === periodId)!;
  const previousPeriod = samePeriodLastYear(period, b.periods);
  const templates = b.templates.filter((t) => t.kind === period.templateKind);
  const template = [...templates].sort((x, y) => y.version - x.version)[0]!;
  const rnd = seededRandom(7);
  const reporting = b.units.filter((u) => u.reports);
  let n = 0;
  const submission = (unitId: string, pid: string, report: ReturnType<typeof demoReport>, onTime: boolean) =>
    ({
      submissionId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
      templateId: template.id,
      templateVersion: template.version,
      unitId,
      periodId: pid,
      values: report.values,
      tables: report.tables,
      revision: 1,
      receivedAt: `${pid.slice(0, 4)}-06-${onTime ? '10' : '20'}T03:00:00.000Z`,
      onTime,
      review: {
        state: n % 7 === 0 ? 'returned' : n % 2 ? 'accepted' : 'pending',
        ...(n % 7 === 0 ? { comment: 'Bổ sung số liệu' } : {}),
      },
    }) as StoredSubmission;
  // The demo's generator knows the police template; for another campaign, keep only its own keys.
  const fieldKeys = new Set(template.sections.flatMap((s) => s.fields.map((f) => f.key)));
  const tableKeys = new Set(template.tables.map((t) => t.key));
  const report = (u: (typeof reporting)[number], year: number, scale: number) => {
    const r = demoReport(rnd, u, year, scale);
    const values = Object.fromEntries(Object.entries(r.values).filter(([k]) => fieldKeys.has(k)));
    // Fields the police generator does not know get plain figures of their type.
    for (const f of template.sections.flatMap((sec) => sec.fields)) {
      // A choice of the police scale another campaign's template does not offer: one of its own.
      if (
        f.type === 'choice' &&
        f.choices &&
        f.key in values &&
        !f.choices.some((c) => c.value === values[f.key])
      )
        values[f.key] = rnd.pick(f.choices).value;
      if (f.key in values || f.retired) continue;
      if (f.type === 'integer') values[f.key] = Math.round(rnd.int(0, 60) * scale);
      else if (f.type === 'percent') values[f.key] = Math.round((0.8 + rnd.next() * 0.19) * 10000) / 10000;
      else if (f.type === 'boolean') values[f.key] = rnd.chance(0.8);
    }
    return {
      values,
      tables: Object.fromEntries(Object.entries(r.tables).filter(([k]) => tableKeys.has(k))),
    };
  };
  const missing = reporting.slice(-4).map((u) => u.id);
  const current = reporting
    .filter((u) => !missing.includes(u.id))
    .map((u, i) => submission(u.id, period.id, report(u, period.year, 1), i % 9 !== 4));
  // One unit's difficulty is set by hand, to check it is quoted exactly.
  current[1]!.values.difficulties = QUOTED_DIFFICULTY;
  const previous = previousPeriod
    ? reporting
        .slice(0, 30)
        .map((u) => submission(u.id, previousPeriod.id, report(u, previousPeriod.year, 0.45), true))
    : [];
  const rollup = computeRollup({
    campaignId: b.campaign.id,
    period,
    templates,
    units: b.units,
    submissions: current,
    ...(previousPeriod ? { previousPeriod, previousSubmissions: previous } : {}),
  });
  return {
    bundle: b,
    rollup,
    missing,
    input: {
      campaign: b.campaign,
      period,
      periods: b.periods,
      rollup,
      template,
      units: b.units,
      generatedAt: '2022-06-20T02:00:00.000Z',
      lang,
    },
  };
}

export const demoLikeReport = (campaignId?: string, periodId?: string, lang: Language = 'vi') =>
  buildNarrativeReport(demoLikeInput(campaignId, periodId, lang).input);
