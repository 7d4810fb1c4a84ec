/**
 * The office.js fake is strict where office.js is (each rule cites its Microsoft page in
 * test/support/fake-excel.ts): these pin the rules so a gateway test cannot pass on a lenient fake.
 */
import {
  createFakeExcel,
  isValidExcelName,
  REQUEST_LIMIT_BYTES,
  type FakeContext,
} from '../support/fake-excel';

function run<T>(fake: ReturnType<typeof createFakeExcel>, batch: (ctx: FakeContext) => Promise<T>) {
  return fake.Excel.run(batch);
}

test('a table name already used in the workbook, on any sheet, is refused at sync', async () => {
  const fake = createFakeExcel(['A', 'B']);
  await run(fake, async (ctx) => {
    ctx.workbook.worksheets.getItem('A').tables.add('A1:B2', true).name = 't_models';
    await ctx.sync();
  });
  await expect(
    run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('B').tables.add('A1:B2', true).name = 'T_MODELS';
      await ctx.sync();
    }),
  ).rejects.toThrow(/already exists/);
  // A defined name and a table share one namespace.
  await run(fake, async (ctx) => {
    const b = ctx.workbook.worksheets.getItem('B');
    b.names.add('f_x', b.getRange('C3'));
    await ctx.sync();
  });
  await expect(
    run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').tables.add('D1:E2', true).name = 'f_x';
      await ctx.sync();
    }),
  ).rejects.toThrow(/already exists/);
  await expect(
    run(fake, async (ctx) => {
      const b = ctx.workbook.worksheets.getItem('B');
      b.names.add('f_x', b.getRange('C4'));
      await ctx.sync();
    }),
  ).rejects.toThrow(/already exists/);
});

test('table and defined names follow Excel’s rules', () => {
  expect(isValidExcelName('t_models__results_PC06_2022_Q3__1koyvm9')).toBe(true);
  expect(isValidExcelName('_x.y')).toBe(true);
  for (const bad of ['', 'A1', 'xfd10', 'R1C1', 'r', '1abc', 'có dấu cách', 'a-b', 'x'.repeat(256)])
    expect(isValidExcelName(bad)).toBe(false);
});

test('getItemOrNullObject gives a null object, readable only after the sync', async () => {
  const fake = createFakeExcel(['Sheet1']);
  await run(fake, async (ctx) => {
    const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
    const present = ctx.workbook.worksheets.getItemOrNullObject('sheet1');
    expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(present.isNullObject).toBe(false);
  });
  await expect(
    run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('nope').getRange('A1').values = [[1]];
      await ctx.sync();
    }),
  ).rejects.toThrow(/ItemNotFound/);
});

test('freezing rows, columns or both; row heights, hidden columns, alignment and borders are recorded', async () => {
  const fake = createFakeExcel(['S']);
  await run(fake, async (ctx) => {
    const s = ctx.workbook.worksheets.getItem('S');
    s.freezePanes.freezeAt(s.getRange('A1:C7'));
    s.getRange('4:4').format.rowHeight = 40;
    s.getRange('F:F').columnHidden = true;
    const r = s.getRange('B2:C3');
    r.format.horizontalAlignment = 'Center';
    r.format.borders.getItem('InsideHorizontal').weight = 'Medium';
    r.format.borders.getItem('EdgeTop').style = 'Continuous';
    await ctx.sync();
  });
  const s = fake.sheet('S');
  expect([s.frozenRows, s.frozenCols]).toEqual([7, 3]);
  expect(s.rowHeights.get(4)).toBe(40);
  expect([...s.hiddenColumns]).toEqual([6]);
  expect(fake.cell('S', 'C3')?.horizontal).toBe('Center');
  expect(fake.cell('S', 'B2')?.borders).toEqual({
    top: 'Continuous/Thin/#000000',
    bottom: 'Continuous/Medium/#000000',
  });
  expect(fake.cell('S', 'B3')?.borders).toEqual({ top: 'Continuous/Medium/#000000' });
  await run(fake, async (ctx) => {
    ctx.workbook.worksheets.getItem('S').freezePanes.freezeColumns(2);
    await ctx.sync();
  });
  expect([s.frozenRows, s.frozenCols]).toEqual([0, 2]);
});

