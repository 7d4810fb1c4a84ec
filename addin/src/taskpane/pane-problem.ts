/**
 * What went wrong, as data the pane renders (components/StatusArea.tsx): every failure of a workflow
 * (the API, the network, Excel, the pane itself) is sorted into one of a few kinds, each with its own
 * catalogue text and its own way out — sign in again, try again, open the pane in Excel.
 */
import { catalogue, renderWithPlace, type Language, type Problem } from '../../../shared/src';
import { ApiError } from '../api/client';
import { ExcelUnavailableError } from '../excel/gateway';
import { SignInError } from '../office/sign-in-error';
import { OutboxStorageError } from '../queue/submission-queue';
import type { Strings } from '../i18n/strings';

export type PaneProblem =
  /** 401: the token has expired or was refused. */
  | { kind: 'session' }
  /** Office or MSAL could not sign in (office/sign-in.ts): the problem's text, in the pane's language. */
  | { kind: 'sign-in'; code: string; message: string }
  /** No answer from the server: the network, or the server is off. */
  | { kind: 'network' }
  /** The server or its storage failed (5xx, 408, 429): the request itself was fine. */
  | { kind: 'unavailable'; code: string }
  /** The outbox could not be written on this computer (storage full or blocked). */
  | { kind: 'outbox' }
  /** The pane runs outside Excel. */
  | { kind: 'no-excel' }
  /** Something answered that is not the API (no error body: a wrong API address, a web server's 404). */
  | { kind: 'not-the-api'; status: number }
  /** The server refused the request: its text (already in the pane's language) and its details. */
  | { kind: 'refused'; code: string; message: string; details: Detail[] }
  /** Excel refused an operation (a protected sheet, a missing sheet …): its own text. */
  | { kind: 'excel'; message: string }
  | { kind: 'unexpected'; message: string };

/** A detail of a refusal: a problem the catalogue knows, or only the server's text. */
export type Detail = (Problem & { message?: string }) | { code?: undefined; message: string };

/** Settings are the way out: a new token, or the API's address. */
export function needsSettings(p: PaneProblem): boolean {
  return p.kind === 'session' || p.kind === 'not-the-api' || p.kind === 'sign-in';
}

/** Worth offering “Thử lại”: nothing was wrong with the request. */
export function isRetryable(p: PaneProblem): boolean {
  return p.kind === 'network' || p.kind === 'unavailable' || p.kind === 'outbox';
}

export function problemOf(e: unknown): PaneProblem {
  if (e instanceof ExcelUnavailableError) return { kind: 'no-excel' };
  if (e instanceof SignInError) return { kind: 'sign-in', code: e.problem.code, message: e.message };
  if (e instanceof OutboxStorageError) return { kind: 'outbox' };
  if (e instanceof ApiError) {
    if (e.unauthorized) return { kind: 'session' };
    if (e.status === 0) return { kind: 'network' };
    if (e.retryable) return { kind: 'unavailable', code: e.code };
    if (e.code === `http_${e.status}`) return { kind: 'not-the-api', status: e.status };
    return { kind: 'refused', code: e.code, message: e.message, details: detailsOf(e.details) };
  }
  // office.js errors (OfficeExtension.Error) carry a code and debugInfo.
  if (e instanceof Error && 'debugInfo' in e) return { kind: 'excel', message: e.message };
  return { kind: 'unexpected', message: e instanceof Error ? e.message : String(e) };
}

const knownCodes = new Set(Object.keys(catalogue('vi').problems));

function detailsOf(details: unknown): Detail[] {
  if (!Array.isArray(details)) return [];
  return details.map((d: unknown): Detail => {
    if (typeof d === 'string') return { message: d };
    const o = (d ?? {}) as Record<string, unknown>;
    if (typeof o.code === 'string' && knownCodes.has(o.code)) return o as unknown as Problem;
    return { message: typeof o.message === 'string' ? o.message : JSON.stringify(d) };
  });
}

/** The problem's headline, in the pane's language. */
export function problemText(p: PaneProblem, t: Strings): string {
  switch (p.kind) {
    case 'session':
      return t.sessionExpired;
    case 'network':
      return t.networkError;
    case 'unavailable':
      return p.code === 'storage_unavailable' ? t.storageBusy : t.serverBusy;
    case 'outbox':
      return t.outboxFailed;
    case 'no-excel':
      return t.outsideExcel;
    case 'not-the-api':
      return t.notTheApi(p.status);
    case 'refused':
    case 'sign-in':
      return p.message;
    case 'excel':
      return t.excelFailed(p.message);
    case 'unexpected':
      return t.unexpected;
  }
}

/** What to do about it, when the headline does not say. */
export function problemHint(p: PaneProblem, t: Strings): string | undefined {
  switch (p.kind) {
    case 'session':
      return t.sessionWhatToDo;
    case 'network':
      return t.networkHint;
    case 'unavailable':
    case 'outbox':
      return t.busyHint;
    case 'no-excel':
      return t.outsideExcelHint;
    case 'not-the-api':
      return t.checkApiAddress;
    case 'unexpected':
      return p.message || undefined;
    default:
      return undefined;
  }
}

/** A detail's text: rendered from the catalogue when it is a problem it knows (with its place), else the server's. */
export function detailText(d: Detail, lang: Language): string {
  if (d.code === undefined) return d.message;
  // A problem in a request body (a template published) says where in it; one in a sheet, its place there.
  return (d.path && !d.sheet ? `${d.path}: ` : '') + renderWithPlace(d, lang);
}
