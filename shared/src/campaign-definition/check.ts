/**
 * The checks of a campaign definition beyond its schema, the same whether it came as JSON or from the
 * campaign workbook: the unit tree, the standing office among the units, a time zone Intl knows,
 * calendar years in range and in order, due days that exist every year, and no period defined twice.
 * Each problem has the path of what it is about (`campaign.calendar.recurring.1.due`). Pure.
 */
import { isReviewPeriod } from '../campaign-bundle';
import { problem, ProblemError, type Problem } from '../i18n/problem';
import { schemaProblems } from '../i18n/schema-problems';
import { normalizeDeep } from '../text';
import { UnitTree } from '../units';
import { CALENDAR_YEARS, CampaignDefinitionSchema, type CampaignDefinition } from './format';

/** Whether Intl knows the time zone (`Asia/Ho_Chi_Minh`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `MM-DD` that exists in every year (so not 02-29). */
export function isDueDay(text: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(2001, Number(m[1]) - 1, Number(m[2])));
  return d.getUTCMonth() === Number(m[1]) - 1 && d.getUTCDate() === Number(m[2]);
}

export function checkCampaignDefinition(def: CampaignDefinition): Problem[] {
  const problems: Problem[] = [];
  const { campaign, units } = def;
  try {
    new UnitTree(units);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    problems.push(...e.problems);
  }
  if (!units.some((u) => u.id === campaign.standingOffice))
    problems.push(
      problem(
        'unknown_standing_office',
        { value: campaign.standingOffice },
        { path: 'campaign.standingOffice' },
      ),
    );
  if (!isTimeZone(campaign.timeZone))
    problems.push(problem('bad_time_zone', { value: campaign.timeZone }, { path: 'campaign.timeZone' }));
  const { calendar } = campaign;
  for (const k of ['firstYear', 'lastYear'] as const) {
    const y = calendar[k];
    if (y < CALENDAR_YEARS.min || y > CALENDAR_YEARS.max)
      problems.push(problem('bad_year', { value: y, ...CALENDAR_YEARS }, { path: `campaign.calendar.${k}` }));
  }
  if (calendar.firstYear > calendar.lastYear)
    problems.push(
      problem(
        'year_order',
        { first: calendar.firstYear, last: calendar.lastYear },
        { path: 'campaign.calendar.lastYear' },
      ),
    );
  calendar.recurring.forEach((r, i) => {
    if (!isDueDay(r.due))
      problems.push(
        problem('bad_due_day', { value: r.due }, { path: `campaign.calendar.recurring.${i}.due` }),
      );
  });
  const onceAt = new Map<string, string>();
  calendar.once.forEach((p, i) => {
    const path = `campaign.calendar.once.${i}`;
    if (p.id !== `${p.year}-${p.slot}`)
      problems.push(
        problem('period_id_mismatch', { value: p.id, expected: `${p.year}-${p.slot}` }, { path }),
      );
    const first = onceAt.get(p.id);
    if (first !== undefined) problems.push(problem('duplicate_period', { value: p.id, first }, { path }));
    else onceAt.set(p.id, path);
  });
  const yearsOk =
    calendar.firstYear >= CALENDAR_YEARS.min &&
    calendar.lastYear <= CALENDAR_YEARS.max &&
    calendar.firstYear <= calendar.lastYear;
  calendar.recurring.forEach((r, i) => {
    const path = `campaign.calendar.recurring.${i}`;
    const earlier = calendar.recurring.findIndex((x) => x.slot === r.slot);
    if (earlier < i)
      problems.push(
        problem(
          'duplicate_period',
          { value: r.slot, first: `campaign.calendar.recurring.${earlier}` },
          { path },
        ),
      );
    if (!yearsOk) return;
    // The ids expandCalendar would make: one a year, from the start date on.
    for (let y = calendar.firstYear; y <= calendar.lastYear; y++) {
      if (calendar.startsOn && `${y}-${r.due}` <= calendar.startsOn) continue;
      const first = onceAt.get(`${y}-${r.slot}`);
      if (first !== undefined)
        problems.push(problem('duplicate_period', { value: `${y}-${r.slot}`, first }, { path }));
    }
  });
  // An interim or final review (sơ kết, tổng kết) is reported on a review template, and only it is.
  for (const [list, entries] of [
    ['recurring', calendar.recurring],
    ['once', calendar.once],
  ] as const)
    entries.forEach((p, i) => {
      if (isReviewPeriod(p) !== (p.templateKind === 'review'))
        problems.push(
          problem(
            'review_template_kind',
            { kind: p.kind, templateKind: p.templateKind },
            { path: `campaign.calendar.${list}.${i}.templateKind` },
          ),
        );
    });
  if (calendar.recurring.length === 0 && calendar.once.length === 0)
    problems.push(problem('no_periods', undefined, { path: 'campaign.calendar' }));
  return problems;
}

export type CampaignDefinitionParse =
  { ok: true; definition: CampaignDefinition } | { ok: false; problems: Problem[] };

/** A campaign definition as JSON (the API's body) → the definition, or its problems with paths. */
export function parseCampaignDefinition(input: unknown): CampaignDefinitionParse {
  const parsed = CampaignDefinitionSchema.safeParse(normalizeDeep(input));
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error.issues) };
  const problems = checkCampaignDefinition(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, definition: parsed.data };
}
