/**
 * Durability: Azurite on disk killed with SIGKILL right after the last acknowledged submission, with
 * write-through persistence (azurite-durable.cjs) against stock Azurite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Template } from '../../shared/src';
import { tableClient } from '../../functions/src/services';
import { SubmissionStore } from '../../functions/src/storage/submission-store';
import { startAzurite, uniqueTableName } from '../lib/azurite';
import { settingsFor, type BenchContext, type FigureModule } from './context';
import { CAMPAIGN, langSonResults, META, realisticReport } from './realistic-report';

async function acceptUnderLoad(
  store: SubmissionStore,
  template: Template,
  units: readonly string[],
  total: number,
): Promise<{ receipts: Map<string, number>; errors: number }> {
  const receipts = new Map<string, number>(); // submissionId → acknowledged revision
  let errors = 0;
  let next = 0;
  // 8 clients; 40 units in turn, so clients often write the same unit at the same time.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < total) {
        const i = next++;
        const s = realisticReport(template, units[i % units.length]!, '2022-Y', i);
        try {
          const { receipt } = await store.accept(CAMPAIGN, s, META);
          receipts.set(s.submissionId, receipt.revision);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { receipts, errors };
}

async function lostAfterKill(durable: boolean, total: number) {
  const { template, units } = langSonResults();
  const location = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-durability-'));
  const table = uniqueTableName('durable');
  let azurite = await startAzurite({ location, durable });
  try {
    const store = new SubmissionStore(tableClient(settingsFor(azurite), table));
    await store.ensureTable();
    const { receipts, errors } = await acceptUnderLoad(store, template, units, total);
    await azurite.kill('SIGKILL'); // right after the last acknowledgement
    azurite = await startAzurite({ location, durable, port: azurite.port });
    const after = new SubmissionStore(tableClient(settingsFor(azurite), table));
    let lost = 0;
    for (const [submissionId, revision] of receipts) {
      const found = await after.findReceipt(CAMPAIGN, '2022-Y', submissionId).catch(() => undefined);
      if (found?.revision !== revision) lost++;
    }
    return { acknowledged: receipts.size, errors, lost };
  } finally {
    await azurite.stop();
    fs.rmSync(location, { recursive: true, force: true });
  }
}

async function run({ record }: BenchContext) {
  const total = 200;
  const stock = await lostAfterKill(false, total);
  const durable = await lostAfterKill(true, total);
  record({
    figure: `durability, kill -9 after ${durable.acknowledged} acknowledged submissions: lost`,
    value: durable.lost,
    unit: 'submissions',
    baseline: stock.lost,
    baselineOf:
      'the same run against stock Azurite (saves every 5 s, so it loses what it acknowledged since)',
    bar: '0 lost',
    pass: durable.lost === 0 && durable.acknowledged > 0,
    detail: { durable, stock },
  });
}

export const durabilityFigures: FigureModule = { name: 'durability', usesAzurite: false, run };
