/**
 * The roll-up of one period, as a pure function: totals per field by its roll-up kind, each unit's
 * values, per group, completeness, review states, and the same period last year. Submissions of
 * different template versions are joined by field key; a field's definition comes from the newest
 * version that has it.
 */
import type {
  Choice,
  Field,
  FieldValue,
  Period,
  Review,
  RollupKind,
  StoredSubmission,
  TableRow,
  Template,
  Unit,
  UnitGroup,
} from './schemas';
import { keyMap, own } from './text';
import { isEmpty } from './validation';
import { expectedUnits, UnitTree } from './units';
import { predecessorIndex, predecessorsOf, unitsAsOf } from './unit-history';

export interface RollupField {
  key: string;
  section: string;
  label: Field['label'];
  type: Field['type'];
  rollup: RollupKind;
  /** `wavg`: the field that weighs each unit's value. */
  weight?: string;
  /** A choice field's choices (the newest version's that has the field). */
  choices?: Choice[];
  /** Choices only older versions offered: their reports' answers keep their labels. */
  formerChoices?: Choice[];
  unitLabel?: Field['unitLabel'];
  retired: boolean;
}

export interface RollupTable {
  key: string;
  title: Template['tables'][number]['title'];
  columns: { key: string; label: Field['label']; type: Field['type']; choices?: Choice[] }[];
  rollup: 'list' | 'count' | 'none';
  /** A choice column the rows are grouped by (TableDef.groupBy). */
  groupBy?: string;
}

export type ListEntry = { unitId: string; value: FieldValue };
/** A `distribution` total: how many units gave each choice (every choice listed, 0 included). */
export type Distribution = { counts: Record<string, number> };
export type TotalValue = number | ListEntry[] | Distribution | null;

