/**
 * What the custom functions need from the task pane, kept in OfficeRuntime.storage, which the pane and the
 * custom-functions runtime share (docs/architecture.md, "Custom functions"): the API's absolute address, the
 * bearer token and the language (written by the pane whenever its settings or token change), and the
 * campaign the formulas are about (the campaign picked on the Tổng hợp tab). Two keys, one per writer.
 */
import type { Language } from '../../../shared/src';
import type { KeyValueStorage } from '../queue/submission-queue';

export const SESSION_KEY = 'nu-cuoi.functions.session.v1';
export const CAMPAIGN_KEY = 'nu-cuoi.functions.campaign.v1';

export interface FunctionsSession {
  /** Absolute: the functions runtime has no page of the pane's to resolve `/api` against. */
  apiBaseUrl: string;
  token: string;
  lang: Language;
}

export interface FunctionsContext extends FunctionsSession {
  campaignId: string;
}

export async function writeSession(storage: KeyValueStorage, session: FunctionsSession): Promise<void> {
  await storage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** {@link writeSession} that writes only what differs from its last write (the pane shares every token it uses). */
export function sessionSharer(storage: KeyValueStorage): (session: FunctionsSession) => Promise<void> {
  let last = '';
  return async (session) => {
    const text = JSON.stringify(session);
    if (text === last) return;
    last = text;
    await writeSession(storage, session);
  };
}

export async function writeCampaign(storage: KeyValueStorage, campaignId: string): Promise<void> {
  await storage.setItem(CAMPAIGN_KEY, campaignId);
}

/** The session and campaign, or undefined when the pane has not written them (or the token is empty). */
export async function readContext(storage: KeyValueStorage): Promise<FunctionsContext | undefined> {
  const [raw, campaignId] = await Promise.all([storage.getItem(SESSION_KEY), storage.getItem(CAMPAIGN_KEY)]);
  if (!raw || !campaignId) return undefined;
  try {
    const s = JSON.parse(raw) as Partial<FunctionsSession>;
    if (typeof s.apiBaseUrl !== 'string' || typeof s.token !== 'string' || !s.token) return undefined;
    return { apiBaseUrl: s.apiBaseUrl, token: s.token, lang: s.lang === 'en' ? 'en' : 'vi', campaignId };
  } catch {
    return undefined;
  }
}

/**
 * {@link readContext}, read at most once every `ms`: a recalculation calls the functions hundreds of times in a
 * burst, and they share one read; a token the pane renews is seen within `ms`.
 */
export function contextReader(
  storage: KeyValueStorage,
  now: () => number,
  ms = 2000,
): () => Promise<FunctionsContext | undefined> {
  let last: { at: number; context: Promise<FunctionsContext | undefined> } | undefined;
  return () => {
    const t = now();
    if (!last || t - last.at >= ms) last = { at: t, context: readContext(storage) };
    return last.context;
  };
}

/**
 * Who a token speaks for, for telling a renewed token from another user's: its `sub` claim (development
 * tokens and Entra ID tokens both have one), else the token itself. Not verified: the server does that.
 */
export function tokenHolder(token: string): string {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub ? `sub:${sub}` : token;
  } catch {
    return token;
  }
}
