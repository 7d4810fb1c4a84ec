/**
 * The unit registry and the user → role/unit assignments as sheets, so an admin edits them in Excel
 * (the add-in, or the command line with an .xlsx file): rows ⇄ records, with every problem a code
 * and its parameters, placed on the sheet, the 1-based row and the column letter. Pure: no I/O.
 *
 * - `units`: id, name, short_name, group, parent_id, pilot, reports, active_from, active_until, successors,
 *   valid_until, contact, email, cluster (dates as Excel dates, `2022-07-01` or `01/07/2022`; reports defaults
 *   to yes; successors are unit ids separated by commas; contact is free text, a person and a phone; email is
 *   checked; cluster is the emulation cluster or bloc the unit is ranked in, empty = its group). Units over time (docs/architecture.md): a row with `valid_until` is an earlier version of
 *   the unit on the row without it — its name, short name, group and parent before that date — and leaves
 *   the unit-wide columns empty.
 * - `users`: user_id, name, roles (comma-separated: clerk, reviewer, admin), unit_id, campaigns.
 *
 * About 400 lines because it is one idea, the registry as sheets an admin edits: both sheets share the
 * reading (grid, row reader, placed problems) and the sheet models; units over time added the version rows.
 */
import { z } from 'zod';
import {
  UNIT_GROUPS,
  UnitEmailSchema,
  UnitSchema,
  UnitVersionSchema,
  type Unit,
  type UnitVersion,
} from './schemas';
import { readGrid, sheetProblem, type GridRow, type SheetProblem } from './sheet/grid';
import { rowReader } from './sheet/row-reader';
import { emptySheet, type CellValue, type SheetModel } from './sheet/model';
import { normalizeDeep } from './text';
import { registryProblems } from './unit-history';
import { UnitTree } from './units';

// ---------------------------------------------------------------- users

