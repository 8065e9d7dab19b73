import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { databaseLeftBy } from '../testing/earlier-database.ts';
import { migrateToLatest } from './migrate.ts';
import type { DatabaseHandle } from './open.ts';

describe('migrations on a database an earlier version left', () => {
  let database: DatabaseHandle;

  before(async () => {
    database = await databaseLeftBy('2026-11-30-webhooks');
    await sql`
      insert into customers (merchant_id, id, first_name, last_name, registered_at, updated_at)
        values ('m', 'bruno', 'Bruno', 'Díaz', now(), now()), ('m', 'nadie', 'Nadie', 'Nunca', now(), now());
      insert into points_entries (merchant_id, customer_id, amount, reason, created_at)
        values ('m', 'ana', 1200, 'purchase', now()), ('m', 'ana', -200, 'redemption', now()), ('m', 'bruno', 50, 'purchase', now());
    `.execute(database.db);
    await migrateToLatest(database.db);
  });
  after(() => database.close());

  const ledgerSums = async () =>
    Object.fromEntries((await database.db.selectFrom('customers').select(['id', 'pointsLedgerSum']).orderBy('id').execute()).map((row) => [row.id, row.pointsLedgerSum]));

  test('each customer starts with the sum of the entries written before', async () => {
    assert.deepEqual(await ledgerSums(), { ana: 1000, bruno: 50, nadie: 0 });
  });

  test('entries appended after, several customers in one statement, add to their sums', async () => {
    await database.db
      .insertInto('pointsEntries')
      .values([
        { merchantId: 'm', customerId: 'ana', amount: -1000, reason: 'redemption', createdAt: new Date() },
        { merchantId: 'm', customerId: 'nadie', amount: 30, reason: 'purchase', createdAt: new Date() },
        { merchantId: 'm', customerId: 'nadie', amount: 12, reason: 'purchase', createdAt: new Date() },
      ])
      .execute();
    assert.deepEqual(await ledgerSums(), { ana: 0, bruno: 50, nadie: 42 });
  });
});

describe('the revolving-credit migration on a card an earlier version kept', () => {
  let database: DatabaseHandle;

  before(async () => {
    database = await databaseLeftBy('2026-12-07-points-ledger-sums');
    await sql`
      insert into card_settings (merchant_id, closing_day, due_days, minimum_payment_bps, minimum_payment_floor, monthly_interest_bps, installment_interest_bps, late_fee, default_credit_limit)
        values ('m', 20, 10, 500, 10000, 250, 199, 5990, 1000000);
      insert into card_accounts (merchant_id, customer_id, credit_limit, opened_at, last_closed_period)
        values ('m', 'ana', 1000000, '2026-01-01T12:00:00Z', '2026-01');
      insert into orders (merchant_id, id, customer_id, placed_at, total, currency, paid_with_store_card, installments, with_interest)
        values ('m', 'o-free', 'ana', '2026-01-05T15:00:00Z', 90000, 'CLP', true, 3, false),
               ('m', 'o-interest', 'ana', '2026-01-06T15:00:00Z', 300000, 'CLP', true, 6, true);
      insert into card_plans (merchant_id, order_id, customer_id, purchased_at, first_period, description, more_items, amount, installment_amounts)
        values ('m', 'o-free', 'ana', '2026-01-05T15:00:00Z', '2026-01', 'Tostadora', 0, 90000, '[30000, 30000, 30000]'),
               ('m', 'o-interest', 'ana', '2026-01-06T15:00:00Z', '2026-01', 'Refrigerador', 0, 300000, '[53540, 53540, 53540, 53540, 53540, 53536]');
      insert into card_statements (merchant_id, customer_id, period, period_start, closing_date, due_date, due_end, currency, previous_balance, purchases,
          installments, payments, credits, fees, interest, closing_balance, minimum_payment, credit_limit, pending_installments, available_credit,
          payoff_months, payoff_interest, transaction_count)
        values ('m', 'ana', '2026-01', '2025-12-21', '2026-01-20', '2026-01-30', '2026-01-31T03:00:00Z', 'CLP', 0, 83540,
          0, 0, 0, 0, 0, 83540, 83540, 1000000, 327696, 588764, 1, 0, 0);
    `.execute(database.db);
    await migrateToLatest(database.db);
  });
  after(() => database.close());

  test('purchases "con interés" learn the interest inside each installment; interest-free ones have none', async () => {
    const plans = await database.db.selectFrom('cardPlans').select(['orderId', 'installmentAmounts', 'installmentInterest']).orderBy('orderId').execute();
    assert.deepEqual(
      plans.map((plan) => [plan.orderId, plan.installmentInterest]),
      [
        ['o-free', [0, 0, 0]],
        ['o-interest', [5_970, 5_023, 4_058, 3_073, 2_069, 1_045]],
      ],
    );
  });

  test('the merchant keeps its rules without the floor, following the CMF phase-in', async () => {
    const settings = await database.db.selectFrom('cardSettings').selectAll().executeTakeFirstOrThrow();
    assert.equal('minimumPaymentFloor' in settings, false);
    assert.equal(settings.interestFreeInstallmentsInMinimumBps, null);
    assert.equal(settings.minimumPaymentBps, 500);
  });

  test('a statement closed before stays as it closed, without disclosures', async () => {
    const statement = await database.db.selectFrom('cardStatements').selectAll().executeTakeFirstOrThrow();
    assert.equal(statement.minimumPayment, 83_540);
    assert.equal(statement.disclosures, null);
    await assert.rejects(sql`update card_statements set minimum_payment = 0`.execute(database.db), /never changes/);
  });
});
