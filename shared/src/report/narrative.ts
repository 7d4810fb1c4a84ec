/**
 * The standing office's narrative report for one period (“BÁO CÁO Kết quả thực hiện Phong trào …”),
 * as a pure function of the roll-up: a renderer-neutral document (./model.ts) that
 * functions/src/report/docx-writer.ts writes to .docx.
 *
 * Nothing here knows a campaign. The header comes from the campaign (organisation, standing office,
 * `report.place`, `report.signerTitle`, `report.recipients`); section II follows the template's
 * sections and tables; numbers are the roll-up's totals, compared with the same period last year.
 * Field keys with a section of their own are conventions the templates keep (both seed campaigns do):
 * `shortcomings` (tồn tại, hạn chế, nguyên nhân) and `difficulties` feed section III, `next_tasks`
 * (phương hướng, nhiệm vụ kỳ tới) section IV after the office's own directions, `proposals` section V.
 * Every other `list` field is quoted in section II under its own section. Units' free text is quoted exactly (a `quoted` run), never rewritten.
 *
 * Structure of the document (Nghị định 30/2020/NĐ-CP, Phụ lục I): header (body names | Quốc hiệu,
 * Tiêu ngữ; số, ký hiệu | địa danh, ngày tháng), tên loại and trích yếu, I. situation (who reported,
 * on time or not), II. results, III. shortcomings, IV. next period's tasks, V. proposals, then
 * “Nơi nhận” and the signature block.
 */
import { catalogue } from '../i18n/catalogue';
import { formatDateVi, localIsoDate } from '../periods';
import {
  isDistribution,
  rowsByGroup,
  type Rollup,
  type RollupField,
  type RollupTable,
  type TotalValue,
} from '../rollup';
import type { Campaign, FieldValue, Language, Period, Template, Unit } from '../schemas';
import { localize } from '../text';
import { para, type ReportBlock, type ReportDocument, type ReportParagraph, type ReportRun } from './model';

/** Field keys with a place of their own in the report (see the file comment). */
export const SHORTCOMING_KEYS: readonly string[] = ['shortcomings'];
export const DIFFICULTY_KEYS: readonly string[] = ['difficulties'];
export const DIRECTION_KEYS: readonly string[] = ['next_tasks'];
export const PROPOSAL_KEYS: readonly string[] = ['proposals'];
/** Every key quoted outside section II. */
const OWN_SECTION_KEYS: readonly string[] = [
  ...SHORTCOMING_KEYS,
  ...DIFFICULTY_KEYS,
  ...DIRECTION_KEYS,
  ...PROPOSAL_KEYS,
];

export interface NarrativeInput {
  campaign: Pick<Campaign, 'name' | 'organisation' | 'standingOffice' | 'mottos' | 'report' | 'timeZone'>;
  period: Period;
  /** The campaign's calendar: the next period's deadline goes into section IV. */
  periods: readonly Period[];
  rollup: Rollup;
  /** The newest version of the period's template: section titles and choice labels. */
  template: Pick<Template, 'sections' | 'tables'>;
  units: readonly Unit[];
  /** The plan period's completeness, when the campaign has one with reports: “40/40 đơn vị đăng ký”. */
  registration?: { submitted: number; expected: number; period: Period } | undefined;
  /** When the report is drafted (ISO instant). */
  generatedAt: string;
  lang?: Language;
}

/** Vietnamese style by default (1.400; 87,76), English (1,400; 87.76) for `en`. */
export function formatNumber(n: number, lang: Language = 'vi', maxFractionDigits = 2): string {
  return n.toLocaleString(catalogue(lang).locale, { maximumFractionDigits: maxFractionDigits });
}

