/**
 * The OpenAPI 3.1 document of the API, generated from the route table (register.ts) and the operation
 * each endpoint declares beside its handler (api-doc.ts), with zod 4's own JSON Schema output
 * (`z.toJSONSchema`, draft 2020-12, the dialect of OpenAPI 3.1) for every body and answer
 * (docs/architecture.md, "HTTP"). What every route shares is added here: the error shape, 401 with its
 * `WWW-Authenticate` challenge and 403 for routes behind a token, 404 for route parameters, 413/415 for
 * bodies, 503 with `Retry-After`. Served by functions/openapi-get.ts; checked by test/openapi/.
 */
import { z } from 'zod';
import {
  CampaignSchema,
  ErrorBodySchema,
  KeySchema,
  LANGUAGES,
  PeriodSchema,
  problem,
  render,
  UnitSchema,
  UserIdSchema,
  type ProblemCode,
} from '../../../shared/src';
import type { AuthConfig } from '../auth/config';
import type { DenialCode } from '../auth/principal';
import type { AuthFailureCode } from '../auth/verify';
import { XLSX_CONTENT_TYPE } from '../workbook/xlsx-writer';
import type { FileKind, OperationDoc } from './api-doc';
import type { RouteDefinition } from './register';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MEDIA_TYPES: Record<FileKind, string> = {
  xlsx: XLSX_CONTENT_TYPE,
  docx: DOCX_MEDIA_TYPE,
  csv: 'text/csv',
};

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> } & Record<string, unknown>;
};
export type Operation = Record<string, unknown> & {
  operationId: string;
  parameters: Parameter[];
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema; example?: unknown }> };
  'x-roles'?: readonly string[];
  'x-clerk-own-unit'?: boolean;
};
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

/**
 * Route parameters: their syntax is the id's (http/handler.ts answers 404 to one that cannot be an id)
 * and an example from the demo campaign. An operation may give other examples (`pathExamples`).
 */
const PATH_PARAMETERS: Record<string, { schema: z.ZodType; description: string; example: string }> = {
  campaignId: {
    schema: CampaignSchema.shape.id,
    description: 'campaign id',
    example: 'lang-son-nu-cuoi-chien-si',
  },
  unitId: { schema: UnitSchema.shape.id, description: 'unit id', example: 'PC06' },
  periodId: { schema: PeriodSchema.shape.id, description: 'period id', example: '2022-Q3' },
  templateId: { schema: KeySchema, description: 'template id', example: 'results' },
  version: {
    schema: z.string().regex(/^[0-9]{1,6}$/),
    description: 'template version, a whole number',
    example: '1',
  },
  userId: {
    schema: UserIdSchema,
    description: 'user id: the token subject (`sub`, or `oid` with Entra ID)',
    example: 'clerk-pc06',
  },
};

/** Codes every route may answer with, beside its own. */
const COMMON_ERRORS: Record<number, { description: string; codes: readonly ProblemCode[] }> = {
  400: { description: 'Bad request', codes: [] },
  401: {
    description: 'Not signed in, or the token was refused (`WWW-Authenticate: Bearer …`)',
    codes: [
      'unauthenticated',
      'bad_auth_scheme',
      'invalid_token',
      'token_expired',
      'token_not_yet_valid',
      'token_wrong_audience',
      'token_bad_signature',
      'token_no_subject',
      'token_bad_claim',
      'no_role',
      'clerk_without_unit',
    ] satisfies Exclude<AuthFailureCode, 'auth_keys_unavailable'>[],
  },
  403: {
    description: 'Signed in, but not allowed',
    codes: [
      'no_role',
      'admin_only',
      'reviewer_only',
      'submitter_only',
      'no_unit',
      'other_unit',
      'backfill_admin_only',
      'campaign_forbidden',
    ] satisfies DenialCode[],
  },
  404: { description: 'Not found (a route parameter that cannot be an id is 404 too)', codes: [] },
  409: { description: 'Conflict', codes: [] },
  413: { description: 'Body over `MAX_BODY_BYTES`', codes: ['too_large'] },
  415: { description: 'Content type not accepted', codes: ['unsupported_media_type'] },
  500: { description: 'A fault of the server (logged); never for bad input', codes: ['internal'] },
  503: {
    description: 'Storage or the identity provider’s keys unreachable: try again after `Retry-After`',
    codes: ['storage_unavailable', 'auth_keys_unavailable'],
  },
};
const BODY_ERRORS: readonly ProblemCode[] = [
  'bad_json',
  'bad_encoding',
  'json_too_deep',
  'invalid_body',
  'unsafe_key',
];

