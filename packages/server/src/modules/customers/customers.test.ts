import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { findCustomersForMe } from './customers.repository.ts';
import { isBirthday } from './customers.service.ts';

describe('customers', () => {
  // 02:30 UTC on 15 March is still 14 March in Santiago.
  const clock = manualClock('2026-03-15T02:30:00Z');
  let app: TestApp;
  let store: TestMerchant;

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app, { timeZone: 'America/Santiago' });
  });
  after(() => app.close());

  test('PUT creates a customer and a second PUT replaces the profile', async () => {
    const created = await store.putCustomer('c-1', { firstName: '  María José ', lastName: 'Núñez', email: 'MJ@Example.com', locale: 'es' });
    assert.equal(created.firstName, 'María José');
    assert.equal(created.email, 'mj@example.com');
    assert.equal(created.tier, 'potential');
    assert.deepEqual(created.points, { balance: 0 });
    const replaced = await store.putCustomer('c-1', { firstName: 'María José', lastName: 'Núñez Rojas' });
    assert.equal(replaced.lastName, 'Núñez Rojas');
    assert.equal(replaced.email, null);
    assert.equal(replaced.registeredAt, created.registeredAt);
    const read = await json(await store.asMerchant('/v1/customers/c-1'));
    assert.deepEqual(read, replaced);
  });

  test('bad input is a 400 problem naming every bad field, and changes nothing', async () => {
    await store.putCustomer('c-2', { firstName: 'Emma', lastName: 'Clarke' });
    const response = await store.asMerchant('/v1/customers/c-2', {
      method: 'PUT',
      body: JSON.stringify({ firstName: '', lastName: 'Clarke', email: 'not-an-email', birthday: '2999-01-01', locale: 'fr' }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    const problem = await json(response);
    assert.equal(problem.type, 'https://clientela.dev/problems/invalid-request');
    assert.deepEqual(problem.errors.map((e: { field: string }) => e.field).sort(), ['birthday', 'email', 'firstName', 'locale']);
    assert.ok(problem.errors.every((e: { in: string }) => e.in === 'body'));
    const unchanged = await json(await store.asMerchant('/v1/customers/c-2'));
    assert.equal(unchanged.firstName, 'Emma');
  });

  test('malformed JSON, a wrong media type and a bad path id are clear 4xx problems', async () => {
    const malformed = await store.asMerchant('/v1/customers/c-3', { method: 'PUT', body: '{"firstName":' });
    assert.equal(malformed.status, 400);
    const text = await store.asMerchant('/v1/customers/c-3', { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.status, 415);
    const badId = await store.asMerchant(`/v1/customers/${encodeURIComponent('<script>')}`);
    assert.equal(badId.status, 400);
    assert.equal((await json(badId)).errors[0].in, 'params');
    const missing = await store.asMerchant('/v1/customers/c-3');
    assert.equal(missing.status, 404);
  });

  test("/v1/me shows the shopper's balance, tier and birthday in the store's time zone", async () => {
    await store.putCustomer('cumple', { firstName: 'Lucía', lastName: 'Vega', birthday: '1990-03-14', registeredAt: '2024-03-11T21:21:17.703-03:00' });
    await app.deps.db.insertInto('pointsEntries').values([
      { merchantId: store.merchant.id, customerId: 'cumple', amount: 1200, reason: 'purchase', reference: 'o-1', createdAt: clock(), expiresAt: null },
      { merchantId: store.merchant.id, customerId: 'cumple', amount: -200, reason: 'redemption', reference: 'r-1', createdAt: clock(), expiresAt: null },
    ]).execute();
    const me = await json(await store.asShopper(await store.sessionFor('cumple'), '/v1/me'));
    assert.equal(me.firstName, 'Lucía');
    assert.deepEqual(me.points, { balance: 1000 });
    assert.equal(me.birthdayToday, true);
    assert.equal(me.memberSince, '2024-03-12T00:21:17.703Z');
    assert.equal(me.merchant.currency, 'CLP');
  });

  test('29 February birthdays are celebrated on the 28th in other years', () => {
    assert.equal(isBirthday('2000-02-29', '2027-02-28'), true);
    assert.equal(isBirthday('2000-02-29', '2028-02-28'), false);
    assert.equal(isBirthday('2000-02-29', '2028-02-29'), true);
  });
});

describe('isolation', () => {
  let app: TestApp;
  let m1: TestMerchant;
  let m2: TestMerchant;

  before(async () => {
    app = await createTestApp();
    m1 = await createTestMerchant(app);
    m2 = await createTestMerchant(app);
    await m1.putCustomer('a', { firstName: 'Ana' });
    await m1.putCustomer('b', { firstName: 'Bruno' });
    await m2.putCustomer('only-m2', { firstName: 'Carla' });
  });
  after(() => app.close());

  test("a merchant gets 404 for another merchant's customer, even with the same id", async () => {
    assert.equal((await m1.asMerchant('/v1/customers/only-m2')).status, 404);
    await m2.putCustomer('a', { firstName: 'Другая' });
    assert.equal((await json(await m1.asMerchant('/v1/customers/a'))).firstName, 'Ana');
    assert.equal((await json(await m2.asMerchant('/v1/customers/a'))).firstName, 'Другая');
  });

  test("a merchant cannot mint a session for another merchant's customer", async () => {
    const response = await m1.asMerchant('/v1/sessions', { method: 'POST', body: JSON.stringify({ customerId: 'only-m2' }) });
    assert.equal(response.status, 404);
  });

  test('shoppers of two stores asking at once, under the same ids, each read their own', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `crowd-${i}`);
    for (const [store, name] of [[m1, 'Uno'], [m2, 'Dos']] as const) {
      for (const [i, id] of ids.entries()) {
        await store.putCustomer(id, { firstName: `${name} ${i}` });
        await app.deps.db.insertInto('pointsEntries').values([
          { merchantId: store.merchant.id, customerId: id, amount: (store === m1 ? 100 : 1000) + i, reason: 'purchase', reference: `o-${i}`, createdAt: new Date(), expiresAt: null },
        ]).execute();
      }
    }
    const asking = [m1, m2].flatMap((store) => ids.map(async (id) => ({ store, id, token: await store.sessionFor(id) })));
    const shoppers = await Promise.all(asking);
    // All at once, twice each: they are read in batches of several shoppers of both stores.
    const answers = await Promise.all([...shoppers, ...shoppers].map(async ({ store, token }) => json(await store.asShopper(token, '/v1/me'))));
    for (const [n, me] of answers.entries()) {
      const { store, id } = shoppers[n % shoppers.length]!;
      const i = Number(id.slice('crowd-'.length));
      assert.equal(me.id, id);
      assert.equal(me.firstName, `${store === m1 ? 'Uno' : 'Dos'} ${i}`);
      assert.equal(me.points.balance, (store === m1 ? 100 : 1000) + i);
      assert.equal(me.merchant.id, store.merchant.id);
    }
  });

  test('the batched read of several customers finds each in its own store and leaves out the unknown', async () => {
    const rows = await findCustomersForMe(app.deps.db, [
      { merchantId: m1.merchant.id, id: 'a' },
      { merchantId: m2.merchant.id, id: 'only-m2' },
      { merchantId: m1.merchant.id, id: 'only-m2' },
      { merchantId: m2.merchant.id, id: 'nobody' },
    ]);
    const found = rows.map((row) => `${row.merchantId === m1.merchant.id ? 'm1' : 'm2'}/${row.id} ${row.firstName} ${row.ledgerSum}`).sort();
    assert.deepEqual(found, ['m1/a Ana 0', 'm2/only-m2 Carla 0']);
  });

  test("customer A's token reads A and only A", async () => {
    const tokenA = await m1.sessionFor('a');
    const me = await json(await m1.asShopper(tokenA, '/v1/me'));
    assert.equal(me.firstName, 'Ana');
    // A's token with the other store's publishable key is refused outright.
    const crossStore = await app.request('/v1/me', { headers: { authorization: `Bearer ${tokenA}`, 'x-publishable-key': m2.publishableKey } });
    assert.equal(crossStore.status, 401);
    // A shopper token opens no merchant endpoint.
    assert.equal((await m1.asShopper(tokenA, '/v1/customers/b')).status, 401);
  });
});
