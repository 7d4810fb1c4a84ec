/**
 * Generates the Excel add-in manifest from manifests/manifest.template.xml:
 *
 *   tsx scripts/manifest.ts --dev                 → manifests/manifest.dev.xml (https://localhost:3000, committed)
 *   tsx scripts/manifest.ts --base-url https://example.azurestaticapps.net [--out manifests/manifest.prod.xml]
 *   … --sso-client-id <guid>                      adds <WebApplicationInfo> for Office SSO (getAccessToken)
 *   … --check                                     writes nothing; exit 1 if the output file is not up to date
 *
 * The template writes every URL as {BASE_URL}/… and the app domain as {BASE_ORIGIN}; the base URL must be
 * https, without a trailing slash, query or fragment. Exit codes: 0 done, 1 --check found a stale file or the
 * file could not be written, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Io, processIo, readCliArgs } from './lib/cli';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const TEMPLATE_PATH = path.join(REPO_ROOT, 'manifests', 'manifest.template.xml');
export const DEV_MANIFEST_PATH = path.join(REPO_ROOT, 'manifests', 'manifest.dev.xml');
export const PROD_MANIFEST_PATH = path.join(REPO_ROOT, 'manifests', 'manifest.prod.xml');
/** Where the dev server (scripts/addin-server.ts) serves the task pane. */
export const DEV_BASE_URL = 'https://localhost:3000';

export const USAGE = `Usage: manifest --dev | --base-url https://<host>[/<path>] [--out <file>] [--sso-client-id <guid>] [--check]
  --dev             the development manifest (${DEV_BASE_URL}) → manifests/manifest.dev.xml
  --base-url <url>  the production manifest → manifests/manifest.prod.xml unless --out is given
  --sso-client-id   the Entra ID application (client) id, to enable Office single sign-on
  --check           compare with the existing file instead of writing it (exit 1 when it differs)
`;

export class ManifestError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a base URL and returns it unchanged: https, a host, no credentials, query, fragment or trailing
 * slash, and written in canonical form (what `new URL` would print), so it can be pasted into XML safely.
 */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ManifestError(
      `--base-url "${raw}" is not a URL; expected e.g. https://example.azurestaticapps.net`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new ManifestError(
      `--base-url must use https (Office loads add-ins only over HTTPS), not "${raw}".`,
    );
  }
  if (raw.endsWith('/')) {
    throw new ManifestError(`--base-url must not end with a slash: use "${raw.replace(/\/+$/, '')}".`);
  }
  if (url.username || url.password || url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    throw new ManifestError(
      `--base-url must be a plain https://host[/path] without credentials, query or fragment.`,
    );
  }
  const canonical = url.origin + (url.pathname === '/' ? '' : url.pathname);
  if (raw !== canonical) {
    throw new ManifestError(`--base-url "${raw}" is not in canonical form; write it as "${canonical}".`);
  }
  // AppDomain is a LongString (≤ 250 characters); URLs are at most 2048.
  if (canonical.length > 200) throw new ManifestError('--base-url is too long (at most 200 characters).');
  return canonical;
}

export interface RenderOptions {
  baseUrl: string;
  /** Entra ID application (client) id: adds WebApplicationInfo for Office SSO. */
  ssoClientId?: string;
}

const xmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

const SSO_MARKER = /^[ \t]*<!-- \{WEB_APPLICATION_INFO\}[^\n]*-->\n/m;

function webApplicationInfo(baseUrl: string, clientId: string, indent: string): string {
  const host = new URL(baseUrl).host;
  return [
    '<WebApplicationInfo>',
    `  <Id>${clientId}</Id>`,
    `  <Resource>api://${xmlEscape(host)}/${clientId}</Resource>`,
    '  <Scopes>',
    '    <Scope>openid</Scope>',
    '    <Scope>profile</Scope>',
    '  </Scopes>',
    '</WebApplicationInfo>',
  ]
    .map((line) => `${indent}${line}\n`)
    .join('');
}

/** The manifest for one base URL, from the template's text. */
export function renderManifest(template: string, options: RenderOptions): string {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const clientId = options.ssoClientId?.trim().toLowerCase();
  if (clientId !== undefined && !GUID.test(clientId)) {
    throw new ManifestError(`--sso-client-id "${options.ssoClientId}" is not a GUID.`);
  }
  const header = template.match(/<!-- TEMPLATE:[\s\S]*?-->/);
  if (!header) throw new ManifestError('manifest template: the "<!-- TEMPLATE: … -->" header is missing.');
  if (!SSO_MARKER.test(template)) {
    throw new ManifestError('manifest template: the "<!-- {WEB_APPLICATION_INFO} … -->" line is missing.');
  }
  let text = template
    .replace(
      header[0],
      `<!-- Generated by scripts/manifest.ts from manifests/manifest.template.xml for ${xmlEscape(baseUrl)}.\n` +
        '     Edit the template and regenerate; do not edit this file. -->',
    )
    .replace(SSO_MARKER, (line) =>
      clientId ? webApplicationInfo(baseUrl, clientId, line.match(/^[ \t]*/)![0]) : '',
    )
    .replaceAll('{BASE_URL}', xmlEscape(baseUrl))
    .replaceAll('{BASE_ORIGIN}', xmlEscape(new URL(baseUrl).origin));
  const left = text.match(/\{[A-Z_]+\}/);
  if (left) throw new ManifestError(`manifest template: unknown placeholder ${left[0]}.`);
  if (!text.endsWith('\n')) text += '\n';
  return text;
}

export function main(argv: string[], io: Io = processIo, cwd: string = process.cwd()): number {
  const args = readCliArgs('manifest', USAGE, argv, io, {
    dev: { type: 'boolean' },
    'base-url': { type: 'string' },
    out: { type: 'string' },
    'sso-client-id': { type: 'string' },
    check: { type: 'boolean' },
  });
  if (args.exit !== undefined) return args.exit;
  const { values, usageError } = args;
  if (values.dev && values['base-url'] !== undefined) return usageError('give either --dev or --base-url.');
  if (!values.dev && values['base-url'] === undefined) return usageError('--dev or --base-url is required.');

  const baseUrl = values.dev ? DEV_BASE_URL : values['base-url']!;
  const out = values.out
    ? path.resolve(cwd, values.out)
    : values.dev
      ? DEV_MANIFEST_PATH
      : PROD_MANIFEST_PATH;

  let text: string;
  try {
    const options: RenderOptions = { baseUrl };
    if (values['sso-client-id'] !== undefined) options.ssoClientId = values['sso-client-id'];
    text = renderManifest(fs.readFileSync(TEMPLATE_PATH, 'utf8'), options);
  } catch (error) {
    if (error instanceof ManifestError) return usageError(error.message);
    throw error;
  }

  const relative = path.relative(cwd, out);
  const shown = relative && !relative.startsWith('..') ? relative : out;
  if (values.check) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    if (current === text) {
      io.out(`${shown} is up to date.\n`);
      return 0;
    }
    io.err(`manifest: ${shown} is ${current === undefined ? 'missing' : 'out of date'}; regenerate it.\n`);
    return 1;
  }
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
  } catch (error) {
    io.err(`manifest: cannot write ${shown}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.out(`Wrote ${shown} for ${baseUrl}.\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