/** The roles an assignment can give (the same as the API's roles). */
export const USER_ROLES = ['clerk', 'reviewer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user id as the token carries it (`sub` or Entra `oid`): no spaces, `/`, `\`, `#`, `?` or control characters. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\s/\\#?\u0000-\u001f\u007f]+$/, 'user id: no spaces, /, \\, # or ?');

const assignmentShape = {
  roles: z
    .array(z.enum(USER_ROLES))
    .min(1, 'at least one role')
    .transform((roles) => [...new Set(roles)]),
  unitId: UnitSchema.shape.id.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  /** Restricts the user to these campaigns; absent = every campaign. */
  campaignIds: z.array(z.string().min(1).max(63)).optional(),
};

const clerkHasUnit = (u: { roles: UserRole[]; unitId?: string | undefined }, ctx: z.RefinementCtx) => {
  if (u.roles.includes('clerk') && !u.unitId)
    ctx.addIssue({
      code: 'custom',
      path: ['unitId'],
      message: 'a clerk needs a unitId',
      params: { code: 'clerk_without_unit' },
    });
};

/** What an admin assigns to a user (body of PUT /api/users/{userId}). */
export const UserAssignmentSchema = z.object(assignmentShape).superRefine(clerkHasUnit);
export type UserAssignment = z.infer<typeof UserAssignmentSchema>;

export const UserRecordSchema = z
  .object({
    userId: UserIdSchema,
    ...assignmentShape,
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
  })
  .superRefine(clerkHasUnit);
export type UserRecord = z.infer<typeof UserRecordSchema>;

// ---------------------------------------------------------------- shared reading

export type RegistrySheetName = 'units' | 'users';
/** A problem in a registry sheet: code and parameters, sheet, 1-based row and column letter. */
export type RegistryError = SheetProblem<RegistrySheetName>;
export type RegistryResult<T> = { ok: true; records: T[] } | { ok: false; errors: RegistryError[] };

// ---------------------------------------------------------------- units

/** The answer for a workbook that lacks the sheet (or its header row). */
function missingSheet(sheet: RegistrySheetName): { ok: false; errors: RegistryError[] } {
  return { ok: false, errors: [sheetProblem(sheet, null, null, 'missing_sheet')] };
}

export const UNIT_COLUMNS = [
  'id',
  'name',
  'short_name',
  'group',
  'parent_id',
  'pilot',
  'reports',
  'active_from',
  'active_until',
  'successors',
  'valid_until',
  'contact',
  'email',
  'cluster',
] as const;

/** Columns that describe the whole unit, not one version: empty on a row with `valid_until`. */
const UNIT_WIDE_COLUMNS = [
  'pilot',
  'reports',
  'active_from',
  'active_until',
  'successors',
  'contact',
  'email',
  'cluster',
] as const;

/** Each unit's row, then a row per earlier version (newest first); cells by column name, empty when absent. */
export function unitsToRows(units: readonly Unit[]): CellValue[][] {
  type Cells = Partial<Record<(typeof UNIT_COLUMNS)[number], CellValue>>;
  const row = (cells: Cells): CellValue[] => UNIT_COLUMNS.map((c) => cells[c] ?? null);
  const versionRow = (u: Unit, v: UnitVersion): CellValue[] =>
    row({
      id: u.id,
      name: v.name,
      short_name: v.shortName,
      group: v.group,
      parent_id: v.parentId,
      valid_until: v.until,
    });
  return [
    [...UNIT_COLUMNS],
    ...units.flatMap((u) => [
      row({
        id: u.id,
        name: u.name,
        short_name: u.shortName,
        group: u.group,
        parent_id: u.parentId,
        pilot: u.pilot ? true : null,
        reports: u.reports,
        active_from: u.activeFrom,
        active_until: u.activeUntil,
        successors: u.successors?.join(', '),
        contact: u.contact,
        email: u.email,
        cluster: u.cluster,
      }),
      ...[...(u.history ?? [])].sort((a, b) => b.until.localeCompare(a.until)).map((v) => versionRow(u, v)),
    ]),
  ];
}

/** The `units` sheet → a unit registry (a tree: ids unique, parents listed, no cycle). */
export function parseUnitRows(rows: readonly (readonly CellValue[])[]): RegistryResult<Unit> {
  const errors: RegistryError[] = [];
  const grid = readGrid(
    rows,
    {
      sheet: 'units',
      columns: UNIT_COLUMNS,
      required: ['id', 'name', 'group'],
      aliases: {
        unit_id: 'id',
        parent: 'parent_id',
        short: 'short_name',
        from: 'active_from',
        until: 'active_until',
        successor: 'successors',
      },
      requireHeader: true,
    },
    (i) => errors.push(i as RegistryError),
  );
  if (grid.headerRow === null) return missingSheet('units');
  const units: Unit[] = [];
  const rowOf = new Map<string, GridRow>();
  const report = (p: SheetProblem) => errors.push(p as RegistryError);
  /** Rows of earlier versions, read once every unit's own row is known. */
  const versionRows: { row: GridRow; id: string; version: UnitVersion }[] = [];
  const versionRowOf = new Map<string, GridRow>();
  for (const row of grid.rows) {
    const r = rowReader(grid, row, report);
    const validUntil = r.date('valid_until');
    if (validUntil !== undefined || (!r.blank('valid_until') && !grid.missing('valid_until'))) {
      const version = readVersionRow(r, validUntil);
      if (version && versionRowOf.has(`${version.id}|${validUntil}`))
        r.fail('valid_until', 'duplicate_version', { value: version.id, date: validUntil });
      else if (version) {
        versionRowOf.set(`${version.id}|${validUntil}`, row);
        versionRows.push({ row, id: version.id, version: version.version });
      }
      continue;
    }
    const unit: Record<string, unknown> = {};
    const id = r.required('id');
    if (id !== undefined) {
      if (!UnitSchema.shape.id.safeParse(id).success) r.fail('id', 'bad_unit_id', { value: id });
      else if (rowOf.has(id)) r.fail('id', 'duplicate_unit', { value: id, row: rowOf.get(id)!.row });
      else rowOf.set(id, row);
    }
    unit.id = id;
    unit.name = r.required('name');
    const shortName = r.text('short_name');
    if (shortName) unit.shortName = shortName;
    unit.group = r.required('group') && r.oneOf('group', UNIT_GROUPS, 'bad_group');
    const parentId = r.text('parent_id');
    if (parentId) unit.parentId = parentId;
    for (const c of ['pilot', 'reports'] as const) {
      const b = r.bool(c);
      if (b !== undefined) unit[c] = b;
    }
    const activeFrom = r.date('active_from');
    if (activeFrom !== undefined) unit.activeFrom = activeFrom;
    const activeUntil = r.date('active_until');
    if (activeUntil !== undefined) unit.activeUntil = activeUntil;
    if (activeFrom !== undefined && activeUntil !== undefined && activeFrom >= activeUntil)
      r.fail('active_until', 'date_order');
    const successors = (r.text('successors') ?? '').split(/[,;\s]+/).filter(Boolean);
    for (const s of successors)
      if (!UnitSchema.shape.id.safeParse(s).success) r.fail('successors', 'bad_unit_id', { value: s });
    if (successors.length) unit.successors = successors;
    const contact = r.text('contact');
    if (contact) unit.contact = contact;
    const email = r.text('email');
    if (email && !UnitEmailSchema.safeParse(email).success) r.fail('email', 'bad_email', { value: email });
    else if (email) unit.email = email;
    const cluster = r.text('cluster');
    if (cluster) unit.cluster = cluster;
    const parsed = UnitSchema.safeParse(normalizeDeep(unit));
    if (parsed.success) units.push(parsed.data);
  }
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const { row, id, version } of versionRows) {
    const unit = byId.get(id);
    if (!unit) {
      if (!rowOf.has(id)) rowReader(grid, row, report).fail('id', 'version_without_unit', { value: id });
      continue;
    }
    unit.history = [...(unit.history ?? []), version];
  }
  if (grid.rows.length === 0) errors.push(sheetProblem('units', null, null, 'no_units'));
  if (errors.length) return { ok: false, errors };
  for (const u of units) {
    if (u.parentId !== undefined && !rowOf.has(u.parentId))
      rowReader(grid, rowOf.get(u.id)!, report).fail('parent_id', 'unknown_parent', { value: u.parentId });
    for (const v of u.history ?? [])
      if (v.parentId !== undefined && !rowOf.has(v.parentId))
        rowReader(grid, versionRowOf.get(`${u.id}|${v.until}`)!, report).fail('parent_id', 'unknown_parent', {
          value: v.parentId,
        });
    for (const s of u.successors ?? []) {
      if (s === u.id)
        rowReader(grid, rowOf.get(u.id)!, report).fail('successors', 'self_successor', { value: s });
      else if (!rowOf.has(s))
        rowReader(grid, rowOf.get(u.id)!, report).fail('successors', 'unknown_successor', { value: s });
    }
  }
  if (errors.length) return { ok: false, errors };
  try {
    new UnitTree(units);
  } catch {
    // Find a unit on a cycle to point at.
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const seen = new Set<string>();
      let cur: string | undefined = u.id;
      while (cur !== undefined && !seen.has(cur)) {
        seen.add(cur);
        cur = byId.get(cur)?.parentId;
      }
      if (cur === u.id) {
        rowReader(grid, rowOf.get(u.id)!, report).fail('parent_id', 'parent_cycle', { value: u.id });
        break;
      }
    }
  }
  if (errors.length) return { ok: false, errors };
  // What only the registry as a whole shows: a loop of parents in an earlier version, a loop of successors.
  for (const p of registryProblems(units)) {
    const row = p.key !== undefined ? rowOf.get(p.key) : undefined;
    const column =
      p.code === 'successor_cycle' ? 'successors' : p.code === 'parent_cycle' ? 'parent_id' : null;
    if (row) rowReader(grid, row, report).fail(column, p.code, p.params);
    else errors.push(sheetProblem('units', null, null, p.code, p.params));
  }
  return errors.length ? { ok: false, errors } : { ok: true, records: units };
}

