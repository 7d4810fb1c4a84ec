/**
 * Checks every campaign folder under campaigns/ (found on disk, so a new campaign is tested without
 * editing this file): the JSON parses with the shared schemas (a folder of workbooks is checked on the
 * sources its workbooks were made from, which test/admin/seed-workbooks.test.ts holds them to), and the data obeys the conventions the
 * schemas cannot express on their own (unique ids and keys, a single-rooted unit tree, rules that only
 * name existing fields, bilingual labels, NFC text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  CampaignSchema,
  TemplateSchema,
  UnitSchema,
  type Campaign,
  type Template,
  type Unit,
} from '../shared/src/schemas';
import { SEED_SOURCES } from '../scripts/seed-workbooks';

const CAMPAIGNS_DIR = path.join(__dirname, '..', 'campaigns');

const campaignDirs = fs
  .readdirSync(CAMPAIGNS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function parseWith<T extends z.ZodType>(schema: T, file: string): z.infer<T> {
  const result = schema.safeParse(readJson(file));
  if (!result.success) {
    throw new Error(`${path.relative(CAMPAIGNS_DIR, file)}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

/** Every string in a JSON value, object keys included. */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allStrings(v, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------- the rule grammar

type ParsedComparison = { fields: string[]; tables: string[] };

/**
 * Parses `A op B`, op one of <= < >= > = !=, A and B sums/differences of operands, an operand being a
 * field key, a number literal or `count(table_key)`. Throws on anything else.
 */
function parseComparison(source: string): ParsedComparison {
  const tokenRe = /\s*(count\s*\(\s*[a-z][a-z0-9_]*\s*\)|[a-z][a-z0-9_]*|\d+(?:\.\d+)?|<=|>=|!=|<|>|=|\+|-)/y;
  const tokens: string[] = [];
  let pos = 0;
  while (pos < source.length) {
    if (/^\s*$/.test(source.slice(pos))) break;
    tokenRe.lastIndex = pos;
    const m = tokenRe.exec(source);
    if (!m || m[1] === undefined) throw new Error(`cannot read "${source}" at ${pos}`);
    tokens.push(m[1]);
    pos = tokenRe.lastIndex;
  }
  const fields: string[] = [];
  const tables: string[] = [];
  let i = 0;
  const operand = () => {
    const tok = tokens[i++];
    if (tok === undefined) throw new Error(`"${source}" ends where an operand was expected`);
    const count = /^count\s*\(\s*([a-z][a-z0-9_]*)\s*\)$/.exec(tok);
    if (count?.[1] !== undefined) tables.push(count[1]);
    else if (/^[a-z][a-z0-9_]*$/.test(tok) && tok !== 'count') fields.push(tok);
    else if (!/^\d/.test(tok)) throw new Error(`"${source}": "${tok}" is not an operand`);
  };
  const sum = () => {
    operand();
    while (tokens[i] === '+' || tokens[i] === '-') {
      i++;
      operand();
    }
  };
  sum();
  const op = tokens[i++];
  if (op === undefined || !['<=', '<', '>=', '>', '=', '!='].includes(op)) {
    throw new Error(`"${source}" needs one comparison operator`);
  }
  sum();
  if (i !== tokens.length) throw new Error(`"${source}" has extra text after the comparison`);
  return { fields, tables };
}

// ---------------------------------------------------------------- every campaign

test('there is at least one campaign', () => {
  expect(campaignDirs.length).toBeGreaterThan(0);
});

describe.each(campaignDirs)('campaign %s', (dir) => {
  const base = path.join(CAMPAIGNS_DIR, dir);
  const templatesDir = path.join(base, 'templates');
  // A campaign made as workbooks (campaign.xlsx, templates/*.xlsx): checked on its source.
  const source = fs.existsSync(path.join(base, 'campaign.xlsx'))
    ? SEED_SOURCES.find((x) => x.definition.campaign.id === dir)
    : undefined;
  const extension = source ? '.xlsx' : '.json';
  const templateFiles = fs.existsSync(templatesDir)
    ? fs
        .readdirSync(templatesDir)
        .filter((f) => f.endsWith(extension))
        .sort()
    : [];
  const jsonFiles = source
    ? []
    : [
        path.join(base, 'campaign.json'),
        path.join(base, 'units.json'),
        ...templateFiles.map((f) => path.join(templatesDir, f)),
      ];

  const campaign = (): Campaign =>
    source
      ? CampaignSchema.parse(source.definition.campaign)
      : parseWith(CampaignSchema, path.join(base, 'campaign.json'));
  const units = (): Unit[] =>
    source
      ? z.array(UnitSchema).parse(source.definition.units)
      : parseWith(z.array(UnitSchema), path.join(base, 'units.json'));
  const templateIn = (file: string): Template => {
    if (!source) return parseWith(TemplateSchema, path.join(templatesDir, file));
    const t = source.templates.find((x) => `${x.id}.v${x.version}.xlsx` === file);
    if (!t) throw new Error(`${dir}/templates/${file}: no source in scripts/seed-workbooks`);
    return TemplateSchema.parse(t);
  };
  const templates = (): Array<{ file: string; template: Template }> =>
    templateFiles.map((file) => ({ file, template: templateIn(file) }));

  test('a folder of workbooks has its source', () => {
    expect(fs.existsSync(path.join(base, 'campaign.xlsx')) === (source !== undefined)).toBe(true);
  });

  test('the campaign parses and its id is the folder name', () => {
    expect(campaign().id).toBe(dir);
  });

  test('all text is NFC', () => {
    if (source) expect(allStrings(source).filter((x) => x !== x.normalize('NFC'))).toEqual([]);
    for (const file of jsonFiles) {
      const raw = fs.readFileSync(file, 'utf8');
      expect(raw === raw.normalize('NFC')).toBe(true);
      const notNfc = allStrings(readJson(file)).filter((s) => s !== s.normalize('NFC'));
      expect(notNfc).toEqual([]);
    }
  });

  describe('calendar', () => {
    test('recurring slots and once ids are unique, once ids are year-slot', () => {
      const { calendar } = campaign();
      expect(duplicates(calendar.recurring.map((r) => r.slot))).toEqual([]);
      expect(duplicates(calendar.once.map((p) => p.id))).toEqual([]);
      for (const p of calendar.once) {
        expect(p.id).toBe(`${p.year}-${p.slot}`);
        expect(p.year).toBeGreaterThanOrEqual(calendar.firstYear);
        expect(p.year).toBeLessThanOrEqual(calendar.lastYear);
      }
      expect(calendar.firstYear).toBeLessThanOrEqual(calendar.lastYear);
    });

    test('recurring due dates are real days in every year', () => {
      for (const r of campaign().calendar.recurring) {
        const d = new Date(`2021-${r.due}T00:00:00Z`); // 2021: not a leap year
        expect(d.toISOString().slice(5, 10)).toBe(r.due);
      }
    });

    test('every template kind the calendar asks for has a template', () => {
      const { calendar } = campaign();
      const kinds = new Set(templates().map(({ template }) => template.kind));
      for (const p of [...calendar.recurring, ...calendar.once]) {
        expect({ period: p.slot, hasTemplate: kinds.has(p.templateKind) }).toEqual({
          period: p.slot,
          hasTemplate: true,
        });
      }
    });
  });

  describe('units', () => {
    test('ids are unique', () => {
      expect(duplicates(units().map((u) => u.id))).toEqual([]);
    });

    test('every parentId exists', () => {
      const ids = new Set(units().map((u) => u.id));
      const dangling = units().filter((u) => u.parentId !== undefined && !ids.has(u.parentId));
      expect(dangling.map((u) => `${u.id} -> ${u.parentId}`)).toEqual([]);
    });

    test('exactly one root, and every unit reaches it', () => {
      const list = units();
      const roots = list.filter((u) => u.parentId === undefined);
      expect(roots.map((u) => u.id)).toHaveLength(1);
      const byId = new Map(list.map((u) => [u.id, u]));
      for (const u of list) {
        const seen = new Set<string>();
        let node: Unit | undefined = u;
        while (node?.parentId !== undefined) {
          expect(seen.has(node.id)).toBe(false); // a cycle
          seen.add(node.id);
          node = byId.get(node.parentId);
        }
        expect(node?.id).toBe(roots[0]?.id);
      }
    });

    test('active ranges are ordered', () => {
      for (const u of units()) {
        if (u.activeFrom !== undefined && u.activeUntil !== undefined) {
          expect(u.activeFrom < u.activeUntil).toBe(true);
        }
      }
    });

    test('the standing office is one of the units', () => {
      const ids = new Set(units().map((u) => u.id));
      expect(ids.has(campaign().standingOffice)).toBe(true);
    });
  });

  describe('templates', () => {
    test('there is at least one template', () => {
      expect(templateFiles.length).toBeGreaterThan(0);
    });

    test('each parses, belongs to this campaign, and is named <id>.v<version>.json (or .xlsx)', () => {
      const { id } = campaign();
      for (const { file, template } of templates()) {
        expect(template.campaignId).toBe(id);
        expect(file).toBe(`${template.id}.v${template.version}${extension}`);
      }
    });

    test('template id and version pairs are unique', () => {
      expect(duplicates(templates().map(({ template }) => `${template.id}.v${template.version}`))).toEqual(
        [],
      );
    });

    for (const file of templateFiles) {
      describe(file, () => {
        const template = (): Template => templateIn(file);
        const fieldsOf = (t: Template) => t.sections.flatMap((s) => s.fields);

        test('section keys are unique; field and table keys are unique across sections and tables', () => {
          const t = template();
          expect(duplicates(t.sections.map((s) => s.key))).toEqual([]);
          expect(duplicates([...fieldsOf(t).map((f) => f.key), ...t.tables.map((tb) => tb.key)])).toEqual([]);
          for (const tb of t.tables) expect(duplicates(tb.columns.map((c) => c.key))).toEqual([]);
          expect(duplicates(t.rules.map((r) => r.id))).toEqual([]);
        });

        test('every identifier in a rule is a field or a table of the template', () => {
          const t = template();
          const known = new Set([...fieldsOf(t).map((f) => f.key), ...t.tables.map((tb) => tb.key)]);
          for (const r of t.rules) {
            for (const source of [r.check, r.when ?? '']) {
              const unknown = (source.match(/[a-z][a-z0-9_]*/g) ?? []).filter(
                (id) => id !== 'count' && !known.has(id),
              );
              expect({ rule: r.id, unknown }).toEqual({ rule: r.id, unknown: [] });
            }
            if (r.field !== undefined) expect(known.has(r.field)).toBe(true);
          }
        });

        test('rules follow the comparison grammar, compare numbers and count tables', () => {
          const t = template();
          const numeric = new Set(
            fieldsOf(t)
              .filter((f) => f.type === 'integer' || f.type === 'decimal' || f.type === 'percent')
              .map((f) => f.key),
          );
          const tables = new Set(t.tables.map((tb) => tb.key));
          for (const r of t.rules) {
            for (const source of r.when === undefined ? [r.check] : [r.check, r.when]) {
              const parsed = parseComparison(source);
              expect({ rule: r.id, notNumeric: parsed.fields.filter((f) => !numeric.has(f)) }).toEqual({
                rule: r.id,
                notNumeric: [],
              });
              expect({ rule: r.id, notTables: parsed.tables.filter((tb) => !tables.has(tb)) }).toEqual({
                rule: r.id,
                notTables: [],
              });
            }
          }
        });

        test('fields follow the conventions (counts from 0, bounded text, fractions for percent)', () => {
          const t = template();
          const columns = t.tables.flatMap((tb) => tb.columns);
          for (const f of [...fieldsOf(t), ...columns]) {
            const where = { key: f.key, type: f.type };
            if (f.type === 'integer') expect({ ...where, min: f.min }).toEqual({ ...where, min: 0 });
            if (f.type === 'text') expect(f.maxLength ?? Infinity).toBeLessThanOrEqual(500);
            if (f.type === 'longtext') expect(f.maxLength ?? Infinity).toBeLessThanOrEqual(4000);
            if (f.type === 'percent') {
              expect(f.min ?? -1).toBeGreaterThanOrEqual(0);
              expect(f.max ?? 2).toBeLessThanOrEqual(1);
            }
            if (f.type !== 'choice') expect(f.choices).toBeUndefined();
          }
        });

        test('every label, title, help text and message has both vi and en', () => {
          const t = template();
          const texts = [
            t.title,
            ...(t.description ? [t.description] : []),
            ...t.sections.map((s) => s.title),
            ...t.tables.map((tb) => tb.title),
            ...t.rules.map((r) => r.message),
          ];
          for (const f of [...fieldsOf(t), ...t.tables.flatMap((tb) => tb.columns)]) {
            texts.push(f.label);
            if (f.help) texts.push(f.help);
            if (f.unitLabel) texts.push(f.unitLabel);
            for (const c of f.choices ?? []) texts.push(c.label);
          }
          const missing = texts.filter((x) => !x.en || !x.vi).map((x) => x.vi);
          expect(missing).toEqual([]);
        });
      });
    }
  });
});

// ---------------------------------------------------------------- what the seeds say about Lạng Sơn

describe('lang-son-nu-cuoi-chien-si', () => {
  const base = path.join(CAMPAIGNS_DIR, 'lang-son-nu-cuoi-chien-si');
  const units = (): Unit[] => parseWith(z.array(UnitSchema), path.join(base, 'units.json'));

  test('40 units and unions report (seed 001: “40/40 đơn vị, đoàn thể”)', () => {
    expect(units().filter((u) => u.reports)).toHaveLength(40);
  });

  test('the pilot units are the city police, PA08, PC06 and PC08 (seed 000, IV.2)', () => {
    const pilots = units()
      .filter((u) => u.pilot)
      .map((u) => u.id)
      .sort();
    expect(pilots).toEqual(['CATP', 'PA08', 'PC06', 'PC08']);
  });

  test('the steering board’s departments, the youth union and the women’s union are units (seed 000, IV)', () => {
    const ids = new Set(units().map((u) => u.id));
    for (const id of ['PX03', 'PX01', 'PV01', 'PV05', 'PH10', 'PA08', 'PC06', 'PC08', 'DTN', 'HPN']) {
      expect({ id, present: ids.has(id) }).toEqual({ id, present: true });
    }
  });
});

describe('restructurings as data (units over time, README), each with its public source in the campaign note', () => {
  const read = (id: string) => ({
    campaign: CampaignSchema.parse(readJson(path.join(CAMPAIGNS_DIR, id, 'campaign.json'))),
    units: z.array(UnitSchema).parse(readJson(path.join(CAMPAIGNS_DIR, id, 'units.json'))),
  });

  test('Lạng Sơn: the city police and the ten district police end on 2025-03-01; nothing else ends', () => {
    const { campaign, units } = read('lang-son-nu-cuoi-chien-si');
    const ended = units.filter((u) => u.activeUntil !== undefined);
    expect(ended.map((u) => u.id).sort()).toEqual(
      units
        .filter((u) => u.group === 'district')
        .map((u) => u.id)
        .sort(),
    );
    expect(ended).toHaveLength(11);
    expect(new Set(ended.map((u) => u.activeUntil))).toEqual(new Set(['2025-03-01']));
    expect(campaign.note?.vi).toMatch(/01\/3\/2025.*https:\/\//);
  });

  test('Bắc Giang: the calendar ends on 2025-07-01 (Resolution 202/2025/QH15); Việt Yên a town from 2024-02-01', () => {
    const { campaign, units } = read('bac-giang-nu-cuoi-cong-so');
    expect(campaign.calendar.endsOn).toBe('2025-07-01');
    expect(campaign.note?.en).toContain('202/2025/QH15');
    expect(campaign.note?.en).toMatch(/https:\/\//);
    const vietYen = units.find((u) => u.id === 'H-VIET-YEN')!;
    expect(vietYen.name).toBe('UBND thị xã Việt Yên');
    expect(vietYen.history).toEqual([
      expect.objectContaining({ until: '2024-02-01', name: 'UBND huyện Việt Yên', group: 'district' }),
    ]);
  });
});
