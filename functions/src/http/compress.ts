/**
 * A large JSON answer, gzipped when the caller accepts it (docs/architecture.md, "HTTP"): a period's
 * roll-up at 10,000 units is about 16 MB of JSON and a tenth of that gzipped. Browsers (the add-in's
 * fetch) send `Accept-Encoding: gzip` and decompress by themselves; a caller that does not say it
 * gets plain JSON. Answers under {@link GZIP_MIN_BYTES} are not worth the CPU and go plain.
 * Gzipping runs in zlib's thread pool, off the event loop.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';

const gzip = promisify(zlib.gzip);

/** Smaller bodies are sent as they are. */
export const GZIP_MIN_BYTES = 8 * 1024;

/**
 * Whether `Accept-Encoding` accepts gzip (RFC 9110 §12.5.3): `gzip` or `*` with a non-zero q value
 * (`x-gzip` is the same coding). Absent or `identity` → no.
 */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    const coding = name.trim();
    if (coding === 'gzip' || coding === 'x-gzip') return allowed;
    if (coding === '*') star = allowed;
  }
  return star ?? false;
}

/** 200 (or `status`) with `body` as JSON, gzipped when the request accepts it and it is large. */
export async function negotiatedJson(
  request: HttpRequest,
  status: number,
  body: unknown,
): Promise<HttpResponseInit> {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    // Caches keep the plain and the gzipped answer apart.
    vary: 'Accept-Encoding',
  };
  if (text.length < GZIP_MIN_BYTES || !acceptsGzip(request.headers.get('accept-encoding')))
    return { status, body: text, headers };
  const zipped = await gzip(text, { level: 6 });
  return { status, body: zipped, headers: { ...headers, 'content-encoding': 'gzip' } };
}
