/** Helpers of the admin tests: generated templates, and editing definition sheets by header name. */
import fc from 'fast-check';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import {
  DEFINITION_COLUMNS,
  FIELD_TYPES,
  parseTemplate,
  type CellValue,
  type DefinitionSheetName,
  type DefinitionSheets,
  type Template,
} from '../../shared/src';

export const bundles = loadCampaignBundles();
export const allTemplates: Template[] = bundles.flatMap((b) => b.templates);
export const langSon = bundles.find((b) => b.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
export const resultsV1 = langSon.templates.find((t) => t.id === 'results' && t.version === 1)!;

/** A deep copy of the sheets, to edit. */
export function copySheets(sheets: DefinitionSheets): DefinitionSheets {
  return JSON.parse(JSON.stringify(sheets)) as DefinitionSheets;
}

export function columnIndex(sheets: DefinitionSheets, sheet: DefinitionSheetName, column: string): number {
  const i = sheets[sheet][0]!.findIndex((h) => h === column);
  if (i < 0) throw new Error(`no column ${column} in ${sheet}`);
  return i;
}

/** Index (0-based, = Excel row − 1) of the row whose `column` holds `value`. */
export function rowIndex(
  sheets: DefinitionSheets,
  sheet: DefinitionSheetName,
  column: string,
  value: CellValue,
): number {
  const c = columnIndex(sheets, sheet, column);
  const i = sheets[sheet].findIndex((r, ri) => ri > 0 && r[c] === value);
  if (i < 0) throw new Error(`no row with ${column} = ${String(value)} in ${sheet}`);
  return i;
}

export function setCell(
  sheets: DefinitionSheets,
  sheet: DefinitionSheetName,
  row: number,
  column: string,
  value: CellValue,
): void {
  sheets[sheet][row]![columnIndex(sheets, sheet, column)] = value;
}

/** A row for `sheet` from values by column name. */
export function makeRow(sheet: DefinitionSheetName, values: Record<string, CellValue>): CellValue[] {
  return (DEFINITION_COLUMNS[sheet] as readonly string[]).map((c) => values[c] ?? null);
}

/** The setting's row index in the settings sheet. */
export function settingRow(sheets: DefinitionSheets, key: string): number {
  return sheets.settings.findIndex((r) => r[0] === key);
}

// ---------------------------------------------------------------- generated templates

const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,47}$/);

/** Text as a person types it: Vietnamese, punctuation that means something in the choices syntax, newlines. */
const POOL = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠẤỆỮ0123456789 ;|\\=,.-_:()“”\'"%#\n'];
const typed = fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 24 }).map((cs) => cs.join(''));
const anyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 });
/** Non-empty NFC text without surrounding blanks or control characters (the xlsx writer drops those). */
export const text = fc
  .oneof(typed, anyText)
  .map((s) => s.normalize('NFC').trim())
  // eslint-disable-next-line no-control-regex
  .filter((s) => s.length > 0 && s === s.normalize('NFC') && !/[\u0000-\u001f\u007f\ufffe\uffff]/.test(s));

const localized = fc.record({ vi: text, en: text }, { requiredKeys: ['vi'] });
const finite = fc
  .oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }))
  .map((n) => (n === 0 ? 0 : n));

const choices = fc.uniqueArray(fc.record({ value: key, label: localized }), {
  minLength: 1,
  maxLength: 4,
  selector: (c) => c.value,
});

function fieldLike(k: string) {
  return fc
    .record(
      {
        type: fc.constantFrom(...FIELD_TYPES),
        label: localized,
        required: fc.boolean(),
        bounds: fc.tuple(fc.option(finite, { nil: undefined }), fc.option(finite, { nil: undefined })),
        maxLength: fc.integer({ min: 1, max: 32_000 }),
        choices,
        help: localized,
        unitLabel: localized,
      },
      { requiredKeys: ['type', 'label', 'required', 'bounds', 'choices'] },
    )
    .chain((f) =>
      fc.boolean().map((extraChoices) => {
        const [a, b] = f.bounds;
        const [min, max] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
        return {
          key: k,
          type: f.type,
          label: f.label,
          required: f.required,
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
          ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
          ...(f.type === 'choice' || extraChoices ? { choices: f.choices } : {}),
          ...(f.help ? { help: f.help } : {}),
          ...(f.unitLabel ? { unitLabel: f.unitLabel } : {}),
        };
      }),
    );
}

const ROLLUPS = ['sum', 'avg', 'min', 'max', 'count', 'list', 'none'] as const;

