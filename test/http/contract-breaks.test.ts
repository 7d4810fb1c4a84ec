/**
 * What the contract test (contract.test.ts) found where the API broke the promises of its OpenAPI
 * document, one test each, so that they stay fixed whatever the generator happens to draw.
 */
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(60_000);

let stack: ApiTestStack;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  stack = await startApiTestStack();
  tokens.clerk = await token('clerk', 'PC06');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.admin = await token('admin');
});
afterAll(() => stack?.stop());

test.each(['submissionId', 'receivedAt'])(
  'a JSON submission with the upload option ?%s= is refused (it would be ignored), and nothing is stored',
  async (name) => {
    const report = resultsReport('PC06', '2022-Q3');
    const value = name === 'receivedAt' ? '2022-08-01T09:00:00+07:00' : report.submissionId;
    const r = await call(
      stack.api,
      'POST',
      `/campaigns/${CAMPAIGN}/submissions?${name}=${encodeURIComponent(value)}`,
      {
        token: tokens.admin,
        json: report,
      },
    );
    expect({ status: r.status, code: r.body.error?.code, params: r.body.error?.params }).toEqual({
      status: 400,
      code: 'bad_query',
      params: { name },
    });
    // The same report without the option is accepted: the id was not taken by the refused one.
    const ok = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: tokens.admin,
      json: report,
    });
    expect(ok.status).toBe(201);
  },
);

test('a template version as JSON checks the workbook’s query parameters too', async () => {
  const base = `/campaigns/${CAMPAIGN}/templates/results/versions/1`;
  const bad = await call(stack.api, 'GET', `${base}?periodId=${encodeURIComponent('not valid!')}`, {
    token: tokens.clerk,
  });
  expect({ status: bad.status, code: bad.body.error?.code }).toEqual({ status: 400, code: 'bad_query' });
  const badLang = await call(stack.api, 'GET', `${base}?lang=fr`, { token: tokens.clerk });
  expect({ status: badLang.status, code: badLang.body.error?.code }).toEqual({
    status: 400,
    code: 'bad_lang',
  });
  const good = await call(stack.api, 'GET', `${base}?periodId=2022-Q3&unitId=PC06`, { token: tokens.clerk });
  expect(good.status).toBe(200);
  expect(good.body.id).toBe('results');
});

test('a template version that storage keys and routes cannot hold is refused with 400, never 500', async () => {
  const template = {
    id: 'contract_big_version',
    kind: 'results',
    version: 1_000_000,
    title: { vi: 'Example' },
    sections: [
      {
        key: 'main',
        title: { vi: 'Main' },
        fields: [{ key: 'count', type: 'integer', label: { vi: 'Count' } }],
      },
    ],
  };
  const r = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
    token: tokens.admin,
    json: template,
  });
  expect({ status: r.status, code: r.body.error?.code, path: r.body.error?.details?.[0]?.path }).toEqual({
    status: 400,
    code: 'invalid_body',
    path: 'version',
  });
  const largest = await call(stack.api, 'POST', `/campaigns/${CAMPAIGN}/templates`, {
    token: tokens.admin,
    json: { ...template, version: 999_999 },
  });
  expect(largest.status).toBe(201);
  const stored = await call(
    stack.api,
    'GET',
    `/campaigns/${CAMPAIGN}/templates/contract_big_version/versions/999999`,
    {
      token: tokens.clerk,
    },
  );
  expect(stored.body.version).toBe(999_999);
  // A 9-digit version in the route of the definition workbook was looked up and failed in the storage key.
  const definition = await call(
    stack.api,
    'GET',
    `/campaigns/${CAMPAIGN}/templates/results/versions/123456789/definition`,
    { token: tokens.clerk },
  );
  expect({ status: definition.status, code: definition.body.error?.code }).toEqual({
    status: 404,
    code: 'version_not_found',
  });
});

test.each([
  ['rollup', `/periods/2022-Q3/rollup?format=XLSX`, 'bad_format'],
  ['rollup', `/periods/2022-Q3/rollup?format=${encodeURIComponent(' xlsx')}`, 'bad_format'],
  ['rollup', `/periods/2022-Q3/rollup?lang=EN`, 'bad_lang'],
  ['report', `/periods/2022-Q3/report?format=JSON`, 'bad_report_format'],
])(
  '%s: a value the document does not list (%s) is 400, not folded into one it does',
  async (_what, path, code) => {
    const r = await call(stack.api, 'GET', `/campaigns/${CAMPAIGN}${path}`, { token: tokens.reviewer });
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 400, code });
  },
);
