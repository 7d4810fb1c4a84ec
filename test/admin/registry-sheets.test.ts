/** The unit and user registers as sheets: rows ⇄ records, problems as codes placed by sheet, row and column. */
import fc from 'fast-check';
import {
  columnLetter,
  isoDateToSerial,
  renderWithPlace,
  UNIT_GROUPS,
  USER_ROLES,
  type CellValue,
  type RegistryError,
  type RegistryResult,
  parseUnitRows,
  parseUserRows,
  unitsToRows,
  usersToRows,
  UNIT_COLUMNS,
} from '../../shared/src';
import { langSon } from './support';

/** The problems of a refused sheet, as [row, column, code, params]. */
function problemsOf<T>(r: RegistryResult<T>) {
  return r.ok ? [] : r.errors.map((e: RegistryError) => [e.row, e.column, e.code, e.params]);
}

describe('units sheet', () => {
  test('round trip of the Lạng Sơn registry', () => {
    expect(parseUnitRows(unitsToRows(langSon.units))).toEqual({ ok: true, records: langSon.units });
  });

  test('dates as Excel serials, typed dd/mm/yyyy or ISO; yes/no as people write them; columns in any order', () => {
    const rows = [
      ['Name', 'ID', 'group', 'parent', 'reports', 'pilot', 'active_from', 'active_until'],
      ['Công an tỉnh', 'CAT', 'board', null, 'không', null, null, null],
      ['Phòng A', 'PA', 'Department', 'CAT', null, 'x', isoDateToSerial('2022-07-01'), '31/12/2025'],
    ];
    expect(parseUnitRows(rows)).toEqual({
      ok: true,
      records: [
        { id: 'CAT', name: 'Công an tỉnh', group: 'board', pilot: false, reports: false },
        {
          id: 'PA',
          name: 'Phòng A',
          group: 'department',
          parentId: 'CAT',
          pilot: true,
          reports: true,
          activeFrom: '2022-07-01',
          activeUntil: '2025-12-31',
        },
      ],
    });
  });

  test('cluster (cụm, khối thi đua): the last column, kept on a round trip, empty = none', () => {
    expect(UNIT_COLUMNS.at(-1)).toBe('cluster');
    const units = langSon.units
      .slice(0, 3)
      .map((u, i) => (i === 1 ? { ...u, cluster: 'Khối cơ quan tham mưu' } : u));
    const rows = unitsToRows(units);
    expect(rows[2]![UNIT_COLUMNS.indexOf('cluster')]).toBe('Khối cơ quan tham mưu');
    expect(rows[3]![UNIT_COLUMNS.indexOf('cluster')]).toBeNull();
    expect(parseUnitRows(rows)).toEqual({ ok: true, records: units });
  });

  test('contact and email: kept on a round trip; a bad address is named', () => {
    expect(UNIT_COLUMNS.slice(-3, -1)).toEqual(['contact', 'email']);
    const units = langSon.units
      .slice(0, 3)
      .map((u, i) =>
        i === 2 ? { ...u, contact: 'Đ/c Lan, 0912 345 678', email: 'px01@congan.langson.gov.vn' } : u,
      );
    expect(parseUnitRows(unitsToRows(units))).toEqual({ ok: true, records: units });
    const bad = unitsToRows(units);
    bad[3]![UNIT_COLUMNS.indexOf('email')] = 'px01 ở công an';
    const r = parseUnitRows(bad);
    const letter = columnLetter(UNIT_COLUMNS.indexOf('email') + 1);
    expect(problemsOf(r)).toEqual([[4, letter, 'bad_email', { value: 'px01 ở công an' }]]);
    expect(r.ok ? '' : renderWithPlace(r.errors[0]!, 'vi')).toBe(
      `Trang “units”, dòng 4, cột ${letter}: “px01 ở công an” không phải địa chỉ thư điện tử hợp lệ.`,
    );
  });

  test('bad cells, unknown parents and cycles are named', () => {
    const bad = unitsToRows(langSon.units.slice(0, 3));
    bad[2]![UNIT_COLUMNS.indexOf('group')] = 'phòng';
    bad[3]![UNIT_COLUMNS.indexOf('pilot')] = 'có lẽ';
    bad.push(['PX03', 'Trùng', null, 'department', 'CAT', null, true, '2022-13-01', null]);
    const r = parseUnitRows(bad);
    expect(problemsOf(r)).toEqual([
      [3, 'D', 'bad_group', { value: 'phòng', allowed: UNIT_GROUPS }],
      [4, 'F', 'bad_boolean', { value: 'có lẽ' }],
      [5, 'A', 'duplicate_unit', { value: 'PX03', row: 3 }],
      [5, 'H', 'bad_date', { value: '2022-13-01' }],
    ]);
    expect(r.ok ? [] : r.errors.map((e) => e.sheet)).toEqual(['units', 'units', 'units', 'units']);
    expect(r.ok ? '' : renderWithPlace(r.errors[0]!, 'vi')).toBe(
      'Trang “units”, dòng 3, cột D: Khối “phòng” không hợp lệ (board, department, district, union, commune, agency, other).',
    );
    expect(r.ok ? '' : renderWithPlace(r.errors[3]!, 'en')).toBe(
      'Sheet “units”, row 5, column H: “2022-13-01” is not a date (dd/mm/yyyy or yyyy-mm-dd).',
    );
    const orphan = unitsToRows(langSon.units.slice(0, 2));
    orphan[2]![UNIT_COLUMNS.indexOf('parent_id')] = 'NOWHERE';
    const o = parseUnitRows(orphan);
    expect(problemsOf(o)).toEqual([[3, 'E', 'unknown_parent', { value: 'NOWHERE' }]]);
    const cycle = [
      ['id', 'name', 'group', 'parent_id'],
      ['A', 'A', 'other', 'B'],
      ['B', 'B', 'other', 'A'],
    ];
    const c = parseUnitRows(cycle);
    expect(problemsOf(c)).toEqual([[2, 'D', 'parent_cycle', { value: 'A' }]]);
    expect(parseUnitRows([])).toEqual({
      ok: false,
      errors: [{ sheet: 'units', row: null, column: null, code: 'missing_sheet' }],
    });
    expect(parseUnitRows([['id', 'name', 'group']])).toEqual({
      ok: false,
      errors: [{ sheet: 'units', row: null, column: null, code: 'no_units' }],
    });
  });
});

