/**
 * The unit registry and the user → role/unit assignments as sheets, so an admin edits them in Excel
 * (the add-in, or the command line with an .xlsx file): rows ⇄ records, with every problem a code
 * and its parameters, placed on the sheet, the 1-based row and the column letter. Pure: no I/O.
 *
 * - `units`: id, name, short_name, group, parent_id, pilot, reports, active_from, active_until
 *   (dates as Excel dates, `2022-07-01` or `01/07/2022`; reports defaults to yes).
 * - `users`: user_id, name, roles (comma-separated: clerk, reviewer, admin), unit_id, campaigns.
 */
import { z } from 'zod';
import { UNIT_GROUPS, UnitSchema, type Unit } from './schemas';
import { readGrid, sheetProblem, type GridRow, type SheetProblem } from './sheet/grid';
import { rowReader } from './sheet/row-reader';
import { emptySheet, type CellValue, type SheetModel } from './sheet/model';
import { normalizeDeep } from './text';
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
] as const;

export function unitsToRows(units: readonly Unit[]): CellValue[][] {
  return [
    [...UNIT_COLUMNS],
    ...units.map((u) => [
      u.id,
      u.name,
      u.shortName ?? null,
      u.group,
      u.parentId ?? null,
      u.pilot ? true : null,
      u.reports,
      u.activeFrom ?? null,
      u.activeUntil ?? null,
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
      },
      requireHeader: true,
    },
    (i) => errors.push(i as RegistryError),
  );
  if (grid.headerRow === null) return missingSheet('units');
  const units: Unit[] = [];
  const rowOf = new Map<string, GridRow>();
  const report = (p: SheetProblem) => errors.push(p as RegistryError);
  for (const row of grid.rows) {
    const r = rowReader(grid, row, report);
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
    const parsed = UnitSchema.safeParse(normalizeDeep(unit));
    if (parsed.success) units.push(parsed.data);
  }
  if (grid.rows.length === 0) errors.push(sheetProblem('units', null, null, 'no_units'));
  if (errors.length) return { ok: false, errors };
  for (const u of units) {
    if (u.parentId !== undefined && !rowOf.has(u.parentId))
      rowReader(grid, rowOf.get(u.id)!, report).fail('parent_id', 'unknown_parent', { value: u.parentId });
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
  return errors.length ? { ok: false, errors } : { ok: true, records: units };
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
    id: 12,
    name: 44,
    short_name: 18,
    group: 12,
    parent_id: 12,
  });
  // Dates as text (yyyy-mm-dd) so that they read back unchanged whatever the locale.
  sheet.tables[0]!.numberFormats = UNIT_COLUMNS.map((c) => (c.startsWith('active_') ? '@' : undefined));
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
