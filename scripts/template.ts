/**
 * `npm run template -- <command>`: the admin's command line for templates, units and users.
 *
 *   publish <file.xlsx> --campaign <c> [--dry-run]     reads a template definition workbook (sheets
 *       settings, fields, tables, rules), checks it, and publishes it (POST …/templates)
 *   export --campaign <c> --template <t> [--version <v>] --out <file.xlsx>
 *       writes the definition workbook of a published version (default: the active one)
 *   new <file.xlsx>                                    an empty definition workbook to start from
 *   units export|import <file.xlsx> --campaign <c>     the unit registry as a sheet `units`
 *   users export|import <file.xlsx>                    user → role/unit assignments, sheet `users`
 *
 * Common options: --api <base URL> (default http://127.0.0.1:7071/api, or $TEMPLATE_API), --token
 * <bearer token> (default: a development admin token minted with AUTH_DEV_SECRET, AUTH_MODE=dev).
 * Problems in a workbook are printed with their sheet, row and column. Everything it says (its own
 * texts from the catalogues' `cli` section, problems, and the API's answers) is in Vietnamese, or in
 * English when LANG is English (e.g. LANG=en_US.UTF-8).
 * Exit codes: 0 done, 1 the workbook or the API refused, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  definitionSheetModelsFromSheets,
  emptyDefinition,
  parseTemplateDefinition,
  parseUnitRows,
  registryPatches,
  parseUserRows,
  catalogue,
  renderWithPlace,
  unitsSheetModel,
  usersSheetModel,
  type DefinitionSheets,
  type Language,
  type Problem,
  type Template,
  type Unit,
  type UserRecord,
} from '../shared/src';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { renderWorkbook } from '../functions/src/workbook/xlsx-writer';
import { apiClient, ApiError, type ApiClient } from './lib/api-client';
import { readWorkbookRows } from './lib/workbook-rows';
import { DEFAULT_API, type Io, processIo, readCliArgs, runCli } from './lib/cli';
import { cliLanguage } from './lib/language';

export const USAGE = `Usage: template publish <file.xlsx> --campaign <campaignId> [--dry-run]
       template export --campaign <campaignId> --template <templateId> [--version <n>] --out <file.xlsx>
       template new <file.xlsx>
       template units export|import <file.xlsx> --campaign <campaignId>
       template users export|import <file.xlsx>
  Options: --api ${DEFAULT_API} (or $TEMPLATE_API), --token <bearer token> (default: a development
  admin token, AUTH_MODE=dev).
`;

/** Thrown for a refusal that has been explained already: exit 1. */
class Refused extends Error {}

const enc = encodeURIComponent;

function writeFile(target: string, bytes: Uint8Array): string {
  const full = path.resolve(target);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, bytes);
  return full;
}

async function readXlsx(file: string, lang: Language) {
  const say = catalogue(lang).cli;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new Refused(say.unreadableFile(file, (e as Error).message));
  }
  try {
    return await readWorkbookRows(bytes);
  } catch {
    throw new Refused(say.notXlsx(file));
  }
}

/** A problem the API sent back (`{ code, params?, path? }`), or something else it sent. */
function isProblem(d: unknown): d is Problem {
  return !!d && typeof d === 'object' && typeof (d as { code?: unknown }).code === 'string';
}