/** A row with `valid_until`: an earlier version of a unit; the unit-wide columns must be empty. */
function readVersionRow(
  r: ReturnType<typeof rowReader<(typeof UNIT_COLUMNS)[number]>>,
  until: string | undefined,
): { id: string; version: UnitVersion } | undefined {
  const id = r.required('id');
  if (id !== undefined && !UnitSchema.shape.id.safeParse(id).success)
    r.fail('id', 'bad_unit_id', { value: id });
  const name = r.required('name');
  const group = r.required('group') && r.oneOf('group', UNIT_GROUPS, 'bad_group');
  for (const c of UNIT_WIDE_COLUMNS) if (!r.blank(c)) r.fail(c, 'version_row_column', { column: c });
  if (id === undefined || name === undefined || !group || until === undefined) return undefined;
  const shortName = r.text('short_name');
  const parentId = r.text('parent_id');
  const parsed = UnitVersionSchema.safeParse(
    normalizeDeep({
      until,
      name,
      group,
      ...(shortName ? { shortName } : {}),
      ...(parentId ? { parentId } : {}),
    }),
  );
  return parsed.success ? { id, version: parsed.data } : undefined;
}

// ---------------------------------------------------------------- users

export const USER_COLUMNS = ['user_id', 'name', 'roles', 'unit_id', 'campaigns'] as const;