export function isDistribution(v: TotalValue | undefined): v is Distribution {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface UnitResult {
  unitId: string;
  name: string;
  group: UnitGroup;
  revision: number;
  receivedAt: string;
  onTime: boolean;
  templateVersion: number;
  review: Review;
  values: Record<string, FieldValue>;
}

export interface Completeness {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: string[];
}

export interface GroupResult {
  group: UnitGroup;
  units: string[];
  totals: Record<string, TotalValue>;
  completeness: Completeness;
}

export interface Rollup {
  campaignId: string;
  periodId: string;
  templateId: string;
  rootUnitId?: string;
  fields: RollupField[];
  tables: RollupTable[];
  totals: Record<string, TotalValue>;
  units: UnitResult[];
  groups: GroupResult[];
  tableRows: Record<string, ({ unitId: string } & TableRow)[]>;
  completeness: Completeness;
  /** The name of every unit the roll-up mentions (those that have not reported too). */
  unitNames?: Record<string, string>;
  reviews: { pending: number; accepted: number; returned: number };
  previous: {
    periodId: string;
    /** Every report of the same period last year in scope (scope as the tree was then): successors change nothing here. */
    totals: Record<string, TotalValue>;
    /**
     * Each unit of this roll-up that took over others' work: its own report of last year plus those of its
     * predecessors (units whose successors include it, transitively), `from` naming whose reports were
     * added. A unit split in two is counted for both, so these need not add up to `totals`. Any other unit's
     * same period last year is its own report there (the roll-up of that period), and is not repeated here.
     */
    successors: PreviousOfUnit[];
  } | null;
  /**
   * `wavg` fields: the units whose value was left out of the weighted average because their report has
   * no positive weight (a report of a version without the weight field, or a weight left blank or 0).
   * When no unit that gave the value gave a weight, the total is the plain average (as `avg`).
   */
  unweighted?: Record<string, string[]>;
}

/** A unit's same period last year (docs/architecture.md "Units over time"). */
export interface PreviousOfUnit {
  unitId: string;
  from: string[];
  values: Record<string, TotalValue>;
}

export interface RollupInput {
  campaignId: string;
  period: Period;
  /** Every version of the period's template; definitions are joined by key. */
  templates: readonly Template[];
  /** The registry: units with their history, taken as they were on the period's due date. */
  units: readonly Unit[];
  /** Latest revision of each unit for the period. */
  submissions: readonly StoredSubmission[];
  previousPeriod?: Period;
  previousSubmissions?: readonly StoredSubmission[];
  /** Roll up only this unit's subtree. */
  rootUnitId?: string;
}

/** Field and table definitions across versions: newest version's order first, then keys only older versions have. */
export function joinedDefinitions(templates: readonly Template[]): {
  fields: RollupField[];
  tables: RollupTable[];
} {
  const newestFirst = [...templates].sort((a, b) => b.version - a.version);
  const fields = new Map<string, RollupField>();
  const tables = new Map<string, RollupTable>();
  for (const t of newestFirst) {
    for (const s of t.sections) {
      for (const f of s.fields) {
        const known = fields.get(f.key);
        if (known) {
          // Choices only an older version offered stay known, so its reports' answers keep their labels.
          const seen = [...(known.choices ?? []), ...(known.formerChoices ?? [])];
          const former = (f.choices ?? []).filter((c) => !seen.some((k) => k.value === c.value));
          if (former.length) known.formerChoices = [...(known.formerChoices ?? []), ...former];
          continue;
        }
        fields.set(f.key, {
          key: f.key,
          section: s.key,
          label: f.label,
          type: f.type,
          rollup: f.rollup,
          ...(f.weight !== undefined ? { weight: f.weight } : {}),
          ...(f.choices ? { choices: [...f.choices] } : {}),
          ...(f.unitLabel ? { unitLabel: f.unitLabel } : {}),
          retired: f.retired || t !== newestFirst[0],
        });
      }
    }
    for (const table of t.tables) {
      if (tables.has(table.key)) continue;
      tables.set(table.key, {
        key: table.key,
        title: table.title,
        columns: table.columns.map((c) => ({
          key: c.key,
          label: c.label,
          type: c.type,
          ...(c.choices ? { choices: c.choices } : {}),
        })),
        rollup: table.rollup,
        ...(table.groupBy !== undefined ? { groupBy: table.groupBy } : {}),
      });
    }
  }
  return { fields: [...fields.values()], tables: [...tables.values()] };
}

/** Whether a unit's value counts for `count`: an answer, and for a boolean a “yes” (false is an answer “no”). */
export function countsAsYes(value: FieldValue | undefined): boolean {
  return value !== undefined && !isEmpty(value) && value !== false;
}

/** A unit's value with its weight, for `wavg`. */
export type WeightedEntry = ListEntry & { weight?: FieldValue | undefined };

/**
 * Aggregates one field over several units' values by its roll-up kind. `distribution` needs the
 * field's choice values (`choices`, in order); `wavg` reads each entry's `weight` (without any
 * positive weight it is the plain average: see {@link Rollup.unweighted}).
 */
export function aggregate(
  kind: RollupKind,
  entries: readonly WeightedEntry[],
  choices: readonly string[] = [],
): TotalValue {
  const present = entries.filter((e) => !isEmpty(e.value));
  switch (kind) {
    case 'none':
      return null;
    case 'list':
      return present;
    case 'count':
      return present.filter((e) => countsAsYes(e.value)).length;
    case 'distribution': {
      const counts = keyMap<number>();
      for (const c of choices) counts[c] = 0;
      for (const e of present) {
        if (typeof e.value !== 'string') continue;
        counts[e.value] = (own(counts, e.value) ?? 0) + 1;
      }
      return { counts };
    }
  }
  const numeric = present.filter((e): e is WeightedEntry & { value: number } => typeof e.value === 'number');
  const numbers = numeric.map((e) => e.value);
  if (numbers.length === 0) return null;
  switch (kind) {
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return numericTotal(kind, numbers);
    case 'wavg': {
      const weighted = numeric.filter((e) => typeof e.weight === 'number' && e.weight > 0);
      if (weighted.length === 0) return tidy(exactSum(numbers, numbers.length));
      let sum = 0;
      let weights = 0;
      for (const e of weighted) {
        sum += e.value * (e.weight as number);
        weights += e.weight as number;
      }
      return tidy(sum / weights);
    }
  }
}

/** The total of kinds that read only the numbers given (none: null). */
function numericTotal(kind: 'sum' | 'avg' | 'min' | 'max', numbers: readonly number[]): TotalValue {
  if (numbers.length === 0) return null;
  switch (kind) {
    case 'sum':
      return tidy(exactSum(numbers));
    case 'avg':
      return tidy(exactSum(numbers, numbers.length));
    case 'min':
      return numbers.reduce((a, b) => (b < a ? b : a));
    case 'max':
      return numbers.reduce((a, b) => (b > a ? b : a));
  }
}

/**
 * The sum of numbers (divided by `divisor`), without overflow or lost units: integers are added exactly
 * (as BigInt once a partial sum leaves the safe range), decimals as floats; a result beyond the largest
 * double is clamped to it rather than becoming Infinity (which JSON would carry as null). Values are
 * bounded at validation (DEFAULT_MAX_NUMBER), so this guards against old or hand-written data.
 */
export function exactSum(numbers: readonly number[], divisor = 1): number {
  let float = 0;
  let big = 0n;
  let usedBig = false;
  let fast = 0;
  for (const n of numbers) {
    if (!Number.isFinite(n)) continue;
    if (Number.isSafeInteger(n) && Number.isSafeInteger(fast + n) && !usedBig) fast += n;
    else if (Number.isInteger(n)) {
      usedBig = true;
      big += BigInt(n);
    } else float += n;
  }
  const total = usedBig ? big + BigInt(fast) : undefined;
  let result: number;
  if (total === undefined) result = (fast + float) / divisor;
  else if (divisor === 1) result = Number(total) + float;
  else result = Number(total / BigInt(divisor)) + Number(total % BigInt(divisor)) / divisor + float / divisor;
  if (!Number.isFinite(result)) return result > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
  return result;
}

/** Removes binary floating-point noise from sums of decimals (0.1 + 0.2 → 0.3). */
export function tidy(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

function totalsOf(
  fields: readonly RollupField[],
  subs: readonly StoredSubmission[],
): Record<string, TotalValue> {
  const totals: Record<string, TotalValue> = {};
  for (const f of fields) {
    if (f.rollup === 'none') continue;
    if (f.rollup === 'sum' || f.rollup === 'avg' || f.rollup === 'min' || f.rollup === 'max') {
      // The same total as aggregate's, without an entry per unit (10,000 units × 60 fields, several times).
      const numbers: number[] = [];
      for (const s of subs) {
        const value = own(s.values, f.key);
        if (typeof value === 'number') numbers.push(value);
      }
      totals[f.key] = numericTotal(f.rollup, numbers);
      continue;
    }
    totals[f.key] = aggregate(
      f.rollup,
      subs.map((s) => ({
        unitId: s.unitId,
        value: own(s.values, f.key) ?? null,
        ...(f.weight !== undefined ? { weight: own(s.values, f.weight) } : {}),
      })),
      (f.choices ?? []).map((c) => c.value),
    );
  }
  return totals;
}

/** `wavg` fields: units that gave the value without a positive weight (left out of the average). */
function unweightedOf(
  fields: readonly RollupField[],
  subs: readonly StoredSubmission[],
): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    if (f.rollup !== 'wavg' || f.weight === undefined) continue;
    const weight = f.weight;
    const left = subs
      .filter((s) => typeof own(s.values, f.key) === 'number')
      .filter((s) => {
        const w = own(s.values, weight);
        return !(typeof w === 'number' && w > 0);
      })
      .map((s) => s.unitId);
    if (left.length) out[f.key] = left;
  }
  return Object.keys(out).length ? out : undefined;
}

