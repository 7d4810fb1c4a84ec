/**
 * `npm run rollup -- --campaign <c> --period <p> --out <file.xlsx>`: fetches the summary workbook of
 * a period from a running API (GET …/periods/{p}/rollup?format=xlsx) and writes it to a file.
 *
 * Options: --api <base URL> (default http://127.0.0.1:7071/api), --token <bearer token> (default: a
 * development reviewer token minted with AUTH_DEV_SECRET, as `npm run token -- --role reviewer`),
 * --root <unitId> (only that unit's subtree), --lang vi|en.
 * Exit codes: 0 written, 1 the API or the file system failed, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { apiClient, ApiError } from './lib/api-client';
import { DEFAULT_API, type Io, processIo, readCliArgs, runCli } from './lib/cli';

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
  const args = readCliArgs('rollup', USAGE, argv, io, {
    campaign: { type: 'string' },
    period: { type: 'string' },
    out: { type: 'string', short: 'o' },
    api: { type: 'string' },
    token: { type: 'string' },
    root: { type: 'string' },
    lang: { type: 'string' },
  });
  if (args.exit !== undefined) return args.exit;
  const { values, usageError } = args;
  const campaign = values.campaign?.trim();
  const period = values.period?.trim();
  const out = values.out?.trim();
  if (!campaign) return usageError('--campaign is required.');
  if (!period) return usageError('--period is required (e.g. 2022-H1).');
  if (!out) return usageError('--out <file.xlsx> is required.');
  if (!/\.xlsx$/i.test(out)) return usageError(`--out must name an .xlsx file, not "${out}".`);
  if (values.lang !== undefined && !['vi', 'en'].includes(values.lang))
    return usageError('--lang must be vi or en.');
  const api = (values.api ?? env.ROLLUP_API ?? DEFAULT_API).trim();
  try {
    new URL(api);
  } catch {
    return usageError(`--api "${api}" is not a URL.`);
  }

  try {
    const token =
      values.token?.trim() ||
      (await mintDevToken(loadAuthConfig(env), { role: 'reviewer', unitId: 'PX03', expiresIn: '10m' }));
    const query = new URLSearchParams({ format: 'xlsx' });
    if (values.root) query.set('rootUnitId', values.root);
    if (values.lang) query.set('lang', values.lang);
    const client = apiClient(api, token);
    const answer = await client.ok(
      'GET',
      `/campaigns/${encodeURIComponent(campaign)}/periods/${encodeURIComponent(period)}/rollup?${query}`,
    );
    const target = path.resolve(out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, answer.bytes);
    // The same numbers in a line: one more (JSON) request, cheap, and it proves what was written.
    const summary = await client.ok<{
      completeness: { expected: number; submitted: number; onTime: number; late: number; missing: string[] };
    }>('GET', `/campaigns/${encodeURIComponent(campaign)}/periods/${encodeURIComponent(period)}/rollup`);
    const c = summary.json!.completeness;
    io.out(
      `${target}: ${campaign} ${period} — ${c.submitted}/${c.expected} units reported ` +
        `(${c.onTime} on time, ${c.late} late, ${c.missing.length} missing), ${answer.bytes.length} bytes\n`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    io.err(`rollup: ${message}\n`);
    return 1;
  }
}

if (require.main === module) runCli('rollup', main);
