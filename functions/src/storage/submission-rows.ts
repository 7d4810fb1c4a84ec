/**
 * The rows of the submissions table (docs/architecture.md, "Storage"): their keys, the rows one accept
 * writes (also what the benchmark's bare baseline writes), and rows back to receipts and submissions.
 */
import { odata, type TableEntity } from '@azure/data-tables';
import type {
  FieldValues,
  Receipt,
  Review,
  StoredSubmission,
  Submission,
  TableRow,
} from '../../../shared/src';
import type { SubmissionBinding } from './submission-binding';
import { escapeKeyPart, hasPacked, pack, pad, unpack } from './entity-codec';

/** A transaction may carry at most 4 MiB; keep a margin for the multipart envelope. */
export const MAX_TRANSACTION_WIRE_BYTES = 4 * 1024 * 1024 - 64 * 1024;
/**
 * The review is small (a comment ≤ 2,000 characters, field comments ≤ 30 × 300): bound it so the latest row
 * stays ≤ 1 MiB (data ≤ 960 KiB, entity-codec.ts).
 */
export const MAX_REVIEW_BYTES = 32 * 1024;
export const DATA_PREFIX = 'd';
export const REVIEW_PREFIX = 'r';

export function partitionKeyOf(campaignId: string, periodId: string): string {
  return `${escapeKeyPart(campaignId)}|${escapeKeyPart(periodId)}`;
}
export const latestKey = (unitId: string) => `latest|${escapeKeyPart(unitId)}`;
export const revisionKey = (unitId: string, revision: number) =>
  `rev|${escapeKeyPart(unitId)}|${pad(revision)}`;
export const idemKey = (submissionId: string) => `idem|${escapeKeyPart(submissionId)}`;
/** The campaign-wide partition of submissionId claims (period ids start with a year, never `ids`). */
export const claimsPartitionOf = (campaignId: string) => `${escapeKeyPart(campaignId)}|ids`;
export const reviewKey = (unitId: string, revision: number, at: string, seq: number) =>
  `review|${escapeKeyPart(unitId)}|${pad(revision)}|${escapeKeyPart(at)}|${pad(seq)}`;

/** RowKey range of one prefix: every key that starts with `prefix|` (`}` follows `|`). */
// ---------------------------------------------------------------- the rows of one accept

/** A submission's data and its pending review, packed into entity properties once per accept. */
export interface PackedSubmission {
  data: Record<string, unknown>;
  pendingReview: Record<string, unknown>;
}

export function packSubmission(submission: Submission): PackedSubmission {
  const data: SubmissionData = {
    values: submission.values ?? {},
    tables: submission.tables ?? {},
    ...(submission.explanation ? { explanation: submission.explanation } : {}),
  };
  const pending: Review = { state: 'pending' };
  return {
    data: pack(data, { prefix: DATA_PREFIX }),
    pendingReview: pack(pending, { prefix: REVIEW_PREFIX, maxBytes: MAX_REVIEW_BYTES }),
  };
}

/**
 * The three rows one accept writes in one transaction: the unit's `latest` row (data and a pending
 * review), the revision `rev` (written once) and `idem` (the receipt under the submissionId). Exported so
 * that the benchmark's baseline writes exactly these entities.
 */
export function acceptRows(
  campaignId: string,
  submission: Submission,
  receipt: Receipt,
  packed: PackedSubmission,
  { reviewSeq, writeToken, contentHash }: { reviewSeq: number; writeToken: string; contentHash: string },
): { latest: TableEntity; rev: TableEntity; idem: TableEntity } {
  const pk = partitionKeyOf(campaignId, submission.periodId);
  const plain = {
    campaignId,
    ...receipt,
    templateId: submission.templateId,
    templateVersion: submission.templateVersion,
  };
  return {
    latest: {
      partitionKey: pk,
      rowKey: latestKey(submission.unitId),
      kind: 'latest',
      ...plain,
      reviewState: 'pending',
      reviewSeq,
      ...packed.pendingReview,
      ...packed.data,
    },
    rev: {
      partitionKey: pk,
      rowKey: revisionKey(submission.unitId, receipt.revision),
      kind: 'rev',
      ...plain,
      ...packed.data,
    },
    // The content's hash binds the submissionId to what was stored (a reuse with other values is refused).
    idem: {
      partitionKey: pk,
      rowKey: idemKey(submission.submissionId),
      kind: 'idem',
      ...plain,
      contentHash,
      writeToken,
    },
  };
}

export function prefixRange(prefix: string): string {
  return odata`RowKey ge ${`${prefix}|`} and RowKey lt ${`${prefix}}`}`;
}

export type Row = Record<string, unknown> & { etag?: string; partitionKey?: string; rowKey?: string };

export interface SubmissionData {
  values: FieldValues;
  tables: Record<string, TableRow[]>;
  /** The clerk's explanation of values flagged by the history hints. */
  explanation?: string;
}

/** What the store last knew of a unit's latest row: enough to write the next revision without a read. */
export interface LatestHint {
  revision: number;
  etag: string;
  reviewSeq: number;
}

// ---------------------------------------------------------------- rows back to receipts and submissions

export function hintOf(row: Row): LatestHint {
  return { revision: Number(row.revision), etag: String(row.etag), reviewSeq: Number(row.reviewSeq ?? 0) };
}

export function bindingOf(row: Row): Partial<SubmissionBinding> {
  return {
    ...(typeof row.unitId === 'string' ? { unitId: row.unitId } : {}),
    ...(typeof row.periodId === 'string' ? { periodId: row.periodId } : {}),
    ...(typeof row.contentHash === 'string' ? { contentHash: row.contentHash } : {}),
  };
}

export function receiptOf(row: Row): Receipt {
  return {
    submissionId: String(row.submissionId),
    unitId: String(row.unitId),
    periodId: String(row.periodId),
    revision: Number(row.revision),
    receivedAt: String(row.receivedAt),
    onTime: Boolean(row.onTime),
  };
}

export function reviewOfLatest(row: Row): Review {
  return hasPacked(row, REVIEW_PREFIX) ? unpack<Review>(row, REVIEW_PREFIX) : { state: 'pending' };
}

export function storedOf(row: Row, review: Review): StoredSubmission {
  const data = unpack<SubmissionData>(row, DATA_PREFIX);
  return {
    submissionId: String(row.submissionId),
    templateId: String(row.templateId),
    templateVersion: Number(row.templateVersion),
    unitId: String(row.unitId),
    periodId: String(row.periodId),
    values: data.values,
    tables: data.tables,
    ...(data.explanation ? { explanation: data.explanation } : {}),
    revision: Number(row.revision),
    receivedAt: String(row.receivedAt),
    onTime: Boolean(row.onTime),
    review,
  };
}
