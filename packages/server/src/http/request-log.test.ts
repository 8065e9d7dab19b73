import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { createTestApp, createTestMerchant, json, type TestApp, type TestMerchant } from '../testing/test-app.ts';

/**
 * Every request is named, in its answer and in the log: one access line each,
 * with no key, token, query or body in it, and the cause of an unexpected
 * error logged under the same id the caller sees.
 */
describe('request ids and the access log', () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  let app: TestApp;
  let store: TestMerchant;
  const lineOf = (requestId: string | null) => lines.filter((line) => line.requestId === requestId);

  before(async () => {
    app = await createTestApp({ logger });
    // Before the first request: the router is built then.
    app.app.get('/broken', () => {
      throw new Error('a bug with a stack');
    });
    store = await createTestMerchant(app);
    await store.putCustomer('ana');
  });
  after(() => app?.close());

  test("each answer carries a request id: the caller's when well formed, a new one otherwise", async () => {
    const made = await app.request('/v1/health');
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const kept = await app.request('/v1/health', { headers: { 'x-request-id': 'lb-4f2a:9' } });
    assert.equal(kept.headers.get('x-request-id'), 'lb-4f2a:9');
    const replaced = await app.request('/v1/health', { headers: { 'x-request-id': 'no spaces <or> markup' } });
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const elsewhere = await app.request('/nothing-here');
    assert.ok(elsewhere.headers.get('x-request-id'));
  });

  test('a problem document names the request it answers', async () => {
    const refused = await app.request('/v1/me', { headers: { 'x-request-id': 'req-refused' } });
    assert.equal(refused.status, 401);
    assert.equal((await json(refused)).requestId, 'req-refused');
    assert.equal(refused.headers.get('x-request-id'), 'req-refused');
  });

  test('one line per request, with the store once known, and no key, token or query', async () => {
    const token = await store.sessionFor('ana');
    const answer = await store.asShopper(token, '/v1/me/points/history?limit=5', { headers: { 'x-request-id': 'req-points' } });
    assert.equal(answer.status, 200);
    const [line, ...more] = lineOf('req-points');
    assert.equal(more.length, 0);
    assert.equal(line?.msg, 'request');
    assert.equal(line?.level, 30);
    assert.deepEqual(
      { method: line?.method, path: line?.path, status: line?.status, merchantId: line?.merchantId },
      { method: 'GET', path: '/v1/me/points/history', status: 200, merchantId: store.merchant.id },
    );
    assert.equal(typeof line?.ms, 'number');
    const written = JSON.stringify(lines);
    for (const secret of [token, store.secretKey, store.publishableKey, 'limit=5']) assert.ok(!written.includes(secret), 'nothing secret in the log');
  });

  test('an unexpected error is a 500 whose cause is logged under the request id', async () => {
    const answer = await app.request('/broken', { headers: { 'x-request-id': 'req-broken' } });
    assert.equal(answer.status, 500);
    const problem = await json(answer);
    assert.equal(problem.requestId, 'req-broken');
    assert.ok(!JSON.stringify(problem).includes('a bug with a stack'), 'the cause stays in the log');
    const [error, access] = lineOf('req-broken');
    assert.equal(error?.level, 50);
    assert.equal((error?.err as { message?: string } | undefined)?.message, 'a bug with a stack');
    assert.equal(access?.status, 500);
  });
});