/** An API error as lines a person can act on. */
function explain(e: ApiError, what: string, lang: Language): string {
  const say = catalogue(lang).cli;
  const lines = [`${what}: ${e.message.replace(/^[A-Z]+ \S+ → \d+: /, '')} (HTTP ${e.status}, ${e.code})`];
  const details = e.details;
  if (e.code === 'version_exists' && details && typeof details === 'object' && 'newestVersion' in details) {
    const newest = (details as { newestVersion: number }).newestVersion;
    lines.push(`  ${say.newestVersion(newest)}`);
  } else if (e.code === 'incompatible_template') {
    lines.push(`  ${say.incompatibleReasons}`);
  }
  if (Array.isArray(details)) {
    for (const d of details) {
      if (typeof d === 'string') lines.push(`  - ${d}`);
      else if (isProblem(d)) {
        let text: string;
        try {
          text = renderWithPlace(d, lang);
        } catch {
          // A code this script does not know (a newer server): the server's text, else the code.
          text = (d as { message?: string }).message ?? d.code;
        }
        lines.push(`  - ${d.path ? `${d.path}: ` : ''}${text}`);
      } else if (d && typeof d === 'object')
        lines.push(
          `  - ${[(d as { path?: string }).path, (d as { message?: string }).message].filter(Boolean).join(': ')}`,
        );
    }
  }
  return lines.join('\n');
}

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const args = readCliArgs(
    'template',
    USAGE,
    argv,
    io,
    {
      campaign: { type: 'string', short: 'c' },
      template: { type: 'string', short: 't' },
      version: { type: 'string', short: 'v' },
      out: { type: 'string', short: 'o' },
      api: { type: 'string' },
      token: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    { positionals: true },
  );
  if (args.exit !== undefined) return args.exit;
  const lang = cliLanguage(env);
  const say = catalogue(lang).cli;
  const { values, usageError, positionals } = args;
  const [command, ...rest] = positionals;
  const api = (values.api ?? env.TEMPLATE_API ?? DEFAULT_API).trim();
  try {
    new URL(api);
  } catch {
    return usageError(`--api "${api}" is not a URL.`);
  }
  const campaign = values.campaign?.trim();
  const needCampaign = () => {
    if (!campaign) throw new UsageError('--campaign is required.');
    return campaign;
  };
  const needXlsx = (file: string | undefined, what: string) => {
    if (!file) throw new UsageError(`${what} <file.xlsx> is required.`);
    if (!/\.xlsx$/i.test(file)) throw new UsageError(`${what} must name an .xlsx file, not "${file}".`);
    return file;
  };
  let clientPromise: Promise<ApiClient> | undefined;
  const client = () =>
    (clientPromise ??= (async () => {
      const token =
        values.token?.trim() ||
        (await mintDevToken(loadAuthConfig(env), { role: 'admin', expiresIn: '10m' }));
      return apiClient(api, token, lang);
    })());

  try {
    switch (command) {
      case 'publish': {
        if (rest.length > 1) throw new UsageError(`unexpected "${rest[1]}".`);
        return await publish(
          needXlsx(rest[0], 'publish'),
          needCampaign(),
          !!values['dry-run'],
          client,
          io,
          lang,
        );
      }
      case 'export': {
        if (rest.length) throw new UsageError(`unexpected "${rest[0]}".`);
        const templateId = values.template?.trim();
        if (!templateId) throw new UsageError('--template is required.');
        const out = needXlsx(values.out?.trim(), '--out');
        let version = values.version?.trim();
        if (version !== undefined && !/^\d+$/.test(version))
          throw new UsageError(`--version must be a number, not "${version}".`);
        const c = needCampaign();
        const api = await client();
        if (version === undefined) {
          const active = await api.ok<{ templates: Template[] }>('GET', `/campaigns/${enc(c)}/templates`);
          const t = active.json!.templates.find((x) => x.id === templateId);
          if (!t) throw new Refused(say.noSuchTemplate(c, templateId));
          version = String(t.version);
        }
        const answer = await api.ok(
          'GET',
          `/campaigns/${enc(c)}/templates/${enc(templateId)}/versions/${enc(version)}/definition`,
        );
        const target = writeFile(out, answer.bytes);
        io.out(`${say.exported(target, templateId, version, c, answer.bytes.length)}\n`);
        return 0;
      }
      case 'new': {
        const out = needXlsx(rest[0], 'new');
        const target = writeFile(
          out,
          await renderWorkbook(definitionSheetModelsFromSheets(emptyDefinition())),
        );
        io.out(`${say.emptyWritten(target)}\n`);
        return 0;
      }
      case 'units':
      case 'users': {
        const [direction, file, extra] = rest;
        if (direction !== 'export' && direction !== 'import')
          throw new UsageError(`${command} needs export or import, not "${direction ?? ''}".`);
        if (extra !== undefined) throw new UsageError(`unexpected "${extra}".`);
        const xlsx = needXlsx(file, `${command} ${direction}`);
        if (command === 'units') return await units(direction, xlsx, needCampaign(), client, io, lang);
        return await users(direction, xlsx, client, io, lang);
      }
      case undefined:
        throw new UsageError('a command is required.');
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    if (error instanceof ApiError) io.err(`template: ${explain(error, say.refusedByServer, lang)}\n`);
    else io.err(`template: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

class UsageError extends Error {}

async function publish(
  file: string,
  campaign: string,
  dryRun: boolean,
  client: () => Promise<ApiClient>,
  io: Io,
  lang: Language,
): Promise<number> {
  const say = catalogue(lang).cli;
  const book = await readXlsx(file, lang);
  const sheets: Partial<DefinitionSheets> = {};
  for (const name of ['settings', 'fields', 'tables', 'rules'] as const) {
    const rows = book.get(name);
    if (rows) sheets[name] = rows;
  }
  const result = parseTemplateDefinition(sheets, { campaignId: campaign });
  if (!result.ok) {
    io.err(`template: ${say.definitionRefused(file, result.errors.length)}\n`);
    for (const e of result.errors) io.err(`  ${renderWithPlace(e, lang)}\n`);
    return 1;
  }
  const t = result.template;
  const fields = t.sections.flatMap((s) => s.fields);
  const summary = say.templateSummary(
    t.id,
    t.version,
    catalogue(lang).templateKinds[t.kind],
    t.sections.length,
    fields.filter((f) => !f.retired).length,
    fields.filter((f) => f.retired).length,
    t.tables.length,
    t.rules.length,
  );
  if (dryRun) {
    io.out(`${say.valid(file, summary)}\n`);
    return 0;
  }
  const api = await client();
  const answer = await api.request<{ templateId: string; version: number }>(
    'POST',
    `/campaigns/${enc(campaign)}/templates`,
    { json: t },
  );
  if (answer.status === 201) {
    io.out(`${say.published(summary, campaign)}\n`);
    return 0;
  }
  const error = (
    answer.json as { error?: { code?: string; message?: string; details?: unknown } } | undefined
  )?.error;
  io.err(
    `template: ${explain(
      new ApiError(
        answer.status,
        error?.code ?? `http_${answer.status}`,
        error?.message ?? answer.bytes.toString('utf8').slice(0, 200),
        error?.details,
      ),
      say.notPublished,
      lang,
    )}\n`,
  );
  return 1;
}

/** Ids for a message: all of a few, the first 20 of many and how many more. */
function listed(ids: readonly string[]): string {
  return ids.length <= 20 ? ids.join(', ') : `${ids.slice(0, 20).join(', ')}, … (+${ids.length - 20})`;
}

async function units(
  direction: 'export' | 'import',
  file: string,
  campaign: string,
  client: () => Promise<ApiClient>,
  io: Io,
  lang: Language,
): Promise<number> {
  const say = catalogue(lang).cli;
  const route = `/campaigns/${enc(campaign)}/units`;
  if (direction === 'export') {
    const answer = await (await client()).ok<{ units: Unit[] }>('GET', route);
    const list = answer.json!.units;
    const target = writeFile(file, await renderWorkbook([unitsSheetModel(list)]));
    io.out(`${say.unitsExported(target, list.length, campaign)}\n`);
    return 0;
  }
  const book = await readXlsx(file, lang);
  const rows = book.get('units') ?? (book.size === 1 ? [...book.values()][0] : undefined) ?? [];
  const parsed = parseUnitRows(rows);
  if (!parsed.ok) {
    io.err(`template: ${say.sheetRefused(file, parsed.errors.length)}\n`);
    for (const e of parsed.errors) io.err(`  ${renderWithPlace(e, lang)}\n`);
    return 1;
  }
  const api = await client();
  const before = (await api.ok<{ units: Unit[] }>('GET', route)).json!.units;
  // Any size, as the add-in sends it: PATCH requests of ≤ 1,000 units in an order the server accepts at
  // every step (shared/src/registry-import.ts); running it again finishes an import cut short.
  const patches = registryPatches(parsed.records, before);
  const total = patches.reduce((n, p) => n + (p.upsert?.length ?? 0) + (p.remove?.length ?? 0), 0);
  let done = 0;
  for (const patch of patches) {
    await api.ok('PATCH', route, { json: patch });
    done += (patch.upsert?.length ?? 0) + (patch.remove?.length ?? 0);
    if (patches.length > 1) io.err(`${say.unitsSent(done, total)}\n`);
  }
  const now = new Set(parsed.records.map((u) => u.id));
  const had = new Set(before.map((u) => u.id));
  const added = parsed.records.filter((u) => !had.has(u.id)).map((u) => u.id);
  const removed = before.filter((u) => !now.has(u.id)).map((u) => u.id);
  io.out(`${say.unitsUpdated(parsed.records.length, campaign, listed(added), listed(removed))}\n`);
  if (removed.length) io.out(`  ${say.removedUnitsNote}\n`);
  return 0;
}

async function users(
  direction: 'export' | 'import',
  file: string,
  client: () => Promise<ApiClient>,
  io: Io,
  lang: Language,
): Promise<number> {
  const say = catalogue(lang).cli;
  const api = await client();
  if (direction === 'export') {
    const list = (await api.ok<{ users: UserRecord[] }>('GET', '/users')).json!.users;
    const target = writeFile(file, await renderWorkbook([usersSheetModel(list)]));
    io.out(`${say.usersExported(target, list.length)}\n`);
    return 0;
  }
  const book = await readXlsx(file, lang);
  const rows = book.get('users') ?? (book.size === 1 ? [...book.values()][0] : undefined) ?? [];
  const parsed = parseUserRows(rows);
  if (!parsed.ok) {
    io.err(`template: ${say.sheetRefused(file, parsed.errors.length)}\n`);
    for (const e of parsed.errors) io.err(`  ${renderWithPlace(e, lang)}\n`);
    return 1;
  }
  for (const { userId, updatedAt: _at, updatedBy: _by, ...assignment } of parsed.records)
    await api.ok('PUT', `/users/${enc(userId)}`, { json: assignment });
  io.out(`${say.usersUpdated(parsed.records.length)}\n`);
  return 0;
}

if (require.main === module) runCli('template', main);
