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
import fs from 'node:fs';
import path from 'node:path';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { apiClient, ApiError } from './lib/api-client';
import { DEFAULT_API, type Io, processIo, readCliArgs, runCli } from './lib/cli';

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
  const args = readCliArgs('report', USAGE, argv, io, {
    campaign: { type: 'string' },
    period: { type: 'string' },
    out: { type: 'string', short: 'o' },
    api: { type: 'string' },
    token: { type: 'string' },
    unit: { type: 'string' },
    lang: { type: 'string' },
  });
  if (args.exit !== undefined) return args.exit;
  const { values, usageError } = args;
  const campaign = values.campaign?.trim();
  const period = values.period?.trim();
  const out = values.out?.trim();
  if (!campaign) return usageError('--campaign is required.');
  if (!period) return usageError('--period is required (e.g. 2022-H1).');
  if (!out) return usageError('--out <file.docx> is required.');
  if (!/\.docx$/i.test(out)) return usageError(`--out must name a .docx file, not "${out}".`);
  if (values.lang !== undefined && !['vi', 'en'].includes(values.lang))
    return usageError('--lang must be vi or en.');
  const api = (values.api ?? env.REPORT_API ?? DEFAULT_API).trim();
  try {
    new URL(api);
  } catch {
    return usageError(`--api "${api}" is not a URL.`);
  }

  try {
    const token =
      values.token?.trim() ||
      (await mintDevToken(loadAuthConfig(env), { role: 'reviewer', unitId: 'PX03', expiresIn: '10m' }));
    const query = new URLSearchParams({ format: 'docx' });
    if (values.unit) query.set('unitId', values.unit);
    if (values.lang) query.set('lang', values.lang);
    const answer = await apiClient(api, token).ok(
      'GET',
      `/campaigns/${encodeURIComponent(campaign)}/periods/${encodeURIComponent(period)}/report?${query}`,
    );
    const target = path.resolve(out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, answer.bytes);
    io.out(`${target}: ${campaign} ${period} narrative report, ${answer.bytes.length} bytes\n`);
    return 0;
  } catch (error) {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    io.err(`report: ${message}\n`);
    return 1;
  }
}

if (require.main === module) runCli('report', main);
