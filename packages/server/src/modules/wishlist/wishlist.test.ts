import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, type TestApp, type TestMerchant } from '../../testing/test-app.ts';

describe('wishlist', () => {
  let app: TestApp;
  let store: TestMerchant;
  const put = async (customerId: string, productId: string, body: unknown = {}) =>
    store.asShopper(await store.sessionFor(customerId), `/v1/me/wishlist/items/${productId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const remove = async (customerId: string, productId: string) =>
    store.asShopper(await store.sessionFor(customerId), `/v1/me/wishlist/items/${productId}`, { method: 'DELETE' });
  const list = async (customerId: string) => json(await store.asShopper(await store.sessionFor(customerId), '/v1/me/wishlist'));
  const alerts = async (customerId: string, query = '') => json(await store.asShopper(await store.sessionFor(customerId), `/v1/me/notifications${query}`));
  const product = (id: string, price: number, stock: number) =>
    store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name: `Producto ${id}`, price, stock }) });

  before(async () => {
    app = await createTestApp();
    store = await createTestMerchant(app);
    for (const id of ['ana', 'bruno', 'carla']) await store.putCustomer(id);
    await product('lamp', 50_000, 3);
    await product('mug', 9_990, 0);
  });
  after(() => app.close());

  test('PUT saves once however often it is sent, and keeps what it is not told to change', async () => {
    const first = await put('ana', 'lamp', { note: 'Para el living' });
    assert.equal(first.status, 201);
    const item = await json(first);
    assert.deepEqual([item.note, item.alerts, item.priceWhenAdded.amount], ['Para el living', { priceDrop: true, backInStock: true }, 50_000]);
    const again = await put('ana', 'lamp', { alerts: { backInStock: false } });
    assert.equal(again.status, 200);
    const changed = await json(again);
    assert.equal(changed.note, 'Para el living');
    assert.deepEqual(changed.alerts, { priceDrop: true, backInStock: false });
    assert.equal(changed.addedAt, item.addedAt);
    assert.equal((await list('ana')).items.length, 1);
  });

  test('DELETE takes it off, and taking off twice is fine', async () => {
    await put('bruno', 'mug');
    assert.equal((await remove('bruno', 'mug')).status, 204);
    assert.equal((await remove('bruno', 'mug')).status, 204);
    assert.deepEqual((await list('bruno')).items, []);
  });

  test('unknown products and bad notes are 4xx problems that change nothing', async () => {
    assert.equal((await put('ana', 'nope')).status, 404);
    const long = await put('ana', 'lamp', { note: 'x'.repeat(501) });
    assert.equal(long.status, 400);
    assert.equal((await json(long)).errors[0].field, 'note');
    assert.equal((await list('ana')).items[0].note, 'Para el living');
  });

  test('a lower price alerts those who asked; a restock alerts those who asked for that; nobody else', async () => {
    await put('bruno', 'lamp', { alerts: { priceDrop: false } });
    await put('carla', 'mug');
    await put('ana', 'mug', { alerts: { backInStock: false } });
    await product('lamp', 45_000, 3); // price drop
    await product('lamp', 47_000, 3); // a rise alerts no one
    await product('mug', 9_990, 12); // back in stock
    const ana = await alerts('ana');
    assert.deepEqual(
      ana.items.map((n: { kind: string; product: { id: string }; previousPrice: { amount: number } | null; price: { amount: number } }) => [n.kind, n.product.id, n.previousPrice?.amount ?? null, n.price.amount]),
      [['price-drop', 'lamp', 50_000, 45_000]],
    );
    assert.equal(ana.unread, 1);
    assert.deepEqual((await alerts('bruno')).items, []);
    const carla = await alerts('carla');
    assert.deepEqual(carla.items.map((n: { kind: string }) => n.kind), ['back-in-stock']);
    const wishlist = await list('ana');
    const lamp = wishlist.items.find((i: { product: { id: string } }) => i.product.id === 'lamp');
    assert.deepEqual([lamp.priceWhenAdded.amount, lamp.product.price.amount], [50_000, 47_000]);
  });

  test('alerts are marked read, listed or all', async () => {
    const { items } = await alerts('ana');
    const token = await store.sessionFor('ana');
    const mark = (body: unknown) =>
      store.asShopper(token, '/v1/me/notifications/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.deepEqual(await json(await mark({ ids: [items[0].id] })), { unread: 0 });
    assert.equal((await alerts('ana', '?unread=true')).items.length, 0);
    assert.equal((await alerts('ana')).items[0].readAt !== null, true);
    assert.equal((await mark({ ids: ['not a number'] })).status, 400);
    assert.deepEqual(await json(await mark({})), { unread: 0 });
  });

  test("a shopper never sees another's wishlist or alerts, and another store's products cannot be saved", async () => {
    assert.deepEqual((await list('bruno')).items.map((i: { product: { id: string } }) => i.product.id), ['lamp']);
    const other = await createTestMerchant(app);
    await other.putCustomer('ana');
    const otherAna = await other.sessionFor('ana');
    assert.deepEqual(await json(await other.asShopper(otherAna, '/v1/me/wishlist')), { items: [] });
    assert.deepEqual((await json(await other.asShopper(otherAna, '/v1/me/notifications'))).items, []);
    const stolen = await other.asShopper(otherAna, '/v1/me/wishlist/items/lamp', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(stolen.status, 404);
    // Marking ids of someone else's alerts reads none of them.
    const carlaAlert = (await alerts('carla')).items[0].id;
    await store.asShopper(await store.sessionFor('bruno'), '/v1/me/notifications/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [carlaAlert] }) });
    assert.equal((await alerts('carla')).unread, 1);
  });
});
