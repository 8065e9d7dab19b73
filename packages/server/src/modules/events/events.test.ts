import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { budgetsBeyondReach, createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';

const visitorId = 'v-7f3c2a9e4b1d4e8a';

describe('browsing events', () => {
  const clock = manualClock('2026-11-01T12:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;
  const page = (merchant: TestMerchant, token?: string) => ({
    'x-publishable-key': merchant.publishableKey,
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const send = (body: unknown, headers: Record<string, string> = page(store)) => app.request('/v1/events', { method: 'POST', headers, body: JSON.stringify(body) });
  const event = (productId: string, kind: 'view' | 'cart' = 'view', at = clock()) => ({ productId, kind, at: at.toISOString() });
  const stored = async (where: { customerId?: string; visitorId?: string }) =>
    app.deps.db
      .selectFrom('browsingEvents')
      .select(['productId', 'kind', 'customerId', 'visitorId'])
      .where('merchantId', '=', store.merchant.id)
      .where(where.customerId ? 'customerId' : 'visitorId', '=', (where.customerId ?? where.visitorId)!)
      .orderBy('id')
      .execute();

  before(async () => {
    app = await createTestApp({ clock, rateLimits: { ...budgetsBeyondReach, eventsPerSubject: { limit: 40, windowSeconds: 60 } } });
    store = await createTestMerchant(app);
    other = await createTestMerchant(app);
    for (const id of ['tent', 'bag', 'stove']) {
      await store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name: id, category: 'outdoor', price: 10_000, stock: 5 }) });
    }
    await store.putCustomer('ana');
    await store.consent('ana', { profiling: true });
    await other.putCustomer('ana');
  });
  after(() => app.close());

  test("a visitor's views and cart adds are kept under the id their device keeps; unknown products and stale events are not", async () => {
    const response = await send({
      visitorId,
      events: [event('tent'), event('bag', 'cart'), event('not-ours'), event('stove', 'view', new Date(clock().getTime() - 2 * 86_400_000))],
    });
    assert.equal(response.status, 202);
    assert.deepEqual(await json(response), { accepted: 2 });
    assert.deepEqual(
      (await stored({ visitorId })).map((row) => [row.productId, row.kind]),
      [
        ['tent', 'view'],
        ['bag', 'cart'],
      ],
    );
  });

  test('a time ahead of the server’s counts as now', async () => {
    const ahead = 'v-ahead-0123456789ab';
    assert.equal((await send({ visitorId: ahead, events: [event('tent', 'view', new Date(clock().getTime() + 365 * 86_400_000))] })).status, 202);
    const [row] = await app.deps.db.selectFrom('browsingEvents').select('at').where('visitorId', '=', ahead).execute();
    assert.equal(row!.at.getTime(), clock().getTime());
  });

  test('bad batches are 400 problems naming the field, and nothing is kept', async () => {
    const before = (await app.deps.db.selectFrom('browsingEvents').select('id').execute()).length;
    const bad: Array<[unknown, string]> = [
      [{ visitorId, events: [] }, 'body.events'],
      [{ visitorId, events: Array.from({ length: 51 }, () => event('tent')) }, 'body.events'],
      [{ visitorId, events: [{ ...event('tent'), kind: 'purchase' }] }, 'body.events.0.kind'],
      [{ visitorId, events: [{ ...event('tent'), at: 'yesterday' }] }, 'body.events.0.at'],
      [{ visitorId: 'short', events: [event('tent')] }, 'body.visitorId'],
      [{ events: [event('tent')] }, 'body.visitorId'],
    ];
    for (const [body, field] of bad) {
      const response = await send(body);
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 80));
      const problem = await json(response);
      assert.ok(problem.errors.some((error: { in: string; field: string }) => `${error.in}.${error.field}`.startsWith(field)), `${field}: ${JSON.stringify(problem.errors)}`);
    }
    assert.equal((await app.deps.db.selectFrom('browsingEvents').select('id').execute()).length, before);
  });

  test('with a session token they are the shopper’s, and the visitor’s earlier ones join them', async () => {
    const token = await store.sessionFor('ana');
    const response = await send({ visitorId, events: [event('stove')] }, page(store, token));
    assert.equal(response.status, 202);
    assert.deepEqual((await stored({ customerId: 'ana' })).map((row) => row.productId), ['tent', 'bag', 'stove']);
    assert.deepEqual(await stored({ visitorId }), []);
  });

  test('only a real session of this store names a shopper', async () => {
    assert.equal((await send({ events: [event('tent')] }, page(store, 'not-a-token'))).status, 401);
    const elsewhere = await other.sessionFor('ana');
    assert.equal((await send({ events: [event('tent')] }, page(store, elsewhere))).status, 401);
    assert.equal((await send({ visitorId, events: [event('tent')] }, { 'content-type': 'application/json' })).status, 401);
    assert.deepEqual(
      await app.deps.db.selectFrom('browsingEvents').select('id').where('merchantId', '=', other.merchant.id).execute(),
      [],
      'nothing reached the other store',
    );
  });

  test('a shopper’s browsing leads their list: what goes with what they looked at', async () => {
    for (let i = 0; i < 4; i++) {
      await store.putCustomer(`camper${i}`);
      const placed = await store.asMerchant('/v1/orders', {
        method: 'POST',
        body: JSON.stringify({
          id: `camping-${i}`,
          customerId: `camper${i}`,
          currency: 'CLP',
          lines: ['tent', 'bag'].map((productId) => ({ productId, quantity: 1, unitPrice: 10_000 })),
          total: 20_000,
          payment: { method: 'other' },
        }),
      });
      assert.equal(placed.status, 201);
    }
    await store.putCustomer('browser');
    await store.consent('browser', { profiling: true });
    await app.deps.recommendations.rebuild(store.merchant.id);
    const token = await store.sessionFor('browser');
    await send({ events: [event('tent'), event('tent')] }, page(store, token));
    const { items } = await json(await store.asShopper(token, '/v1/me/recommendations?limit=1'));
    assert.deepEqual(items[0].reason, { kind: 'together', product: { id: 'tent', name: 'tent' } });
    assert.equal(items[0].product.id, 'bag');
  });

  test('storage stays bounded: the latest 200 per visitor or shopper, and 90 days', async () => {
    const busy = 'v-busy-0123456789ab';
    for (let batch = 0; batch < 5; batch++) {
      assert.equal((await send({ visitorId: busy, events: Array.from({ length: 50 }, () => event('tent')) })).status, 202);
    }
    assert.equal((await stored({ visitorId: busy })).length, 200);
    clock.advance(91 * 86_400_000);
    await send({ visitorId: 'v-later-0123456789ab', events: [event('bag')] });
    const left = await app.deps.db.selectFrom('browsingEvents').select('visitorId').where('merchantId', '=', store.merchant.id).execute();
    assert.deepEqual(
      left.map((row) => row.visitorId),
      ['v-later-0123456789ab'],
    );
  });

  test('a visitor sending too fast is held back (429), as the budgets say', async () => {
    const fast = 'v-fast-0123456789ab';
    let status = 202;
    for (let i = 0; i < 41 && status === 202; i++) status = (await send({ visitorId: fast, events: [event('tent')] })).status;
    assert.equal(status, 429);
  });
});
