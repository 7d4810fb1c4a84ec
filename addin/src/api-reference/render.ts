/**
 * The API reference page: the OpenAPI document (GET /api/openapi.json) rendered as one HTML page, with no
 * library and nothing fetched but the document (docs/architecture.md, "HTTP"). Pure: document in, HTML out.
 * The page is developer documentation, in the English of the document; its few headings are words, not
 * sentences of the pane (which live in the catalogues).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the document holds
type Json = Record<string, any>;

const escape = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** `code` spans for backticked words of a description, the rest escaped. */
const prose = (s: unknown) =>
  escape(s ?? '').replace(/`([^`]+)`/g, (_m, code: string) => `<code>${code}</code>`);

const anchor = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

/** A schema as a short type: `string /^…$/`, `{ a: integer, b?: … }`, `Template` for a component. */
export function typeText(schema: Json | undefined, indent = ''): string {
  if (!schema || Object.keys(schema).length === 0) return 'any';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#schema-${anchor(name)}">${escape(name)}</a>`;
  }
  if ('const' in schema) return escape(JSON.stringify(schema.const));
  if (Array.isArray(schema.enum))
    return schema.enum.map((v: unknown) => escape(JSON.stringify(v))).join(' | ');
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return alternatives.map((s) => typeText(s, indent)).join(' | ');
  const type = schema.type;
  if (Array.isArray(type)) return type.map(escape).join(' | ');
  const bounds: string[] = [];
  if (schema.format) bounds.push(escape(schema.format));
  if (schema.pattern) bounds.push(`/${escape(schema.pattern)}/`);
  for (const [key, label] of [
    ['minLength', 'length ≥'],
    ['maxLength', 'length ≤'],
    ['minimum', '≥'],
    ['exclusiveMinimum', '>'],
    ['maximum', '≤'],
    ['exclusiveMaximum', '<'],
    ['minItems', 'items ≥'],
    ['maxItems', 'items ≤'],
  ] as const)
    if (schema[key] !== undefined && !(key === 'maximum' && schema[key] === Number.MAX_SAFE_INTEGER))
      bounds.push(`${label} ${escape(schema[key])}`);
  const suffix = bounds.length ? ` <span class="bounds">${bounds.join(', ')}</span>` : '';
  if (type === 'array') {
    if (Array.isArray(schema.prefixItems))
      return `[${(schema.prefixItems as Json[]).map((s) => typeText(s, indent)).join(', ')}]${suffix}`;
    return `${typeText(schema.items, indent)}[]${suffix}`;
  }
  if (type === 'object') {
    const inner = `${indent}  `;
    const required = new Set<string>(schema.required ?? []);
    const lines = Object.entries((schema.properties ?? {}) as Record<string, Json>).map(
      ([name, s]) => `${inner}${escape(name)}${required.has(name) ? '' : '?'}: ${typeText(s, inner)}`,
    );
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      const key = schema.propertyNames ? typeText(schema.propertyNames, inner) : 'string';
      lines.push(`${inner}[${key}]: ${typeText(schema.additionalProperties, inner)}`);
    }
    return lines.length ? `{\n${lines.join('\n')}\n${indent}}${suffix}` : `object${suffix}`;
  }
  return `${escape(type ?? 'any')}${suffix}`;
}

function parameters(operation: Json): string {
  const list = (operation.parameters ?? []) as Json[];
  if (!list.length) return '';
  const rows = list
    .map(
      (p) =>
        `<tr><td><code>${escape(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${escape(p.in)}</td><td><pre>${typeText(p.schema)}</pre></td><td>${prose(p.description)}${p.example !== undefined ? `<br><span class="example">e.g. <code>${escape(p.example)}</code></span>` : ''}</td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>schema</th><th></th></tr>${rows}</table>`;
}

function content(c: Json | undefined): string {
  return Object.entries((c ?? {}) as Record<string, Json>)
    .map(
      ([type, media]) =>
        `<div class="media"><code>${escape(type)}</code><pre>${typeText(media.schema)}</pre>${media.example !== undefined ? `<details><summary>example</summary><pre>${escape(JSON.stringify(media.example, null, 2))}</pre></details>` : ''}</div>`,
    )
    .join('');
}

function operationHtml(path: string, method: string, op: Json): string {
  const roles = op['x-roles'] as string[] | undefined;
  const who = roles
    ? `roles: ${roles.map((r) => `<code>${escape(r)}</code>`).join(', ')}${op['x-clerk-own-unit'] ? ' (a clerk: own unit only)' : ''}`
    : 'no token';
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(
      ([status, r]) =>
        `<tr class="s${escape(status[0])}"><td>${escape(status)}</td><td>${prose(r.description)}${content(Number(status) < 400 ? r.content : undefined)}</td></tr>`,
    )
    .join('');
  return `<section class="operation" id="op-${anchor(op.operationId)}">
<h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p class="summary">${prose(op.summary)}</p>${op.description ? `<p>${prose(op.description)}</p>` : ''}
<p class="who">${who}</p>${parameters(op)}${op.requestBody ? `<h4>Request body</h4>${content(op.requestBody.content)}` : ''}
<h4>Responses</h4><table>${responses}</table></section>`;
}

/** The whole page's body. */
export function renderReference(doc: Json): string {
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>))
    for (const [method, op] of Object.entries(item as Record<string, Json>)) {
      const tag = (op.tags?.[0] as string | undefined) ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
      toc.set(tag, [
        ...(toc.get(tag) ?? []),
        `<li><a href="#op-${anchor(op.operationId)}"><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> ${escape(path).replace(/\//g, '/<wbr>')}</a></li>`,
      ]);
    }
  const tags = [...byTag.keys()].sort();
  const schemes = Object.entries((doc.components?.securitySchemes ?? {}) as Record<string, Json>)
    .map(
      ([name, s]) =>
        `<li><code>${escape(name)}</code>: ${escape(s.type)}${s.scheme ? ` ${escape(s.scheme)}` : ''} — ${prose(s.description)}</li>`,
    )
    .join('');
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Json>)
    .map(
      ([name, s]) =>
        `<section id="schema-${anchor(name)}"><h3>${escape(name)}</h3><pre>${typeText(s)}</pre></section>`,
    )
    .join('');
  return `<header><h1>${escape(doc.info?.title)} <small>OpenAPI ${escape(doc.openapi)}</small></h1>
<p>${prose(doc.info?.description)}</p>
<p>Server: <code>${escape(doc.servers?.[0]?.url ?? '/')}</code> · the document: <a href="/api/openapi.json">openapi.json</a></p>
<h2>Security</h2><ul>${schemes}</ul></header>
<nav>${tags.map((t) => `<h4>${escape(t)}</h4><ul>${toc.get(t)!.join('')}</ul>`).join('')}</nav>
<main>${tags.map((t) => `<h2 id="tag-${anchor(t)}">${escape(t)}</h2>${byTag.get(t)!.join('')}`).join('')}
<h2 id="schemas">Schemas</h2>${schemas}</main>`;
}
