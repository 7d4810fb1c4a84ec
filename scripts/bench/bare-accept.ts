/**
 * The baselines' bare write (accept.ts, http-accept.ts): the three entities one accept stores (acceptRows, the
 * same packing), with the same actions the store sends — create the latest row for a unit's first revision,
 * else replace it under the ETag of the last write.
 */
import type { TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { Receipt, Submission } from '../../shared/src';
import { acceptRows, contentHashOf, packSubmission } from '../../functions/src/storage/submission-store';
import { CAMPAIGN, META } from './realistic-report';

/** What a bare writer knows of a unit's latest row: its revision and the ETag of its last write. */
export interface BareLatest {
  revision: number;
  etag: string;
}

/** The next revision's transaction, after `known` (none: the unit's first revision). */
export function bareAcceptActions(
  submission: Submission,
  known: BareLatest | undefined,
): { revision: number; actions: TransactionAction[] } {
  const revision = (known?.revision ?? 0) + 1;
  const receipt: Receipt = {
    submissionId: submission.submissionId,
    unitId: submission.unitId,
    periodId: submission.periodId,
    revision,
    ...META,
  };
  const { latest, rev, idem } = acceptRows(CAMPAIGN, submission, receipt, packSubmission(submission), {
    reviewSeq: 0,
    writeToken: randomUUID(),
    contentHash: contentHashOf(submission),
  });
  return {
    revision,
    actions: [
      known ? ['update', latest, 'Replace', { etag: known.etag }] : ['create', latest],
      ['create', rev],
      ['create', idem],
    ],
  };
}
