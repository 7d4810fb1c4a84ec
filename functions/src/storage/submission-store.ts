/**
 * Submissions in Azure Table Storage (docs/architecture.md, "Storage").
 *
 * One partition per campaign and period: PartitionKey = `<campaignId>|<periodId>` (escaped). In it:
 * - `latest|<unit>`: the unit's latest revision, full data, plus its review state;
 * - `rev|<unit>|<revision, 8 digits>`: every revision, written once, never overwritten;
 * - `idem|<submissionId>`: the receipt, so that a replayed submissionId stores nothing;
 * - `review|<unit>|<revision>|<at>|<seq>`: every review decision, written once.
 *
 * And one partition per campaign, `<campaignId>|ids`, with a row `idem|<submissionId>` per submissionId ever
 * used in the campaign: its binding (unit, period, content hash). See {@link SubmissionStore.claim}.
 *
 * Accepting a submission is one atomic transaction (latest + rev + idem). Concurrent writers for a unit are
 * serialised by the latest row's ETag (and, as a second guard, by the rev row that can only be created once):
 * the loser re-reads and retries, so revisions are gap-free and none is lost.
 *
 * The common case is one round trip: the store remembers, per unit, the revision and ETag of the latest row
 * it last wrote or read (a hint, bounded in size), and sends the transaction straight away — as an ETag-guarded
 * replace if it has a hint, as a create of revision 1 if not. A stale hint, a unit written by another
 * instance, or a replayed submissionId makes the transaction fail as a whole (412, or 409 on the rev, latest
 * or idem row), and only then does the store read the idem and latest rows (in parallel) and retry. The hint
 * is never trusted for anything but the guess: every guarantee still comes from the ETag and the creates.
 *
 * Past 400 lines because it is one idea, the store's concurrency protocol (accept, claim, review, reads),
 * whose guarantees lean on each other; the rows and keys are in submission-rows.ts, what a
 * submissionId is bound to in submission-binding.ts.
 */
import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { Receipt, Review, StoredSubmission, Submission } from '../../../shared/src';
import { EntityTooLargeError, escapeKeyPart, pack, pad, unpack } from './entity-codec';
import {
  isTransientStorageError,
  jitter,
  sleep,
  statusOf,
  StorageUnavailableError,
  withStorageRetries,
} from './retry';

// ---------------------------------------------------------------- errors

/**
 * Optimistic concurrency kept failing for longer than the retry budget. A kind of unavailability
 * (so it maps to 503, try again), with its own code.
 */
export class ConcurrencyConflictError extends StorageUnavailableError {
  override readonly code: string = 'CONCURRENCY_CONFLICT';
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'ConcurrencyConflictError';
  }
}

/** A review was about a revision that is no longer the latest one. Map to 409. */
export class RevisionConflictError extends Error {
  readonly code = 'REVISION_CONFLICT';
  constructor(
    readonly expectedRevision: number,
    readonly latestRevision: number,
  ) {
    super(`revision ${expectedRevision} is no longer the latest (latest is ${latestRevision})`);
    this.name = 'RevisionConflictError';
  }
}

import {
  bindingDifferences,
  contentHashOf,
  STALE_CLAIM_MS,
  SubmissionIdReusedError,
  type ClaimResult,
  type SubmissionBinding,
} from './submission-binding';
import {
  acceptRows,
  bindingOf,
  claimsPartitionOf,
  hintOf,
  idemKey,
  latestKey,
  MAX_REVIEW_BYTES,
  MAX_TRANSACTION_WIRE_BYTES,
  packSubmission,
  partitionKeyOf,
  prefixRange,
  receiptOf,
  REVIEW_PREFIX,
  reviewKey,
  reviewOfLatest,
  storedOf,
  type LatestHint,
  type Row,
} from './submission-rows';

export { EntityTooLargeError, isTransientStorageError, StorageUnavailableError };
export * from './submission-binding';
export * from './submission-rows';

// ---------------------------------------------------------------- options and keys

