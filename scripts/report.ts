/**
 * `npm run report -- --campaign <c> --period <p> --out <file.docx>`: fetches the standing office's
 * narrative report for a period from a running API (GET …/periods/{p}/report?format=docx) and
 * writes it to a file.
 *
 * Options: --api <base URL> (default http://127.0.0.1:7071/api), --token <bearer token> (default: a
 * development reviewer token minted with AUTH_DEV_SECRET, as `npm run token -- --role reviewer`),
 * --unit <unitId> (only that unit's subtree), --lang vi|en.
 * Exit codes: 0 written, 1 the API or the file system failed, 2 bad arguments.
 */
import { DEFAULT_API, type Io, processIo, runCli } from './lib/cli';
import { writePeriodFile } from './lib/period-file';

export const USAGE = `Usage: report --campaign <campaignId> --period <periodId> --out <file.docx>
              [--api ${DEFAULT_API}] [--token <bearer token>] [--unit <unitId>] [--lang vi|en]
  Writes the period's narrative report (.docx): the header of Decree 30/2020, implementation,
  results by the template's sections, shortcomings, next tasks, proposals.
  Without --token, a development reviewer token is minted (AUTH_MODE=dev).
`;

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const command = {
    name: 'report',
    usage: USAGE,
    endpoint: 'report',
    format: 'docx',
    subtree: { option: 'unit', query: 'unitId' },
    apiVariable: 'REPORT_API',
  };
  return writePeriodFile(command, argv, env, io, ({ campaign, period, target, bytes }) =>
    Promise.resolve(`${target}: ${campaign} ${period} narrative report, ${bytes} bytes`),
  );
}

if (require.main === module) runCli('report', main);
