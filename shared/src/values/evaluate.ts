/**
 * The answers to a batch of formula queries (docs/architecture.md, "Custom functions"), as pure
 * functions in two steps, so the caller reads only what is needed:
 * 1. {@link resolveQueries}: names → the period, field, unit or khối they name (or a problem);
 *    {@link periodsToRead} lists the periods whose latest submissions step 2 needs;
 * 2. {@link answerQueries}: the values, by the same roll-up as the summary sheets (rollup.ts), the
 *    same calendar states as the unit's calendar (unit-calendar.ts), errors rendered in `lang`.
 */
import { catalogue } from '../i18n/catalogue';
import { problem, type Problem } from '../i18n/problem';
import { render } from '../i18n/render';
import { samePeriodLastYear } from '../periods';
import { computeRollup, isDistribution, joinedDefinitions, type Rollup, type RollupField } from '../rollup';
import {
  UNIT_GROUPS,
  type FieldValue,
  type Language,
  type Period,
  type StoredSubmission,
  type Template,
  type Unit,
  type UnitGroup,
} from '../schemas';
import { own } from '../text';
import { unitPeriodState } from '../unit-calendar';
import { nameIndex, type NameCandidate, type NameMatch } from './name-match';
import {
  PROGRESS_STATES,
  type ProgressState,
  type ValueAnswer,
  type ValueErrorKind,
  type ValueFunction,
  type ValueQuery,
  type ValueResult,
} from './queries';

/** What the answers are computed from, besides the submissions. */
export interface ValuesCatalog {
  campaignId: string;
  timeZone: string;
  periods: readonly Period[];
  units: readonly Unit[];
  /** Every template version of the campaign. */
  templates: readonly Template[];
}

/** A query whose names were found. `dataPeriod` is the period read (CUNGKY: last year's). */
export interface ResolvedQuery {
  fn: ValueFunction;
  period: Period;
  dataPeriod: Period;
  field?: RollupField;
  unit?: Unit;
  group?: UnitGroup;
  state?: ProgressState;
}

export type Resolution =
  { ok: true; query: ResolvedQuery } | { ok: false; kind: ValueErrorKind; problem: Problem };

const invalid = (p: Problem): Resolution => ({ ok: false, kind: 'invalid', problem: p });
const notAvailable = (p: Problem): Resolution => ({ ok: false, kind: 'notAvailable', problem: p });

function named<T>(match: NameMatch<T>, name: string, unknown: Problem): { value: T } | { error: Resolution } {
  if (match.kind === 'found') return { value: match.value };
  if (match.kind === 'ambiguous')
    return { error: invalid(problem('value_ambiguous_name', { name, matches: match.keys.join(', ') })) };
  return { error: invalid(unknown) };
}

function labelsOf(text: { vi: string; en?: string | undefined }): string[] {
  return text.en ? [text.vi, text.en] : [text.vi];
}

/** Resolves every query's names against the campaign's catalogue. */
export function resolveQueries(queries: readonly ValueQuery[], catalog: ValuesCatalog): Resolution[] {
  const periodNames = nameIndex<Period>(
    catalog.periods.map((p) => ({ key: p.id, names: labelsOf(p.label), value: p })),
  );
  const unitNames = nameIndex<Unit>(
    catalog.units.map((u) => ({
      key: u.id,
      names: u.shortName ? [u.name, u.shortName] : [u.name],
      value: u,
    })),
  );
  const groupNames = nameIndex<UnitGroup>(
    UNIT_GROUPS.map((g) => ({
      key: g,
      names: [catalogue('vi').labels.groups[g], catalogue('en').labels.groups[g]],
      value: g,
    })),
  );
  const stateNames = nameIndex<ProgressState>(
    PROGRESS_STATES.map((s) => ({
      key: s,
      names: (['vi', 'en'] as const).map((l) => catalogue(l).labels[s]),
      value: s,
    })),
  );
  const fieldsByKind = new Map<string, (text: string) => NameMatch<RollupField>>();
  const fieldNames = (period: Period) => {
    let known = fieldsByKind.get(period.templateKind);
    if (!known) {
      const { fields } = joinedDefinitions(catalog.templates.filter((t) => t.kind === period.templateKind));
      const candidates: NameCandidate<RollupField>[] = fields.map((f) => ({
        key: f.key,
        names: labelsOf(f.label),
        value: f,
      }));
      known = nameIndex(candidates);
      fieldsByKind.set(period.templateKind, known);
    }
    return known;
  };

  return queries.map((q): Resolution => {
    const periodName = q.period.trim();
    if (!periodName) return invalid(problem('value_missing_argument', { argument: 'period' }));
    const period = named(
      periodNames(periodName),
      periodName,
      problem('value_unknown_period', { name: periodName }),
    );
    if ('error' in period) return period.error;
    const resolved: ResolvedQuery = { fn: q.fn, period: period.value, dataPeriod: period.value };

    if (q.fn === 'total' || q.fn === 'value' || q.fn === 'lastYear') {
      const fieldName = (q.field ?? '').trim();
      if (!fieldName) return invalid(problem('value_missing_argument', { argument: 'field' }));
      const field = named(
        fieldNames(period.value)(fieldName),
        fieldName,
        problem('value_unknown_field', { name: fieldName, period: period.value.label }),
      );
      if ('error' in field) return field.error;
      resolved.field = field.value;
      if (q.fn !== 'value' && field.value.rollup === 'none')
        return invalid(problem('value_field_not_totalled', { field: field.value.label }));
    }

    const unitName = (q.unit ?? '').trim();
    if (q.fn === 'value' || q.fn === 'state') {
      if (!unitName) return invalid(problem('value_missing_argument', { argument: 'unit' }));
      const unit = named(unitNames(unitName), unitName, problem('value_unknown_unit', { name: unitName }));
      if ('error' in unit) return unit.error;
      resolved.unit = unit.value;
    } else if ((q.fn === 'total' || q.fn === 'lastYear') && unitName) {
      const unit = unitNames(unitName);
      if (unit.kind === 'found') resolved.unit = unit.value;
      else {
        const group = named(
          unit.kind === 'ambiguous' ? unit : groupNames(unitName),
          unitName,
          problem('value_unknown_unit_or_group', { name: unitName }),
        );
        if ('error' in group) return group.error;
        resolved.group = group.value;
      }
    }

    if (q.fn === 'progress' && (q.state ?? '').trim()) {
      const stateName = q.state!.trim();
      const state = named(
        stateNames(stateName),
        stateName,
        problem('value_unknown_state', {
          name: stateName,
          allowed: PROGRESS_STATES.map((s) => catalogue('vi').labels[s]).join(', '),
        }),
      );
      if ('error' in state) return state.error;
      resolved.state = state.value;
    }

    if (q.fn === 'lastYear') {
      const previous = samePeriodLastYear(period.value, catalog.periods);
      if (!previous) return notAvailable(problem('value_no_same_period', { period: period.value.label }));
      resolved.dataPeriod = previous;
    }
    return { ok: true, query: resolved };
  });
}

