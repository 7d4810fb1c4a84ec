/**
 * GET /api/campaigns/{campaignId}/data?periodId=|from=&to=&unitId=&format=json|csv&limit=&cursor=&lang= — the
 * flat data feed for Excel and Power BI (docs/architecture.md, "The data feed"): one row per unit, period and
 * field of the latest revisions. Reviewer and admin; a clerk only for their own unit (the default for them).
 *
 * Paged: at most `limit` rows (JSON default 10,000, CSV default and every maximum 100,000); when more remain
 * the answer carries `nextCursor` (JSON) and a `Link: <…>; rel="next"` header (both formats). Memory is bounded
 * by the page: the period's latest rows are read a chunk at a time (storage/latest-rows.ts).
 * CSV: UTF-8 with BOM, RFC 4180, headers in the caller's language (`?lang=`, else Accept-Language).
 */
import { z } from 'zod';
import type { HttpResponseInit } from '@azure/functions';
import {
  feedCsvHeader,
  feedCsvRecord,
  feedHeaders,
  feedRowsOf,
  FEED_COLUMNS,
  CSV_BOM,
  languageFromHeader,
  LANGUAGES,
  PeriodSchema,
  UnitSchema,
  type FeedRow,
  type Language,
  type Period,
  type StoredSubmission,
  type Template,
  type Unit,
} from '../../../shared/src';
import { requireCampaign, requirePeriod } from '../catalog/lookups';
import { authenticate, endpoint, queryId, requireAllowed, type Call } from '../http/handler';
import { registerHttp } from '../http/register';
import { badRequest, HttpError, json } from '../http/responses';
import { latestFrom } from '../storage/latest-rows';
import { asciiFileName } from '../workbook/download';

export const FEED_MAX_LIMIT = 100_000;
const DEFAULT_LIMIT = { json: 10_000, csv: FEED_MAX_LIMIT } as const;

/** Where the next page starts: a period, a unit in it, and the index of that unit's first field not yet sent. */
interface Cursor {
  p: string;
  u: string;
  f: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof value.p === 'string' &&
      typeof value.u === 'string' &&
      Number.isSafeInteger(value.f) &&
      (value.f as number) >= 0
    )
      return value as Cursor;
  } catch {
    /* below */
  }
  throw new HttpError(400, { code: 'bad_query', params: { name: 'cursor' } });
}

const badQuery = (name: string) => new HttpError(400, { code: 'bad_query', params: { name } });

function queryDate(call: Call, name: string): string | undefined {
  const raw = call.request.query.get(name);
  if (raw === null) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) throw badQuery(name);
  return raw;
}

function queryLimit(call: Call, format: 'json' | 'csv'): number {
  const raw = call.request.query.get('limit');
  if (raw === null) return DEFAULT_LIMIT[format];
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > FEED_MAX_LIMIT) throw badQuery('limit');
  return n;
}

function feedLanguage(call: Call): Language {
  const raw = call.request.query.get('lang');
  if (raw === null) return languageFromHeader(call.request.headers.get('accept-language'));
  if (!(LANGUAGES as readonly string[]).includes(raw)) throw badRequest('bad_lang');
  return raw as Language;
}

