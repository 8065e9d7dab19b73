import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, json, type TestApp } from '../testing/test-app.ts';

interface Operation {
  parameters?: Array<{ name: string; in: string; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
}

/**
 * Where a schema lets a string through without a maximum length. A string
 * bounded by a list of values (`enum`, `const`) is bounded too; any other
 * (a pattern, a format) must state its `maxLength`, so that a client reading
 * the document knows what the API takes, and nothing a caller writes can
 * grow what others read.
 */
function unboundedStrings(schema: unknown, at: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => unboundedStrings(item, `${at}/${index}`));
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const unbounded = types.includes('string') && node.maxLength === undefined && node.enum === undefined && node.const === undefined;
  // Every member is walked, so nested objects, items, unions, property names and definitions are all looked at.
  return [...(unbounded ? [at] : []), ...Object.entries(node).flatMap(([key, child]) => unboundedStrings(child, `${at}/${key}`))];
}

describe('the OpenAPI document', () => {
  let app: TestApp;

  before(async () => {
    app = await createTestApp();
  });
  after(() => app.close());

  test('bounds the length of every string a request may carry: path, query, headers and body', async () => {
    const document = await json<{ paths: Record<string, Record<string, Operation>> }>(await app.request('/v1/openapi.json'));
    const found: string[] = [];
    let requestStrings = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) {
          found.push(...unboundedStrings(parameter.schema, `${where} ${parameter.in} ${parameter.name}`));
        }
        for (const [type, { schema }] of Object.entries(operation.requestBody?.content ?? {})) {
          found.push(...unboundedStrings(schema, `${where} body (${type}) #`));
        }
        requestStrings += JSON.stringify([operation.parameters, operation.requestBody]).split('"string"').length - 1;
      }
    }
    assert.ok(requestStrings > 50, 'the walk sees the requests’ strings');
    assert.deepEqual(found, [], `Strings without a maxLength:\n${found.join('\n')}`);
  });

  test('sees a string without a bound wherever it sits', () => {
    const schema = {
      type: 'object',
      properties: {
        bounded: { type: 'string', maxLength: 10 },
        choice: { type: 'string', enum: ['a', 'b'] },
        list: { type: 'array', items: { anyOf: [{ type: 'string', maxLength: 3 }, { type: ['string', 'null'] }] } },
        map: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'integer' } },
        type: { type: 'string', pattern: '^x+$' },
      },
    };
    assert.deepEqual(unboundedStrings(schema, '#'), [
      '#/properties/list/items/anyOf/1',
      '#/properties/map/propertyNames',
      '#/properties/type',
    ]);
  });
});
