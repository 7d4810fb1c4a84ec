/**
 * fast-check arbitraries from the JSON Schemas (draft 2020-12) of the OpenAPI document, for the contract
 * test (test/http/contract.test.ts). Why our own: the npm libraries that map JSON Schema to fast-check
 * (json-schema-fast-check 0.0.6 needs fast-check 1; zod-fast-check needs zod 3 and fast-check < 4) do not
 * run with this project's zod 4 and fast-check 4, and the document uses a small part of JSON Schema:
 * type, enum/const, pattern, length and number bounds, format uuid and date-time, properties/required,
 * additionalProperties with propertyNames, items/prefixItems, anyOf/oneOf and local `$ref`s.
 */
import fc from 'fast-check';

export type JsonSchema = Record<string, any>;

/** Strings a generator mixes in: Vietnamese text, spaces, markup, what normalisation may change. */
const TRICKY_STRINGS = ['Nụ cười chiến sĩ', ' PC06', 'a\u0301', '<b>x</b>', '=1+1', '', 'null', '😀'];

export class SchemaArbitraries {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref as string | undefined;
    return ref ? this.resolve(this.components[ref.replace('#/components/schemas/', '')]!) : schema;
  }

  /** Values the schema accepts (as far as JSON Schema can say: refinements in code may still refuse some). */
  valid(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
    if (alternatives) return fc.oneof(...alternatives.map((s) => this.valid(s, depth + 1)));
    const type = schema.type as string | string[] | undefined;
    if (Array.isArray(type)) return fc.oneof(...type.map((t) => this.valid({ ...schema, type: t }, depth)));
    switch (type) {
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number':
        return this.number(schema, type === 'integer');
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return this.array(schema, depth);
      case 'object':
        return this.object(schema, depth);
      default:
        return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: JsonSchema): fc.Arbitrary<string> {
    const min = (schema.minLength as number | undefined) ?? 0;
    const max = Math.min((schema.maxLength as number | undefined) ?? min + 24, min + 64);
    const fits = (s: string) => [...s].length >= min && [...s].length <= (schema.maxLength ?? Infinity);
    if (schema.format === 'uuid') return fc.uuid({ version: 4 });
    if (schema.format === 'date-time')
      return fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    if (typeof schema.pattern === 'string')
      return fc.stringMatching(new RegExp(schema.pattern as string)).filter(fits);
    return fc
      .oneof(fc.string({ minLength: min, maxLength: max }), fc.constantFrom(...TRICKY_STRINGS))
      .filter(fits);
  }

  private number(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
    const lo =
      schema.minimum ??
      (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : undefined);
    const hi =
      schema.maximum ??
      (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : undefined);
    if (integer)
      return fc.integer({
        min: Math.max(lo ?? -1e6, Number.MIN_SAFE_INTEGER),
        max: Math.min(hi ?? 1e6, Number.MAX_SAFE_INTEGER),
      });
    return fc.double({ min: lo ?? -1e6, max: hi ?? 1e6, noNaN: true, noDefaultInfinity: true });
  }

  private array(schema: JsonSchema, depth: number): fc.Arbitrary<unknown[]> {
    if (Array.isArray(schema.prefixItems))
      return fc.tuple(...(schema.prefixItems as JsonSchema[]).map((s) => this.valid(s, depth + 1)));
    const minLength = (schema.minItems as number | undefined) ?? 0;
    const maxLength = Math.min(
      (schema.maxItems as number | undefined) ?? minLength + 3,
      minLength + (depth > 1 ? 1 : 3),
    );
    return fc.array(this.valid(schema.items ?? {}, depth + 1), { minLength, maxLength });
  }

  private object(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    const known = fc.record(
      Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, this.valid(s, depth + 1)])),
      { requiredKeys: [...required].filter((k) => k in properties) },
    );
    const extra = schema.additionalProperties;
    if (!extra || typeof extra !== 'object' || depth > 3) return known;
    const keys = schema.propertyNames
      ? (this.valid(schema.propertyNames) as fc.Arbitrary<string>)
      : fc.string({ maxLength: 12 });
    return fc
      .tuple(known, fc.dictionary(keys, this.valid(extra, depth + 1), { maxKeys: depth > 1 ? 2 : 4 }))
      .map(([a, b]) => ({ ...b, ...a }));
  }

  /**
   * A value the schema refuses, as a variant of `value` (which it accepts): the whole value of another
   * type, a required property left out, a property of the wrong type or out of its bounds. Undefined when
   * no such variant can be told from the schema.
   */
  invalid(input: JsonSchema, value: unknown): fc.Arbitrary<unknown> | undefined {
    const schema = this.resolve(input);
    const variants: fc.Arbitrary<unknown>[] = [];
    const type = schema.type;
    if (typeof type === 'string') variants.push(otherTypeThan(type));
    if (type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const required = ((schema.required ?? []) as string[]).filter((k) => k in record);
      if (required.length)
        variants.push(
          fc.constantFrom(...required).map((k) => {
            const { [k]: _dropped, ...rest } = record;
            return rest;
          }),
        );
      for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
        if (!(k in record)) continue;
        const inner = this.invalid(s, record[k]);
        if (inner) variants.push(inner.map((v) => ({ ...record, [k]: v })));
      }
    }
    if (type === 'string') {
      if (typeof schema.pattern === 'string' || schema.format)
        variants.push(fc.constantFrom('not valid!', 'x'.repeat(300), ' ', 'Đ/..'));
      if (Array.isArray(schema.enum)) variants.push(fc.constantFrom('none_of_these', ''));
      if (schema.minLength) variants.push(fc.constant(''));
    }
    if (Array.isArray(schema.enum) && typeof type !== 'string') variants.push(fc.constant('none_of_these'));
    if (
      (type === 'integer' || type === 'number') &&
      (schema.minimum !== undefined || schema.exclusiveMinimum !== undefined)
    )
      variants.push(fc.constant((schema.minimum ?? schema.exclusiveMinimum) - 1));
    if (type === 'integer') variants.push(fc.constant(1.5));
    return variants.length ? fc.oneof(...variants) : undefined;
  }
}

function otherTypeThan(type: string): fc.Arbitrary<unknown> {
  const all: Record<string, unknown> = {
    string: 'text',
    number: 12.5,
    integer: 'seven',
    boolean: 'yes',
    object: [1, 2],
    array: { a: 1 },
    null: 0,
  };
  return fc.constantFrom(
    ...Object.entries(all)
      .filter(([t]) => t !== type && !(type === 'number' && t === 'integer'))
      .map(([, v]) => v),
  );
}
