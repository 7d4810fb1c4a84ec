/** A small client of the HTTP API for the command-line scripts: bearer token, JSON or bytes back. */
import type { Language } from '../../shared/src';

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed when the answer is JSON. */
  json?: T;
  bytes: Buffer;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiClient {
  base: string;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiAnswer<T>>;
  /** Like request, but a status ≥ 400 (or a failed connection) is thrown as an ApiError. */
  ok<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiAnswer<T>>;
}

type RequestOptions = { json?: unknown; body?: Uint8Array; contentType?: string; token?: string };

export function apiClient(base: string, defaultToken?: string, language?: Language): ApiClient {
  const root = base.replace(/\/+$/, '');
  async function request<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    const token = options.token ?? defaultToken;
    if (token) headers.authorization = `Bearer ${token}`;
    // The language of the server's problem texts (Accept-Language; Vietnamese without it).
    if (language) headers['accept-language'] = language;
    let body: Uint8Array | string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    let res: Response;
    try {
      res = await fetch(`${root}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: body as BodyInit } : {}),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(
        0,
        'unreachable',
        `cannot reach ${root} (${cause?.code ?? cause?.message ?? String(e)})`,
      );
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const answer: ApiAnswer<T> = { status: res.status, headers: res.headers, bytes };
    if ((res.headers.get('content-type') ?? '').includes('json') && bytes.length) {
      try {
        answer.json = JSON.parse(bytes.toString('utf8')) as T;
      } catch {
        /* leave it as bytes */
      }
    }
    return answer;
  }
  return {
    base: root,
    request,
    ok: async <T>(method: string, path: string, options?: RequestOptions) => {
      const answer = await request<T>(method, path, options);
      if (answer.status >= 400) {
        const error = (answer.json as { error?: { code?: string; message?: string; details?: unknown } })
          ?.error;
        throw new ApiError(
          answer.status,
          error?.code ?? `http_${answer.status}`,
          `${method} ${path} → ${answer.status}: ${error?.message ?? answer.bytes.toString('utf8').slice(0, 200)}`,
          error?.details,
        );
      }
      return answer;
    },
  };
}