/** Valid templates of every shape the schema allows (parsed, so defaults are filled in). */
export const templateArbitrary: fc.Arbitrary<Template> = fc
  .record({
    sectionSizes: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
    tableSizes: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
  })
  .chain(({ sectionSizes, tableSizes }) => {
    const nFields = sectionSizes.reduce((a, b) => a + b, 0);
    const n = sectionSizes.length + nFields + tableSizes.length;
    return fc.record({
      head: fc.record(
        {
          id: key,
          kind: fc.constantFrom('plan' as const, 'results' as const),
          version: fc.integer({ min: 1, max: 10_000 }),
          title: localized,
          description: localized,
        },
        { requiredKeys: ['id', 'kind', 'version', 'title'] },
      ),
      keys: fc.uniqueArray(key, { minLength: n, maxLength: n }),
      sectionTitles: fc.array(localized, { minLength: sectionSizes.length, maxLength: sectionSizes.length }),
      fields: fc.tuple(
        ...Array.from({ length: nFields }, () =>
          fc.record({ rollup: fc.constantFrom(...ROLLUPS), retired: fc.boolean() }),
        ),
      ),
      tables: fc.tuple(
        ...tableSizes.map((size) =>
          fc.record({
            title: localized,
            maxRows: fc.integer({ min: 1, max: 500 }),
            rollup: fc.constantFrom('list' as const, 'count' as const, 'none' as const),
            retired: fc.boolean(),
            columnKeys: fc.uniqueArray(key, { minLength: size, maxLength: size }),
          }),
        ),
      ),
      sectionSizes: fc.constant(sectionSizes),
    });
  })
  .chain((g) => {
    const sectionKeys = g.keys.slice(0, g.sectionSizes.length);
    const fieldKeys = g.keys.slice(g.sectionSizes.length, g.keys.length - g.tables.length);
    const tableKeys = g.keys.slice(g.keys.length - g.tables.length);
    return fc
      .record({
        fieldDefs: fc.tuple(...fieldKeys.map((k) => fieldLike(k))),
        columnDefs: fc.tuple(...g.tables.map((t) => fc.tuple(...t.columnKeys.map((k) => fieldLike(k))))),
      })
      .chain(({ fieldDefs, columnDefs }) => {
        const numeric = fieldDefs
          .filter((f) => ['integer', 'decimal', 'percent', 'boolean'].includes(f.type))
          .map((f) => f.key);
        const operand = fc.oneof(
          fc.integer({ min: 0, max: 999 }).map(String),
          ...(numeric.length ? [fc.constantFrom(...numeric)] : []),
          ...(tableKeys.length ? [fc.constantFrom(...tableKeys).map((t) => `count(${t})`)] : []),
        );
        const comparison = fc
          .tuple(
            operand,
            fc.constantFrom('<=', '<', '>=', '>', '=', '!='),
            operand,
            fc.option(operand, { nil: undefined }),
          )
          .map(([a, op, b, c]) => `${a} ${op} ${b}${c ? ` + ${c}` : ''}`);
        const rule = fc.record(
          {
            check: comparison,
            when: comparison,
            message: localized,
            field: fieldKeys.length ? fc.constantFrom(...fieldKeys) : fc.constant(undefined),
          },
          { requiredKeys: ['check', 'message'] },
        );
        return fc.record({
          fieldDefs: fc.constant(fieldDefs),
          columnDefs: fc.constant(columnDefs),
          rules: fc.uniqueArray(fc.tuple(key, rule), { maxLength: 4, selector: ([id]) => id }),
        });
      })
      .map(({ fieldDefs, columnDefs, rules }) => {
        let next = 0;
        const input = {
          ...g.head,
          campaignId: 'generated-campaign',
          sections: g.sectionSizes.map((size, si) => ({
            key: sectionKeys[si]!,
            title: g.sectionTitles[si]!,
            fields: Array.from({ length: size }, () => {
              const i = next++;
              return { ...fieldDefs[i]!, ...g.fields[i]! };
            }),
          })),
          tables: g.tables.map((t, ti) => ({
            key: tableKeys[ti]!,
            title: t.title,
            maxRows: t.maxRows,
            rollup: t.rollup,
            retired: t.retired,
            columns: columnDefs[ti]!,
          })),
          rules: rules.map(([id, r]) => ({
            id,
            check: r.check,
            ...(r.when ? { when: r.when } : {}),
            message: r.message,
            ...(r.field ? { field: r.field } : {}),
          })),
        };
        return parseTemplate(input);
      });
  });
