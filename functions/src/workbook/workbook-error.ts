/**
 * What can be wrong with an uploaded workbook file itself: a problem code and its parameters (data,
 * not sentences; the catalogues in shared/src/i18n render them). The HTTP layer answers 413 for
 * `workbook_too_large`, else 400.
 */
import type { ProblemParams } from '../../../shared/src';

export type WorkbookErrorCode =
  | 'not_xlsx'
  | 'workbook_too_large'
  | 'workbook_unsupported'
  | 'not_template_workbook'
  | 'other_campaign'
  | 'unknown_template';

/** Which bound a `workbook_too_large` workbook crossed (its `limit` parameter). */
export type WorkbookLimit =
  | 'entries'
  | 'part'
  | 'unzipped'
  | 'cells'
  | 'strings'
  | 'sheets'
  | 'names'
  /** The read took longer than its time limit (`max` in ms). */
  | 'time'
  /** The reader's heap limit (`max` in MB). */
  | 'memory';

export class WorkbookReadError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    readonly params?: ProblemParams,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'WorkbookReadError';
  }

  /** The HTTP status the API answers with. */
  get status(): 400 | 413 {
    return this.code === 'workbook_too_large' ? 413 : 400;
  }
}

/**
 * workbook_too_large with the bound crossed: `max` is a count, or bytes for `part` and `unzipped`
 * (then `maxMB` too, for the message); `part` names the zip entry concerned, if one is.
 */
export function tooLarge(limit: WorkbookLimit, max: number, part?: string): WorkbookReadError {
  const bytes = limit === 'part' || limit === 'unzipped';
  return new WorkbookReadError('workbook_too_large', {
    limit,
    max,
    ...(bytes ? { maxMB: Math.round(max / 2 ** 20) } : {}),
    ...(part !== undefined ? { part } : {}),
  });
}