function completenessOf(expected: readonly Unit[], byUnit: Map<string, StoredSubmission>): Completeness {
  let submitted = 0;
  let onTime = 0;
  const missing: string[] = [];
  for (const u of expected) {
    const s = byUnit.get(u.id);
    if (!s) {
      missing.push(u.id);
      continue;
    }
    submitted++;
    if (s.onTime) onTime++;
  }
  return { expected: expected.length, submitted, onTime, late: submitted - onTime, missing };
}

/**
 * A grouped table's rows choice by choice (in the order of the column's choices, then values no
 * choice names), each group with its rows in their order: the list by award form, and its counts.
 */
export function rowsByGroup<R extends TableRow>(
  table: Pick<RollupTable, 'columns' | 'groupBy'>,
  rows: readonly R[],
): { value: string; label: Choice['label'] | undefined; rows: R[] }[] {
  const column = table.columns.find((c) => c.key === table.groupBy);
  const choices = column?.choices ?? [];
  const groups = choices.map((c) => ({
    value: c.value,
    label: c.label as Choice['label'] | undefined,
    rows: [] as R[],
  }));
  for (const row of rows) {
    const value = String(own(row, table.groupBy ?? '') ?? '');
    let g = groups.find((x) => x.value === value);
    if (!g) groups.push((g = { value, label: undefined, rows: [] }));
    g.rows.push(row);
  }
  return groups;
}

