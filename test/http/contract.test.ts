/**
 * The contract test: the API as the OpenAPI document (GET /api/openapi.json) describes it, driven from the
 * document itself against the local stack, with a token per role (none, a clerk of PC06, the reviewer
 * PX03, an admin). Every answer is checked against the document: its status is one the operation
 * documents, never 5xx, and a JSON body passes the documented schema (ajv, draft 2020-12).
 *
 * 1. Examples: each operation's documented example, by every role: accepted (2xx) by the roles the
 *    operation names (`x-roles`), 401 without a token, 403 for the others.
 * 2. Properties (fast-check): requests generated from the document's schemas (test/support/schema-arbitrary.ts),
 *    valid ones and deliberately invalid ones (a body of another type, a required property left out, a
 *    value out of its schema, a route parameter that cannot be an id, malformed JSON, another content type);
 *    an invalid request is refused with a documented 4xx. Bounded by NUM_RUNS (3,000 requests, about 30 s here; at most 90 s).
 */
import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import type { Role } from '../../functions/src/auth/principal';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';
import type { OpenApiDocument, Operation, Parameter } from '../../functions/src/http/openapi';
import { call, token, type ApiResponse } from '../support/api';
import { SchemaValidators } from '../support/openapi';
import { SchemaArbitraries, type JsonSchema } from '../support/schema-arbitrary';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

jest.setTimeout(240_000);

/** Generated requests; each is one HTTP round trip (a few ms, more for a workbook or a report). */
const NUM_RUNS = Number(process.env.CONTRACT_RUNS ?? 3000);
/** The property phase stops after this long whatever NUM_RUNS says, and says how many it ran. */
const TIME_LIMIT_MS = 90_000;

type Caller = 'none' | Role;
const CALLERS: Caller[] = ['none', 'clerk', 'reviewer', 'admin'];

interface Op {
  method: string;
  path: string;
  operation: Operation;
}

interface Request {
  op: Op;
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, string>;
  /** JSON value, or raw text with its content type (for malformed bodies). */
  body?: { json: unknown } | { raw: string; contentType: string };
  /** Built to be refused. */
  invalid?: string;
}

let stack: ApiTestStack;
let doc: OpenApiDocument;
let validators: SchemaValidators;
let arbitraries: SchemaArbitraries;
const tokens: Partial<Record<Caller, string>> = {};
let ops: Op[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
  tokens.clerk = await token('clerk', 'PC06');
  tokens.reviewer = await token('reviewer', 'PX03');
  tokens.admin = await token('admin');
  // The document as a client reads it: from the API, without a token.
  const served = await call<OpenApiDocument>(stack.api, 'GET', '/openapi.json');
  expect(served.status).toBe(200);
  doc = served.body;
  validators = new SchemaValidators(doc);
  arbitraries = new SchemaArbitraries(doc.components.schemas);
  ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
});
afterAll(() => stack?.stop());

/** The demo registries as loaded, to put back after a generated one replaced them. */
async function restoreRegistry(campaignId: string): Promise<void> {
  const bundle = loadCampaignBundles().find((b) => b.campaign.id === campaignId);
  if (bundle) await stack.services.catalog.putUnits(campaignId, bundle.units);
}

function urlOf(r: Request): string {
  const path = r.op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(r.params[name]!));
  const query = new URLSearchParams(r.query).toString();
  return query ? `${path}?${query}` : path;
}

/** How long one answer may take: a request the API never answers is a break like any other. */
const ANSWER_WITHIN_MS = 30_000;

async function send(r: Request): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (r.caller !== 'none') headers.authorization = `Bearer ${tokens[r.caller]!}`;
  let body: string | undefined;
  if (r.body && 'json' in r.body) {
    body = JSON.stringify(r.body.json);
    headers['content-type'] = 'application/json';
  } else if (r.body) {
    body = r.body.raw;
    headers['content-type'] = r.body.contentType;
  }
  if (process.env.CONTRACT_LOG)
    fs.appendFileSync(
      process.env.CONTRACT_LOG,
      `${r.op.method} ${urlOf(r)} ${r.caller} ${body?.slice(0, 300) ?? ''}\n`,
    );
  const res = await exchange(r.op.method, `${stack.api}${urlOf(r)}`, headers, body);
  let parsed: unknown = res.text || undefined;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(res.text);
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * One request on a connection of its own (no keep-alive: the generator may hold the event loop past the
 * server's keep-alive timeout, and a reused socket closed meanwhile would be a reset that says nothing of
 * the API), answered within {@link ANSWER_WITHIN_MS}.
 */
