import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { namedReason, noSteering, RecommendationModel, type HistoryItem, type TrainingData } from './model.ts';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 1);

/**
 * A small store with a shape a shopper would recognise: espresso machines in
 * two brands, bought once each and with coffee, which comes back every month;
 * tents with sleeping bags; kettles with mugs; a lamp one shopper bought with
 * a blender once.
 */
function store(): TrainingData {
  const product = (id: string, category: string, type: string) => ({ id, name: id, category, type });
  const products = [
    product('machine-a', 'kitchen', 'espresso machine'),
    product('machine-b', 'kitchen', 'espresso machine'),
    product('coffee-a', 'pantry', 'coffee'),
    product('coffee-b', 'pantry', 'coffee'),
    product('descaler', 'pantry', 'descaler'),
    product('kettle', 'kitchen', 'kettle'),
    product('mug', 'kitchen', 'mug'),
    product('tent', 'outdoor', 'tent'),
    product('sleeping-bag', 'outdoor', 'sleeping bag'),
    product('stove', 'outdoor', 'stove'),
    product('lamp', 'home', 'lamp'),
    product('blender', 'kitchen', 'blender'),
  ];
  const purchases: Array<TrainingData['purchases'][number]> = [];
  let order = 0;
  const buy = (customer: string, items: string[], daysAgo: number) => {
    order++;
    for (const id of items) purchases.push({ customer, product: id, order: `o${order}`, at: now - daysAgo * day });
  };
  for (let i = 0; i < 30; i++) {
    const start = 300 - i * 5;
    buy(`coffee${i}`, [i % 2 === 0 ? 'machine-a' : 'machine-b', 'coffee-a', ...(i % 3 === 0 ? ['descaler'] : [])], start);
    for (let month = 1; month <= 3; month++) buy(`coffee${i}`, [i % 4 === 0 ? 'coffee-b' : 'coffee-a'], start - 30 * month);
  }
  for (let i = 0; i < 20; i++) buy(`camper${i}`, ['tent', 'sleeping-bag', ...(i % 2 === 0 ? ['stove'] : [])], 10 + i);
  for (let i = 0; i < 25; i++) buy(`home${i}`, ['kettle', 'mug'], 3 + i);
  buy('odd', ['lamp', 'blender'], 50);
  return { now, products, purchases, wishes: [], tiers: new Map([['camper0', 'top']]) };
}

