/**
 * What a submissionId is bound to in its campaign (docs/architecture.md, "Storage"): its unit, period and
 * the hash of its normalised content. A replay is the same binding; anything else is a reused id.
 */
import { createHash } from 'node:crypto';
import type { Receipt, Submission } from '../../../shared/src';

/**
 * A submissionId already stands for another report of the campaign: another unit, another period or
 * other content. Map to 409 `submission_id_reused`; `differs` names what differs.
 */
export class SubmissionIdReusedError extends Error {
  readonly code = 'SUBMISSION_ID_REUSED';
  constructor(
    readonly submissionId: string,
    readonly differs: readonly SubmissionIdDifference[],
  ) {
    super(`submissionId ${submissionId} was used for another report (different ${differs.join(', ')})`);
    this.name = 'SubmissionIdReusedError';
  }
}

export type SubmissionIdDifference = 'unit' | 'period' | 'content';

/** What a submissionId is bound to: a replay must match all three. */
export interface SubmissionBinding {
  unitId: string;
  periodId: string;
  /** {@link contentHashOf} the normalised submission. */
  contentHash: string;
}

/** JSON with object keys sorted, so that equal content hashes equally whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The hash of what a submission says (template and version, values, tables, back-filled receivedAt),
 * unit and period aside (they are compared on their own, to say which differs). Computed on the
 * normalised submission: the same report typed in NFD or NFC is the same content.
 */
export function contentHashOf(
  submission: Pick<Submission, 'templateId' | 'templateVersion' | 'values' | 'tables' | 'receivedAt'> &
    Partial<Pick<Submission, 'explanation'>>,
): string {
  return createHash('sha256')
    .update(
      canonical({
        templateId: submission.templateId,
        templateVersion: submission.templateVersion,
        values: submission.values ?? {},
        tables: submission.tables ?? {},
        receivedAt: submission.receivedAt ?? null,
        // Only when there is one: the hashes of reports without an explanation stay what they were.
        ...(submission.explanation ? { explanation: submission.explanation } : {}),
      }),
    )
    .digest('base64url');
}

/** What differs between a submissionId's binding and a new use of it (empty: a true replay). */
export function bindingDifferences(
  bound: Partial<SubmissionBinding>,
  now: SubmissionBinding,
): SubmissionIdDifference[] {
  const differs: SubmissionIdDifference[] = [];
  if (bound.unitId !== undefined && bound.unitId !== now.unitId) differs.push('unit');
  if (bound.periodId !== undefined && bound.periodId !== now.periodId) differs.push('period');
  // Rows written before content hashes were stored carry none: unit and period still decide.
  if (bound.contentHash !== undefined && bound.contentHash !== now.contentHash) differs.push('content');
  return differs;
}

/**
 * A claim on a submissionId that stored nothing (its request failed validation, or crashed before its
 * transaction) may be taken over by another report after this long — longer than any request lives.
 */
export const STALE_CLAIM_MS = 2 * 60_000;

export type ClaimResult =
  /** `etag`: of the claim row this call wrote (for {@link SubmissionStore.release}), when it wrote one. */
  | { kind: 'new'; etag?: string }
  | { kind: 'replay'; receipt: Receipt }
  | { kind: 'reused'; differs: SubmissionIdDifference[] };
