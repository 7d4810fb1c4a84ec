/**
 * The handlers called directly, as the Functions runtime calls them: a real HttpRequest and
 * InvocationContext from @azure/functions, services on a real Azurite.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { healthGet } from '../../functions/src/functions/health-get';
import { rollupGet } from '../../functions/src/functions/rollup-get';
import { submissionsPost } from '../../functions/src/functions/submissions-post';
import { CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
beforeAll(async () => {
  stack = await startApiTestStack();
}, 60_000);
afterAll(() => stack?.stop());

function request(
  method: string,
  path: string,
  init: {
    token?: string;
    json?: unknown;
    params?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
) {
  return new HttpRequest({
    method,
    url: `http://localhost/api${path}`,
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: { string: JSON.stringify(init.json) } } : {}),
    params: init.params ?? {},
    query: init.query ?? {},
  });
}

const context = (name: string) => new InvocationContext({ functionName: name, invocationId: `test-${name}` });
/** The answer's JSON, given as `jsonBody` or (a negotiated answer, http/compress.ts) as bytes. */
const body = (r: HttpResponseInit) =>
  (r.jsonBody !== undefined ? r.jsonBody : JSON.parse(Buffer.from(r.body as Uint8Array).toString('utf8'))) as any;

test('health', async () => {
  const r = await healthGet(request('GET', '/health'));
  expect(r.status).toBe(200);
  expect(body(r)).toEqual({ status: 'ok', storage: 'reachable' });
});

test('submissions-post: 201 with a receipt, then the roll-up counts it', async () => {
  const clerk = await token('clerk', 'PC06');
  const report = resultsReport('PC06', '2022-Y', { meetings_held: 7 });
  const r = await submissionsPost(
    request('POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: clerk,
      json: report,
      params: { campaignId: CAMPAIGN },
    }),
    context('submissions-post'),
  );
  expect(r.status).toBe(201);
  expect(body(r)).toMatchObject({
    submissionId: report.submissionId,
    unitId: 'PC06',
    periodId: '2022-Y',
    revision: 1,
  });

  const reviewer = await token('reviewer');
  const rollup = await rollupGet(
    request('GET', `/campaigns/${CAMPAIGN}/periods/2022-Y/rollup`, {
      token: reviewer,
      params: { campaignId: CAMPAIGN, periodId: '2022-Y' },
    }),
    context('rollup-get'),
  );
  expect(body(rollup).totals.meetings_held).toBe(7);
});

test('submissions-post: no token is 401 in the contract’s shape', async () => {
  const r = await submissionsPost(
    request('POST', `/campaigns/${CAMPAIGN}/submissions`, { json: {}, params: { campaignId: CAMPAIGN } }),
    context('submissions-post'),
  );
  expect(r.status).toBe(401);
  expect(body(r).error).toEqual(
    expect.objectContaining({ code: 'unauthenticated', message: expect.any(String) }),
  );
});
