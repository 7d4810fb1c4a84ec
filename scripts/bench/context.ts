/**
 * What a figure module of the benchmark gets from the runner (scripts/bench.ts), and what it is: a name,
 * whether it uses the runner's in-memory Azurite, and a function that measures and records its figures.
 */
import type { TableClient } from '@azure/data-tables';
import { tableClient, type Settings } from '../../functions/src/services';
import { uniqueTableName, type Azurite } from '../lib/azurite';
import type { Figure, FigureInput } from './figure';

export interface BenchContext {
  /** `--quick`: fewer runs, smaller sizes. */
  quick: boolean;
  /** Where results and build output go (out/bench). */
  outDir: string;
  /** Records a figure and prints its line. */
  record: (figure: FigureInput) => Figure;
  /** The runner's in-memory Azurite (the figures measure the code, not the disk); for modules that ask for it. */
  azurite: () => Azurite;
}

export interface FigureModule {
  name: string;
  /** Start the shared in-memory Azurite before this module (it is stopped after the last module using it). */
  usesAzurite: boolean;
  run(context: BenchContext): Promise<void>;
}

export function settingsFor(azurite: Azurite): Settings {
  return { connectionString: azurite.connectionString, tablePrefix: '', maxBodyBytes: 512 * 1024 };
}

/** A new table, its client configured exactly as the function app configures its own (services.ts). */
export async function newTable(azurite: Azurite, prefix: string): Promise<TableClient> {
  const client = tableClient(settingsFor(azurite), uniqueTableName(prefix));
  await client.createTable();
  return client;
}
