/**
 * Issue 11 item 7: whatever a clerk types — U+FFFF, U+FFFE, lone surrogates, control characters —
 * every part of every workbook the product writes stays well-formed XML. Random Unicode goes through
 * the template workbook and the summary workbook; every XML part is decoded as strict UTF-8 and
 * parsed by a strict XML parser (saxes, which ExcelJS itself depends on; and xmllint when installed).
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import {
  buildSummarySheets,
  buildTemplateSheet,
  computeRollup,
  isXmlLegal,
  xmlLegal,
  type StoredSubmission,
} from '../../shared/src';
import { renderWorkbook } from '../../functions/src/workbook/xlsx-writer';
import { langSon, readBook, resultsV1 } from './support';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function xmllintAvailable(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const XMLLINT = xmllintAvailable();

/** The first well-formedness error of an XML text, or null. */
function xmlError(text: string): string | null {
  let error: string | null = null;
  const parser = new SaxesParser();
  parser.on('error', (e) => (error ??= e.message));
  try {
    parser.write(text).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  return error;
}

/** Every XML part of a workbook that is not well-formed, with why. */
function badParts(bytes: Buffer): string[] {
  const files = (readBook(bytes) as unknown as { files: Record<string, { content: Uint8Array }> }).files;
  const bad: string[] = [];
  for (const [path, entry] of Object.entries(files)) {
    if (!/\.(xml|rels)$/.test(path)) continue;
    let text: string;
    try {
      text = strictUtf8.decode(entry.content);
    } catch {
      bad.push(`${path}: not UTF-8`);
      continue;
    }
    const error = xmlError(text);
    if (error) bad.push(`${path}: ${error}`);
    else if (XMLLINT && /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(path)) {
      try {
        execFileSync('xmllint', ['--noout', '-'], {
          input: entry.content,
          stdio: ['pipe', 'ignore', 'pipe'],
        });
      } catch (e) {
        bad.push(`${path}: xmllint ${(e as { stderr?: Buffer }).stderr?.toString()}`);
      }
    }
  }
  return bad;
}

/** Any Unicode, with the characters XML cannot hold over-represented. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\uFFFF',
      '\uFFFE',
      '\uD800',
      '\uDBFF',
      '\uDC00',
      '\uDFFF',
      '\u0000',
      '\u0008',
      '\u000B',
      '\u001F',
      '\u007F',
      '\u0085',
      '\r',
      '\t',
      '\n',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 40,
});

test('xmlLegal: always legal, idempotent, and legal text is left alone', () => {
  fc.assert(
    fc.property(hostile, (s) => {
      const clean = xmlLegal(s);
      expect(isXmlLegal(clean)).toBe(true);
      expect(xmlError(`<a>${clean.replace(/[<&]/g, '')}</a>`)).toBeNull();
      expect(xmlLegal(clean)).toBe(clean);
    }),
  );
  expect(xmlLegal('Tốt, đạt — “ok”\tx\ny 😀')).toBe('Tốt, đạt — “ok”\tx\ny 😀');
  expect(xmlLegal('a\uFFFFb\uD800c\r\nd')).toBe('a\uFFFDb\uFFFDc\nd');
});

const { campaign } = langSon;
const unit = langSon.units.find((u) => u.id === 'PC06')!;
const period = langSon.periods.find((p) => p.id === '2022-H1')!;

test('the template workbook stays well-formed whatever text is prefilled', async () => {
  await fc.assert(
    fc.asyncProperty(hostile, hostile, hostile, async (a, b, c) => {
      const sheet = buildTemplateSheet(resultsV1, {
        campaign: { ...campaign, name: { vi: c } },
        unit: { id: unit.id, name: b },
        period,
        values: { difficulties: a, proposals: b },
        tables: { models: [{ name: a, slogan: c }] },
      });
      expect(badParts(await renderWorkbook([sheet], { title: a }))).toEqual([]);
    }),
    { numRuns: 15 },
  );
}, 120_000);

test('the summary workbook stays well-formed whatever the clerks typed', async () => {
  const reporting = langSon.units.filter((u) => u.reports).slice(0, 3);
  await fc.assert(
    fc.asyncProperty(fc.array(hostile, { minLength: 3, maxLength: 3 }), hostile, async (texts, comment) => {
      const submissions: StoredSubmission[] = reporting.map((u, i) => ({
        submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        templateId: 'results',
        templateVersion: 1,
        unitId: u.id,
        periodId: period.id,
        values: { meetings_held: i + 1, difficulties: texts[i]!, proposals: comment },
        tables: { models: [{ name: texts[i]!, slogan: comment }] },
        revision: 1,
        receivedAt: '2022-06-10T02:00:00.000Z',
        onTime: true,
        review: { state: 'returned', comment },
      }));
      const rollup = computeRollup({
        campaignId: campaign.id,
        period,
        // A repeating table's title names a summary sheet: hostile too.
        templates: [
          { ...resultsV1, tables: resultsV1.tables.map((t) => ({ ...t, title: { vi: comment } })) },
        ],
        units: langSon.units.map((u, i) => (i === 0 ? { ...u, name: comment } : u)),
        submissions,
      });
      const sheets = buildSummarySheets(rollup, { campaign, period, generatedAt: '2022-06-20T03:00:00Z' });
      expect(badParts(await renderWorkbook(sheets))).toEqual([]);
    }),
    { numRuns: 10 },
  );
}, 120_000);

test('a table title with nothing a sheet name can hold still gives a workbook', async () => {
  const rollup = computeRollup({
    campaignId: campaign.id,
    period,
    templates: [
      { ...resultsV1, tables: resultsV1.tables.map((t) => ({ ...t, title: { vi: '\u0000 \uFFFF' } })) },
    ],
    units: langSon.units,
    submissions: [],
  });
  const sheets = buildSummarySheets(rollup, { campaign, period });
  expect(sheets.map((s) => s.name)).toContain(resultsV1.tables[0]!.key);
  expect(badParts(await renderWorkbook(sheets))).toEqual([]);
});

test('the check itself fails on text that is not XML-legal', () => {
  expect(xmlError('<a>\uFFFF</a>')).not.toBeNull();
  expect(xmlError('<a>\u0001</a>')).not.toBeNull();
});