export function computeRollup(input: RollupInput): Rollup {
  // The tree as it was on the due date: names, groups and parents of that time (units over time).
  const asOfDue = unitsAsOf(input.units, input.period.due);
  const tree = new UnitTree(asOfDue);
  const scopeOf = (t: UnitTree) => (unitId: string) =>
    input.rootUnitId === undefined || (t.has(unitId) && t.isInSubtree(unitId, input.rootUnitId));
  const inScope = scopeOf(tree);
  const order = new Map(input.units.map((u, i) => [u.id, i]));
  const byRegistry = (a: { unitId: string }, b: { unitId: string }) =>
    (order.get(a.unitId) ?? Infinity) - (order.get(b.unitId) ?? Infinity) || a.unitId.localeCompare(b.unitId);

  const { fields, tables } = joinedDefinitions(input.templates);
  const subs = input.submissions.filter((s) => inScope(s.unitId)).sort(byRegistry);
  const byUnit = new Map(subs.map((s) => [s.unitId, s]));
  const expected = expectedUnits(asOfDue, input.period).filter((u) => inScope(u.id));

  const units: UnitResult[] = subs.map((s) => {
    const u = tree.get(s.unitId);
    return {
      unitId: s.unitId,
      name: u?.name ?? s.unitId,
      group: u?.group ?? 'other',
      revision: s.revision,
      receivedAt: s.receivedAt,
      onTime: s.onTime,
      templateVersion: s.templateVersion,
      review: s.review,
      values: s.values,
    };
  });

  const groupsInOrder: UnitGroup[] = [];
  for (const u of [...expected, ...units.map((r) => tree.get(r.unitId)).filter((u): u is Unit => !!u)]) {
    if (!groupsInOrder.includes(u.group)) groupsInOrder.push(u.group);
  }
  const groups: GroupResult[] = groupsInOrder.map((group) => {
    const groupExpected = expected.filter((u) => u.group === group);
    const groupSubs = subs.filter((s) => (tree.get(s.unitId)?.group ?? 'other') === group);
    return {
      group,
      units: [...new Set([...groupExpected.map((u) => u.id), ...groupSubs.map((s) => s.unitId)])],
      totals: totalsOf(fields, groupSubs),
      completeness: completenessOf(groupExpected, byUnit),
    };
  });

  const tableRows: Rollup['tableRows'] = {};
  for (const t of tables) {
    if (t.rollup === 'none') continue;
    tableRows[t.key] = subs.flatMap((s) =>
      (own(s.tables, t.key) ?? []).map((row) => ({ unitId: s.unitId, ...row })),
    );
  }

  const reviews = { pending: 0, accepted: 0, returned: 0 };
  for (const s of subs) reviews[s.review.state]++;

  const previous = input.previousPeriod
    ? previousOf(
        input,
        fields,
        [...new Set([...expected.map((u) => u.id), ...subs.map((s) => s.unitId)])],
        scopeOf,
      )
    : null;
  const unweighted = unweightedOf(fields, subs);
  return {
    campaignId: input.campaignId,
    periodId: input.period.id,
    templateId: input.templates[0]?.id ?? '',
    ...(input.rootUnitId !== undefined ? { rootUnitId: input.rootUnitId } : {}),
    fields,
    tables,
    totals: totalsOf(fields, subs),
    units,
    groups,
    tableRows,
    completeness: completenessOf(expected, byUnit),
    unitNames: Object.fromEntries(groups.flatMap((g) => g.units).map((id) => [id, tree.get(id)?.name ?? id])),
    reviews,
    previous,
    ...(unweighted ? { unweighted } : {}),
  };
}

/**
 * The same period last year: its totals over the subtree as it was then, and per unit of this roll-up its
 * own figures plus its predecessors'.
 */
function previousOf(
  input: RollupInput,
  fields: readonly RollupField[],
  unitIds: readonly string[],
  scopeOf: (t: UnitTree) => (unitId: string) => boolean,
): NonNullable<Rollup['previous']> {
  const period = input.previousPeriod!;
  const all = input.previousSubmissions ?? [];
  const inScopeThen = scopeOf(new UnitTree(unitsAsOf(input.units, period.due)));
  const byUnit = new Map(all.map((s) => [s.unitId, s]));
  const units: PreviousOfUnit[] = [];
  const index = predecessorIndex(input.units);
  for (const unitId of unitIds) {
    if (!index.direct.has(unitId)) continue;
    const from = [unitId, ...predecessorsOf(input.units, unitId, index)].filter((id) => byUnit.has(id));
    if (from.length === 0) continue;
    units.push({
      unitId,
      from,
      values: totalsOf(
        fields,
        from.map((id) => byUnit.get(id)!),
      ),
    });
  }
  return {
    periodId: period.id,
    totals: totalsOf(
      fields,
      all.filter((s) => inScopeThen(s.unitId)),
    ),
    successors: units,
  };
}