export function usersToRows(users: readonly UserRecord[]): CellValue[][] {
  return [
    [...USER_COLUMNS],
    ...users.map((u) => [
      u.userId,
      u.name ?? null,
      u.roles.join(', '),
      u.unitId ?? null,
      u.campaignIds?.join(', ') ?? null,
    ]),
  ];
}

/** The `users` sheet → assignments. */
export function parseUserRows(rows: readonly (readonly CellValue[])[]): RegistryResult<UserRecord> {
  const errors: RegistryError[] = [];
  const grid = readGrid(
    rows,
    {
      sheet: 'users',
      columns: USER_COLUMNS,
      required: ['user_id', 'roles'],
      aliases: { id: 'user_id', user: 'user_id', role: 'roles', unit: 'unit_id', campaign: 'campaigns' },
      requireHeader: true,
    },
    (i) => errors.push(i as RegistryError),
  );
  if (grid.headerRow === null) return missingSheet('users');
  const users: UserRecord[] = [];
  const rowOf = new Map<string, number>();
  for (const row of grid.rows) {
    const r = rowReader(grid, row, (p) => errors.push(p as RegistryError));
    const user: Record<string, unknown> = {};
    const userId = r.required('user_id');
    if (userId !== undefined) {
      if (!UserIdSchema.safeParse(userId).success) r.fail('user_id', 'bad_user_id', { userId });
      else if (rowOf.has(userId))
        r.fail('user_id', 'duplicate_user', { value: userId, row: rowOf.get(userId)! });
      else rowOf.set(userId, row.row);
    }
    user.userId = userId;
    const roles: string[] = [];
    const rolesText = r.text('roles');
    for (const part of (rolesText ?? '').split(/[,;\s]+/).filter(Boolean)) {
      const role = part.toLowerCase();
      if (!(USER_ROLES as readonly string[]).includes(role))
        r.fail('roles', 'bad_role', { value: part, allowed: USER_ROLES });
      else roles.push(role);
    }
    if (rolesText === undefined) r.fail('roles', 'missing_role', { allowed: USER_ROLES });
    user.roles = roles;
    const unitId = r.text('unit_id');
    if (unitId) {
      if (!UnitSchema.shape.id.safeParse(unitId).success) r.fail('unit_id', 'bad_unit_id', { value: unitId });
      user.unitId = unitId;
    } else if (roles.includes('clerk')) r.fail('unit_id', 'clerk_needs_unit');
    const name = r.text('name');
    if (name) user.name = name;
    const campaigns = (r.text('campaigns') ?? '').split(/[,;\s]+/).filter(Boolean);
    if (campaigns.length) user.campaignIds = campaigns;
    const parsed = UserRecordSchema.safeParse(normalizeDeep(user));
    if (parsed.success) users.push(parsed.data);
  }
  return errors.length ? { ok: false, errors } : { ok: true, records: users };
}

// ---------------------------------------------------------------- sheet models

function listSheet(name: RegistrySheetName, rows: CellValue[][], widths: Record<string, number>): SheetModel {
  const [header = [], ...body] = rows;
  const sheet = emptySheet(name, 'summary');
  sheet.columns = header.map((h) => ({ width: widths[String(h)] ?? 14 }));
  sheet.tables.push({
    name: `reg_${name}`,
    row: 1,
    col: 1,
    header: header.map((h) => String(h)),
    rows: body,
    style: 'TableStyleMedium2',
  });
  sheet.freeze = { rows: 1, cols: 1 };
  return sheet;
}

/** The `units` sheet as a sheet model (an Excel table from A1). */
export function unitsSheetModel(units: readonly Unit[]): SheetModel {
  const sheet = listSheet('units', unitsToRows(units), {
    id: 16,
    name: 44,
    short_name: 18,
    group: 12,
    parent_id: 12,
    successors: 24,
    contact: 32,
    email: 30,
    cluster: 24,
  });
  // Dates as text (yyyy-mm-dd) so that they read back unchanged whatever the locale; a contact as
  // text, so that a phone number typed alone keeps its leading 0.
  sheet.tables[0]!.numberFormats = UNIT_COLUMNS.map((c) =>
    c.startsWith('active_') || c === 'valid_until' || c === 'contact' ? '@' : undefined,
  );
  return sheet;
}

/** The `users` sheet as a sheet model. */
export function usersSheetModel(users: readonly UserRecord[]): SheetModel {
  return listSheet('users', usersToRows(users), {
    user_id: 38,
    name: 30,
    roles: 18,
    unit_id: 12,
    campaigns: 30,
  });
}
