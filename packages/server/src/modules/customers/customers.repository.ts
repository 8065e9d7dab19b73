import type { CustomerInput } from '@clientela/contract';
import { sql } from 'kysely';
import type { CustomerRow, Db } from '../../db/schema.ts';

export async function findCustomer(db: Db, merchantId: string, id: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The customer row and the sum of their points ledger (see `pointsBalance`), in one statement. Plain
 * SQL, because `GET /v1/me` runs it on every call and, under load, building it with the query builder
 * cost the server more than anything else of its own but the socket writes.
 */
export async function findCustomerWithLedgerSum(db: Db, merchantId: string, id: string): Promise<(CustomerRow & { ledgerSum: number }) | undefined> {
  const { rows } = await sql<CustomerRow & { ledgerSum: number }>`
    select c.*, (select coalesce(sum(p.amount), 0) from points_entries p where p.merchant_id = c.merchant_id and p.customer_id = c.id) as ledger_sum
    from customers c
    where c.merchant_id = ${merchantId} and c.id = ${id}
  `.execute(db);
  const row = rows[0];
  return row && { ...row, ledgerSum: Number(row.ledgerSum) };
}

/** Inserts the customer or replaces its profile; tier and registration survive a replace unless given. */
export async function upsertCustomer(db: Db, merchantId: string, id: string, input: CustomerInput, now: Date): Promise<CustomerRow> {
  const profile = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email?.toLowerCase() ?? null,
    phone: input.phone ?? null,
    locale: input.locale ?? null,
    birthday: input.birthday ?? null,
    updatedAt: now,
  };
  return db
    .insertInto('customers')
    .values({ merchantId, id, ...profile, registeredAt: input.registeredAt ?? now })
    .onConflict((conflict) =>
      conflict
        .columns(['merchantId', 'id'])
        .doUpdateSet({ ...profile, ...(input.registeredAt ? { registeredAt: input.registeredAt } : {}) }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
