/**
 * The add-in's HTTP client for the API (docs/architecture.md, "HTTP"). Same origin by default (`/api`, proxied by the
 * dev server and by static hosting in Azure); every call carries the bearer token and the pane's
 * language (Accept-Language), so the server's error texts come back in that language.
 */
import type {
  CampaignDefinition,
  CampaignWithPeriods,
  Language,
  Problem,
  ProblemParams,
  Progress,
  RankedUnit,
  Receipt,
  Review,
  Rollup,
  StoredSubmission,
  SubmissionChange,
  SubmissionInput,
  Template,
  Unit,
  UnitPeriodStatus,
  UnitsPatchBody,
  UserRecord,
  ValueAnswer,
  ValueQuery,
} from '../../../shared/src';
import { registryPatches } from '../../../shared/src/registry-import';
import { SignInError } from '../office/sign-in-error';

/** PATCH …/units answers what it wrote. */
export interface UnitsPatchAnswer {
  campaignId: string;
  upserted: string[];
  removed: string[];
  total: number;
}

/** GET …/units/{u}/status: the unit's calendar, as of the server's clock. */
export interface UnitStatus {
  campaignId: string;
  unitId: string;
  timeZone: string;
  now: string;
  periods: UnitPeriodStatus[];
}

/** GET …/progress: the units × periods matrix and the counts, as of the server's clock. */
export interface ProgressAnswer extends Progress {
  campaignId: string;
  timeZone: string;
  now: string;
  standingOffice: { unitId: string; name: string };
}

/** GET …/ranking?year=: the units ranked per cluster, counting the periods due up to `until`. */
export interface RankingAnswer {
  campaignId: string;
  year: number;
  until: string;
  units: RankedUnit[];
}

/** PUT …/periods/{p}/lock: the stored lock. */
export interface PeriodLockAnswer {
  campaignId: string;
  periodId: string;
  locked: boolean;
  reason: string;
  by: string;
  at: string;
  calendarLocked: boolean;
}

/** A flag of the history hints (POST …/check, GET …/review-queue): a problem with its rendered text. */
export type HintFlag = Problem & { key: string; message: string };

/** POST …/submissions/{u}/{p}/check. */
export interface HintsAnswer {
  unitId: string;
  periodId: string;
  history: string[];
  flags: HintFlag[];
}

/** One report waiting for review (GET …/review-queue). */
export interface QueueItem {
  unitId: string;
  periodId: string;
  revision: number;
  receivedAt: string;
  onTime: boolean;
  locked: boolean;
  templateId: string;
  templateVersion: number;
  against?: { revision: number; state: Review['state'] };
  changes: SubmissionChange[];
  flags: HintFlag[];
  explanation?: string;
}

/** One item of POST …/reviews: what it did, or why not. */
export type BulkReviewResult =
  | { unitId: string; periodId: string; ok: true; revision: number; review: Review }
  | { unitId: string; periodId: string; ok: false; status: number; error: ApiErrorBody };

