/**
 * The OpenAPI document (functions/src/http/openapi.ts): every route the local host serves is in it, it is
 * a valid OpenAPI 3.1 document by a standard validator (@readme/openapi-parser, which checks against the
 * OpenAPI 3.1 schema and rules beyond it, such as unique operation ids and parameters), and every example
 * in it passes its own schema and the zod schema the handler parses with.
 */
import { validate } from '@readme/openapi-parser';
import { routes } from '../../functions/src/index';
import { undocumentedRoutes, type OpenApiDocument } from '../../functions/src/http/openapi';
import { documentFor, ENTRA_ENV, SchemaValidators } from '../support/openapi';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, operation]) => ({ path, method, operation })),
  );

test('every route the function app registers is documented', () => {
  // An endpoint added without `doc` in its registerHttp({...}) is listed here (api-doc.ts).
  expect(undocumentedRoutes(routes)).toEqual([]);
  const doc = documentFor();
  const documented = new Set(operations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`));
  for (const r of routes) for (const m of r.methods) expect(documented).toContain(`${m} /${r.route}`);
  expect(documented.size).toBe(routes.reduce((n, r) => n + r.methods.length, 0));
});

test.each([
  ['development tokens', {}],
  ['Microsoft Entra ID', ENTRA_ENV],
])('the document is valid OpenAPI 3.1 (%s)', async (_name, env) => {
  const doc = documentFor(env);
  expect(doc.openapi).toBe('3.1.0');
  // The validator dereferences what it is given: hand it a copy.
  const result = await validate(structuredClone(doc) as never);
  expect(result.valid ? [] : result.errors.map((e) => e.message)).toEqual([]);
  expect(result.warnings).toEqual([]);
});

test('with Entra ID, operations behind a token name the oauth2 scheme with the API’s scope', () => {
  const doc = documentFor(ENTRA_ENV);
  const schemes = (doc.components as unknown as { securitySchemes: Record<string, any> }).securitySchemes;
  expect(schemes.entra.flows.authorizationCode.authorizationUrl).toBe(
    'https://login.microsoftonline.com/4d3c2b1a-0000-4000-8000-000000000001/oauth2/v2.0/authorize',
  );
  const submit = doc.paths['/campaigns/{campaignId}/submissions']!.post!;
  expect(submit.security).toEqual([
    { bearer: [] },
    { entra: ['api://localhost:3000/5e4d3c2b-0000-4000-8000-000000000002/access_as_user'] },
  ]);
  expect(doc.paths['/health']!.get!.security).toEqual([]);
  expect(documentFor().components).not.toHaveProperty('securitySchemes.entra');
});

test('every operation documents its route parameters, its errors in the contract’s shape, and 503', () => {
  const doc = documentFor();
  for (const { path, operation } of operations(doc)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inPath);
    for (const [status, response] of Object.entries(operation.responses)) {
      if (Number(status) >= 400)
        expect(response.content?.['application/json']?.schema).toEqual({
          $ref: '#/components/schemas/Error',
        });
    }
    expect(Object.keys(operation.responses)).toContain('503');
    if (operation.security && (operation.security as unknown[]).length)
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
  }
});

test('every example passes its schema', () => {
  const doc = documentFor();
  const validators = new SchemaValidators(doc);
  let checked = 0;
  for (const { operationId, parameters, requestBody, responses } of operations(doc).map((o) => o.operation)) {
    for (const p of parameters)
      if (p.example !== undefined) {
        expect({ operationId, parameter: p.name, errors: validators.validate(p.schema, p.example) }).toEqual({
          operationId,
          parameter: p.name,
          errors: [],
        });
        checked++;
      }
    const json = requestBody?.content['application/json'];
    if (json) {
      expect({ operationId, errors: validators.validate(json.schema, json.example) }).toEqual({
        operationId,
        errors: [],
      });
      checked++;
    }
    for (const r of Object.values(responses)) {
      const example = (r.content?.['application/json'] as { example?: unknown } | undefined)?.example;
      if (example !== undefined) {
        expect(validators.validate(r.content!['application/json']!.schema, example)).toEqual([]);
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(30);
});

test('the request bodies’ schemas are the handlers’ own: every example body also parses with them', () => {
  for (const r of routes) {
    const body = r.doc?.body;
    if (body)
      expect({ route: r.name, ok: body.json.safeParse(body.example).success }).toEqual({
        route: r.name,
        ok: true,
      });
  }
});

test('the error shape’s example passes the error schema', () => {
  const doc = documentFor();
  const validators = new SchemaValidators(doc);
  const error = doc.components.schemas.Error!;
  expect((error.examples as unknown[]).length).toBeGreaterThan(0);
  for (const example of error.examples as unknown[]) expect(validators.validate(error, example)).toEqual([]);
  expect(validators.validate(error, { error: { code: 'x' } })).not.toEqual([]);
});