describe('recommendation model', () => {
  const model = RecommendationModel.build(store());
  const ids = (picks: Array<{ productId: string }>) => picks.map((p) => p.productId);
  const bought = (product: string, daysAgo: number): HistoryItem => ({ product, at: now - daysAgo * day, kind: 'bought' });

  test('learns from the orders what is bought again and when: coffee monthly, an espresso machine never', () => {
    const coffee = model.repurchaseOf('coffee-b')!;
    assert.equal(coffee.durable, false);
    assert.ok(coffee.cycleDays !== undefined && Math.abs(coffee.cycleDays - 30) <= 3, `coffee every ${coffee.cycleDays} days`);
    assert.equal(model.repurchaseOf('machine-b')!.durable, true, 'nobody bought a second espresso machine');
    assert.equal(model.repurchaseOf('tent')!.durable, true);
  });

  test('after an espresso machine: coffee and the descaler, never another espresso machine', () => {
    const picks = model.recommend({ history: [bought('machine-a', 5)], now, limit: 6 });
    assert.ok(!ids(picks).includes('machine-b'), `no second machine in ${ids(picks)}`);
    assert.equal(picks[0]!.productId, 'coffee-a');
    assert.deepEqual(picks[0]!.reason, { kind: 'bought', product: { id: 'machine-a', name: 'machine-a' } });
    assert.ok(ids(picks).includes('descaler'));
  });

  test('a durable bought long ago (past its window) no longer holds its substitutes back', () => {
    const picks = model.recommend({ history: [bought('machine-a', 400)], now, limit: 12 });
    assert.ok(ids(picks).includes('machine-b'));
  });

  test('another brand of what is bought again is no substitute to hold back', () => {
    const picks = model.recommend({ history: [bought('coffee-a', 10)], now, limit: 12 });
    assert.ok(ids(picks).includes('coffee-b'));
  });

  test('on a product page, what goes with it and nothing of the shopper’s own list, in the order of their tastes', () => {
    const visitor = model.recommend({ history: [], context: ['tent'], now, limit: 3 });
    assert.deepEqual(ids(visitor).slice(0, 2).sort(), ['sleeping-bag', 'stove']);
    assert.deepEqual(visitor[0]!.reason, { kind: 'together', product: { id: 'tent', name: 'tent' } });
    // A coffee drinker looking at a tent gets what goes with the tent, not coffee.
    const coffeeDrinker = model.recommend({ history: [bought('machine-a', 5), bought('coffee-a', 5)], context: ['tent'], now, limit: 3 });
    assert.deepEqual(ids(coffeeDrinker).slice(0, 2).sort(), ['sleeping-bag', 'stove']);
    assert.ok(!ids(coffeeDrinker).some((id) => id.startsWith('coffee') || id === 'descaler'));
  });

  test('on a product page, never the product nor another of its type', () => {
    const picks = model.recommend({ history: [], context: ['machine-a'], now, limit: 10 });
    assert.ok(!ids(picks).includes('machine-a') && !ids(picks).includes('machine-b'), ids(picks).join());
    assert.equal(picks[0]!.productId, 'coffee-a');
  });

  test('a reason names a product only when that product drives the suggestion with enough support', () => {
    // One shopper bought a lamp with a blender: too few to say "because you bought the lamp".
    const picks = model.recommend({ history: [bought('lamp', 3)], now, limit: 12 });
    const blender = picks.find((pick) => pick.productId === 'blender');
    if (blender) assert.notDeepEqual(blender.reason, { kind: 'bought', product: { id: 'lamp', name: 'lamp' } });
    for (const pick of model.recommend({ history: [bought('lamp', 3), bought('tent', 3)], now, limit: 12 })) {
      if (pick.reason.kind === 'bought') assert.equal(pick.reason.product.id, 'tent', `${pick.productId} names ${pick.reason.product.id}`);
    }
    assert.ok(namedReason.minSupport >= 3);
  });

  test('a newcomer gets what sells, each said to be popular, in its category when it is among the best there', () => {
    const picks = model.recommend({ history: [], now, limit: 3 });
    assert.deepEqual(ids(picks), [...model.popular()].slice(0, 3));
    for (const pick of picks) assert.equal(pick.reason.kind, 'popular');
  });

  test('what the shopper looked at and put in the cart lately brings what goes with it', () => {
    const history: HistoryItem[] = [{ product: 'tent', at: now - 3_600_000, kind: 'carted' }];
    const picks = model.recommend({ history, now, limit: 2 });
    assert.deepEqual(ids(picks).sort(), ['sleeping-bag', 'stove']);
    assert.deepEqual(picks[0]!.reason, { kind: 'together', product: { id: 'tent', name: 'tent' } });
  });

  test('with repeat purchases, coffee comes back once it is due, an espresso machine never', () => {
    const steering = { ...noSteering, repeatPurchases: true };
    const due = model.recommend({ history: [bought('machine-a', 40), bought('coffee-a', 40)], now, limit: 12, steering });
    assert.equal(due[0]!.productId, 'coffee-a');
    assert.deepEqual(due[0]!.reason, { kind: 'bought', product: { id: 'coffee-a', name: 'coffee-a' } });
    assert.ok(!ids(due).includes('machine-a'));
    const early = model.recommend({ history: [bought('coffee-a', 3)], now, limit: 12, steering });
    assert.ok(!ids(early).includes('coffee-a'), 'not due yet');
    const never = model.recommend({ history: [bought('coffee-a', 40)], now, limit: 12 });
    assert.ok(!ids(never).includes('coffee-a'), 'without repeat purchases, never');
  });

  test("the merchant's pins come first, exclusions never, and a boost lifts", () => {
    const base = model.recommend({ history: [], now, limit: 12 });
    const pinned = model.recommend({ history: [], now, limit: 12, steering: { pinnedProducts: new Set(['tent']) } });
    assert.equal(pinned[0]!.productId, 'tent');
    const category = model.recommend({ history: [], now, limit: 12, steering: { pinnedCategories: new Set(['outdoor']) } });
    assert.equal(category[0]!.productId, base.find((pick) => pick.productId === 'tent' || pick.productId === 'sleeping-bag' || pick.productId === 'stove')!.productId);
    const excluded = model.recommend({ history: [], now, limit: 12, steering: { excludedProducts: new Set(['coffee-a']), excludedCategories: new Set(['kitchen']) } });
    assert.ok(!ids(excluded).includes('coffee-a'));
    assert.ok(!ids(excluded).some((id) => ['kettle', 'mug', 'machine-a', 'machine-b', 'blender'].includes(id)));
    const boosted = RecommendationModel.build({ ...store(), products: store().products.map((p) => ({ ...p, boost: p.id === 'sleeping-bag' ? 1 : 0 })) });
    const lifted = boosted.recommend({ history: [], now, limit: 12, steering: { boostWeight: 2 } });
    assert.ok(ids(lifted).indexOf('sleeping-bag') < ids(base).indexOf('sleeping-bag'), `${ids(lifted)} against ${ids(base)}`);
  });

  test('one product of a type in a list', () => {
    const picks = model.recommend({ history: [], now, limit: 12 });
    const types = picks.map((pick) => store().products.find((p) => p.id === pick.productId)!.type);
    assert.equal(new Set(types).size, types.length);
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
  const product = (id: string, stock = 10, extra: Record<string, unknown> = {}) =>
    store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name: `Producto ${id}`, category: id === 'x' ? 'otra' : 'c', price: 10_000, stock, ...extra }) });
  const mine = async (customerId: string, query = '') => json(await store.asShopper(await store.sessionFor(customerId), `/v1/me/recommendations${query}`));
  const settings = (body: unknown) => store.asMerchant('/v1/recommendation-settings', { method: 'PUT', body: JSON.stringify(body) });
  const productIds = (items: Array<{ product: { id: string } }>) => items.map((item) => item.product.id);

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'x']) await product(id);
    for (let i = 0; i < 10; i++) {
      await store.putCustomer(`c${i}`);
      await order(`o${i}`, `c${i}`, ['a', 'b']);
    }
    for (let i = 0; i < 6; i++) await order(`oc${i}`, `c${i}`, ['c', 'd']);
    await store.putCustomer('new');
    await store.putCustomer('shopper');
    for (const id of ['c0', 'new', 'shopper']) await store.consent(id, { profiling: true });
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

  test('on a product page a shopper gets what goes with it, not their own list', async () => {
    const { items } = await mine('shopper', '?limit=3&contextProduct=c');
    assert.equal(items[0].product.id, 'd');
    assert.deepEqual(items[0].reason, { kind: 'together', product: { id: 'c', name: 'Producto c' } });
    // Then the best sellers of the product's category, said so: never "because you bought a".
    for (const item of items.slice(1)) assert.deepEqual(item.reason, { kind: 'popular', category: 'c' });
  });

  test('never out of stock, even when it would rank first', async () => {
    await product('b', 0);
    const { items } = await mine('shopper', '?limit=3');
    assert.ok(!items.some((item: { product: { id: string } }) => item.product.id === 'b'));
    await product('b', 10);
  });

  test('a product’s type and boost are the merchant’s to see, never the shopper’s', async () => {
    const saved = await json(await product('e', 10, { type: 'Hervidor', boost: 0.4 }));
    assert.equal(saved.type, 'Hervidor');
    assert.equal(saved.boost, 0.4);
    const listed = await json(await store.asMerchant('/v1/products?limit=100'));
    assert.equal(listed.items.find((item: { id: string }) => item.id === 'e').boost, 0.4);
    const { items } = await json(await app.request('/v1/recommendations?limit=10', { headers: { 'x-publishable-key': store.publishableKey } }));
    for (const item of items) assert.ok(!('boost' in item.product) && !('type' in item.product));
    assert.equal((await product('e', 10, { boost: 1.5 })).status, 400);
  });

  test('settings: read back as written, a field left out takes its default, pins first and exclusions never', async () => {
    const defaults = await json(await store.asMerchant('/v1/recommendation-settings'));
    assert.deepEqual(defaults, { repeatPurchases: false, pinned: { products: [], categories: [] }, excluded: { products: [], categories: [] }, boostWeight: 0.5 });
    const written = { repeatPurchases: false, pinned: { products: ['d'], categories: [] }, excluded: { products: ['b'], categories: ['otra'] }, boostWeight: 1 };
    assert.deepEqual(await json(await settings(written)), written);
    assert.deepEqual(await json(await store.asMerchant('/v1/recommendation-settings')), written);
    const { items } = await mine('shopper', '?limit=5');
    assert.equal(items[0].product.id, 'd');
    assert.ok(!productIds(items).includes('b') && !productIds(items).includes('x'));
    assert.deepEqual(await json(await settings({ repeatPurchases: false })), defaults);
    assert.equal((await settings({ boostWeight: 3 })).status, 400);
  });

  test('with repeat purchases allowed, only what is bought again may come back, and only when due', async () => {
    await settings({ repeatPurchases: true });
    // Nothing here was ever bought twice: it is all taken for durable, and stays away.
    const { items } = await mine('c0', '?limit=5');
    assert.ok(!items.some((item: { product: { id: string } }) => ['a', 'b', 'c', 'd'].includes(item.product.id)));
    await settings({ repeatPurchases: false });
  });

  test('a purchase counts at once, before the model is rebuilt', async () => {
    await order('fresh', 'new', ['c']);
    const { items } = await mine('new', '?limit=5');
    assert.ok(!items.some((item: { product: { id: string } }) => item.product.id === 'c'));
  });

  test('visitors get what goes with the product, then what sells, with the publishable key alone', async () => {
    const response = await app.request('/v1/recommendations?limit=2&contextProduct=a', { headers: { 'x-publishable-key': store.publishableKey } });
    assert.equal(response.status, 200);
    const { items } = await json(response);
    assert.equal(items[0].product.id, 'b');
    assert.equal(items[0].reason.kind, 'together');
    const popular = await json(await app.request('/v1/recommendations?limit=2', { headers: { 'x-publishable-key': store.publishableKey } }));
    assert.deepEqual(popular.items.map((i: { reason: { kind: string } }) => i.reason.kind), ['popular', 'popular']);
    assert.equal((await app.request('/v1/recommendations')).status, 401);
  });

  test('a visitor’s cart brings what goes with it to their list', async () => {
    const visitorId = 'visitor-0123456789abcdef';
    const page = { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' };
    const sent = await app.request('/v1/events', { method: 'POST', headers: page, body: JSON.stringify({ visitorId, events: [{ productId: 'c', kind: 'cart', at: clock().toISOString() }] }) });
    assert.equal(sent.status, 202);
    const { items } = await json(await app.request(`/v1/recommendations?limit=1&visitorId=${visitorId}`, { headers: page }));
    assert.deepEqual(items[0].reason, { kind: 'together', product: { id: 'c', name: 'Producto c' } });
  });

  test('bad parameters are 400 problems', async () => {
    const token = await store.sessionFor('shopper');
    for (const query of ['?limit=0', '?limit=51', '?limit=abc', '?contextProduct=%3Cx%3E']) {
      const response = await store.asShopper(token, `/v1/me/recommendations${query}`);
      assert.equal(response.status, 400, query);
    }
    const visitor = await app.request('/v1/recommendations?visitorId=short', { headers: { 'x-publishable-key': store.publishableKey } });
    assert.equal(visitor.status, 400);
  });
});