const isNumber = (v: TotalValue | FieldValue | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

export function buildNarrativeReport(input: NarrativeInput): ReportDocument {
  const lang = input.lang ?? 'vi';
  const t = catalogue(lang).report;
  const { campaign, period, rollup } = input;
  const num = (n: number, digits = 2) => formatNumber(n, lang, digits);
  const unitsById = new Map(input.units.map((u) => [u.id, u]));
  const unitName = (id: string) => unitsById.get(id)?.name ?? id;
  const office = unitsById.get(campaign.standingOffice);
  const officeName = office?.name ?? campaign.standingOffice;
  const symbol =
    office?.shortName && /^[\p{Lu}\d-]+$/u.test(office.shortName)
      ? office.shortName
      : campaign.standingOffice;
  const campaignName = localize(campaign.name, lang);
  // A quarter whose figures count from the start of the year (quý III due 15/9: the 9-month report).
  const fromYearStart = period.window !== undefined && period.window.from <= `${period.year}-01-01`;
  const periodText = t.periodPhrase(
    period.kind,
    period.slot,
    period.year,
    localize(period.label, lang),
    fromYearStart,
  );
  const today = localIsoDate(input.generatedAt, campaign.timeZone);
  const year = Number(today.slice(0, 4));
  const upper = (s: string) => s.toLocaleUpperCase(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const blocks: ReportBlock[] = [];
  const add = (p: ReportParagraph) => blocks.push(p);
  /** “- a;” … “- z.”: lines of a list end with a semicolon, the last with a full stop. */
  const addItems = (items: (ReportRun | string)[][]) =>
    items.forEach((runs, i) => add(para('item', '- ', ...runs, i === items.length - 1 ? '.' : ';')));
  const quotedBy = (unitId: string, text: string): ReportRun[] =>
    [`${unitName(unitId)}: `, { text, quoted: true }].map((r) => (typeof r === 'string' ? { text: r } : r));

  // ------------------------------------------------------------- header (NĐ 30/2020, Phụ lục I, Mục IV)
  blocks.push({
    kind: 'columns',
    widths: [2, 3],
    rows: [
      [
        [para('superior', upper(campaign.organisation)), para('issuer', upper(officeName))],
        [para('nationalTitle', t.nationalTitle), para('motto', t.motto)],
      ],
      [
        [para('number', t.number(symbol))],
        [para('placeDate', t.placeDate(campaign.report?.place ?? t.blankPlace, year))],
      ],
    ],
  });
  add(para('docType', t.docType));
  // An interim or final review says so in its subject: “Sơ kết Phong trào … / năm 2022”.
  const subject =
    period.kind === 'interim' || period.kind === 'final'
      ? t.reviewSubject(period.kind, campaignName, period.year)
      : t.subject(campaignName, periodText);
  const [subjectFirst, ...subjectRest] = subject;
  add(para('subject', subjectFirst ?? '', ...subjectRest.map((text) => ({ text, lineBreak: true }))));
  const scope = rollup.rootUnitId !== undefined ? unitName(rollup.rootUnitId) : undefined;
  add(para('body', t.intro(officeName, campaignName, periodText, scope)));
  if (period.window)
    add(para('body', t.window(formatDateVi(period.window.from), formatDateVi(period.window.to))));

  // ------------------------------------------------------------- I. situation
  add(para('heading1', t.headings.situation));
  const c = rollup.completeness;
  if (input.registration && input.registration.submitted > 0) {
    const r = input.registration;
    add(para('body', t.registered(r.submitted, r.expected, localize(r.period.label, lang))));
  }
  const pct = c.expected > 0 ? num((c.submitted / c.expected) * 100) : num(0);
  add(para('body', t.reported(formatDateVi(today), c.submitted, c.expected, pct)));
  if (c.submitted > 0) add(para('body', t.timeliness(c.onTime, c.late, formatDateVi(period.due))));
  const lateUnits = rollup.units.filter((u) => !u.onTime).map((u) => u.name);
  if (lateUnits.length) add(para('body', t.lateUnits(lateUnits.join(', '))));
  add(
    para(
      'body',
      c.missing.length ? t.missing(c.missing.length, c.missing.map(unitName).join(', ')) : t.allReported,
    ),
  );
  const labels = catalogue(lang).labels;
  const groups = rollup.groups.filter((g) => g.completeness.expected > 0);
  if (groups.length > 1)
    add(
      para(
        'body',
        t.byGroup(
          groups
            .map((g) => `${labels.groups[g.group]} ${g.completeness.submitted}/${g.completeness.expected}`)
            .join('; '),
        ),
      ),
    );
  if (c.submitted > 0)
    add(para('body', t.reviews(rollup.reviews.accepted, rollup.reviews.returned, rollup.reviews.pending)));

  // ------------------------------------------------------------- II. results
  add(para('heading1', t.headings.results));
  const previousYear = input.periods.find((p) => p.id === rollup.previous?.periodId)?.year;
  const previousHasData =
    rollup.previous !== null && Object.values(rollup.previous.totals).some((v) => isNumber(v));
  if (c.submitted === 0) add(para('body', t.noReports));
  else {
    add(para('body', t.basis(c.submitted)));
    if (rollup.previous && !previousHasData && previousYear !== undefined)
      add(para('body', t.noComparison(previousYear)));
  }
  const fieldsBySection = new Map<string, RollupField[]>();
  for (const f of rollup.fields) {
    const list = fieldsBySection.get(f.section) ?? [];
    list.push(f);
    fieldsBySection.set(f.section, list);
  }
  const sectionTitles = new Map(input.template.sections.map((s) => [s.key, s.title]));
  const choicesOf = new Map(
    input.template.sections.flatMap((s) => s.fields).map((f) => [f.key, f.choices ?? []] as const),
  );

  const valueText = (f: RollupField, v: number) =>
    f.type === 'percent'
      ? `${num(v * 100)}%`
      : `${num(v)}${f.unitLabel ? ` ${localize(f.unitLabel, lang)}` : ''}`;
  const comparison = (f: RollupField, current: number): string | undefined => {
    if (!previousHasData || previousYear === undefined || f.rollup === 'count') return undefined;
    const before = rollup!.previous!.totals[f.key];
    if (!isNumber(before)) return t.compare.noData(previousYear);
    if (f.type === 'percent') {
      const points = (current - before) * 100;
      if (Math.abs(points) < 0.005) return t.compare.same(previousYear);
      return t.compare.points(points > 0, num(Math.abs(points)), previousYear);
    }
    const diff = current - before;
    if (diff === 0) return t.compare.same(previousYear);
    const unit = f.unitLabel ? ` ${localize(f.unitLabel, lang)}` : '';
    const rate = before === 0 ? undefined : num((Math.abs(diff) / before) * 100);
    return t.compare.change(diff > 0, `${num(Math.abs(diff))}${unit}`, rate, previousYear);
  };

  let sectionNo = 0;
  const sectionParagraphs = (fields: RollupField[]): ReportParagraph[][] => {
    const out: ReportParagraph[][] = [];
    const items: (ReportRun | string)[][] = [];
    for (const f of fields) {
      if (OWN_SECTION_KEYS.includes(f.key)) continue;
      const total = rollup.totals[f.key];
      if (f.type === 'boolean') {
        // Only when some unit answered (a key of a newer version is not asked of the others).
        const yes = rollup.units.filter((u) => u.values[f.key] === true).length;
        const answered = rollup.units.filter((u) => typeof u.values[f.key] === 'boolean').length;
        if (answered > 0) items.push([t.fieldLine(localize(f.label, lang), t.unitsOutOf(yes, c.submitted))]);
      } else if (f.type === 'choice') {
        // The roll-up's distribution when the field has one (choices of older versions included), else
        // the units' answers counted here against the template's choices.
        const choices = f.choices ? [...f.choices, ...(f.formerChoices ?? [])] : (choicesOf.get(f.key) ?? []);
        const counted = isDistribution(total) ? total.counts : undefined;
        const tally = choices
          .map((ch) => ({
            ch,
            n: counted
              ? (counted[ch.value] ?? 0)
              : rollup.units.filter((u) => u.values[f.key] === ch.value).length,
          }))
          .filter((x) => x.n > 0)
          .map((x) => t.choiceCount(localize(x.ch.label, lang), x.n));
        if (tally.length) items.push([t.fieldLine(localize(f.label, lang), tally.join(', '))]);
      } else if (isNumber(total) && f.rollup !== 'list') {
        const value = f.rollup === 'count' ? t.unitsOutOf(total, c.submitted) : valueText(f, total);
        const cmp = f.rollup === 'count' ? undefined : comparison(f, total);
        items.push([t.fieldLine(localize(f.label, lang), cmp ? `${value}, ${cmp}` : value)]);
      }
    }
    const lists = fields.filter(
      (f) =>
        f.rollup === 'list' &&
        !OWN_SECTION_KEYS.includes(f.key) &&
        Array.isArray(rollup.totals[f.key]) &&
        (rollup.totals[f.key] as unknown[]).length > 0,
    );
    if (items.length) out.push(itemParagraphs(items));
    for (const f of lists) {
      const entries = rollup.totals[f.key] as { unitId: string; value: FieldValue }[];
      out.push([
        para('body', t.listLead(localize(f.label, lang))),
        ...itemParagraphs(entries.map((e) => quotedBy(e.unitId, String(e.value)))),
      ]);
    }
    return out;
  };
  const itemParagraphs = (items: (ReportRun | string)[][]): ReportParagraph[] =>
    items.map((runs, i) => para('item', '- ', ...runs, i === items.length - 1 ? '.' : ';'));

  if (c.submitted > 0) {
    for (const section of input.template.sections) {
      const fields = fieldsBySection.get(section.key);
      if (!fields) continue;
      const parts = sectionParagraphs(fields);
      if (!parts.length) continue;
      sectionNo++;
      add(para('heading2', `${sectionNo}. ${stripNumber(localize(sectionTitles.get(section.key), lang))}`));
      for (const part of parts) part.forEach(add);
    }
    // Sections of older template versions only (retired fields with figures).
    const known = new Set(input.template.sections.map((s) => s.key));
    for (const [key, fields] of fieldsBySection) {
      if (known.has(key)) continue;
      const parts = sectionParagraphs(fields);
      if (!parts.length) continue;
      sectionNo++;
      add(para('heading2', `${sectionNo}. ${key}`));
      for (const part of parts) part.forEach(add);
    }
    for (const table of rollup.tables) {
      const rows = rollup.tableRows[table.key] ?? [];
      if (!rows.length) continue;
      sectionNo++;
      add(para('heading2', `${sectionNo}. ${stripNumber(localize(table.title, lang))}`));
      // A grouped table (the proposed awards) goes choice by choice, after its totals per choice.
      const groups = table.groupBy !== undefined ? rowsByGroup(table, rows).filter((g) => g.rows.length) : [];
      const shown = table.columns.filter((col) => col.key !== table.groupBy || !groups.length);
      if (groups.length) {
        const labelOf = (g: (typeof groups)[number]) => (g.label ? localize(g.label, lang) : g.value);
        add(
          para(
            'body',
            t.groupedLead(rows.length, groups.map((g) => t.groupCount(labelOf(g), g.rows.length)).join('; ')),
          ),
        );
        for (const g of groups) {
          add(para('body', t.groupLead(labelOf(g), g.rows.length)));
          addItems(g.rows.map((row) => rowRuns(row, shown)));
        }
      } else {
        add(para('body', t.tableLead(rows.length)));
        addItems(rows.map((row) => rowRuns(row, shown)));
      }
    }
  }

  // ------------------------------------------------------------- III. shortcomings
  add(para('heading1', t.headings.shortcomings));
  const listOf = (keys: readonly string[]) =>
    rollup.fields
      .filter((f) => keys.includes(f.key))
      .flatMap((f) =>
        Array.isArray(rollup.totals[f.key])
          ? (rollup.totals[f.key] as { unitId: string; value: FieldValue }[])
          : [],
      )
      .filter((e) => typeof e.value === 'string' && e.value.trim() !== '');
  const shortcomings = listOf(SHORTCOMING_KEYS);
  const difficulties = listOf(DIFFICULTY_KEYS);
  if (c.late > 0 || c.missing.length > 0) add(para('body', t.reportingShortcoming(c.late, c.missing.length)));
  if (shortcomings.length) {
    add(para('body', t.shortcomingsLead));
    addItems(shortcomings.map((e) => quotedBy(e.unitId, String(e.value))));
  }
  if (difficulties.length) {
    add(para('body', t.difficultiesLead));
    addItems(difficulties.map((e) => quotedBy(e.unitId, String(e.value))));
  } else if (c.submitted > 0 && !shortcomings.length) add(para('body', t.noDifficulties));

  // ------------------------------------------------------------- IV. next period
  add(para('heading1', t.headings.directions));
  const directions: string[] = [
    t.directions.carryOn(campaignName, campaign.mottos.map((m) => `“${m.title}”`).join(', ')),
  ];
  if (c.missing.length) directions.push(t.directions.urge(c.missing.map(unitName).join(', ')));
  if (difficulties.length || shortcomings.length) directions.push(t.directions.overcome);
  directions.push(t.directions.commend);
  const next = input.periods
    .filter((p) => p.templateKind === period.templateKind && p.due > period.due)
    .sort((a, b) => a.due.localeCompare(b.due))[0];
  if (next)
    directions.push(
      t.directions.nextReport(
        localize(next.label, lang),
        formatDateVi(next.due),
        office?.shortName ?? officeName,
      ),
    );
  directions.forEach((d, i) => add(para('body', `${i + 1}. ${d}`)));
  const unitDirections = listOf(DIRECTION_KEYS);
  if (unitDirections.length) {
    add(para('body', t.unitDirectionsLead));
    addItems(unitDirections.map((e) => quotedBy(e.unitId, String(e.value))));
  }

  // ------------------------------------------------------------- V. proposals
  add(para('heading1', t.headings.proposals));
  const proposals = listOf(PROPOSAL_KEYS);
  if (proposals.length) {
    add(para('body', t.proposalsLead));
    addItems(proposals.map((e) => quotedBy(e.unitId, String(e.value))));
  } else add(para('body', t.noProposals));
  add(para('body', t.closing(campaignName, periodText, officeName, campaign.organisation)));

  // ------------------------------------------------------------- Nơi nhận, signature
  const recipients = campaign.report?.recipients ?? t.defaultRecipients(campaign.organisation);
  blocks.push({
    kind: 'columns',
    widths: [1, 1],
    rows: [
      [
        [
          para('recipientsTitle', t.recipientsTitle),
          ...recipients.map((r) => para('recipient', `- ${r}`)),
          para('recipient', `- ${t.archive(symbol)}`),
        ],
        [
          para('signerTitle', upper(campaign.report?.signerTitle ?? t.defaultSigner)),
          para('signerNote', t.signerNote),
          para('signerName', t.signerName),
        ],
      ],
    ],
  });

  return {
    title: `${t.docType} ${subject.join(' ')}`,
    author: officeName,
    language: lang,
    blocks,
  };

  /** One row of a table: the unit, the first column's value, the others in brackets with their labels. */
  function rowRuns(
    row: { unitId: string } & Record<string, FieldValue>,
    columns: RollupTable['columns'],
  ): ReportRun[] {
    const [first, ...others] = columns;
    const runs: ReportRun[] = [{ text: `${unitName(row.unitId)}: ` }];
    const main = first ? row[first.key] : undefined;
    if (main !== undefined && main !== null && main !== '')
      runs.push(
        first!.type === 'date' && typeof main === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(main)
          ? { text: t.onDate(formatDateVi(main)) }
          : cellRun(first!.type, main, first!.choices),
      );
    const rest = others.filter(
      (col) => row[col.key] !== undefined && row[col.key] !== null && row[col.key] !== '',
    );
    if (rest.length) {
      runs.push({ text: ' (' });
      rest.forEach((col, i) => {
        runs.push(
          { text: `${i ? '; ' : ''}${localize(col.label, lang)}: ` },
          cellRun(col.type, row[col.key]!, col.choices),
        );
      });
      runs.push({ text: ')' });
    }
    return runs;
  }

  function cellRun(
    type: string,
    value: FieldValue,
    choices?: RollupTable['columns'][number]['choices'],
  ): ReportRun {
    const choice = type === 'choice' ? choices?.find((c) => c.value === value) : undefined;
    if (choice) return { text: localize(choice.label, lang) };
    if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
      return { text: formatDateVi(value) };
    if (typeof value === 'number') return { text: num(value) };
    if (typeof value === 'boolean') return { text: value ? labels.yes : labels.no };
    return { text: String(value), quoted: true };
  }
}

/** “1. Sinh hoạt chính trị …” → “Sinh hoạt chính trị …”: the report numbers its sections itself. */
function stripNumber(title: string): string {
  return title.replace(/^\s*(\d+|[IVXLC]+)[.)]\s*/, '');
}
