/**
 * The one loop that turns the rows of the `fields` and `tables` sheets into groups (sections of
 * fields, tables of columns): a group starts where its key column names a new key and continues
 * while that cell is blank or repeats the key; its rows must be together. Attributes of the group
 * (a title, a row limit) may be given on any of its rows, once. Pure.
 */
import type { ProblemCode } from '../i18n/problem';
import type { LocalizedText } from '../schemas';
import { KeySchema } from '../schemas';
import { cellText, type Grid, type GridRow, type SheetProblem } from '../sheet/grid';
import { rowReader, type KeyWhat, type RowReader } from '../sheet/row-reader';

/** An attribute of a group as first given: its text and the row it is on. */
export interface GroupAttribute {
  value: string;
  row: GridRow;
}

export interface RowGroup<C extends string, I> {
  /** The key as written ('' when the first rows name none: reported, and reading goes on). */
  key: string;
  /** The group's first row. */
  first: GridRow;
  attributes: Map<C, GroupAttribute>;
  items: I[];
}

export interface GroupSpec<C extends string, I> {
  /** The column naming the group (`section`, `table`). */
  keyColumn: C;
  what: KeyWhat;
  /** The problem of a group whose rows are not together. */
  notContiguous: ProblemCode;
  /** Columns that describe the group rather than an item. */
  attributes: readonly C[];
  /** Columns of an item: a row with all of them blank only gives the group (or its attributes). */
  itemColumns: readonly C[];
  readItem: (r: RowReader<C>) => I;
}

export function groupRows<C extends string, I>(
  grid: Grid<C>,
  spec: GroupSpec<C, I>,
  report: (problem: SheetProblem) => void,
): RowGroup<C, I>[] {
  const groups: RowGroup<C, I>[] = [];
  let group: RowGroup<C, I> | undefined;
  for (const row of grid.rows) {
    const r = rowReader(grid, row, report);
    const key = r.text(spec.keyColumn);
    if (key !== undefined) {
      if (group?.key !== key) {
        const earlier = groups.find((g) => g.key === key);
        if (earlier) r.fail(spec.keyColumn, spec.notContiguous, { value: key, row: earlier.first.row });
        else if (!KeySchema.safeParse(key).success) r.fail(spec.keyColumn, 'bad_key', { value: key });
        // A split group's later rows are read (and their problems reported) but not kept.
        group = { key, first: row, attributes: new Map(), items: [] };
        if (!earlier) groups.push(group);
      }
    } else if (!group) {
      r.fail(spec.keyColumn, 'missing_key', { what: spec.what });
      group = { key: '', first: row, attributes: new Map(), items: [] };
    }
    for (const col of spec.attributes) {
      const value = cellText(r.raw(col));
      if (value === '') continue;
      const first = group.attributes.get(col);
      if (!first) group.attributes.set(col, { value, row });
      else if (first.value !== value)
        r.fail(col, 'conflict', { column: col, value: first.value, row: first.row.row });
    }
    if (spec.itemColumns.every((c) => r.blank(c))) continue;
    group.items.push(spec.readItem(r));
  }
  return groups;
}

/**
 * A group's bilingual title from its attributes; a named group without one is reported (`missing`,
 * or en_without_vi when only the English is there) on the row that gave the English, or its first.
 */
export function groupTitle<C extends string>(
  grid: Grid<C>,
  group: RowGroup<C, unknown>,
  vi: C,
  en: C,
  missing: ProblemCode,
  report: (problem: SheetProblem) => void,
): LocalizedText | undefined {
  const v = group.attributes.get(vi);
  const e = group.attributes.get(en);
  if (v) return e ? { vi: v.value, en: e.value } : { vi: v.value };
  if (group.key) {
    const r = rowReader(grid, e?.row ?? group.first, report);
    if (e) r.fail(vi, 'en_without_vi', { en, vi });
    else r.fail(vi, missing, { value: group.key });
  }
  return undefined;
}
