import type { CustomerInput } from '@clientela/contract';
import { sql } from 'kysely';
import { BatchedReads } from '../../db/batched-reads.ts';
import type { CustomerRow, Db } from '../../db/schema.ts';

export async function findCustomer(db: Db, merchantId: string, id: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What `GET /v1/me` shows of a customer, and what tells whether the points ledger has a write due. */
export type CustomerWithLedgerSum = Pick<
  CustomerRow,
  'merchantId' | 'id' | 'firstName' | 'lastName' | 'locale' | 'birthday' | 'registeredAt' | 'tier' | 'pointsDueAt'
> & { ledgerSum: number };

export interface CustomerKey {
  merchantId: string;
  id: string;
}

const withNumericSum = (row: CustomerWithLedgerSum): CustomerWithLedgerSum => ({ ...row, ledgerSum: Number(row.ledgerSum) });

// Only the columns it needs: under load, parsing the others' timestamps cost the server more than the read.
const withLedgerSum = sql`
  c.merchant_id, c.id, c.first_name, c.last_name, c.locale, c.birthday, c.registered_at, c.tier, c.points_due_at,
  (select coalesce(sum(p.amount), 0) from points_entries p where p.merchant_id = c.merchant_id and p.customer_id = c.id) as ledger_sum
`;

/**
 * The customer and the sum of their points ledger (see `pointsBalance`), in one statement. Plain
 * SQL, because `GET /v1/me` runs it on every call and, under load, building it with the query builder
 * cost the server more than anything else of its own but the socket writes.
 */
export async function findCustomerWithLedgerSum(db: Db, merchantId: string, id: string): Promise<CustomerWithLedgerSum | undefined> {
  const { rows } = await sql<CustomerWithLedgerSum>`
    select ${withLedgerSum}
    from customers c
    where c.merchant_id = ${merchantId} and c.id = ${id}
  `.execute(db);
  const row = rows[0];
  return row && withNumericSum(row);
}

/** The same for several customers, of any merchants, in one statement; those not found are left out. */
export async function findCustomersWithLedgerSums(db: Db, keys: CustomerKey[]): Promise<CustomerWithLedgerSum[]> {
  const { rows } = await sql<CustomerWithLedgerSum>`
    select ${withLedgerSum}
    from unnest(${keys.map((key) => key.merchantId)}::text[], ${keys.map((key) => key.id)}::text[]) as wanted (merchant_id, id)
    join customers c on c.merchant_id = wanted.merchant_id and c.id = wanted.id
  `.execute(db);
  return rows.map(withNumericSum);
}

/**
 * `GET /v1/me`'s read of the customer with their ledger sum: alone on an idle server, and under load one
 * statement for every shopper who asked while the last one ran.
 */
export function customerWithLedgerSumReads(db: Db, concurrency: number): BatchedReads<CustomerKey, CustomerWithLedgerSum> {
  const idOf = (key: CustomerKey) => `${key.merchantId}\u0000${key.id}`;
  return new BatchedReads(
    {
      idOf,
      readOne: (key) => findCustomerWithLedgerSum(db, key.merchantId, key.id),
      readMany: async (keys) => new Map((await findCustomersWithLedgerSums(db, keys)).map((row) => [idOf(row), row])),
    },
    concurrency,
  );
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
