import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, json, type TestApp } from './testing/test-app.ts';

describe('the API surface', () => {
  let app: TestApp;

  before(async () => {
    app = await createTestApp();
  });
  after(() => app.close());

  test('health names the database', async () => {
    const response = await app.request('/v1/health');
    assert.equal(response.status, 200);
    assert.deepEqual(await json(response), { status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  test('the OpenAPI document describes every operation with its schemas and problem responses', async () => {
    const document = await json(await app.request('/v1/openapi.json'));
    assert.equal(document.openapi, '3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, any>).map(([method, op]) => ({ path, method, ...op })),
    );
    const byId = Object.fromEntries(operations.map((op) => [op.operationId, op]));
    for (const id of ['getHealth', 'createSession', 'agentLogin', 'putCustomer', 'getCustomer', 'getMe', 'putProduct', 'listProducts']) {
      assert.ok(byId[id], `${id} is documented`);
    }
    const put = byId.putCustomer;
    assert.equal(put.path, '/v1/customers/{id}');
    assert.deepEqual(put.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`), ['path:id']);
    assert.ok(put.requestBody.content['application/json'].schema.properties.firstName);
    assert.equal(put.responses['400'].content['application/problem+json'].schema.$ref, '#/components/schemas/Problem');
    assert.deepEqual(put.security, [{ secretKey: [] }]);
    assert.ok(byId.getMe.responses['200'].content['application/json'].schema.properties.points);
  });

  test('unknown paths and oversized bodies are problems too', async () => {
    const missing = await app.request('/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
    const huge = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk_live_x', 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(huge.status, 413);
  });

  test('no answer under /v1 may be cached or sniffed as another type', async () => {
    const answers = {
      answer: await app.request('/v1/health'),
      document: await app.request('/v1/openapi.json'),
      problem: await app.request('/v1/me'),
      unknown: await app.request('/v1/nothing-here'),
      tooLarge: await app.request('/v1/sessions', {
        method: 'POST',
        headers: { authorization: 'Bearer sk_live_x', 'content-type': 'application/json' },
        body: 'x'.repeat(2 * 1024 * 1024),
      }),
      preflight: await app.request('/v1/me', { method: 'OPTIONS', headers: { origin: 'https://nobody.example' } }),
    };
    for (const [kind, response] of Object.entries(answers)) {
      assert.equal(response.headers.get('cache-control'), 'no-store', kind);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', kind);
    }
  });
});
