/**
 * A campaign as data: its definition, unit registry and templates, validated together. Adding a
 * campaign is adding such a bundle (a folder under campaigns/), never code.
 */
import { z } from 'zod';
import { expandCalendar } from './periods';
import {
  CampaignSchema,
  UnitSchema,
  type Campaign,
  type CampaignWithPeriods,
  type Period,
  type Template,
  type Unit,
} from './schemas';
import { allFields, isNumericType } from './template';
import { parseTemplate, TemplateError } from './template-parse';
import { normalizeDeep } from './text';
import { checkRegistry } from './unit-history';
import { ProblemError, type Problem } from './i18n/problem';
import { render } from './i18n/render';
import { schemaProblems } from './i18n/schema-problems';

export interface CampaignBundle {
  campaign: Campaign;
  periods: Period[];
  units: Unit[];
  templates: Template[];
}

/**
 * Campaign data (files under campaigns/, or a campaign posted by an admin) that cannot be loaded: which
 * part (`what`) and its problems. The message, for logs and the loading script, is in English.
 */
export class CampaignDataError extends Error {
  constructor(
    readonly what: string,
    readonly problems: readonly Problem[] = [],
    detail?: string,
  ) {
    super(
      `${what}: ${detail ?? problems.map((p) => `${p.path || '(root)'}: ${render(p, 'en')}`).join('; ')}`,
    );
  }
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(normalizeDeep(input));
  if (!r.success) throw new CampaignDataError(what, schemaProblems(r.error.issues));
  return r.data;
}

export function parseCampaignBundle(raw: {
  campaign: unknown;
  units: unknown;
  templates: unknown[];
}): CampaignBundle {
  const campaign = parseWith(CampaignSchema, raw.campaign, 'campaign');
  const units = parseWith(z.array(UnitSchema), raw.units, `${campaign.id} units`);
  try {
    checkRegistry(units);
  } catch (e) {
    if (e instanceof ProblemError) throw new CampaignDataError(`${campaign.id} units`, e.problems);
    throw e;
  }
  const templates = raw.templates.map((t, i) => {
    try {
      return parseTemplate(t);
    } catch (e) {
      if (e instanceof TemplateError)
        throw new CampaignDataError(`${campaign.id} template #${i + 1}`, e.problems);
      throw e;
    }
  });
  for (const t of templates) {
    if (t.campaignId !== campaign.id) {
      throw new CampaignDataError(
        `template ${t.id} v${t.version}`,
        [],
        `belongs to ${t.campaignId}, not ${campaign.id}`,
      );
    }
  }
  const periods = expandCalendar(campaign.calendar);
  for (const p of periods) {
    // An interim or final review (sơ kết, tổng kết) is reported on a review template, and only it is.
    if (isReviewPeriod(p) !== (p.templateKind === 'review'))
      throw new CampaignDataError(
        campaign.id,
        [],
        `period ${p.id} of kind ${p.kind} cannot use a ${p.templateKind} template (interim and final reviews use review)`,
      );
    if (!templates.some((t) => t.kind === p.templateKind)) {
      throw new CampaignDataError(campaign.id, [], `period ${p.id} needs a ${p.templateKind} template`);
    }
  }
  // The scoring scheme's indicators read numeric fields of the results templates (ranking.ts).
  const numeric = new Set(
    templates
      .filter((t) => t.kind === 'results')
      .flatMap((t) =>
        allFields(t)
          .filter((f) => isNumericType(f.type))
          .map((f) => f.key),
      ),
  );
  for (const c of campaign.scoring?.criteria ?? []) {
    if (c.kind !== 'indicator') continue;
    for (const key of [c.field, c.perHundredOf]) {
      if (key !== undefined && !numeric.has(key))
        throw new CampaignDataError(
          campaign.id,
          [],
          `scoring criterion ${c.id} reads ${key}, which is no numeric field of a results template`,
        );
    }
  }
  return { campaign, periods, units, templates };
}

/** A period of an interim or final review (sơ kết, tổng kết). */
export function isReviewPeriod(period: Pick<Period, 'kind'>): boolean {
  return period.kind === 'interim' || period.kind === 'final';
}

/** The campaign as the API shows it: its calendar expanded into periods. */
export function campaignWithPeriods(
  bundle: Pick<CampaignBundle, 'campaign' | 'periods'>,
): CampaignWithPeriods {
  const { calendar: _calendar, ...rest } = bundle.campaign;
  return { ...rest, periods: bundle.periods };
}

/** The newest version of each template. */
export function activeTemplates(templates: readonly Template[]): Template[] {
  const newest = new Map<string, Template>();
  for (const t of templates) {
    const current = newest.get(t.id);
    if (!current || current.version < t.version) newest.set(t.id, t);
  }
  return [...newest.values()];
}
