import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, createTestMerchant, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { appendPointsEntries, pointsBalance } from './loyalty.repository.ts';
import { recomputeTiers } from './tiers.ts';

describe('points ledger', () => {
  let app: TestApp;
  let store: TestMerchant;

  before(async () => {
    app = await createTestApp();
    store = await createTestMerchant(app);
    await store.putCustomer('ana');
    await appendPointsEntries(app.deps.db, [
      { merchantId: store.merchant.id, customerId: 'ana', amount: 500, reason: 'purchase', reference: 'o-1', createdAt: new Date(), expiresAt: null },
    ]);
  });
  after(() => app.close());

  test('the database itself refuses to update, delete or truncate ledger entries', async () => {
    const db = app.deps.db;
    await assert.rejects(sql`update points_entries set amount = 9999`.execute(db), /append-only/);
    await assert.rejects(sql`delete from points_entries`.execute(db), /append-only/);
    await assert.rejects(sql`truncate points_entries`.execute(db), /append-only/);
    assert.equal(await pointsBalance(db, store.merchant.id, 'ana'), 500);
  });
});

describe('customer pyramid', () => {
  let app: TestApp;
  let store: TestMerchant;
  const now = new Date('2026-06-01T00:00:00Z');

  before(async () => {
    app = await createTestApp();
    store = await createTestMerchant(app);
  });
  after(() => app.close());

  test('tiers follow trailing-12-month spend: 1% top, 4% large, 15% medium, the rest small', async () => {
    const db = app.deps.db;
    // 100 active buyers spending 1..100 thousand, one who last bought 13 months ago, one who never bought.
    for (let i = 1; i <= 102; i++) await store.putCustomer(`c${i}`);
    const orders = [];
    for (let i = 1; i <= 100; i++) {
      orders.push({ id: `o${i}`, customerId: `c${i}`, placedAt: new Date(now.getTime() - i * 86_400_000), total: i * 1000 });
    }
    orders.push({ id: 'old', customerId: 'c101', placedAt: new Date('2025-04-01T00:00:00Z'), total: 9_000_000 });
    await db
      .insertInto('orders')
      .values(orders.map((o) => ({ ...o, merchantId: store.merchant.id, currency: 'CLP', paidWithStoreCard: false, installments: 1 })))
      .execute();
    await recomputeTiers(db, store.merchant.id, now);
    const rows = await db.selectFrom('customers').select(['id', 'tier']).where('merchantId', '=', store.merchant.id).execute();
    const tierOf = Object.fromEntries(rows.map((r) => [r.id, r.tier]));
    const count = (tier: string) => rows.filter((r) => r.tier === tier).length;
    assert.equal(tierOf.c100, 'top');
    assert.deepEqual(
      { top: count('top'), large: count('large'), medium: count('medium'), small: count('small'), inactive: count('inactive'), potential: count('potential') },
      { top: 1, large: 4, medium: 15, small: 80, inactive: 1, potential: 1 },
    );
    assert.equal(tierOf.c101, 'inactive');
    assert.equal(tierOf.c102, 'potential');
    assert.equal(tierOf.c1, 'small');
  });
});