function exchange(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, timeout: ANSWER_WITHIN_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** What is wrong with an answer, by the document; empty when nothing. */
function breaches(r: Request, res: ApiResponse): string[] {
  const out: string[] = [];
  const documented = r.op.operation.responses[String(res.status)];
  if (res.status >= 500) out.push(`answered ${res.status}`);
  if (!documented) {
    out.push(`status ${res.status} is not documented (${Object.keys(r.op.operation.responses).join(', ')})`);
    return out;
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const content = documented.content ?? {};
  if (Object.keys(content).length === 0) {
    if (res.body !== undefined && res.body !== '') out.push(`a body where none is documented`);
  } else if (!content[type]) {
    out.push(`content type ${type || '(none)'} is not documented (${Object.keys(content).join(', ')})`);
  } else if (type === 'application/json') {
    for (const e of validators.validate(content[type]!.schema, res.body)) out.push(`body ${e}`);
  }
  if (r.invalid && (res.status < 400 || res.status >= 500))
    out.push(`invalid input (${r.invalid}) answered ${res.status}`);
  return out;
}

function shown(r: Request, res: ApiResponse): string {
  const body =
    typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body)?.slice(0, 600);
  const sent = r.body ? JSON.stringify('json' in r.body ? r.body.json : r.body.raw).slice(0, 400) : '';
  return `${r.op.method} ${urlOf(r)} as ${r.caller}${r.invalid ? ` [invalid: ${r.invalid}]` : ''} ${sent}\n→ ${res.status} ${body}`;
}

const parametersOf = (op: Op, where: 'path' | 'query' | ('path' | 'query')[]) =>
  op.operation.parameters.filter((p) => (Array.isArray(where) ? where : [where]).includes(p.in as 'path'));

/** Parameter values that are no id, no number, no choice: each parameter is sent those its schema refuses. */
const NOT_IDS = [
  'not an id!',
  'ĐƠN VỊ',
  'x'.repeat(200),
  '\u0000',
  '-leading',
  ' PC06',
  '',
  '0',
  '101',
  '1.5',
  'XLSX',
  'none_of_these',
];
const jsonBodyOf = (op: Op) => op.operation.requestBody?.content['application/json'];

function exampleRequest(op: Op, caller: Caller): Request {
  const params = Object.fromEntries(parametersOf(op, 'path').map((p) => [p.name, String(p.example)]));
  const query = Object.fromEntries(
    parametersOf(op, 'query')
      .filter((p) => p.example !== undefined)
      .map((p) => [p.name, String(p.example)]),
  );
  const body = jsonBodyOf(op);
  return { op, caller, params, query, ...(body ? { body: { json: body.example } } : {}) };
}

// ---------------------------------------------------------------- 1. examples

/**
 * Writes whose example another example needs come first (a user before their removal, a report before
 * its review); the registry replacement last, as it narrows the demo campaign's units.
 */
const FIRST = ['users-put', 'submissions-post', 'review-post'];
const LAST = ['users-delete', 'units-put'];
const rank = (op: Op) =>
  FIRST.includes(op.operation.operationId)
    ? FIRST.indexOf(op.operation.operationId)
    : LAST.includes(op.operation.operationId)
      ? 100 + LAST.indexOf(op.operation.operationId)
      : 50;

test('every operation’s example is accepted by the roles it names and refused to the others', async () => {
  const problems: string[] = [];
  for (const op of [...ops].sort((a, b) => rank(a) - rank(b))) {
    const roles = op.operation['x-roles'];
    for (const caller of CALLERS) {
      const r = exampleRequest(op, caller);
      const res = await send(r);
      const expected = !roles ? '2xx' : caller === 'none' ? '401' : roles.includes(caller) ? '2xx' : '403';
      const got = res.status >= 200 && res.status < 300 ? '2xx' : String(res.status);
      const found = [...breaches(r, res), ...(got !== expected ? [`expected ${expected}`] : [])];
      if (found.length) problems.push(`${shown(r, res)}\n   ${found.join('; ')}`);
    }
  }
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------- 2. properties

/** The example with each top-level uuid property (an idempotency key) generated anew. */
function freshKeys(schema: JsonSchema, example: unknown): fc.Arbitrary<unknown> {
  const properties = (arbitraries.resolve(schema).properties ?? {}) as Record<string, JsonSchema>;
  const keys = Object.keys(properties).filter((k) => properties[k]!.format === 'uuid');
  if (!keys.length || !example || typeof example !== 'object') return fc.constant(example);
  return fc
    .tuple(...keys.map(() => fc.uuid({ version: 4 })))
    .map((ids) => ({ ...(example as object), ...Object.fromEntries(keys.map((k, i) => [k, ids[i]])) }));
}

/** A parameter's value: mostly its example (to reach past the lookups), else anything its schema allows. */
function parameterValue(p: Parameter): fc.Arbitrary<string> {
  const generated = arbitraries.valid(p.schema).map(String);
  return p.example === undefined
    ? generated
    : fc.oneof({ weight: 3, arbitrary: fc.constant(String(p.example)) }, { weight: 1, arbitrary: generated });
}

function validRequest(op: Op): fc.Arbitrary<Request> {
  const params = fc.record(
    Object.fromEntries(parametersOf(op, 'path').map((p) => [p.name, parameterValue(p)])),
  );
  const queryParams = parametersOf(op, 'query');
  // An optional parameter without an example (a filter, an upload's option) is left out three times in four.
  const query = fc
    .record(
      Object.fromEntries(
        queryParams.map((p) => [
          p.name,
          p.required || p.example !== undefined
            ? parameterValue(p)
            : fc.oneof(
                { weight: 3, arbitrary: fc.constant(undefined) },
                { weight: 1, arbitrary: parameterValue(p) },
              ),
        ]),
      ),
    )
    .map(
      (q) =>
        Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
  const json = jsonBodyOf(op);
  const body: fc.Arbitrary<Request['body']> = json
    ? fc
        .oneof(
          // The example, with fresh idempotency keys (properties of format uuid) most of the time.
          fc.constant(json.example),
          freshKeys(json.schema, json.example),
          arbitraries.valid(json.schema),
          // The example with some of its properties generated: past the lookups, into validation.
          arbitraries
            .valid(json.schema)
            .map((g) =>
              g &&
              typeof g === 'object' &&
              !Array.isArray(g) &&
              json.example &&
              typeof json.example === 'object'
                ? { ...(json.example as object), ...Object.fromEntries(Object.entries(g).slice(0, 2)) }
                : g,
            ),
        )
        .map((v) => ({ json: v }))
    : fc.constant(undefined);
  return fc
    .record({ caller: fc.constantFrom(...CALLERS), params, query, body })
    .map(({ caller, params, query, body }) => ({ op, caller, params, query, ...(body ? { body } : {}) }));
}

/** A variant of a valid request that the document says must be refused. */
function invalidRequest(op: Op): fc.Arbitrary<Request> | undefined {
  const variants: fc.Arbitrary<Request>[] = [];
  const base = validRequest(op);
  const json = jsonBodyOf(op);
  if (json) {
    variants.push(
      base.chain((r) => {
        const sent = (r.body as { json: unknown }).json;
        const wrong = arbitraries.invalid(json.schema, sent);
        return (wrong ?? fc.constant([])).map((v) => ({
          ...r,
          body: { json: v },
          invalid: 'body against its schema',
        }));
      }),
      base.map((r) => ({
        ...r,
        body: { raw: '{"values": {', contentType: 'application/json' },
        invalid: 'malformed JSON',
      })),
      base.map((r) => ({
        ...r,
        body: { raw: 'values=1', contentType: 'text/plain' },
        invalid: 'content type',
      })),
    );
  }
  for (const p of parametersOf(op, ['path', 'query'])) {
    // Values the parameter's schema refuses (decided here, so that no generator filters forever).
    // An empty path segment would be another route (`/users/` is `/users`), not another parameter.
    const refused = NOT_IDS.filter(
      (v) => validators.validate(p.schema, v).length > 0 && !(p.in === 'path' && v === ''),
    );
    if (refused.length === 0) continue;
    variants.push(
      base.chain((r) =>
        fc.constantFrom(...refused).map((v) => ({
          ...r,
          ...(p.in === 'path'
            ? { params: { ...r.params, [p.name]: v } }
            : { query: { ...r.query, [p.name]: v } }),
          invalid: `${p.in} ${p.name}`,
        })),
      ),
    );
  }
  return variants.length ? fc.oneof(...variants) : undefined;
}

test('generated requests, valid and invalid, are answered as the document says', async () => {
  const arbitrary = fc.oneof(
    ...ops.flatMap((op) => {
      const invalid = invalidRequest(op);
      return [validRequest(op), ...(invalid ? [invalid] : [])];
    }),
  );
  const seen = new Map<string, number>();
  const started = Date.now();
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (r) => {
      // An "invalid" body that the schema accepts after all (a mutation that changed nothing) is no test.
      if (r.invalid === 'body against its schema') {
        const schema = jsonBodyOf(r.op)!.schema;
        fc.pre(validators.validate(schema, (r.body as { json: unknown }).json).length > 0);
      }
      runs++;
      const res = await send(r);
      // A generated registry replaces the demo's: put it back, so that later requests reach past the lookups.
      if (r.op.operation.operationId === 'units-put' && res.status === 200)
        await restoreRegistry(r.params.campaignId!);
      const key = `${r.op.operation.operationId} ${res.status}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const found = breaches(r, res);
      if (found.length) throw new Error(`${shown(r, res)}\n   ${found.join('; ')}`);
    }),
    {
      numRuns: NUM_RUNS,
      interruptAfterTimeLimit: TIME_LIMIT_MS,
      markInterruptAsFailure: false,
      seed: Number(process.env.CONTRACT_SEED ?? Date.now() % 2 ** 31),
    },
  );
  // Every operation was reached, and answered something other than its refusals at least once.
  const reached = new Set([...seen.keys()].map((k) => k.split(' ')[0]));
  for (const op of ops) expect(reached).toContain(op.operation.operationId);
  console.log(
    `contract: ${runs} requests in ${Math.round((Date.now() - started) / 1000)} s; ${[...seen]
      .sort()
      .map(([k, n]) => `${k}×${n}`)
      .join(', ')}`,
  );
});