export interface SubmissionStoreOptions {
  /** Attempts for an optimistic-concurrency loop (accept, review). Default 50. */
  maxAttempts?: number;
  /** Retries of one storage call on throttling, timeouts and network errors. Default 3. */
  unavailableRetries?: number;
  /** Base delay for backoff, in ms. Default 10 (conflicts) — unavailability waits 20× longer. */
  backoffMs?: number;
  /**
   * How many units' latest-row hints to keep (revision + ETag, ~200 bytes each), so that accepting a
   * submission takes one round trip. With 0 none are kept: a unit's first revision still takes one request,
   * a later one a failed attempt, two reads (in parallel) and the transaction. Default 20,000.
   */
  latestHints?: number;
}

export interface AcceptMeta {
  /** When the report counts as received (ISO instant). */
  receivedAt: string;
  onTime: boolean;
  /** {@link contentHashOf} the submission; computed here when not given. */
  contentHash?: string;
  /**
   * What {@link SubmissionStore.guessLatest} answered for the unit, read alongside the request's other reads:
   * the first attempt then needs no hint (the newer of the two is used when the store has one as well).
   */
  guess?: LatestGuess;
}

/** The unit's latest row as last seen, or `none` when it has no revision in the period yet. */
export type LatestGuess = LatestHint | 'none';

export interface ReviewInput {
  state: 'accepted' | 'returned';
  comment?: string;
  /** A return's comments on fields (key → text), already checked against the template. */
  fields?: Record<string, string>;
  by: string;
  at: string;
  /** The revision the reviewer saw; defaults to the latest one when the call starts. */
  revision?: number;
}

// ---------------------------------------------------------------- error classification

/** 412 (ETag no longer matches) or 409 (an entity this writer meant to create exists). */
function isConflict(err: unknown): boolean {
  const status = statusOf(err);
  return status === 409 || status === 412;
}

/**
 * The newer of the store's hint and a guess read for this request (a hint the store learnt meanwhile from its
 * own write is newer than the guess read before it); `none` only when there is no hint at all.
 */
function newerHint(hint: LatestHint | undefined, guess: LatestGuess | undefined): LatestHint | undefined {
  const guessed = guess === 'none' ? undefined : guess;
  if (!hint) return guessed;
  if (!guessed) return hint;
  return guessed.revision > hint.revision ||
    (guessed.revision === hint.revision && guessed.reviewSeq > hint.reviewSeq)
    ? guessed
    : hint;
}

// ---------------------------------------------------------------- the store

export class SubmissionStore {
  private readonly maxAttempts: number;
  private readonly unavailableRetries: number;
  private readonly backoffMs: number;
  private readonly maxHints: number;
  /** `<partitionKey>\n<unit>` → the unit's latest row as last seen; oldest first (insertion order). */
  private readonly hints = new Map<string, LatestHint>();

  constructor(
    readonly client: TableClient,
    options: SubmissionStoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 50;
    this.unavailableRetries = options.unavailableRetries ?? 3;
    this.backoffMs = options.backoffMs ?? 10;
    this.maxHints = options.latestHints ?? 20_000;
  }

  /** Creates the table if it does not exist. */
  async ensureTable(): Promise<void> {
    await this.call('createTable', async () => {
      try {
        await this.client.createTable();
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
      }
    });
  }

