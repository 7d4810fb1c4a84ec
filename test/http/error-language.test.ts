/**
 * Every error of the API is a code rendered in the caller's language: Vietnamese by default, English
 * for `Accept-Language: en` — schema errors, validation details, sign-in and permission refusals too.
 */
import { render } from '../../shared/src';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let api: string;
let clerk: string;
let admin: string;

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  clerk = await token('clerk', 'PC06');
  admin = await token('admin');
}, 60_000);
afterAll(() => stack?.stop());

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

interface ErrorCase {
  name: string;
  request: () => [string, string, Parameters<typeof call>[3]];
  status: number;
  code: string;
}

const cases: ErrorCase[] = [
  { name: 'no token', request: () => ['GET', '/campaigns', {}], status: 401, code: 'unauthenticated' },
  {
    name: 'expired token',
    request: () => ['GET', '/campaigns', { token: expired }],
    status: 401,
    code: 'token_expired',
  },
  {
    name: 'unknown campaign',
    request: () => ['GET', '/campaigns/nope/units', { token: clerk }],
    status: 404,
    code: 'campaign_not_found',
  },
  {
    name: 'another unit',
    request: () => [
      'POST',
      `/campaigns/${CAMPAIGN}/submissions`,
      { token: clerk, json: resultsReport('PA08') },
    ],
    status: 403,
    code: 'other_unit',
  },
  {
    name: 'schema error',
    request: () => ['POST', `/campaigns/${CAMPAIGN}/submissions`, { token: clerk, json: { values: 3 } }],
    status: 400,
    code: 'invalid_body',
  },
  {
    name: 'invalid values',
    request: () => [
      'POST',
      `/campaigns/${CAMPAIGN}/submissions`,
      { token: clerk, json: resultsReport('PC06', '2022-Q3', { participants: -1 }) },
    ],
    status: 400,
    code: 'invalid_submission',
  },
  {
    name: 'bad JSON',
    request: () => [
      'POST',
      `/campaigns/${CAMPAIGN}/submissions`,
      { token: clerk, body: '{', contentType: 'application/json' },
    ],
    status: 400,
    code: 'bad_json',
  },
  {
    name: 'unknown route',
    request: () => ['GET', '/nowhere', {}],
    status: 404,
    code: 'route_not_found',
  },
  {
    name: 'bad units body',
    request: () => ['PUT', `/campaigns/${CAMPAIGN}/units`, { token: admin, json: { units: [{ id: '' }] } }],
    status: 400,
    code: 'invalid_body',
  },
];

let expired: string;
beforeAll(async () => {
  expired = await token('clerk', 'PC06', '-1m');
});

describe.each(['vi', 'en'] as const)('errors in %s', (lang) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const [method, path, options] = c.request();
    const headers: Record<string, string> =
      lang === 'en' ? { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' } : {};
    const r = await call(api, method, path, { ...options, headers });
    expect(r.status).toBe(c.status);
    expect(r.body.error.code).toBe(c.code);
    expect(r.body.error.message).toBe(render(r.body.error, lang));
    expect(r.headers.get('content-language')).toBe(lang);
    const texts = [
      r.body.error.message,
      ...(r.body.error.details ?? []).map((d: { message: string }) => d.message),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/Invalid input|expected string|Invalid UUID|received undefined/);
      if (lang === 'en') expect(text).not.toMatch(VIETNAMESE);
      else expect(text).toMatch(VIETNAMESE);
    }
    for (const d of r.body.error.details ?? [])
      expect(d).toEqual(
        expect.objectContaining({
          code: expect.any(String),
          path: expect.any(String),
          key: expect.any(String),
        }),
      );
  });
});
