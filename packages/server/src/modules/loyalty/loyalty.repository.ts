import { sql, type Insertable } from 'kysely';
import type { Db, PointsEntryTable } from '../../db/schema.ts';

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