/** A zod schema → JSON Schema (2020-12) for OpenAPI 3.1, without its `$schema`. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const pascal = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** Components, one per (schema, direction), named after the first operation that uses it. */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly named = new Map<z.ZodType, Record<string, string>>();

  ref(schema: z.ZodType, io: 'input' | 'output', name: string): JsonSchema {
    const known = this.named.get(schema)?.[io];
    if (known) return { $ref: `#/components/schemas/${known}` };
    let unique = name;
    for (let i = 2; this.schemas[unique]; i++) unique = `${name}${i}`;
    this.schemas[unique] = jsonSchemaOf(schema, io);
    this.named.set(schema, { ...this.named.get(schema), [io]: unique });
    return { $ref: `#/components/schemas/${unique}` };
  }
}

/** The Entra ID security scheme, when the function app is set up for it. */
function entraScheme(auth: AuthConfig): { scheme: JsonSchema; scope: string } | undefined {
  if (auth.mode !== 'entra') return undefined;
  const tenant = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0\/?$/i.exec(auth.issuer)?.[1];
  if (!tenant) return undefined;
  const resource = auth.audience.find((a) => a.startsWith('api://')) ?? `api://${auth.audience[0]}`;
  const scope = `${resource}/access_as_user`;
  const base = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
  return {
    scope,
    scheme: {
      type: 'oauth2',
      description:
        'Microsoft Entra ID: the API’s app registration, scope `access_as_user` (deploy/README.md)',
      flows: {
        authorizationCode: {
          authorizationUrl: `${base}/authorize`,
          tokenUrl: `${base}/token`,
          scopes: { [scope]: 'call the API as the signed-in user' },
        },
      },
    },
  };
}

const pathParameterNames = (route: string) =>
  [...route.matchAll(/\{([A-Za-z0-9_]+)\??\}/g)].map((m) => m[1]!);

