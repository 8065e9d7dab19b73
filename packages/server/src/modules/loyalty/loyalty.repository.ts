import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, PointsEntryTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A balance is the sum of the customer's ledger entries, nothing stored beside it. */
export async function pointsBalance(db: Db, merchantId: string, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('pointsEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('balance'))
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export async function appendPointsEntries(db: Db, entries: Insertable<PointsEntryTable>[]): Promise<void> {
  if (entries.length > 0) await db.insertInto('pointsEntries').values(entries).execute();
}
