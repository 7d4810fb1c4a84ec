/**
 * The pane's API client: the pane's language goes with every call (Accept-Language), and a failed call
 * keeps what the server said — code, message, params, details — for the pane to render.
 */
import { ApiClient, ApiError } from '../../addin/src/api/client';

function client(answer: () => Response | Promise<Response>, options: { lang?: 'vi' | 'en' } = {}) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const api = new ApiClient({
    baseUrl: '/api/',
    getToken: () => 'tok',
    ...options,
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, headers: init.headers as Record<string, string> });
      return answer();
    }) as typeof fetch,
  });
  return { api, requests };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

test('every call carries the bearer token and the pane’s language', async () => {
  const { api, requests } = client(() => json(200, { campaigns: [] }), { lang: 'en' });
  await api.campaigns();
  expect(requests).toEqual([
    {
      url: '/api/campaigns',
      headers: { accept: 'application/json', 'accept-language': 'en', authorization: 'Bearer tok' },
    },
  ]);
});

test('an error keeps the body’s code, message, params and details', async () => {
  const details = [{ code: 'not_integer', params: { label: 'Số cuộc họp' }, path: 'values.m', key: 'm' }];
  const { api } = client(() =>
    json(400, {
      error: { code: 'invalid_submission', message: 'Báo cáo có lỗi.', params: { n: 1 }, details },
    }),
  );
  const error = await api.campaigns().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({
    status: 400,
    code: 'invalid_submission',
    message: 'Báo cáo có lỗi.',
    params: { n: 1 },
    details,
    retryable: false,
    unauthorized: false,
  });
});

test('a 401 is unauthorized; a 503 and a failed network are worth trying again', async () => {
  const expired = await client(() =>
    json(401, { error: { code: 'token_expired', message: 'Phiên đăng nhập đã hết hạn.' } }),
  )
    .api.campaigns()
    .catch((e: ApiError) => e);
  expect(expired).toMatchObject({ status: 401, code: 'token_expired', unauthorized: true, retryable: false });

  const busy = await client(() => json(503, { error: { code: 'storage_unavailable', message: 'bận' } }))
    .api.campaigns()
    .catch((e: ApiError) => e);
  expect(busy).toMatchObject({ status: 503, code: 'storage_unavailable', retryable: true });

  const offline = await client(() => Promise.reject(new TypeError('Failed to fetch')))
    .api.campaigns()
    .catch((e: ApiError) => e);
  expect(offline).toMatchObject({ status: 0, code: 'network', retryable: true });

  const proxy = await client(() => new Response('<html>Bad Gateway</html>', { status: 502 }))
    .api.campaigns()
    .catch((e: ApiError) => e);
  expect(proxy).toMatchObject({ status: 502, code: 'http_502', retryable: true });
});

test('a token that cannot be had (Office SSO refused) is a 401, not an unexpected error', async () => {
  const api = new ApiClient({
    baseUrl: '/api',
    getToken: () => Promise.reject(new Error('13001')),
    fetch: (() => Promise.reject(new Error('not called'))) as typeof fetch,
  });
  await expect(api.campaigns()).rejects.toMatchObject({ status: 401, unauthorized: true });
});

test('report() fetches the .docx in the pane’s language and keeps the server’s file name', async () => {
  const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
  const { api, requests } = client(
    () =>
      new Response(bytes, {
        status: 200,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'content-disposition': 'attachment; filename="bao-cao-lang-son-2022-H1.docx"',
        },
      }),
    { lang: 'en' },
  );
  const file = await api.report('lang-son', '2022-H1', 'CATP');
  expect(new Uint8Array(file.bytes)).toEqual(bytes);
  expect(file.fileName).toBe('bao-cao-lang-son-2022-H1.docx');
  expect(requests[0]!.url).toBe(
    '/api/campaigns/lang-son/periods/2022-H1/report?format=docx&lang=en&unitId=CATP',
  );
  expect(requests[0]!.headers.accept).toContain('wordprocessingml');
});

test('report() refused for a clerk is an ApiError with the server’s code', async () => {
  const { api } = client(() =>
    json(403, { error: { code: 'reviewer_only', message: 'Chỉ Thường trực phong trào …' } }),
  );
  await expect(api.report('lang-son', '2022-H1')).rejects.toMatchObject({
    status: 403,
    code: 'reviewer_only',
  });
});