  /**
   * Stores a submission as the unit's next revision, or — if its submissionId was seen before in this
   * campaign and period — returns the first receipt and stores nothing (even if this body differs).
   * Throws EntityTooLargeError before writing anything if the data cannot be stored whole.
   */
  async accept(
    campaignId: string,
    submission: Submission,
    meta: AcceptMeta,
  ): Promise<{ receipt: Receipt; replayed: boolean }> {
    const pk = partitionKeyOf(campaignId, submission.periodId);
    const packed = packSubmission(submission);
    // latest and rev both carry the data: the transaction must stay under its 4 MiB limit.
    const wire = 2 * Buffer.byteLength(JSON.stringify(packed.data), 'utf8') + 16 * 1024;
    if (wire > MAX_TRANSACTION_WIRE_BYTES) {
      throw new EntityTooLargeError(
        `submission too large to store: ~${wire} bytes on the wire (transaction limit ${MAX_TRANSACTION_WIRE_BYTES})`,
        wire,
        Object.keys(packed.data).length,
      );
    }
    // Identifies this call's own write, should a timed-out transaction turn out to have succeeded.
    const writeToken = randomUUID();
    const binding: SubmissionBinding = {
      unitId: submission.unitId,
      periodId: submission.periodId,
      contentHash: meta.contentHash ?? contentHashOf(submission),
    };
    /** The idem row of this submissionId is there: a replay of the same report, or a reuse (thrown). */
    const replayOf = (idem: Row) => {
      const differs = bindingDifferences(bindingOf(idem), binding);
      if (differs.length) throw new SubmissionIdReusedError(submission.submissionId, differs);
      return { receipt: receiptOf(idem), replayed: idem.writeToken !== writeToken };
    };

    const hintKey = `${pk}\n${submission.unitId}`;
    const write = async (previous: LatestHint | undefined): Promise<Receipt> => {
      const revision = previous ? previous.revision + 1 : 1;
      const receipt: Receipt = {
        submissionId: submission.submissionId,
        unitId: submission.unitId,
        periodId: submission.periodId,
        revision,
        receivedAt: meta.receivedAt,
        onTime: meta.onTime,
      };
      const reviewSeq = previous?.reviewSeq ?? 0;
      const { latest, rev, idem } = acceptRows(campaignId, submission, receipt, packed, {
        reviewSeq,
        contentHash: binding.contentHash,
        writeToken,
      });
      const actions: TransactionAction[] = [
        previous ? ['update', latest, 'Replace', { etag: previous.etag }] : ['create', latest],
        ['create', rev],
        ['create', idem],
      ];
      const response = await this.call('submitTransaction', () => this.client.submitTransaction(actions));
      const etag = response.subResponses[0]?.etag;
      if (etag) this.rememberHint(hintKey, { revision, etag, reviewSeq });
      return receipt;
    };

    // Attempt 1 trusts the hint (or, without one, that this is the unit's first revision): one round trip
    // when it is right. Every later attempt reads the idem and latest rows first.
    let previous = newerHint(this.hints.get(hintKey), meta.guess);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) {
        const [idem, latest] = await Promise.all([
          this.read(pk, idemKey(submission.submissionId)),
          this.read(pk, latestKey(submission.unitId)),
        ]);
        if (idem) return replayOf(idem);
        previous = latest ? hintOf(latest) : undefined;
      }
      try {
        return { receipt: await write(previous), replayed: false };
      } catch (err) {
        if (!isConflict(err)) throw err;
        // A wrong guess costs no wait (and the guess is dropped); losing a race to another writer does.
        if (attempt === 1) this.forgetHint(hintKey, previous);
        else await sleep(jitter(this.backoffMs, attempt, 250));
      }
    }
    // The last attempt may have lost to a replay of this very submission.
    const idem = await this.read(pk, idemKey(submission.submissionId));
    if (idem) return replayOf(idem);
    throw new ConcurrencyConflictError(
      `could not store submission ${submission.submissionId}: ${this.maxAttempts} attempts lost to concurrent writers`,
      this.maxAttempts,
    );
  }

  /**
   * The unit's latest row in a period, to guess the next revision: the hint when the store has one (no I/O),
   * else one point read (remembered as the hint). Made alongside the request's other reads, it spares a
   * fresh instance the failed attempt and two reads a resubmission would otherwise cost.
   */
  async guessLatest(campaignId: string, periodId: string, unitId: string): Promise<LatestGuess> {
    const pk = partitionKeyOf(campaignId, periodId);
    const key = `${pk}\n${unitId}`;
    const known = this.hints.get(key);
    if (known) return known;
    const row = await this.read(pk, latestKey(unitId));
    if (!row) return 'none';
    const read = hintOf(row);
    this.rememberHint(key, read);
    return read;
  }

  /**
   * Binds a submissionId to one report of the campaign (unit, period, content), in every period: the
   * period's own `idem|` row only guards its partition, and a batch cannot span partitions, so the binding
   * is a row of its own in the campaign's claims partition.
   *
   * Cost: the happy path is one create (it replaces the receipt lookup accepting used to start with), then
   * the accept transaction — two round trips, as before. The claim is written first and the transaction
   * second, never atomically: a claim may outlive a request that stored nothing (400, crash). Such a claim
   * binds nothing for long — once {@link STALE_CLAIM_MS} old with no report stored under it, another report
   * may take it over (ETag-guarded) — and a fresh one is answered as a reuse, so two reports can never be
   * stored under one id. The period's `idem|` row (same transaction as the report) stays the proof of what
   * was stored and keeps the content hash, so a reuse racing past the claim is still caught there.
   *
   * Returns `new` (go on and accept), `replay` with the original receipt, or `reused` with what differs.
   * Ids used before claims existed have no claim: a reuse in another period is not caught for them.
   */
  async claim(
    campaignId: string,
    submissionId: string,
    binding: SubmissionBinding,
    now: Date,
  ): Promise<ClaimResult> {
    const pk = claimsPartitionOf(campaignId);
    const rk = idemKey(submissionId);
    const row: TableEntity = { partitionKey: pk, rowKey: rk, kind: 'claim', submissionId, ...binding };
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        const created = await this.call('createEntity', () =>
          this.client.createEntity({ ...row, claimedAt: now.toISOString() }),
        );
        return { kind: 'new', ...(created.etag ? { etag: created.etag } : {}) };
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
      }
      const bound = await this.read(pk, rk);
      if (!bound) continue; // removed meanwhile: claim again
      const differs = bindingDifferences(bindingOf(bound), binding);
      const stored = await this.read(partitionKeyOf(campaignId, String(bound.periodId)), rk);
      if (differs.length === 0) {
        if (!stored) return { kind: 'new' };
        const storedDiffers = bindingDifferences(bindingOf(stored), binding);
        return storedDiffers.length
          ? { kind: 'reused', differs: storedDiffers }
          : { kind: 'replay', receipt: receiptOf(stored) };
      }
      if (stored) return { kind: 'reused', differs: bindingDifferences(bindingOf(stored), binding) };
      const age = now.getTime() - Date.parse(String(bound.claimedAt ?? ''));
      if (!(age >= STALE_CLAIM_MS)) return { kind: 'reused', differs };
      try {
        const updated = await this.call('updateEntity', () =>
          this.client.updateEntity({ ...row, claimedAt: now.toISOString() }, 'Replace', {
            etag: String(bound.etag),
          }),
        );
        return { kind: 'new', ...(updated.etag ? { etag: updated.etag } : {}) };
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    throw new ConcurrencyConflictError(
      `could not claim submission ${submissionId}: ${this.maxAttempts} attempts lost to concurrent writers`,
      this.maxAttempts,
    );
  }

  /**
   * Gives up a claim whose report was refused (400, 409, 413: nothing stored), so that the corrected report
   * may use the same id at once. Only the claim as this call wrote it (ETag): never one taken over since.
   * Best effort — a claim left behind is taken over once stale (see {@link claim}).
   */
  async release(campaignId: string, submissionId: string, etag: string): Promise<void> {
    try {
      await this.client.deleteEntity(claimsPartitionOf(campaignId), idemKey(submissionId), { etag });
    } catch {
      /* gone, changed or unreachable: see above */
    }
  }

  /** The receipt stored for a submissionId in this campaign and period, if it was accepted before. */
  async findReceipt(
    campaignId: string,
    periodId: string,
    submissionId: string,
  ): Promise<Receipt | undefined> {
    const row = await this.read(partitionKeyOf(campaignId, periodId), idemKey(submissionId));
    return row ? receiptOf(row) : undefined;
  }

  /** Latest revision of every unit in a period (one partition range query), or of one unit (a point read). */
  async latest(campaignId: string, periodId: string, unitId?: string): Promise<StoredSubmission[]> {
    const pk = partitionKeyOf(campaignId, periodId);
    if (unitId !== undefined) {
      const row = await this.read(pk, latestKey(unitId));
      return row ? [storedOf(row, reviewOfLatest(row))] : [];
    }
    const rows = await this.query(odata`PartitionKey eq ${pk}` + ` and ${prefixRange('latest')}`);
    return rows.map((row) => storedOf(row, reviewOfLatest(row)));
  }

  /** Whether any unit has reported for a period (one query, stopped at the first row). */
  async hasReports(campaignId: string, periodId: string): Promise<boolean> {
    const pk = partitionKeyOf(campaignId, periodId);
    const filter = odata`PartitionKey eq ${pk}` + ` and ${prefixRange('latest')}`;
    return this.call('listEntities', async () => {
      const pages = this.client
        .listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey'] } })
        .byPage({ maxPageSize: 1 });
      for await (const page of pages) if (page.length > 0) return true;
      return false;
    });
  }

  /**
   * A unit's latest revision in each of several periods (a unit calendar): one point read per period,
   * at most `concurrency` at a time. Periods the unit has not reported for are absent from the map.
   */
  async latestOfUnit(
    campaignId: string,
    periodIds: readonly string[],
    unitId: string,
    concurrency = 8,
  ): Promise<Map<string, StoredSubmission>> {
    const found = new Map<string, StoredSubmission>();
    let next = 0;
    const worker = async () => {
      while (next < periodIds.length) {
        const periodId = periodIds[next++]!;
        const row = await this.read(partitionKeyOf(campaignId, periodId), latestKey(unitId));
        if (row) found.set(periodId, storedOf(row, reviewOfLatest(row)));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, periodIds.length)) }, worker));
    return found;
  }

  /** Every revision of a unit in a period, oldest first, each with the last review made of it. */
  async revisions(campaignId: string, periodId: string, unitId: string): Promise<StoredSubmission[]> {
    const all: StoredSubmission[] = [];
    let after = 0;
    for (;;) {
      const page = await this.revisionsPage(campaignId, periodId, unitId, { after, pageSize: 100 });
      all.push(...page.revisions);
      if (page.next === undefined) return all;
      after = page.next;
    }
  }

  /**
   * One page of a unit's revisions, oldest first: at most `pageSize` revisions after revision `after`, each
   * with the last review made of it, and `next` (the `after` of the next page) when there may be more.
   * Revisions are gap-free, so the page's review rows are one key range queried alongside its rev rows.
   */
  async revisionsPage(
    campaignId: string,
    periodId: string,
    unitId: string,
    page: { after: number; pageSize: number },
  ): Promise<{ revisions: StoredSubmission[]; next?: number }> {
    const pk = partitionKeyOf(campaignId, periodId);
    const unit = escapeKeyPart(unitId);
    const first = page.after + 1;
    // One more than asked for tells whether there is a next page.
    const last = page.after + page.pageSize + 1;
    const range = (prefix: string) =>
      odata`PartitionKey eq ${pk} and RowKey ge ${`${prefix}|${unit}|${pad(first)}`}` +
      odata` and RowKey lt ${`${prefix}|${unit}|${pad(last + 1)}`}`;
    const [revRows, reviewRows] = await Promise.all([
      this.query(range('rev'), page.pageSize + 1),
      this.query(range('review')),
    ]);
    const reviews = new Map<number, { seq: number; review: Review }>();
    for (const row of reviewRows) {
      if (row.kind !== 'review') continue;
      const review = unpack<Review>(row, REVIEW_PREFIX);
      const revision = Number(row.revision);
      const seq = Number(row.reviewSeq);
      const known = reviews.get(revision);
      if (!known || seq > known.seq) reviews.set(revision, { seq, review });
    }
    const revisions = revRows
      .filter((row) => row.kind === 'rev')
      .map((row) => storedOf(row, reviews.get(Number(row.revision))?.review ?? { state: 'pending' }))
      .sort((a, b) => a.revision - b.revision);
    if (revisions.length <= page.pageSize) return { revisions };
    const shown = revisions.slice(0, page.pageSize);
    return { revisions: shown, next: shown[shown.length - 1]!.revision };
  }

  /**
   * Accepts or returns the unit's latest revision, and records the decision in the history.
   * Returns the reviewed submission, or undefined if the unit has submitted nothing for the period.
   * Throws RevisionConflictError if a newer revision arrived than the one being reviewed.
   */
  async review(
    campaignId: string,
    periodId: string,
    unitId: string,
    input: ReviewInput,
  ): Promise<StoredSubmission | undefined> {
    const pk = partitionKeyOf(campaignId, periodId);
    let pinned = input.revision;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const latest = await this.read(pk, latestKey(unitId));
      if (!latest) return undefined;
      const revision = Number(latest.revision);
      pinned ??= revision;
      if (revision !== pinned) throw new RevisionConflictError(pinned, revision);

      const review: Review = {
        state: input.state,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        ...(input.fields && Object.keys(input.fields).length ? { fields: input.fields } : {}),
        by: input.by,
        at: input.at,
        revision,
      };
      const reviewProps = pack(review, { prefix: REVIEW_PREFIX, maxBytes: MAX_REVIEW_BYTES });
      const seq = Number(latest.reviewSeq ?? 0) + 1;
      const update: TableEntity = {
        partitionKey: pk,
        rowKey: latestKey(unitId),
        reviewState: review.state,
        reviewedRevision: revision,
        reviewSeq: seq,
        ...reviewProps,
      };
      const history: TableEntity = {
        partitionKey: pk,
        rowKey: reviewKey(unitId, revision, input.at, seq),
        kind: 'review',
        campaignId,
        periodId,
        unitId,
        revision,
        reviewState: review.state,
        reviewSeq: seq,
        by: input.by,
        at: input.at,
        ...reviewProps,
      };
      const actions: TransactionAction[] = [
        ['update', update, 'Merge', { etag: latest.etag as string }],
        ['create', history],
      ];
      const hintKey = `${pk}\n${unitId}`;
      try {
        const response = await this.call('submitTransaction', () => this.client.submitTransaction(actions));
        const etag = response.subResponses[0]?.etag;
        if (etag) this.rememberHint(hintKey, { revision, etag, reviewSeq: seq });
        return storedOf({ ...latest, ...update }, review);
      } catch (err) {
        if (!isConflict(err)) throw err;
        await sleep(jitter(this.backoffMs, attempt, 250));
      }
    }
    throw new ConcurrencyConflictError(
      `could not review ${unitId}: ${this.maxAttempts} attempts lost to concurrent writers`,
      this.maxAttempts,
    );
  }

  // ---------------------------------------------------------------- latest-row hints

  /** Keeps the newer of two hints (a slow response must not replace what a later write taught). */
  private rememberHint(key: string, hint: LatestHint): void {
    if (this.maxHints <= 0) return;
    const known = this.hints.get(key);
    if (
      known &&
      (known.revision > hint.revision ||
        (known.revision === hint.revision && known.reviewSeq > hint.reviewSeq))
    )
      return;
    this.hints.delete(key); // re-inserted last: the map stays ordered oldest first
    this.hints.set(key, hint);
    if (this.hints.size > this.maxHints) {
      const oldest = this.hints.keys().next();
      if (!oldest.done) this.hints.delete(oldest.value);
    }
  }

  /** Drops a hint that turned out wrong (unless another writer has replaced it meanwhile). */
  private forgetHint(key: string, wrong: LatestHint | undefined): void {
    if (wrong && this.hints.get(key) === wrong) this.hints.delete(key);
  }

  // ---------------------------------------------------------------- storage calls

  /** A point read; undefined if the entity does not exist. */
  private read(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    return this.call('getEntity', async () => {
      try {
        return (await this.client.getEntity<Record<string, unknown>>(partitionKey, rowKey)) as Row;
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    });
  }

  /** One query, every page (or the first `limit` rows). */
  private query(filter: string, limit = Infinity): Promise<Row[]> {
    return this.call('listEntities', async () => {
      const rows: Row[] = [];
      for await (const row of this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter },
      })) {
        rows.push(row as Row);
        if (rows.length >= limit) break;
      }
      return rows;
    });
  }

  /** Retries transient storage failures a few times, then throws StorageUnavailableError. */
  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withStorageRetries(what, fn, { retries: this.unavailableRetries, backoffMs: this.backoffMs * 20 });
  }
}
