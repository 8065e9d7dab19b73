import type { CustomerInput } from '@clientela/contract';
import type { CustomerRow, Db } from '../../db/schema.ts';

export async function findCustomer(db: Db, merchantId: string, id: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
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