/** The contract's error body: `{ error: { code, message, params?, details? } }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  params?: ProblemParams;
  details?: unknown;
}

/**
 * A failed call: the HTTP status (0: no answer — the network failed, or no token could be had) and
 * what the server said. `message` is already in the pane's language; `params` and `details` are kept
 * so the pane can render them itself (`render(problem, lang)`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly params?: ProblemParams,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth trying again later: the network, the server or storage failed, not the request. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }

  /** The token has expired or was refused: signing in again (or a new token) is the way out. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => Promise<string | undefined> | string | undefined;
  /** The pane's language, sent as Accept-Language. */
  lang?: Language;
  fetch?: typeof fetch;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  /** One call: the token, the language, and a failed answer turned into an ApiError. */
  private async send(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/json',
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    let token: string | undefined;
    try {
      token = await this.options.getToken();
    } catch (e) {
      // Office or MSAL could not sign in: its own problem (office/sign-in.ts), which says why.
      if (e instanceof SignInError) throw e;
      throw new ApiError(401, 'unauthenticated', (e as Error).message ?? String(e));
    }
    const headers: Record<string, string> = { accept, ...extraHeaders };
    if (this.options.lang) headers['accept-language'] = this.options.lang;
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const doFetch = this.options.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(`${this.options.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new ApiError(0, 'network', (e as Error).message);
    }
    // 304 answers a conditional request (values): nothing changed, not a failure.
    if (!res.ok && res.status !== 304) {
      const err = (parseJson(await res.text()) as { error?: ApiErrorBody } | undefined)?.error;
      throw new ApiError(
        res.status,
        err?.code ?? `http_${res.status}`,
        err?.message ?? res.statusText,
        err?.details,
        err?.params,
      );
    }
    return res;
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.send(method, path, body);
    return { status: res.status, body: parseJson(await res.text()) as T };
  }

  /** The API's OpenAPI document (no token needed), for the reference page (addin/src/api-reference/). */
  async openApiDocument(): Promise<Record<string, unknown>> {
    return (await this.request<Record<string, unknown>>('GET', '/openapi.json')).body;
  }

  async campaigns(): Promise<CampaignWithPeriods[]> {
    return (await this.request<{ campaigns: CampaignWithPeriods[] }>('GET', '/campaigns')).body.campaigns;
  }

  async units(campaignId: string): Promise<Unit[]> {
    return (await this.request<{ units: Unit[] }>('GET', `/campaigns/${enc(campaignId)}/units`)).body.units;
  }

  async templates(campaignId: string): Promise<Template[]> {
    return (await this.request<{ templates: Template[] }>('GET', `/campaigns/${enc(campaignId)}/templates`))
      .body.templates;
  }

  async templateVersion(campaignId: string, templateId: string, version: number): Promise<Template> {
    return (
      await this.request<Template>(
        'GET',
        `/campaigns/${enc(campaignId)}/templates/${enc(templateId)}/versions/${version}`,
      )
    ).body;
  }

  async publishTemplate(
    campaignId: string,
    template: Template,
  ): Promise<{ templateId: string; version: number }> {
    return (
      await this.request<{ templateId: string; version: number }>(
        'POST',
        `/campaigns/${enc(campaignId)}/templates`,
        template,
      )
    ).body;
  }

  /** The campaign's definition (campaign and unit registry), to draw as the campaign workbook. */
  async campaignDefinition(campaignId: string): Promise<CampaignDefinition> {
    return (
      await this.request<CampaignDefinition>('GET', `/campaigns/${enc(campaignId)}/definition?format=json`)
    ).body;
  }

  /** The campaign workbook as the server writes it (.xlsx), to download. */
  async campaignWorkbook(
    campaignId: string,
  ): Promise<{ bytes: ArrayBuffer; fileName: string; contentType: string }> {
    const res = await this.send('GET', `/campaigns/${enc(campaignId)}/definition`, undefined, XLSX_TYPE);
    const disposition = res.headers.get('content-disposition') ?? '';
    return {
      bytes: await res.arrayBuffer(),
      fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? `phong-trao-${campaignId}.xlsx`,
      contentType: res.headers.get('content-type') ?? XLSX_TYPE,
    };
  }

  /** Creates or updates a campaign and its registry (POST /campaigns). */
  async saveCampaign(definition: CampaignDefinition): Promise<{ campaignId: string; created: boolean }> {
    return (await this.request<{ campaignId: string; created: boolean }>('POST', '/campaigns', definition))
      .body;
  }

  /** One PATCH /units: up to 1,000 units upserted and ids removed, checked whole by the server. */
  async patchUnits(campaignId: string, patch: UnitsPatchBody): Promise<UnitsPatchAnswer> {
    return (await this.request<UnitsPatchAnswer>('PATCH', `/campaigns/${enc(campaignId)}/units`, patch)).body;
  }

  /**
   * Makes the stored registry `units` (the registry workbook, any size): reads the stored one (in its order), then
   * sends PATCH requests of ≤ 1,000 units in an order the server accepts at every step (shared/src/registry-import.ts),
   * reporting the units done after each. Safe to run again after a failure: it finishes what is left.
   */
  async replaceUnits(
    campaignId: string,
    units: readonly Unit[],
    onProgress: (done: number, total: number) => void = () => undefined,
  ): Promise<{ saved: number; removed: number }> {
    const stored = await this.units(campaignId);
    const patches = registryPatches(units, stored);
    const total = patches.reduce((n, p) => n + (p.upsert?.length ?? 0) + (p.remove?.length ?? 0), 0);
    let done = 0;
    let removed = 0;
    onProgress(done, total);
    for (const patch of patches) {
      const r = await this.patchUnits(campaignId, patch);
      removed += r.removed.length;
      done += (patch.upsert?.length ?? 0) + (patch.remove?.length ?? 0);
      onProgress(done, total);
    }
    return { saved: units.length, removed };
  }

  async users(): Promise<UserRecord[]> {
    return (await this.request<{ users: UserRecord[] }>('GET', '/users')).body.users;
  }

  async putUser(user: UserRecord): Promise<void> {
    const { userId, updatedAt: _at, updatedBy: _by, ...assignment } = user;
    await this.request('PUT', `/users/${enc(userId)}`, assignment);
  }

  async submit(
    campaignId: string,
    submission: SubmissionInput,
  ): Promise<{ receipt: Receipt; replayed: boolean }> {
    const r = await this.request<Receipt>('POST', `/campaigns/${enc(campaignId)}/submissions`, submission);
    return { receipt: r.body, replayed: r.status === 200 };
  }

  async latest(campaignId: string, periodId: string, unitId?: string): Promise<StoredSubmission[]> {
    const q = new URLSearchParams({ periodId, ...(unitId ? { unitId } : {}) });
    return (
      await this.request<{ submissions: StoredSubmission[] }>(
        'GET',
        `/campaigns/${enc(campaignId)}/submissions?${q}`,
      )
    ).body.submissions;
  }

  async rollup(campaignId: string, periodId: string): Promise<Rollup> {
    return (
      await this.request<Rollup>('GET', `/campaigns/${enc(campaignId)}/periods/${enc(periodId)}/rollup`)
    ).body;
  }

  /**
   * The period's narrative report draft (.docx, GET …/periods/{p}/report): the file's bytes and the
   * name the server gives it. The report is written in the pane's language.
   */
  async report(
    campaignId: string,
    periodId: string,
    unitId?: string,
  ): Promise<{ bytes: ArrayBuffer; fileName: string; contentType: string }> {
    const q = new URLSearchParams({
      format: 'docx',
      ...(this.options.lang ? { lang: this.options.lang } : {}),
      ...(unitId ? { unitId } : {}),
    });
    const res = await this.send(
      'GET',
      `/campaigns/${enc(campaignId)}/periods/${enc(periodId)}/report?${q}`,
      undefined,
      DOCX_TYPE,
    );
    const disposition = res.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `bao-cao-${campaignId}-${periodId}.docx`;
    return {
      bytes: await res.arrayBuffer(),
      fileName,
      contentType: res.headers.get('content-type') ?? DOCX_TYPE,
    };
  }

  async review(
    campaignId: string,
    unitId: string,
    periodId: string,
    action: 'accept' | 'return',
    comment?: string,
    fields?: Record<string, string>,
  ) {
    const path = `/campaigns/${enc(campaignId)}/submissions/${enc(unitId)}/${enc(periodId)}/review`;
    return (
      await this.request<{ review: Review; revision: number }>('POST', path, {
        action,
        ...(comment ? { comment } : {}),
        ...(fields && Object.keys(fields).length ? { fields } : {}),
      })
    ).body;
  }

  /** Several reviews at once (POST …/reviews): one result per item, in order. */
  async reviews(
    campaignId: string,
    items: {
      unitId: string;
      periodId: string;
      action: 'accept' | 'return';
      revision?: number;
      comment?: string;
      fields?: Record<string, string>;
    }[],
  ): Promise<BulkReviewResult[]> {
    return (
      await this.request<{ results: BulkReviewResult[] }>('POST', `/campaigns/${enc(campaignId)}/reviews`, {
        reviews: items,
      })
    ).body.results;
  }

  /** Every report waiting for review, oldest first, with its changes and flags. */
  async reviewQueue(campaignId: string): Promise<QueueItem[]> {
    return (await this.request<{ items: QueueItem[] }>('GET', `/campaigns/${enc(campaignId)}/review-queue`))
      .body.items;
  }

  /** Hints from history for a draft, before it is submitted. */
  async checkHints(
    campaignId: string,
    submission: Pick<SubmissionInput, 'unitId' | 'periodId' | 'templateId' | 'templateVersion' | 'values'>,
  ): Promise<HintsAnswer> {
    const path = `/campaigns/${enc(campaignId)}/submissions/${enc(submission.unitId)}/${enc(submission.periodId)}/check`;
    return (
      await this.request<HintsAnswer>('POST', path, {
        templateId: submission.templateId,
        templateVersion: submission.templateVersion,
        values: submission.values ?? {},
      })
    ).body;
  }

  async unitStatus(campaignId: string, unitId: string): Promise<UnitStatus> {
    return (
      await this.request<UnitStatus>('GET', `/campaigns/${enc(campaignId)}/units/${enc(unitId)}/status`)
    ).body;
  }

  /**
   * The answers to a batch of formula queries (POST …/values, the BAOCAO.* functions). With `etag`, the
   * server answers 304 when the answers are the same: `{ notModified: true }`, nothing re-sent.
   */
  async values(
    campaignId: string,
    queries: readonly ValueQuery[],
    etag?: string,
  ): Promise<{ notModified: true } | { notModified: false; etag?: string; results: ValueAnswer[] }> {
    const res = await this.send(
      'POST',
      `/campaigns/${enc(campaignId)}/values`,
      { queries },
      'application/json',
      etag ? { 'if-none-match': etag } : {},
    );
    if (res.status === 304) return { notModified: true };
    const body = parseJson(await res.text()) as { results: ValueAnswer[] };
    const tag = res.headers.get('etag');
    return { notModified: false, results: body.results, ...(tag ? { etag: tag } : {}) };
  }

  /** The yearly ranking per emulation cluster (GET …/ranking?year=). */
  async ranking(campaignId: string, year: number): Promise<RankingAnswer> {
    const path = `/campaigns/${enc(campaignId)}/ranking?year=${year}`;
    return (await this.request<RankingAnswer>('GET', path)).body;
  }

  /** The standing office's progress; `from`/`to`: period ids or ISO dates (default: every period). */
  async progress(campaignId: string, range: { from?: string; to?: string } = {}): Promise<ProgressAnswer> {
    const q = new URLSearchParams({
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
    }).toString();
    return (
      await this.request<ProgressAnswer>('GET', `/campaigns/${enc(campaignId)}/progress${q ? `?${q}` : ''}`)
    ).body;
  }

  async lockPeriod(campaignId: string, periodId: string, locked: boolean, reason: string) {
    const path = `/campaigns/${enc(campaignId)}/periods/${enc(periodId)}/lock`;
    return (await this.request<PeriodLockAnswer>('PUT', path, { locked, reason })).body;
  }
}

const enc = encodeURIComponent;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
