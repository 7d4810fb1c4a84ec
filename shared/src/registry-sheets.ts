/**
 * The unit registry and the user → role/unit assignments as sheets, so an admin edits them in Excel
 * (the add-in, or the command line with an .xlsx file): rows ⇄ records, with every problem naming
 * the sheet, the 1-based row and the column letter, in Vietnamese. Pure: no I/O.
 *
 * - `units`: id, name, short_name, group, parent_id, pilot, reports, active_from, active_until
 *   (dates as Excel dates, `2022-07-01` or `01/07/2022`; reports defaults to yes).
 * - `users`: user_id, name, roles (comma-separated: clerk, reviewer, admin), unit_id, campaigns.
 */
import { z } from 'zod';
import { UNIT_GROUPS, UnitSchema, type Unit } from './schemas';
import { serialToIsoDate } from './sheet/cells';
import {
  cellBoolean,
  cellText,
  isBlankCell,
  locationText,
  readGrid,
  type Grid,
  type GridCell,
  type GridIssue,
  type GridRow,
} from './sheet/grid';
import { emptySheet, type SheetModel } from './sheet/model';
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
export type RegistryError = GridIssue<RegistrySheetName>;
export type RegistryCell = string | number | boolean | null;
export type RegistryResult<T> = { ok: true; records: T[] } | { ok: false; errors: RegistryError[] };

export const REGISTRY_MESSAGES = {
  missingSheet: 'thiếu trang này hoặc trang trống',
  required: (column: string) => `thiếu “${column}”`,
  badUnitId: (v: string) => `mã đơn vị “${v}” không hợp lệ (chữ, số, - và _, tối đa 40 ký tự)`,
  duplicateUnit: (v: string, row: number) => `đơn vị “${v}” đã có ở dòng ${row}`,
  unknownParent: (v: string) => `không có đơn vị cấp trên “${v}” trong danh sách`,
  cycle: (v: string) => `đơn vị “${v}” nằm trong chính cây con của nó (vòng lặp cấp trên)`,
  badGroup: (v: string) => `khối “${v}” không hợp lệ (${UNIT_GROUPS.join(', ')})`,
  badBoolean: (v: string) => `“${v}” không phải giá trị có/không (TRUE/FALSE, có/không, x, hoặc để trống)`,
  badDate: (v: string) => `“${v}” không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)`,
  dateOrder: 'ngày bắt đầu phải trước ngày kết thúc',
  badUserId: (v: string) => `mã người dùng “${v}” không hợp lệ (không dấu cách, /, \\, # hay ?)`,
  duplicateUser: (v: string, row: number) => `người dùng “${v}” đã có ở dòng ${row}`,
  badRole: (v: string) => `vai trò “${v}” không hợp lệ (${USER_ROLES.join(', ')})`,
  noRole: `thiếu vai trò (${USER_ROLES.join(', ')})`,
  clerkWithoutUnit: 'cán bộ nhập liệu (clerk) phải gắn với một đơn vị',
  noUnits: 'chưa có đơn vị nào',
} as const;

function issuer<C extends string>(errors: RegistryError[], grid: Grid<C>, row: GridRow) {
  return (col: C | null, message: string) => {
    if (col !== null && grid.missing(col)) return;
    const column = col === null ? null : grid.letter(col);
    const sheet = grid.sheet as RegistrySheetName;
    errors.push({
      sheet,
      row: row.row,
      column,
      message: `${locationText(sheet, row.row, column)}: ${message}`,
    });
  };
}