/** The periods whose latest submissions {@link answerQueries} reads. */
export function periodsToRead(resolutions: readonly Resolution[]): string[] {
  return [...new Set(resolutions.flatMap((r) => (r.ok ? [r.query.dataPeriod.id] : [])))];
}

function cellValue(value: FieldValue | undefined): ValueResult {
  return value === null || value === undefined ? '' : value;
}

/**
 * The answers, in the order of the resolutions. `latest` holds every unit's latest revision in each
 * period of {@link periodsToRead}; `now` decides TRANGTHAI's upcoming/open/overdue.
 */
export function answerQueries(
  resolutions: readonly Resolution[],
  catalog: ValuesCatalog,
  latest: ReadonlyMap<string, readonly StoredSubmission[]>,
  now: Date,
  lang: Language,
): ValueAnswer[] {
  const rollups = new Map<string, Rollup>();
  const rollupOf = (period: Period, rootUnitId?: string): Rollup => {
    const key = `${period.id}\n${rootUnitId ?? ''}`;
    let known = rollups.get(key);
    if (!known) {
      known = computeRollup({
        campaignId: catalog.campaignId,
        period,
        templates: catalog.templates.filter((t) => t.kind === period.templateKind),
        units: catalog.units,
        submissions: latest.get(period.id) ?? [],
        ...(rootUnitId !== undefined ? { rootUnitId } : {}),
      });
      rollups.set(key, known);
    }
    return known;
  };
  const fail = (kind: ValueErrorKind, p: Problem): ValueAnswer => ({
    error: {
      kind,
      code: p.code,
      message: render(p, lang),
      ...(p.params !== undefined ? { params: p.params } : {}),
    },
  });

  return resolutions.map((r): ValueAnswer => {
    if (!r.ok) return fail(r.kind, r.problem);
    const q = r.query;
    switch (q.fn) {
      case 'total':
      case 'lastYear': {
        const rollup = rollupOf(q.dataPeriod, q.unit?.id);
        const totals = q.group ? rollup.groups.find((g) => g.group === q.group)?.totals : rollup.totals;
        const total = totals ? own(totals, q.field!.key) : undefined;
        if (Array.isArray(total)) return { value: total.length };
        // A distribution (units per choice) as one figure: the units that answered.
        if (isDistribution(total)) return { value: Object.values(total.counts).reduce((n, c) => n + c, 0) };
        return { value: cellValue(total) };
      }
      case 'value': {
        const submission = (latest.get(q.period.id) ?? []).find((s) => s.unitId === q.unit!.id);
        if (!submission)
          return fail(
            'notAvailable',
            problem('value_not_reported', { unit: q.unit!.name, period: q.period.label }),
          );
        return { value: cellValue(own(submission.values, q.field!.key)) };
      }
      case 'progress': {
        const c = rollupOf(q.period).completeness;
        const row = {
          expected: c.expected,
          submitted: c.submitted,
          onTime: c.onTime,
          late: c.late,
          missing: c.missing.length,
        };
        if (q.state) return { value: row[q.state] };
        return { value: [PROGRESS_STATES.map((s) => row[s])] };
      }
      case 'state': {
        const submission = (latest.get(q.period.id) ?? []).find((s) => s.unitId === q.unit!.id);
        const state = unitPeriodState(q.period, submission, now, catalog.timeZone);
        return { value: catalogue(lang).pane.unitStates[state] };
      }
    }
  });
}
