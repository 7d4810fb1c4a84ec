/**
 * The OpenAPI document as tests read it: generated the way GET /api/openapi.json generates it, and ajv
 * (JSON Schema draft 2020-12, the dialect of OpenAPI 3.1) validators for its schemas.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loadAuthConfig } from '../../functions/src/auth/config';
import { routes } from '../../functions/src/index';
import { openApiDocument, type OpenApiDocument } from '../../functions/src/http/openapi';

export function documentFor(env: Record<string, string> = {}): OpenApiDocument {
  return openApiDocument(routes, loadAuthConfig(env));
}

export const ENTRA_ENV = {
  AUTH_MODE: 'entra',
  AUTH_ENTRA_ISSUER: 'https://login.microsoftonline.com/4d3c2b1a-0000-4000-8000-000000000001/v2.0',
  AUTH_ENTRA_AUDIENCE:
    'api://localhost:3000/5e4d3c2b-0000-4000-8000-000000000002,5e4d3c2b-0000-4000-8000-000000000002',
};

/** Validators for the document's schemas; `$ref`s to its components resolve. */
export class SchemaValidators {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly cache = new Map<object, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    for (const [name, schema] of Object.entries(document.components.schemas))
      this.ajv.addSchema(this.rewrite(schema), `components/${name}`);
  }

  /** `#/components/schemas/X` → the schema added as `components/X`. */
  private rewrite(schema: unknown): Record<string, unknown> {
    return JSON.parse(
      JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, '"components/$1"'),
    );
  }

  validate(schema: object, value: unknown): string[] {
    let fn = this.cache.get(schema);
    if (!fn) {
      fn = this.ajv.compile(this.rewrite(schema));
      this.cache.set(schema, fn);
    }
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  }

  /** A component schema by `$ref` or inline. */
  resolve(schema: Record<string, unknown>): Record<string, unknown> {
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/'))
      return this.resolve(this.document.components.schemas[ref.slice('#/components/schemas/'.length)]!);
    return schema;
  }
}