describe('users sheet', () => {
  test('round trip, roles separated by commas or spaces', () => {
    const users = [
      { userId: 'a@x.vn', roles: ['clerk' as const], unitId: 'PC06', name: 'A' },
      { userId: 'b', roles: ['reviewer' as const, 'admin' as const], campaignIds: ['c1', 'c2'] },
    ];
    expect(parseUserRows(usersToRows(users))).toEqual({ ok: true, records: users });
    expect(
      parseUserRows([
        ['user_id', 'roles'],
        ['c', 'Reviewer Admin'],
      ]),
    ).toEqual({
      ok: true,
      records: [{ userId: 'c', roles: ['reviewer', 'admin'] }],
    });
  });

  test('a clerk without a unit, an unknown role, a duplicate user', () => {
    const r = parseUserRows([
      ['user_id', 'roles', 'unit_id'],
      ['a', 'clerk', null],
      ['b', 'boss', null],
      ['b', 'admin', null],
      ['c d', 'admin', null],
    ]);
    expect(problemsOf(r)).toEqual([
      [2, 'C', 'clerk_needs_unit', undefined],
      [3, 'B', 'bad_role', { value: 'boss', allowed: USER_ROLES }],
      [4, 'A', 'duplicate_user', { value: 'b', row: 3 }],
      [5, 'A', 'bad_user_id', { userId: 'c d' }],
    ]);
    expect(r.ok ? '' : renderWithPlace(r.errors[0]!, 'vi')).toBe(
      'Trang “users”, dòng 2, cột C: Cán bộ nhập liệu (clerk) phải gắn với một đơn vị (unit_id).',
    );
    expect(r.ok ? '' : renderWithPlace(r.errors[2]!, 'en')).toBe(
      'Sheet “users”, row 4, column A: User “b” is already at row 3.',
    );
  });
});

describe('any edit of a registry sheet is answered, never thrown', () => {
  const cell = fc.oneof(
    fc.constantFrom(
      null,
      '',
      'x',
      'có',
      'maybe',
      0,
      45000,
      'PX03',
      'CAT',
      'a b',
      'clerk',
      'boss',
      '31/02/2022',
    ),
    fc.string({ maxLength: 6 }),
  );
  const edits = fc.array(fc.record({ row: fc.nat(), column: fc.nat(), value: cell }), {
    minLength: 1,
    maxLength: 6,
  });
  const apply = (rows: CellValue[][], changes: { row: number; column: number; value: CellValue }[]) => {
    for (const c of changes) {
      const row = rows[c.row % rows.length]!;
      row[c.column % row.length] = c.value;
    }
    return rows;
  };
  const answered = <T>(r: RegistryResult<T>, sheet: string, rows: number) => {
    if (r.ok) return;
    for (const e of r.errors) {
      expect(e.sheet).toBe(sheet);
      if (e.row !== null) expect(e.row).toBeLessThanOrEqual(rows);
      for (const lang of ['vi', 'en'] as const)
        expect(renderWithPlace(e, lang)).not.toMatch(/undefined|\[object|«/);
    }
  };

  test('units and users', () => {
    fc.assert(
      fc.property(edits, edits, (u, s) => {
        const units = apply(unitsToRows(langSon.units.slice(0, 6)), u);
        answered(parseUnitRows(units), 'units', units.length);
        const users = apply(
          usersToRows([
            { userId: 'a', roles: ['clerk'], unitId: 'PX03' },
            { userId: 'b', roles: ['admin'], name: 'B', campaignIds: ['c'] },
          ]),
          s,
        );
        answered(parseUserRows(users), 'users', users.length);
      }),
      { numRuns: 300 },
    );
  });
});
