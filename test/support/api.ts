/** HTTP test helpers: tokens, a small fetch wrapper and a valid report (the stack: stack.ts). */
import { randomUUID } from 'node:crypto';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { mintDevToken } from '../../functions/src/auth/dev-tokens';
import type { Role } from '../../functions/src/auth/principal';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';

export const CAMPAIGN = 'lang-son-nu-cuoi-chien-si';

/** The newest version of a template shipped under campaigns/ (what a submission must name). */
export function shippedVersion(campaignId: string, templateId: string): number {
  const bundle = loadCampaignBundles().find((b) => b.campaign.id === campaignId);
  const versions = (bundle?.templates ?? []).filter((t) => t.id === templateId).map((t) => t.version);
  if (!versions.length) throw new Error(`no shipped template ${templateId} in ${campaignId}`);
  return Math.max(...versions);
}
export const RESULTS_VERSION = shippedVersion(CAMPAIGN, 'results');

export function token(role: Role, unitId?: string, expiresIn = '1h'): Promise<string> {
  return mintDevToken(loadAuthConfig({}), { role, ...(unitId ? { unitId } : {}), expiresIn });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    json?: unknown;
    body?: string | Uint8Array;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: body as BodyInit } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A valid results report for the Lạng Sơn campaign. */
export function resultsReport(unitId: string, periodId = '2022-Q3', values: Record<string, unknown> = {}) {
  return {
    submissionId: randomUUID(),
    templateId: 'results',
    templateVersion: RESULTS_VERSION,
    unitId,
    periodId,
    values: { meetings_held: 2, participants: 40, models_built: 1, ...values },
    tables: { models: [{ name: 'Tiếp dân niềm nở, hướng dẫn tận tình' }] },
  };
}
