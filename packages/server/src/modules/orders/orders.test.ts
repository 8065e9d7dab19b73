import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';

describe("orders: the shopper's list and detail, and fulfilment with its history", () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;
  let ana: string;
  const asAna = async (path: string) => store.asShopper(ana, path);
  const order = (merchant: TestMerchant, id: string, placedAt: string, lines: Array<[string, number]>, payment: object = { method: 'other' }) => {
    const total = lines.reduce((sum, [, price]) => sum + price, 0);
    return merchant.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id, customerId: 'ana', placedAt, currency: 'CLP', lines: lines.map(([productId, unitPrice]) => ({ productId, quantity: 1, unitPrice })), total, payment }),
    });
  };
  const fulfil = (merchant: TestMerchant, id: string, body: object) => merchant.asMerchant(`/v1/orders/${id}/fulfillment`, { method: 'PUT', body: JSON.stringify(body) });

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app);
    other = await createTestMerchant(app);
    await store.putCustomer('ana');
    await store.putCustomer('bruno', { firstName: 'Bruno' });
    await other.putCustomer('ana');
    for (const [id, name, stock] of [['zapatilla', 'Zapatilla trail', 4], ['mochila', 'Mochila 20 L', 0]] as const) {
      assert.ok((await store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name, price: 30_000, stock }) })).ok);
    }
    assert.ok((await other.asMerchant('/v1/products/zapatilla', { method: 'PUT', body: JSON.stringify({ name: 'Otra', price: 1, stock: 1 }) })).ok);
    await store.asMerchant('/v1/customers/ana/card', { method: 'PUT', body: JSON.stringify({ creditLimit: 1_000_000 }) });
    for (let i = 1; i <= 3; i++) assert.equal((await order(store, `o-${i}`, `2026-03-0${i}T12:00:00Z`, [['zapatilla', 30_000], ['mochila', 20_000]])).status, 201);
    assert.equal((await order(store, 'o-card', '2026-03-05T12:00:00Z', [['zapatilla', 60_000]], { method: 'store-card', installments: 3 })).status, 201);
    assert.equal((await order(other, 'o-otra', '2026-03-05T12:00:00Z', [['zapatilla', 1]])).status, 201);
    ana = await store.sessionFor('ana');
  });
  after(() => app.close());

  test('the list pages with a cursor, the latest first, each order pending until the store reports', async () => {
    const first = await json(await asAna('/v1/me/orders?limit=2'));
    assert.deepEqual(first.items.map((item: { id: string }) => item.id), ['o-card', 'o-3']);
    assert.equal(first.items[1].fulfillment.status, 'pending');
    assert.deepEqual(first.items[1].items, ['Zapatilla trail', 'Mochila 20 L']);
    const second = await json(await asAna(`/v1/me/orders?limit=2&after=${first.nextCursor}`));
    assert.deepEqual(second.items.map((item: { id: string }) => item.id), ['o-2', 'o-1']);
    assert.equal(second.nextCursor, null);
    assert.equal((await asAna('/v1/me/orders?after=not-a-cursor')).status, 400);
  });

  test('the detail has lines with names and what can be bought again, the card payment, points and refunds', async () => {
    assert.equal((await store.asMerchant('/v1/refunds', { method: 'POST', body: JSON.stringify({ id: 'r-1', orderId: 'o-card', amount: 10_000 }) })).status, 201);
    const detail = await json(await asAna('/v1/me/orders/o-card'));
    assert.deepEqual(detail.payment, { method: 'store-card', installments: 3, withInterest: false });
    assert.deepEqual(detail.lines.map((line: { name: string; available: boolean }) => [line.name, line.available]), [['Zapatilla trail', true]]);
    assert.equal(detail.refunds[0].amount.amount, 10_000);
    const points = (await json(await store.asMerchant('/v1/customers/ana/points/history'))).items as Array<{ reference: string; amount: number }>;
    assert.equal(detail.pointsEarned, points.filter((entry) => entry.reference === 'o-card').reduce((sum, entry) => sum + entry.amount, 0));
    assert.ok(detail.pointsEarned > 0);
    const mixed = await json(await asAna('/v1/me/orders/o-1'));
    assert.deepEqual(mixed.lines.map((line: { available: boolean }) => line.available), [true, false]);
  });

  test("another shopper's or another store's order is not found", async () => {
    assert.equal((await store.asShopper(await store.sessionFor('bruno'), '/v1/me/orders/o-1')).status, 404);
    assert.equal((await asAna('/v1/me/orders/o-otra')).status, 404);
    assert.deepEqual((await json(await store.asShopper(await store.sessionFor('bruno'), '/v1/me/orders'))).items, []);
  });

  test('fulfilment: each change joins the history and sends a webhook; the same state again changes nothing', async () => {
    const hooks = await store.asMerchant('/v1/webhook-endpoints', { method: 'POST', body: JSON.stringify({ url: 'https://93.184.215.14/hooks', events: ['fulfillment.updated'] }) });
    assert.equal(hooks.status, 201, await hooks.clone().text());
    const shipped = { status: 'shipped', carrier: 'Chilexpress', trackingNumber: 'CX-991', trackingUrl: 'https://track.example/CX-991', at: '2026-03-06T10:00:00Z' };
    assert.equal((await fulfil(store, 'o-3', { status: 'preparing', at: '2026-03-04T10:00:00Z' })).status, 200);
    const answered = await json(await fulfil(store, 'o-3', shipped));
    assert.deepEqual(answered.history.map((change: { status: string }) => change.status), ['preparing', 'shipped']);
    const again = await json(await fulfil(store, 'o-3', shipped));
    assert.equal(again.history.length, 2);
    const deliveries = (await json(await store.asMerchant('/v1/webhook-deliveries'))).items as Array<{ eventType: string }>;
    assert.equal(deliveries.filter((delivery) => delivery.eventType === 'fulfillment.updated').length, 2);
    const detail = await json(await asAna('/v1/me/orders/o-3'));
    assert.equal(detail.fulfillment.status, 'shipped');
    assert.equal(detail.fulfillment.trackingUrl, 'https://track.example/CX-991');
    assert.equal(detail.fulfillment.history.length, 2);
    const list = await json(await asAna('/v1/me/orders?limit=2'));
    assert.equal(list.items[1].fulfillment.carrier, 'Chilexpress');
  });

  test("bad reports are problems that change nothing, and another store's order is not found", async () => {
    const before = await json(await asAna('/v1/me/orders/o-2'));
    const cases: Array<[TestMerchant, string, object, number, string?]> = [
      [other, 'o-2', { status: 'shipped' }, 404],
      [store, 'o-otra', { status: 'shipped' }, 404],
      [store, 'o-2', { status: 'lost' }, 400, 'status'],
      [store, 'o-2', { status: 'shipped', trackingUrl: 'javascript:alert(1)' }, 400, 'trackingUrl'],
      [store, 'o-2', { status: 'shipped', carrier: 'x'.repeat(81) }, 400, 'carrier'],
      [store, 'o-2', { status: 'shipped', at: '2026-03-01T00:00:00Z' }, 400, 'at'],
      [store, 'o-2', { status: 'shipped', at: '2026-04-01T00:00:00Z' }, 400, 'at'],
    ];
    for (const [merchant, id, body, status, field] of cases) {
      const response = await fulfil(merchant, id, body);
      assert.equal(response.status, status, JSON.stringify(body));
      assert.match(response.headers.get('content-type') ?? '', /problem\+json/);
      if (field) assert.equal((await json(response)).errors[0].field, field);
    }
    assert.deepEqual(await json(await asAna('/v1/me/orders/o-2')), before);
    assert.equal((await json(await other.asShopper(await other.sessionFor('ana'), '/v1/me/orders/o-otra'))).fulfillment.status, 'pending');
  });

  test('asking about an order attaches it to a new conversation, read from the order; another\'s is not found', async () => {
    const start = (orderId: string, clientId: string) =>
      store.asShopper(ana, '/v1/me/conversations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, subject: 'Mi pedido', message: { clientId: `${clientId}-m`, body: '¿Dónde está?' }, attachment: { kind: 'order', orderId } }),
      });
    const started = await start('o-3', 'conversa-pedido');
    assert.equal(started.status, 201, await started.clone().text());
    const conversation = await json(started);
    assert.equal(conversation.attachment.kind, 'order');
    assert.equal(conversation.attachment.order.fulfillment.status, 'shipped');
    assert.deepEqual(conversation.attachment.order.items, ['Zapatilla trail', 'Mochila 20 L']);
    assert.equal((await start('o-otra', 'conversa-ajena')).status, 404);
  });
});
