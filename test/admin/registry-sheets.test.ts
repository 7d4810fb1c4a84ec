/** The unit and user registers as sheets: rows ⇄ records, problems named by sheet, row and column. */
import {
  isoDateToSerial,
  parseUnitRows,
  parseUserRows,
  unitsToRows,
  usersToRows,
  UNIT_COLUMNS,
} from '../../shared/src';
import { langSon } from './support';

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

  test('bad cells, unknown parents and cycles are named', () => {
    const bad = unitsToRows(langSon.units.slice(0, 3));
    bad[2]![UNIT_COLUMNS.indexOf('group')] = 'phòng';
    bad[3]![UNIT_COLUMNS.indexOf('pilot')] = 'có lẽ';
    bad.push(['PX03', 'Trùng', null, 'department', 'CAT', null, true, '2022-13-01', null]);
    const r = parseUnitRows(bad);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'Trang “units”, dòng 3, cột D: khối “phòng” không hợp lệ (board, department, district, union, commune, agency, other)',
      'Trang “units”, dòng 4, cột F: “có lẽ” không phải giá trị có/không (TRUE/FALSE, có/không, x, hoặc để trống)',
      'Trang “units”, dòng 5, cột A: đơn vị “PX03” đã có ở dòng 3',
      'Trang “units”, dòng 5, cột H: “2022-13-01” không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)',
    ]);
    const orphan = unitsToRows(langSon.units.slice(0, 2));
    orphan[2]![UNIT_COLUMNS.indexOf('parent_id')] = 'NOWHERE';
    const o = parseUnitRows(orphan);
    expect(o.ok ? [] : o.errors.map((e) => [e.row, e.column])).toEqual([[3, 'E']]);
    const cycle = [
      ['id', 'name', 'group', 'parent_id'],
      ['A', 'A', 'other', 'B'],
      ['B', 'B', 'other', 'A'],
    ];
    const c = parseUnitRows(cycle);
    expect(c.ok ? [] : c.errors.map((e) => e.message)).toEqual([
      'Trang “units”, dòng 2, cột D: đơn vị “A” nằm trong chính cây con của nó (vòng lặp cấp trên)',
    ]);
    expect(parseUnitRows([])).toMatchObject({ ok: false, errors: [{ sheet: 'units', row: null }] });
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
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'Trang “users”, dòng 2, cột C: cán bộ nhập liệu (clerk) phải gắn với một đơn vị',
      'Trang “users”, dòng 3, cột B: vai trò “boss” không hợp lệ (clerk, reviewer, admin)',
      'Trang “users”, dòng 4, cột A: người dùng “b” đã có ở dòng 3',
      'Trang “users”, dòng 5, cột A: mã người dùng “c d” không hợp lệ (không dấu cách, /, \\, # hay ?)',
    ]);
  });
});
