import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { pointsForPurchase } from './earning.ts';
import { pointsBalance } from './loyalty.repository.ts';
import { defaultLoyaltySettings } from './loyalty.service.ts';
import { PointsLots } from './points-ledger.ts';

const day = 86_400_000;

type Step =
  | { kind: 'earn'; total: number }
  | { kind: 'redeem'; reward: 'small' | 'big' }
  | { kind: 'wait'; days: number }
  | { kind: 'refund'; which: number; share: number };

const steps = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('earn' as const), total: fc.integer({ min: 100, max: 500_000 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('redeem' as const), reward: fc.constantFrom('small' as const, 'big' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 200 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), which: fc.nat(), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }) },
  ),
  { minLength: 1, maxLength: 30 },
);

describe('points invariants over random histories', () => {
  test('lots: whatever goes out spends the earliest-expiring points, and never more than there is', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -500, max: 1000 }), fc.integer({ min: 0, max: 400 })), { maxLength: 60 }), (moves) => {
        const lots = new PointsLots();
        let sum = 0;
        const start = Date.UTC(2026, 0, 1);
        for (const [amount, expiresInDays] of moves) {
          if (amount === 0 || sum + amount < 0) continue;
          lots.apply({ amount, expiresAt: amount > 0 ? new Date(start + expiresInDays * day) : null });
          sum += amount;
          assert.equal(lots.balance, sum);
          const expiries = lots.lots.map((lot) => lot.expiresAt?.getTime() ?? Infinity);
          assert.deepEqual(expiries, [...expiries].sort((a, b) => a - b));
        }
        assert.throws(() => lots.apply({ amount: -(sum + 1), expiresAt: null }), /below zero/);
      }),
      { numRuns: 500 },
    );
  });

  test('a purchase earns exactly its total ÷ spend per point × each multiplier, rounded down, up to the largest the contract allows', () => {
    const bps = fc.integer({ min: 10_000, max: 100_000 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 0, max: 100_000 }), bps, (total, spendPerPoint, tierBps, promotionBps) => {
        const placedAt = new Date('2026-06-01T12:00:00Z');
        const promotion = { id: 'p', name: 'Promo', startsAt: new Date('2026-01-01T00:00:00Z'), endsAt: new Date('2027-01-01T00:00:00Z'), multiplier: promotionBps };
        const earned = pointsForPurchase({ spendPerPoint, tierMultipliers: { ...defaultLoyaltySettings().tierMultipliers, small: tierBps } }, 'small', { id: 'o', total, placedAt }, [promotion]);
        const base = BigInt(total) / BigInt(spendPerPoint);
        const expected = [(base * BigInt(tierBps)) / 10_000n, (base * BigInt(promotionBps - 10_000)) / 10_000n].filter((points) => points > 0n).map(Number);
        assert.deepEqual(earned.map((entry) => entry.amount), expected);
        for (const entry of earned) assert.ok(Number.isSafeInteger(entry.amount));
      }),
      // In doubles, 999,999,999,999 × 7.0001 rounds up to 7,000,099,999,993 points: one more than it earns.
      { numRuns: 2_000, examples: [[999_999_999_999, 1, 70_001, 10_000]] },
    );
  });

  describe('through the API', () => {
    const clock = manualClock('2026-01-05T15:00:00Z');
    let app: TestApp;
    let store: TestMerchant;
    let customers = 0;

    before(async () => {
      app = await createTestApp({ clock });
      store = await createTestMerchant(app);
      await store.asMerchant('/v1/products/p', { method: 'PUT', body: JSON.stringify({ name: 'x', price: 1, stock: 1 }) });
      await store.asMerchant('/v1/rewards/small', { method: 'PUT', body: JSON.stringify({ name: 'small', cost: 300 }) });
      await store.asMerchant('/v1/rewards/big', { method: 'PUT', body: JSON.stringify({ name: 'big', cost: 2500 }) });
    });
    after(() => app.close());

    test('over any sequence of earn, redeem, expire and refund: balance = sum of entries = kept ledger sum ≥ 0', async () => {
      await fc.assert(
        fc.asyncProperty(steps, async (history) => {
          const customerId = `p-${++customers}`;
          await store.putCustomer(customerId);
          const orders: Array<{ id: string; left: number }> = [];
          let n = 0;
          for (const step of history) {
            n++;
            if (step.kind === 'earn') {
              const id = `${customerId}-o${n}`;
              const response = await store.asMerchant('/v1/orders', {
                method: 'POST',
                body: JSON.stringify({ id, customerId, currency: 'CLP', lines: [{ productId: 'p', quantity: 1, unitPrice: step.total }], total: step.total, payment: { method: 'other' } }),
              });
              assert.equal(response.status, 201);
              orders.push({ id, left: step.total });
            } else if (step.kind === 'redeem') {
              const response = await store.asShopper(await store.sessionFor(customerId), '/v1/me/redemptions', {
                method: 'POST',
                headers: { 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
                body: JSON.stringify({ rewardId: step.reward }),
              });
              assert.ok(response.status === 201 || response.status === 409, `redeem ${response.status}`);
            } else if (step.kind === 'wait') {
              clock.advance(step.days * day);
            } else if (orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              const amount = Math.max(1, Math.floor(order.left * step.share));
              if (amount <= order.left) {
                const response = await store.asMerchant('/v1/refunds', { method: 'POST', body: JSON.stringify({ id: `${order.id}-r${n}`, orderId: order.id, amount }) });
                assert.equal(response.status, 201);
                order.left -= amount;
              }
            }
            const shown = (await json(await store.asShopper(await store.sessionFor(customerId), '/v1/me/points'))).balance;
            const sum = await pointsBalance(app.deps.db, store.merchant.id, customerId);
            assert.equal(shown, sum);
            const kept = await app.deps.db
              .selectFrom('customers')
              .select('pointsLedgerSum')
              .where('merchantId', '=', store.merchant.id)
              .where('id', '=', customerId)
              .executeTakeFirstOrThrow();
            assert.equal(kept.pointsLedgerSum, sum, 'the ledger sum the database keeps is the sum of the entries');
            assert.ok(sum >= 0, `balance ${sum}`);
          }
        }),
        { numRuns: 15 },
      );
    });
  });
});