function errorResponse(status: number, codes: readonly ProblemCode[], headers?: Record<string, unknown>) {
  const common = COMMON_ERRORS[status]!;
  const all = [...new Set([...common.codes, ...codes])];
  return {
    description: all.length
      ? `${common.description}: ${all.map((c) => `\`${c}\``).join(', ')}`
      : common.description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    'x-problem-codes': all,
  };
}

function operationOf(
  definition: RouteDefinition,
  doc: OperationDoc,
  components: SchemaComponents,
  security: Record<string, string[]>[],
): Operation {
  const base = pascal(definition.name);
  const parameters: Parameter[] = pathParameterNames(definition.route).map((name) => {
    const known = doc.pathParameters?.[name] ?? PATH_PARAMETERS[name];
    if (!known) throw new Error(`route ${definition.route}: no schema for the path parameter ${name}`);
    return {
      name,
      in: 'path',
      required: true,
      description: known.description,
      schema: jsonSchemaOf(known.schema, 'input'),
      example: doc.pathExamples?.[name] ?? known.example,
    };
  });
  for (const [name, q] of Object.entries(doc.query ?? {})) {
    parameters.push({
      name,
      in: 'query',
      required: q.required ?? false,
      description: q.description,
      schema: jsonSchemaOf(q.schema, 'input'),
      ...(q.example !== undefined ? { example: q.example } : {}),
    });
  }
  parameters.push({
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description:
      'language of error messages (`vi`, the default, or `en`); the answer says `Content-Language`',
    schema: { type: 'string' },
    example: 'en',
  });

  const responses: Operation['responses'] = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    const content: Record<string, { schema: JsonSchema; example?: unknown }> = {};
    if (r.json)
      content['application/json'] = {
        schema: components.ref(r.json, 'output', `${base}${status}`),
        ...(r.example !== undefined ? { example: r.example } : {}),
      };
    if (r.file)
      content[MEDIA_TYPES[r.file]] = { schema: { type: 'string', contentMediaType: MEDIA_TYPES[r.file] } };
    const headers = r.headers
      ? Object.fromEntries(
          Object.entries(r.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        )
      : undefined;
    responses[status] = {
      description: r.description,
      ...(headers ? { headers } : {}),
      ...(r.json || r.file ? { content } : {}),
    };
  }
  const errors = doc.errors ?? {};
  const hasQuery = Object.keys(doc.query ?? {}).length > 0;
  if (doc.body || hasQuery || errors[400])
    responses['400'] = errorResponse(400, [
      ...(doc.body ? BODY_ERRORS : []),
      ...(hasQuery ? ['bad_query' as const] : []),
      ...(errors[400] ?? []),
    ]);
  if (doc.access !== 'anyone') {
    responses['401'] = errorResponse(401, [], {
      'WWW-Authenticate': {
        description:
          'RFC 6750 challenge: `Bearer`, `Bearer error="invalid_token"` or `Bearer error="invalid_request"`',
        schema: { type: 'string' },
      },
    });
    responses['403'] = errorResponse(403, errors[403] ?? []);
  }
  if (parameters.some((p) => p.in === 'path') || errors[404])
    responses['404'] = errorResponse(404, errors[404] ?? []);
  if (errors[409]) responses['409'] = errorResponse(409, errors[409]);
  responses['413'] = errorResponse(413, errors[413] ?? []);
  if (doc.body) responses['415'] = errorResponse(415, []);
  responses['500'] = errorResponse(500, []);
  responses['503'] = errorResponse(503, [], {
    'Retry-After': { description: 'seconds to wait', schema: { type: 'string' } },
  });

  const operation: Operation = {
    operationId: definition.name,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    security: doc.access === 'anyone' ? [] : security,
    parameters,
    responses,
  };
  if (doc.access !== 'anyone') {
    operation['x-roles'] = doc.access.roles;
    if (doc.access.clerkOwnUnit) operation['x-clerk-own-unit'] = true;
  }
  if (doc.body) {
    const content: Record<string, { schema: JsonSchema; example?: unknown }> = {
      'application/json': {
        schema: components.ref(doc.body.json, 'input', `${base}Body`),
        example: doc.body.example,
      },
    };
    if (doc.body.file) {
      const file = { schema: { type: 'string', contentMediaType: MEDIA_TYPES[doc.body.file] } };
      content[MEDIA_TYPES[doc.body.file]] = file;
      content['application/octet-stream'] = file;
    }
    operation.requestBody = {
      required: true,
      ...(doc.body.description ? { description: doc.body.description } : {}),
      content,
    };
  }
  return operation;
}

/** Routes without an operation description: test/openapi/document.test.ts expects none. */
export function undocumentedRoutes(routes: readonly RouteDefinition[]): string[] {
  return routes.filter((r) => !r.doc).map((r) => `${r.methods.join(',')} /api/${r.route} (${r.name})`);
}

export function openApiDocument(routes: readonly RouteDefinition[], auth: AuthConfig): OpenApiDocument {
  const components = new SchemaComponents();
  components.schemas.Error = {
    ...jsonSchemaOf(ErrorBodySchema, 'output'),
    examples: [
      {
        error: {
          code: 'period_locked',
          message: render(problem('period_locked', { periodId: '2022-Q3' }), 'en'),
          params: { periodId: '2022-Q3' },
        },
      },
    ],
  };
  const entra = entraScheme(auth);
  const securitySchemes: Record<string, JsonSchema> = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        auth.mode === 'dev'
          ? 'development token (HS256), printed by `npm start` or `npm run token -- --role clerk --unit PC06`'
          : 'Microsoft Entra ID access token for the API (roles `clerk`, `reviewer`, `admin` as app roles)',
    },
    ...(entra ? { entra: entra.scheme } : {}),
  };
  const security: Record<string, string[]>[] = [{ bearer: [] }, ...(entra ? [{ entra: [entra.scope] }] : [])];

  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  for (const definition of routes) {
    if (!definition.doc) continue;
    tags.add(definition.doc.tag);
    const path = `/${definition.route.replace(/\{([A-Za-z0-9_]+)\?\}/g, '{$1}')}`;
    for (const method of definition.methods)
      (paths[path] ??= {})[method.toLowerCase()] = operationOf(
        definition,
        definition.doc,
        components,
        security,
      );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Emulation campaign reporting API',
      version: '1',
      description:
        'The HTTP API of the Excel add-in and its function app (README.md, "HTTP API"). Errors are `{ error: { code, message, params?, details? } }`; act on `code`, the `message` is in the caller’s language (`Accept-Language`: `vi`, `en`)',
    },
    servers: [{ url: '/api' }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: { schemas: components.schemas, securitySchemes },
    'x-languages': LANGUAGES,
  };
}
