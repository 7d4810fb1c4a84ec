/**
 * What `npm run rollup` and `npm run report` share: the options naming a campaign's period and the file
 * to write (`--campaign`, `--period`, `--out`, `--api`, `--token`, a subtree option, `--lang`), checked
 * the same way, and the download of `GET …/periods/{p}/<endpoint>` into that file.
 * Exit codes: 0 written, 1 the API or the file system failed, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';
import { apiClient, ApiError, type ApiClient } from './api-client';
import { DEFAULT_API, type Io, readCliArgs } from './cli';

export interface PeriodFileCommand {
  /** The script's name, for messages. */
  name: string;
  usage: string;
  /** The route below `/periods/{p}/`: `rollup`, `report`. */
  endpoint: string;
  /** The file's format and extension: `xlsx`, `docx`. */
  format: string;
  /** The option naming a subtree (`root`, `unit`) and the query parameter it becomes. */
  subtree: { option: string; query: string };
  /** The environment variable that may give the API's address. */
  apiVariable: string;
}

export interface PeriodFileWritten {
  client: ApiClient;
  campaign: string;
  period: string;
  target: string;
  bytes: number;
}

/**
 * Parses the options, downloads the file and writes it; then `after` may say more (its line is printed).
 * Returns the exit code.
 */
export async function writePeriodFile(
  command: PeriodFileCommand,
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
  after: (written: PeriodFileWritten) => Promise<string>,
): Promise<number> {
  const args = readCliArgs(command.name, command.usage, argv, io, {
    campaign: { type: 'string' },
    period: { type: 'string' },
    out: { type: 'string', short: 'o' },
    api: { type: 'string' },
    token: { type: 'string' },
    [command.subtree.option]: { type: 'string' },
    lang: { type: 'string' },
  });
  if (args.exit !== undefined) return args.exit;
  const { usageError } = args;
  const values = args.values as Record<string, string | undefined>;
  const campaign = values.campaign?.trim();
  const period = values.period?.trim();
  const out = values.out?.trim();
  const ext = command.format;
  if (!campaign) return usageError('--campaign is required.');
  if (!period) return usageError('--period is required (e.g. 2022-H1).');
  if (!out) return usageError(`--out <file.${ext}> is required.`);
  if (!new RegExp(`\\.${ext}$`, 'i').test(out))
    return usageError(`--out must name a .${ext} file, not "${out}".`);
  if (values.lang !== undefined && !['vi', 'en'].includes(values.lang))
    return usageError('--lang must be vi or en.');
  const api = (values.api ?? env[command.apiVariable] ?? DEFAULT_API).trim();
  if (!URL.canParse(api)) return usageError(`--api "${api}" is not a URL.`);

  try {
    const token =
      values.token?.trim() ||
      (await mintDevToken(loadAuthConfig(env), { role: 'reviewer', unitId: 'PX03', expiresIn: '10m' }));
    const query = new URLSearchParams({ format: ext });
    const subtree = values[command.subtree.option];
    if (subtree) query.set(command.subtree.query, subtree);
    if (values.lang) query.set('lang', values.lang);
    const client = apiClient(api, token);
    const answer = await client.ok(
      'GET',
      `/campaigns/${encodeURIComponent(campaign)}/periods/${encodeURIComponent(period)}/${command.endpoint}?${query}`,
    );
    const target = path.resolve(out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, answer.bytes);
    io.out(`${await after({ client, campaign, period, target, bytes: answer.bytes.length })}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    io.err(`${command.name}: ${message}\n`);
    return 1;
  }
}
