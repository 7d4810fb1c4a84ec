/**
 * The roll-up of a period at 100, 1,000 and 10,000 units (60 fields) against a bare range scan of the
 * same rows, and how its cost per unit grows.
 */
import { odata } from '@azure/data-tables';
import { computeRollup, type Period, type Unit } from '../../shared/src';
import { partitionKeyOf, SubmissionStore } from '../../functions/src/storage/submission-store';
import { period as makePeriod } from '../../test/support/fixtures';
import { largeSubmissions, largeTemplate, largeUnits } from '../../test/support/large-rollup';
import { newTable, type BenchContext, type FigureModule } from './context';
import { median, now, pool } from './stats';

async function run({ azurite: shared, quick, record }: BenchContext) {
  const azurite = shared();
  const sizes = quick ? [100, 1000] : [100, 1000, 10_000];
  const template = largeTemplate(60);
  const period: Period = makePeriod('2022-H1', '2022-06-15');
  const perUnit: { units: number; store: number; bare: number }[] = [];
  for (const size of sizes) {
    const units: Unit[] = largeUnits(size);
    const client = await newTable(azurite, `rollup${size}`);
    const store = new SubmissionStore(client);
    // Seeded once, through the store, 32 accepts at a time.
    const seedStart = now();
    const submissions = largeSubmissions(template, units, period);
    await pool(submissions, 32, async (s) => {
      await store.accept('large', s, { receivedAt: s.receivedAt, onTime: s.onTime });
    });
    const seedSeconds = (now() - seedStart) / 1000;

    const pk = partitionKeyOf('large', period.id);
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${'latest|'} and RowKey lt ${'latest}'}`;
    const bareScan = async () => {
      let n = 0;
      for await (const row of client.listEntities({ queryOptions: { filter } })) if (row) n++;
      return n;
    };
    const rollup = async () => {
      const latest = await store.latest('large', period.id);
      return computeRollup({
        campaignId: 'large',
        period,
        templates: [template],
        units,
        submissions: latest,
      });
    };
    // Check both read the same rows before timing them.
    const scanned = await bareScan();
    const rolled = await rollup();
    if (scanned !== size || rolled.completeness.submitted !== size)
      throw new Error(`roll-up of ${size}: scan saw ${scanned}, roll-up ${rolled.completeness.submitted}`);

    const reps = size >= 10_000 ? 5 : size >= 1000 ? 15 : 40;
    const storeTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let r = 0; r < reps; r++) {
      let t = now();
      await bareScan();
      bareTimes.push(now() - t);
      t = now();
      await rollup();
      storeTimes.push(now() - t);
    }
    const s = median(storeTimes);
    const b = median(bareTimes);
    perUnit.push({ units: size, store: s / size, bare: b / size });
    record({
      figure: `roll-up, ${size.toLocaleString('en')} units x 60 fields`,
      value: s,
      unit: 'ms',
      baseline: b,
      baselineOf: 'bare listEntities range scan of the same partition rows',
      bar: '≤ 1.5x',
      pass: s / b <= 1.5,
      detail: {
        reps,
        storeMsPerUnit: s / size,
        bareMsPerUnit: b / size,
        seedSeconds,
        rowsInPartition: size * 3,
      },
    });
    // Free Azurite's memory before the next size.
    await client.deleteTable();
  }
  // Linear growth: the cost per unit does not grow with the number of units.
  for (let i = 1; i < perUnit.length; i++) {
    const a = perUnit[i - 1]!;
    const b = perUnit[i]!;
    record({
      figure: `roll-up growth, cost per unit ${a.units.toLocaleString('en')} → ${b.units.toLocaleString('en')} units`,
      value: b.store * 1000,
      unit: 'µs/unit',
      baseline: a.store * 1000,
      baselineOf: `the roll-up's own cost per unit at ${a.units.toLocaleString('en')} units`,
      bar: b.units >= 1000 ? '≤ 1.5x (linear)' : 'none (fixed costs dominate at 100)',
      pass: b.units >= 1000 ? b.store / a.store <= 1.5 : null,
      detail: { bareGrowth: b.bare / a.bare },
    });
  }
}

export const rollupFigures: FigureModule = { name: 'roll-up', usesAzurite: true, run };
