/**
 * `npm run campaign -- <command>`: the admin's command line for campaigns (docs/architecture.md,
 * "Campaigns"), the counterpart of `npm run template` for the campaign workbook.
 *
 *   export <campaignId> --out <file.xlsx>   the campaign workbook (settings, calendar, units) of a
 *       campaign, to edit (GET /campaigns/{c}/definition)
 *   publish <file.xlsx>                     creates or updates the campaign the workbook describes
 *       (POST /campaigns): the server reads the file as it reads any upload, and its problems are
 *       printed with their sheet, row and column
 *
 * Options: --api <base URL> (default http://127.0.0.1:7071/api, or $TEMPLATE_API), --token <bearer
 * token> (default: a development admin token, AUTH_MODE=dev). Texts from the catalogues' `cli`
 * section, in Vietnamese, or English when LANG is English. Exit codes: 0 done, 1 refused, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  catalogue,
  expandCalendar,
  renderWithPlace,
  type CampaignDefinition,
  type Language,
  type Problem,
} from '../shared/src';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { XLSX_CONTENT_TYPE } from '../functions/src/workbook/xlsx-writer';
import { apiClient, ApiError, type ApiClient } from './lib/api-client';
import { DEFAULT_API, type Io, processIo, readCliArgs, runCli } from './lib/cli';
import { cliLanguage } from './lib/language';

const enc = encodeURIComponent;

function isProblem(d: unknown): d is Problem {
  return !!d && typeof d === 'object' && typeof (d as { code?: unknown }).code === 'string';
}

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const lang: Language = cliLanguage(env);
  const say = catalogue(lang).cli;
  const args = readCliArgs(
    'campaign',
    `${say.campaignUsage}\n`,
    argv,
    io,
    { out: { type: 'string', short: 'o' }, api: { type: 'string' }, token: { type: 'string' } },
    { positionals: true },
  );
  if (args.exit !== undefined) return args.exit;
  const { values, positionals, usageError } = args;
  const [command, target, ...extra] = positionals;
  if (extra.length) return usageError(`unexpected "${extra[0]}".`);
  const base = (values.api ?? env.TEMPLATE_API ?? DEFAULT_API).trim();
  try {
    new URL(base);
  } catch {
    return usageError(`--api "${base}" is not a URL.`);
  }
  const client = async (): Promise<ApiClient> =>
    apiClient(
      base,
      values.token?.trim() || (await mintDevToken(loadAuthConfig(env), { role: 'admin', expiresIn: '10m' })),
      lang,
    );
  try {
    if (command === 'export') {
      const out = values.out?.trim();
      if (!target) return usageError('export <campaignId> is required.');
      if (!out || !/\.xlsx$/i.test(out)) return usageError('--out <file.xlsx> is required.');
      const api = await client();
      const workbook = await api.ok('GET', `/campaigns/${enc(target)}/definition`);
      const def = (
        await api.ok<CampaignDefinition>('GET', `/campaigns/${enc(target)}/definition?format=json`)
      ).json!;
      const full = path.resolve(out);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, workbook.bytes);
      io.out(
        `${say.campaignExported(full, target, def.units.length, expandCalendar(def.campaign.calendar).length)}\n`,
      );
      return 0;
    }
    if (command === 'publish') {
      if (!target || !/\.xlsx$/i.test(target)) return usageError('publish <file.xlsx> is required.');
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(target);
      } catch (e) {
        io.err(`campaign: ${say.unreadableFile(target, (e as Error).message)}\n`);
        return 1;
      }
      const api = await client();
      const r = await api.request<{ campaignId: string; created: boolean; error?: { details?: unknown } }>(
        'POST',
        '/campaigns',
        { body: bytes, contentType: XLSX_CONTENT_TYPE },
      );
      if (r.status === 200 || r.status === 201) {
        const id = r.json!.campaignId;
        io.out(`${r.json!.created ? say.campaignCreated(id) : say.campaignUpdated(id)}\n`);
        return 0;
      }
      const details = r.json?.error?.details;
      if (r.status === 400 && Array.isArray(details) && details.every(isProblem)) {
        io.err(`campaign: ${say.campaignRefused(target, details.length)}\n`);
        for (const d of details) io.err(`  ${renderWithPlace(d, lang)}\n`);
        return 1;
      }
      const error = (r.json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(r.status, error?.code ?? `http_${r.status}`, error?.message ?? '', details);
    }
    return usageError(command ? `unknown command "${command}".` : 'a command is required.');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const lines = [
      `campaign: ${say.refusedByServer}: ${e.message.replace(/^[A-Z]+ \S+ → \d+: /, '')} (HTTP ${e.status}, ${e.code})`,
    ];
    if (Array.isArray(e.details))
      for (const d of e.details) if (isProblem(d)) lines.push(`  - ${renderWithPlace(d, lang)}`);
    io.err(`${lines.join('\n')}\n`);
    return 1;
  }
}

if (require.main === module) runCli('campaign', main);