test('request size is the serialised commands in UTF-8; over 5 MB is refused', async () => {
  const fake = createFakeExcel(['S']);
  const text = 'đ'.repeat(1000); // two bytes each in UTF-8
  await run(fake, async (ctx) => {
    ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[text]];
    await ctx.sync();
  });
  expect(fake.stats.requestBytes[0]).toBeGreaterThan(2000);
  const big = Array.from({ length: 3000 }, () => [text]);
  await expect(
    run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:A3000').values = big;
      await ctx.sync();
    }),
  ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  expect(fake.stats.requestBytes[1]).toBeGreaterThan(REQUEST_LIMIT_BYTES);
});

test('formulas: "=…" is a formula kept unevaluated, other text is typed as values; locked cells of a protected sheet refuse both', async () => {
  const fake = createFakeExcel(['A']);
  await run(fake, async (ctx) => {
    const a = ctx.workbook.worksheets.getItem('A');
    a.getRange('A1:B1').formulas = [['=BAOCAO.TONG("participants","2022-H1")', '12']];
    await ctx.sync();
  });
  expect(fake.sheet('A').cells.get('1:1')).toMatchObject({
    formula: '=BAOCAO.TONG("participants","2022-H1")',
    value: '',
  });
  expect(fake.sheet('A').cells.get('1:2')?.formula).toBeUndefined();
  expect(fake.sheet('A').cells.get('1:2')?.value).toBe(12);
  // Values written over a formula replace it.
  await run(fake, async (ctx) => {
    ctx.workbook.worksheets.getItem('A').getRange('A1').values = [['văn bản']];
    await ctx.sync();
  });
  expect(fake.sheet('A').cells.get('1:1')?.formula).toBeUndefined();
  await run(fake, async (ctx) => {
    ctx.workbook.worksheets.getItem('A').protection.protect();
    await ctx.sync();
  });
  await expect(
    run(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('C1').formulas = [['=1+1']];
      await ctx.sync();
    }),
  ).rejects.toThrow(/protected/);
});

describe('conditional formats (ExcelApi 1.6)', () => {
  const add = (
    fake: ReturnType<typeof createFakeExcel>,
    rule: { formula1: string; formula2?: string; operator: string },
    protect = false,
  ) =>
    run(fake, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('A');
      if (protect) sheet.protection.protect();
      const cf = sheet.getRange('C6:F9').conditionalFormats.add('CellValue');
      cf.cellValue.format.fill.color = '#ffc7ce';
      cf.cellValue.format.font.color = '#9C0006';
      cf.cellValue.rule = rule;
      await ctx.sync();
    });

  test('a CellValue format with a quoted text is recorded with its range, rule and colours', async () => {
    const fake = createFakeExcel(['A']);
    await add(fake, { formula1: '="Quá hạn"', operator: 'EqualTo' });
    expect(fake.sheet('A').conditionalFormats).toEqual([
      {
        address: 'C6:F9',
        type: 'CellValue',
        rule: { formula1: '="Quá hạn"', operator: 'EqualTo' },
        fill: '#FFC7CE',
        fontColor: '#9C0006',
      },
    ]);
  });

  test('each format added goes to the top priority (listed first)', async () => {
    const fake = createFakeExcel(['A']);
    await add(fake, { formula1: '="a"', operator: 'EqualTo' });
    await add(fake, { formula1: '="b"', operator: 'EqualTo' });
    expect(fake.sheet('A').conditionalFormats.map((c) => c.rule?.formula1)).toEqual(['="b"', '="a"']);
  });

  test('an unknown operator, an unquoted word, a missing formula2 or a protected sheet is refused', async () => {
    await expect(add(createFakeExcel(['A']), { formula1: '="x"', operator: 'Equals' })).rejects.toThrow(
      /ConditionalCellValueOperator/,
    );
    await expect(add(createFakeExcel(['A']), { formula1: '=Quá hạn', operator: 'EqualTo' })).rejects.toThrow(
      /quoted text/,
    );
    await expect(add(createFakeExcel(['A']), { formula1: '=1', operator: 'Between' })).rejects.toThrow(
      /formula2/,
    );
    await expect(add(createFakeExcel(['A']), { formula1: '=1', operator: 'EqualTo' }, true)).rejects.toThrow(
      /protected/,
    );
    await expect(
      run(createFakeExcel(['A']), async (ctx) => {
        ctx.workbook.worksheets.getItem('A').getRange('A1').conditionalFormats.add('Sparkle');
      }),
    ).rejects.toThrow(/not a ConditionalFormatType/);
  });
});
