import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { RecommendationModel, type TrainingData } from './model.ts';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 1);

function data(): TrainingData {
  const products = ['tent', 'sleeping-bag', 'stove', 'yoga-mat', 'dumbbells', 'kettle', 'mug'].map((id) => ({ id, name: id, category: id === 'kettle' || id === 'mug' ? 'home' : 'sport' }));
  const purchases: Array<TrainingData['purchases'][number]> = [];
  let order = 0;
  const buy = (customer: string, items: string[], daysAgo: number) => {
    order++;
    for (const product of items) purchases.push({ customer, product, order: `o${order}`, at: now - daysAgo * day });
  };
  // Campers buy the tent with the sleeping bag, and often a stove; home shoppers a kettle and mugs.
  for (let i = 0; i < 20; i++) buy(`camper${i}`, ['tent', 'sleeping-bag'], 10 + i);
  for (let i = 0; i < 12; i++) buy(`camper${i}`, ['stove'], 5);
  for (let i = 0; i < 30; i++) buy(`home${i}`, ['kettle', 'mug'], 3 + i);
  buy('fit', ['yoga-mat'], 2);
  return { now, products, purchases, wishes: [], tiers: new Map([['camper0', 'top']]) };
}

describe('recommendation model', () => {
  const model = RecommendationModel.build(data());
  const ids = (picks: Array<{ productId: string }>) => picks.map((p) => p.productId);

  test('recommends what people who bought the same things bought, naming that purchase as the reason', () => {
    const picks = model.recommend({ history: [{ product: 'tent', at: now - day, kind: 'bought' }], now, limit: 3, skip: (id) => id === 'tent' });
    assert.equal(picks[0]!.productId, 'sleeping-bag');
    assert.deepEqual(picks[0]!.reason, { kind: 'bought', product: { id: 'tent', name: 'tent' } });
    assert.ok(!ids(picks).includes('tent'));
  });

  test('on a product page, what is bought together with it comes first', () => {
    const picks = model.recommend({ history: [], contextProduct: 'kettle', now, limit: 2, skip: () => false });
    assert.equal(picks[0]!.productId, 'mug');
    assert.deepEqual(picks[0]!.reason, { kind: 'together', product: { id: 'kettle', name: 'kettle' } });
    assert.ok(!ids(picks).includes('kettle'), 'never the product itself');
  });

  test('a newcomer gets what sells', () => {
    const picks = model.recommend({ history: [], now, limit: 3, skip: () => false });
    assert.deepEqual(ids(picks), ['kettle', 'mug', 'tent']);
    assert.deepEqual(picks[0]!.reason, { kind: 'popular' });
  });

  test('recent history weighs more than old history', () => {
    const picks = model.recommend({
      history: [
        { product: 'tent', at: now - 400 * day, kind: 'bought' },
        { product: 'kettle', at: now - day, kind: 'bought' },
      ],
      now,
      limit: 1,
      skip: (id) => id === 'tent' || id === 'kettle',
    });
    assert.equal(picks[0]!.productId, 'mug');
  });
});

describe('recommendations API', () => {
  const clock = manualClock('2026-11-01T12:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  const order = (id: string, customerId: string, productIds: string[]) =>
    store.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({
        id,
        customerId,
        currency: 'CLP',
        lines: productIds.map((productId) => ({ productId, quantity: 1, unitPrice: 10_000 })),
        total: 10_000 * productIds.length,
        payment: { method: 'other' },
      }),
    });
  const product = (id: string, stock = 10) => store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name: `Producto ${id}`, category: 'c', price: 10_000, stock }) });
  const mine = async (customerId: string, query = '') => json(await store.asShopper(await store.sessionFor(customerId), `/v1/me/recommendations${query}`));

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app);
    for (const id of ['a', 'b', 'c', 'd', 'e']) await product(id);
    for (let i = 0; i < 10; i++) {
      await store.putCustomer(`c${i}`);
      await order(`o${i}`, `c${i}`, ['a', 'b']);
    }
    for (let i = 0; i < 6; i++) await order(`oc${i}`, `c${i}`, ['c']);
    await store.putCustomer('new');
    await store.putCustomer('shopper');
    await order('mine', 'shopper', ['a']);
    await app.deps.recommendations.rebuild(store.merchant.id);
  });
  after(() => app.close());

  test('a shopper gets what goes with their purchases, never what they bought, each with a reason', async () => {
    const { items, modelBuiltAt } = await mine('shopper', '?limit=3');
    assert.equal(items[0].product.id, 'b');
    assert.deepEqual(items[0].reason, { kind: 'bought', product: { id: 'a', name: 'Producto a' } });
    assert.ok(items.every((item: { product: { id: string } }) => item.product.id !== 'a'));
    assert.ok(modelBuiltAt);
  });

  test('never out of stock, even when it would rank first', async () => {
    await product('b', 0);
    const { items } = await mine('shopper', '?limit=3');
    assert.ok(!items.some((item: { product: { id: string } }) => item.product.id === 'b'));
    await product('b', 10);
  });

  test('with repeat purchases allowed, what the shopper bought may come back', async () => {
    await store.asMerchant('/v1/recommendation-settings', { method: 'PUT', body: JSON.stringify({ repeatPurchases: true }) });
    const { items } = await mine('c0', '?limit=5');
    assert.ok(items.some((item: { product: { id: string } }) => item.product.id === 'a' || item.product.id === 'b'));
    await store.asMerchant('/v1/recommendation-settings', { method: 'PUT', body: JSON.stringify({ repeatPurchases: false }) });
    const without = await mine('c0', '?limit=5');
    assert.ok(!without.items.some((item: { product: { id: string } }) => ['a', 'b', 'c'].includes(item.product.id)));
  });

  test('a purchase counts at once, before the model is rebuilt', async () => {
    await order('fresh', 'new', ['c']);
    const { items } = await mine('new', '?limit=5');
    assert.ok(!items.some((item: { product: { id: string } }) => item.product.id === 'c'));
  });

  test('visitors get bought-together and popular items with the publishable key alone', async () => {
    const response = await app.request('/v1/recommendations?limit=2&contextProduct=a', { headers: { 'x-publishable-key': store.publishableKey } });
    assert.equal(response.status, 200);
    const { items } = await json(response);
    assert.equal(items[0].product.id, 'b');
    assert.equal(items[0].reason.kind, 'together');
    const popular = await json(await app.request('/v1/recommendations?limit=2', { headers: { 'x-publishable-key': store.publishableKey } }));
    assert.deepEqual(popular.items.map((i: { reason: { kind: string } }) => i.reason.kind), ['popular', 'popular']);
    assert.equal((await app.request('/v1/recommendations')).status, 401);
  });

  test('bad parameters are 400 problems', async () => {
    const token = await store.sessionFor('shopper');
    for (const query of ['?limit=0', '?limit=51', '?limit=abc', '?contextProduct=%3Cx%3E']) {
      const response = await store.asShopper(token, `/v1/me/recommendations${query}`);
      assert.equal(response.status, 400, query);
    }
  });
});