/** Excel dates arrive as ISO text (from an .xlsx reader), serial numbers or typed text. */
function cellDate(v: GridCell): string | undefined | 'bad' {
  if (isBlankCell(v)) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? serialToIsoDate(v) : 'bad';
  const s = cellText(v);
  let iso: string | undefined;
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(s);
  if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]}-${isoMatch[3]}`;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  if (!iso) return 'bad';
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : 'bad';
}

// ---------------------------------------------------------------- units

/** The answer for a workbook that lacks the sheet (or its header row). */
function missingSheet(sheet: RegistrySheetName): { ok: false; errors: RegistryError[] } {
  return {
    ok: false,
    errors: [
      {
        sheet,
        row: null,
        column: null,
        message: `${locationText(sheet, null, null)}: ${REGISTRY_MESSAGES.missingSheet}`,
      },
    ],
  };
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
type UnitCol = (typeof UNIT_COLUMNS)[number];

export function unitsToRows(units: readonly Unit[]): RegistryCell[][] {
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
export function parseUnitRows(rows: readonly (readonly RegistryCell[])[]): RegistryResult<Unit> {
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
  for (const row of grid.rows) {
    const fail = issuer(errors, grid, row);
    const text = (c: UnitCol) => cellText(grid.get(row, c)) || undefined;
    const unit: Record<string, unknown> = {};
    const id = text('id');
    if (!id) fail('id', REGISTRY_MESSAGES.required('id'));
    else if (!UnitSchema.shape.id.safeParse(id).success) fail('id', REGISTRY_MESSAGES.badUnitId(id));
    else if (rowOf.has(id)) fail('id', REGISTRY_MESSAGES.duplicateUnit(id, rowOf.get(id)!.row));
    else rowOf.set(id, row);
    unit.id = id;
    const name = text('name');
    if (!name) fail('name', REGISTRY_MESSAGES.required('name'));
    unit.name = name;
    const shortName = text('short_name');
    if (shortName) unit.shortName = shortName;
    const group = text('group')?.toLowerCase();
    if (!group) fail('group', REGISTRY_MESSAGES.required('group'));
    else if (!(UNIT_GROUPS as readonly string[]).includes(group))
      fail('group', REGISTRY_MESSAGES.badGroup(text('group')!));
    unit.group = group;
    const parentId = text('parent_id');
    if (parentId) unit.parentId = parentId;
    for (const c of ['pilot', 'reports'] as const) {
      const b = cellBoolean(grid.get(row, c));
      if (b === 'bad') fail(c, REGISTRY_MESSAGES.badBoolean(cellText(grid.get(row, c))));
      else if (b !== undefined) unit[c] = b;
    }
    for (const [c, prop] of [
      ['active_from', 'activeFrom'],
      ['active_until', 'activeUntil'],
    ] as const) {
      const d = cellDate(grid.get(row, c));
      if (d === 'bad') fail(c, REGISTRY_MESSAGES.badDate(cellText(grid.get(row, c))));
      else if (d !== undefined) unit[prop] = d;
    }
    if (
      typeof unit.activeFrom === 'string' &&
      typeof unit.activeUntil === 'string' &&
      unit.activeFrom >= unit.activeUntil
    )
      fail('active_until', REGISTRY_MESSAGES.dateOrder);
    const parsed = UnitSchema.safeParse(normalizeDeep(unit));
    if (parsed.success) units.push(parsed.data);
  }
  if (grid.rows.length === 0)
    errors.push({
      sheet: 'units',
      row: null,
      column: null,
      message: `${locationText('units', null, null)}: ${REGISTRY_MESSAGES.noUnits}`,
    });
  if (errors.length) return { ok: false, errors };
  for (const u of units) {
    if (u.parentId !== undefined && !rowOf.has(u.parentId))
      issuer(errors, grid, rowOf.get(u.id)!)('parent_id', REGISTRY_MESSAGES.unknownParent(u.parentId));
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
        issuer(errors, grid, rowOf.get(u.id)!)('parent_id', REGISTRY_MESSAGES.cycle(u.id));
        break;
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, records: units };
}

// ---------------------------------------------------------------- users

export const USER_COLUMNS = ['user_id', 'name', 'roles', 'unit_id', 'campaigns'] as const;
type UserCol = (typeof USER_COLUMNS)[number];

export function usersToRows(users: readonly UserRecord[]): RegistryCell[][] {
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
export function parseUserRows(rows: readonly (readonly RegistryCell[])[]): RegistryResult<UserRecord> {
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
    const fail = issuer(errors, grid, row);
    const text = (c: UserCol) => cellText(grid.get(row, c)) || undefined;
    const user: Record<string, unknown> = {};
    const userId = text('user_id');
    if (!userId) fail('user_id', REGISTRY_MESSAGES.required('user_id'));
    else if (!UserIdSchema.safeParse(userId).success) fail('user_id', REGISTRY_MESSAGES.badUserId(userId));
    else if (rowOf.has(userId)) fail('user_id', REGISTRY_MESSAGES.duplicateUser(userId, rowOf.get(userId)!));
    else rowOf.set(userId, row.row);
    user.userId = userId;
    const roles: string[] = [];
    for (const part of (text('roles') ?? '').split(/[,;\s]+/).filter(Boolean)) {
      const role = part.toLowerCase();
      if (!(USER_ROLES as readonly string[]).includes(role)) fail('roles', REGISTRY_MESSAGES.badRole(part));
      else roles.push(role);
    }
    if (!text('roles')) fail('roles', REGISTRY_MESSAGES.noRole);
    user.roles = roles;
    const unitId = text('unit_id');
    if (unitId) {
      if (!UnitSchema.shape.id.safeParse(unitId).success)
        fail('unit_id', REGISTRY_MESSAGES.badUnitId(unitId));
      user.unitId = unitId;
    } else if (roles.includes('clerk')) fail('unit_id', REGISTRY_MESSAGES.clerkWithoutUnit);
    const name = text('name');
    if (name) user.name = name;
    const campaigns = (text('campaigns') ?? '').split(/[,;\s]+/).filter(Boolean);
    if (campaigns.length) user.campaignIds = campaigns;
    const parsed = UserRecordSchema.safeParse(normalizeDeep(user));
    if (parsed.success) users.push(parsed.data);
  }
  return errors.length ? { ok: false, errors } : { ok: true, records: users };
}

// ---------------------------------------------------------------- sheet models

function listSheet(
  name: RegistrySheetName,
  rows: RegistryCell[][],
  widths: Record<string, number>,
): SheetModel {
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
