/**
 * `npm run rollup -- --campaign <c> --period <p> --out <file.xlsx>`: fetches the summary workbook of
 * a period from a running API (GET …/periods/{p}/rollup?format=xlsx) and writes it to a file.
 *
 * Options: --api <base URL> (default http://127.0.0.1:7071/api), --token <bearer token> (default: a
 * development reviewer token minted with AUTH_DEV_SECRET, as `npm run token -- --role reviewer`),
 * --root <unitId> (only that unit's subtree), --lang vi|en.
 * Exit codes: 0 written, 1 the API or the file system failed, 2 bad arguments.
 */
import { DEFAULT_API, type Io, processIo, runCli } from './lib/cli';
import { writePeriodFile } from './lib/period-file';

export const USAGE = `Usage: rollup --campaign <campaignId> --period <periodId> --out <file.xlsx>
              [--api ${DEFAULT_API}] [--token <bearer token>] [--root <unitId>] [--lang vi|en]
  Writes the period's summary workbook (province totals, units × fields, completeness, lists).
  Without --token, a development reviewer token is minted (AUTH_MODE=dev).
`;

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const command = {
    name: 'rollup',
    usage: USAGE,
    endpoint: 'rollup',
    format: 'xlsx',
    subtree: { option: 'root', query: 'rootUnitId' },
    apiVariable: 'ROLLUP_API',
  };
  return writePeriodFile(command, argv, env, io, async ({ client, campaign, period, target, bytes }) => {
    // The same numbers in a line: one more (JSON) request, cheap, and it proves what was written.
    const summary = await client.ok<{
      completeness: { expected: number; submitted: number; onTime: number; late: number; missing: string[] };
    }>('GET', `/campaigns/${encodeURIComponent(campaign)}/periods/${encodeURIComponent(period)}/rollup`);
    const c = summary.json!.completeness;
    return (
      `${target}: ${campaign} ${period} — ${c.submitted}/${c.expected} units reported ` +
      `(${c.onTime} on time, ${c.late} late, ${c.missing.length} missing), ${bytes} bytes`
    );
  });
}

if (require.main === module) runCli('rollup', main);
