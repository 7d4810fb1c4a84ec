/**
 * The API reference page's renderer (addin/src/api-reference/render.ts): every operation and schema of the
 * document is on the page, with its anchor, and the document's text is escaped, never markup.
 */
import { renderReference, typeText } from '../../addin/src/api-reference/render';
import { documentFor } from '../support/openapi';

test('every operation and every schema of the document is on the page', () => {
  const doc = documentFor();
  const html = renderReference(doc);
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.values(item).map((op) => ({ path, id: op.operationId })),
  );
  expect(operations.length).toBeGreaterThan(15);
  for (const { path, id } of operations) {
    expect(html).toContain(`id="op-${id}"`);
    expect(html).toContain(`<code>${path}</code>`);
  }
  for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
  expect((html.match(/class="operation"/g) ?? []).length).toBe(operations.length);
});

test('text from the document is escaped', () => {
  const html = renderReference({
    openapi: '3.1.0',
    info: { title: '<script>alert(1)</script>', description: 'a `<b>` tag' },
    paths: { '/x': { get: { operationId: 'x', summary: '<img src=x onerror=alert(1)>', responses: {} } } },
  });
  expect(html).not.toMatch(/<script|<img|<b>/);
  expect(html).toContain('&lt;script&gt;');
  expect(html).toContain('<code>&lt;b&gt;</code>');
});

test('a schema reads as a type', () => {
  expect(
    typeText({
      type: 'object',
      properties: { id: { type: 'string', pattern: '^[a-z]+$' }, n: { type: 'integer', minimum: 0 } },
      required: ['id'],
    }),
  ).toBe(
    '{\n  id: string <span class="bounds">/^[a-z]+$/</span>\n  n?: integer <span class="bounds">≥ 0</span>\n}',
  );
  expect(typeText({ $ref: '#/components/schemas/Error' })).toBe('<a href="#schema-Error">Error</a>');
});
