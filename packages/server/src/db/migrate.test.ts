import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, migrateUpTo } from './migrate.ts';
import { openDatabase, type DatabaseHandle } from './open.ts';

describe('migrations on a database an earlier version left', () => {
  let database: DatabaseHandle;

  before(async () => {
    database = await openDatabase({ kind: 'pglite' });
    await migrateUpTo(database.db, '2026-11-30-webhooks');
    await sql`
      insert into merchants (id, name, currency, time_zone, locale, publishable_key, secret_key_hash)
        values ('m', 'Tienda', 'CLP', 'America/Santiago', 'es', 'pk_m', 'hash_m');
      insert into customers (merchant_id, id, first_name, last_name, registered_at, updated_at)
        values ('m', 'ana', 'Ana', 'Torres', now(), now()), ('m', 'bruno', 'Bruno', 'Díaz', now(), now()), ('m', 'nadie', 'Nadie', 'Nunca', now(), now());
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