export const dataGet = endpoint(async (call) => {
  const principal = await authenticate(call);
  const isClerkOnly = principal.roles.every((r) => r === 'clerk');
  // A clerk who names no unit means their own; naming another is refused by the rule book.
  const unitId = queryId(call, 'unitId', 'unitId') ?? (isClerkOnly ? principal.unitId : undefined);
  requireAllowed(call, principal, { kind: 'read-submissions', ...(unitId !== undefined ? { unitId } : {}) });

  const rawFormat = call.request.query.get('format') ?? 'json';
  if (rawFormat !== 'json' && rawFormat !== 'csv') throw badRequest('bad_feed_format');
  const format = rawFormat;
  const limit = queryLimit(call, format);
  const lang = feedLanguage(call);
  const periodId = queryId(call, 'periodId', 'periodId');
  const from = queryDate(call, 'from');
  const to = queryDate(call, 'to');
  if (periodId !== undefined && (from !== undefined || to !== undefined)) throw badRequest('bad_feed_range');
  const rawCursor = call.request.query.get('cursor');
  const cursor = rawCursor === null ? undefined : decodeCursor(rawCursor);

  const ctx = await requireCampaign(call.services, call.request.params.campaignId!, {
    allUnits: true,
    templates: true,
  });
  const campaignId = ctx.campaign.id;
  const periods: Period[] = periodId
    ? [requirePeriod(ctx, periodId)]
    : ctx.periods
        .filter((p) => (from === undefined || p.due >= from) && (to === undefined || p.due <= to))
        .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  let start = 0;
  if (cursor) {
    start = periods.findIndex((p) => p.id === cursor.p);
    if (start < 0) throw badQuery('cursor');
  }

  const { submissions } = call.services;
  const [units, templates] = await Promise.all([ctx.units, ctx.templates]);
  const unitById = new Map<string, Unit>(units.map((u) => [u.id, u]));
  const templateOf = new Map<string, Template>(templates.map((t) => [`${t.id}\n${t.version}`, t]));

  const rows: FeedRow[] = [];
  let next: Cursor | undefined;
  pages: for (let i = start; i < periods.length; i++) {
    const period = periods[i]!;
    const resume = i === start ? cursor : undefined;
    const latest: AsyncIterable<StoredSubmission> | StoredSubmission[] =
      unitId !== undefined
        ? await submissions.latest(campaignId, period.id, unitId)
        : latestFrom(submissions.client, campaignId, period.id, resume?.u);
    for await (const submission of latest) {
      const feedRows = feedRowsOf(submission, {
        campaignId,
        period,
        unit: unitById.get(submission.unitId),
        template: templateOf.get(`${submission.templateId}\n${submission.templateVersion}`),
        lang,
      });
      const first = resume && submission.unitId === resume.u ? resume.f : 0;
      for (let f = first; f < feedRows.length; f++) {
        if (rows.length === limit) {
          next = { p: period.id, u: submission.unitId, f };
          break pages;
        }
        rows.push(feedRows[f]!);
      }
    }
  }

  const nextCursor = next ? encodeCursor(next) : undefined;
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'content-language': lang };
  if (nextCursor) {
    const url = new URL(call.request.url);
    url.searchParams.set('cursor', nextCursor);
    headers.link = `<${url.toString()}>; rel="next"`;
  }
  if (format === 'json') {
    const labels = feedHeaders(lang);
    return json(
      200,
      {
        campaignId,
        columns: FEED_COLUMNS.map((key, i) => ({ key, label: labels[i] })),
        rows,
        ...(nextCursor ? { nextCursor } : {}),
      },
      headers,
    );
  }
  return csvResponse(rows, lang, headers, [
    'du-lieu',
    campaignId,
    periodId ?? (from || to ? `${from ?? ''}_${to ?? ''}` : undefined),
    unitId,
  ]);
});

function csvResponse(
  rows: readonly FeedRow[],
  lang: Language,
  headers: Record<string, string>,
  nameParts: (string | undefined)[],
): HttpResponseInit {
  const parts = [CSV_BOM, feedCsvHeader(lang)];
  for (const row of rows) parts.push(feedCsvRecord(row));
  return {
    status: 200,
    body: parts.join(''),
    headers: {
      ...headers,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${asciiFileName(nameParts, 'csv')}"`,
    },
  };
}

registerHttp({
  name: 'data-get',
  methods: ['GET'],
  route: 'campaigns/{campaignId}/data',
  handler: dataGet,
  doc: {
    summary: 'The flat data feed for Excel and Power BI',
    description:
      'One row per unit, period and field of the latest revisions; paged (`nextCursor`, and a `Link: <…>; rel="next"` header); CSV in UTF-8 with BOM. A clerk sees their own unit only',
    tag: 'data',
    access: { roles: ['clerk', 'reviewer', 'admin'], clerkOwnUnit: true },
    query: {
      periodId: { schema: PeriodSchema.shape.id, description: 'one period', example: '2022-Q3' },
      from: { schema: z.string(), description: 'periods due from this date (ISO) on' },
      to: { schema: z.string(), description: 'periods due up to this date (ISO)' },
      unitId: { schema: UnitSchema.shape.id, description: 'only this unit' },
      format: { schema: z.enum(['json', 'csv']), description: 'json (the default) or csv' },
      limit: { schema: z.string().regex(/^[0-9]+$/), description: 'rows per page' },
      cursor: { schema: z.string(), description: 'from the previous page' },
      lang: { schema: z.enum(LANGUAGES), description: 'language of the column headers' },
    },
    responses: {
      200: {
        description: 'A page of rows',
        json: z.looseObject({
          campaignId: z.string(),
          columns: z.array(z.object({ key: z.string(), label: z.string() })),
          rows: z.array(z.record(z.string(), z.unknown())),
          nextCursor: z.string().optional(),
        }),
        file: 'csv',
      },
    },
    errors: { 400: ['bad_feed_format', 'bad_lang'], 404: ['campaign_not_found', 'period_not_found'] },
  },
});
