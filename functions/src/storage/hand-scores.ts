/**
 * The reviewer's hand scores of the yearly ranking (PUT /api/campaigns/{c}/ranking/{year}/units/{u}/scores/
 * {criterionId}; shared/src/ranking.ts), in the submissions table, as period-locks.ts keeps locks.
 *
 * One partition per campaign, `<campaignId>|scores` (period ids start with a year, never `scores`). In it:
 * - `score|<year>|<unit>|<criterion>`: the score as it stands (score, reason, by, at);
 * - `audit|<year>|<unit>|<criterion>|<at>|<random>`: every change, written once, never overwritten.
 * Both rows of a change are one atomic transaction.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { HandScore } from '../../../shared/src';
import { escapeKeyPart } from './entity-codec';
import { withStorageRetries, type RetryOptions } from './retry';

export interface StoredHandScore extends HandScore {
  year: number;
  unitId: string;
  criterionId: string;
  by: string;
  at: string;
}

export const scoresPartitionOf = (campaignId: string) => `${escapeKeyPart(campaignId)}|scores`;
const scoreKey = (s: Pick<StoredHandScore, 'year' | 'unitId' | 'criterionId'>) =>
  `score|${s.year}|${escapeKeyPart(s.unitId)}|${escapeKeyPart(s.criterionId)}`;
const auditPrefix = (s: Pick<StoredHandScore, 'year' | 'unitId' | 'criterionId'>) =>
  `audit|${s.year}|${escapeKeyPart(s.unitId)}|${escapeKeyPart(s.criterionId)}`;

function scoreOf(row: Record<string, unknown>): StoredHandScore {
  return {
    year: Number(row.year),
    unitId: String(row.unitId),
    criterionId: String(row.criterionId),
    score: Number(row.score),
    reason: String(row.reason ?? ''),
    by: String(row.by ?? ''),
    at: String(row.at ?? ''),
  };
}

const byTime = (a: StoredHandScore, b: StoredHandScore) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

export class HandScoreStore {
  constructor(
    readonly client: TableClient,
    private readonly retry: RetryOptions = {},
  ) {}

  /** Records a hand score and its audit row, atomically. */
  async set(campaignId: string, score: StoredHandScore): Promise<StoredHandScore> {
    const partitionKey = scoresPartitionOf(campaignId);
    // Stored as a double even when whole, so it reads back as a number of the same kind.
    const props = { campaignId, ...score, score: { value: String(score.score), type: 'Double' as const } };
    const actions: TransactionAction[] = [
      ['upsert', { partitionKey, rowKey: scoreKey(score), kind: 'score', ...props }, 'Replace'],
      [
        'create',
        {
          partitionKey,
          rowKey: `${auditPrefix(score)}|${escapeKeyPart(score.at)}|${randomUUID()}`,
          kind: 'score-audit',
          ...props,
        },
      ],
    ];
    await withStorageRetries('submitTransaction', () => this.client.submitTransaction(actions), this.retry);
    return score;
  }

  /** The scores of a year as they stand: by unit id, then criterion id (one range query). */
  async ofYear(campaignId: string, year: number): Promise<Map<string, Map<string, StoredHandScore>>> {
    const out = new Map<string, Map<string, StoredHandScore>>();
    for (const s of await this.rows(campaignId, `score|${year}`)) {
      const unit = out.get(s.unitId) ?? new Map<string, StoredHandScore>();
      unit.set(s.criterionId, s);
      out.set(s.unitId, unit);
    }
    return out;
  }

  /** Every change of one unit's score of a criterion, oldest first. */
  async history(
    campaignId: string,
    key: Pick<StoredHandScore, 'year' | 'unitId' | 'criterionId'>,
  ): Promise<StoredHandScore[]> {
    return (await this.rows(campaignId, auditPrefix(key))).sort(byTime);
  }

  private async rows(campaignId: string, prefix: string): Promise<StoredHandScore[]> {
    const filter =
      odata`PartitionKey eq ${scoresPartitionOf(campaignId)}` +
      odata` and RowKey ge ${`${prefix}|`} and RowKey lt ${`${prefix}}`}`;
    return withStorageRetries(
      'listEntities',
      async () => {
        const rows: StoredHandScore[] = [];
        for await (const row of this.client.listEntities<Record<string, unknown>>({
          queryOptions: { filter },
        }))
          rows.push(scoreOf(row));
        return rows;
      },
      this.retry,
    );
  }
}
