import type { CustomerInput } from '@clientela/contract';
import { sql, type Insertable } from 'kysely';
import { BatchedReads } from '../../db/batched-reads.ts';
import { preparedStatement } from '../../db/prepared-statements.ts';
import type { Db } from '../../db/schema.ts';
import type { CustomerNoteTable, CustomerRow } from './customers.tables.ts';

export async function findCustomer(db: Db, merchantId: string, id: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What `GET /v1/me` shows of a customer, what tells whether the points ledger has a write due, and whether the caller's session has ended. */
export type CustomerForMe = Pick<CustomerRow, 'merchantId' | 'id' | 'firstName' | 'lastName' | 'locale' | 'birthday' | 'tier' | 'pointsDueAt' | 'sessionVersion'> & {
  /** When they registered, as an ISO 8601 instant in UTC. */
  memberSince: string;
  /** The sum of their points ledger, as the database keeps it with every append. */
  ledgerSum: number;
};

export interface CustomerKey {
  merchantId: string;
  id: string;
}

/**
 * The customers of these keys, of any merchants, with their ledger sums, in one statement. Prepared,
 * and in the shape `GET /v1/me` answers: every widget on a page asks for it first, and under load
 * planning the statement and parsing timestamps cost more than reading the rows. The instants come as
 * text and milliseconds, which is all the answer and `settleDuePoints` need of them.
 */
const customersForMe = preparedStatement<Omit<CustomerForMe, 'pointsDueAt'> & { pointsDueAt: number | null }>(
  'customers_for_me',
  `select c.merchant_id as "merchantId", c.id, c.first_name as "firstName", c.last_name as "lastName", c.locale, c.birthday, c.tier,
     to_char(c.registered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "memberSince",
     (extract(epoch from c.points_due_at) * 1000)::float8 as "pointsDueAt",
     c.points_ledger_sum as "ledgerSum", c.session_version as "sessionVersion"
   from unnest($1::text[], $2::text[]) as wanted (merchant_id, id)
   join customers c on c.merchant_id = wanted.merchant_id and c.id = wanted.id`,
);

/**
 * The customers of these keys for `GET /v1/me`; those not found are left out. The rows come in the names
 * the statement gives them, past the snake-to-camel mapping.
 */
export async function findCustomersForMe(db: Db, keys: CustomerKey[]): Promise<CustomerForMe[]> {
  const { rows } = await db.withoutPlugins().executeQuery(customersForMe.with([keys.map((key) => key.merchantId), keys.map((key) => key.id)]));
  return rows.map((row) => ({ ...row, pointsDueAt: row.pointsDueAt === null ? null : new Date(row.pointsDueAt) }));
}

/** `GET /v1/me`'s read of the customer: under load, one statement for every shopper who asked while the last one ran. */
export function customersForMeReads(db: Db, concurrency: number): BatchedReads<CustomerKey, CustomerForMe> {
  const idOf = (key: CustomerKey) => `${key.merchantId}\u0000${key.id}`;
  return new BatchedReads(
    { idOf, readMany: async (keys) => new Map((await findCustomersForMe(db, keys)).map((row) => [idOf(row), row])) },
    concurrency,
  );
}

/** Inserts the customer or replaces its profile; tier and registration survive a replace unless given. */
/** Inserts the customer or replaces its profile; undefined, changing nothing, for a customer who was erased. */
export async function upsertCustomer(db: Db, merchantId: string, id: string, input: CustomerInput, now: Date): Promise<CustomerRow | undefined> {
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
        .doUpdateSet({ ...profile, ...(input.registeredAt ? { registeredAt: input.registeredAt } : {}) })
        .where('customers.erasedAt', 'is', null),
    )
    .returningAll()
    .executeTakeFirst();
}

// Finding customers --------------------------------------------------------------------

/** Where a page of a sorted list starts: after the row with this sort value and id. */
export type ListPosition = [value: number | string | null, id: string];

export interface CustomerListRequest {
  /** Words each found somewhere in a customer's id, names or email, case and accents aside. */
  words: string[];
  tier?: string;
  sort: 'lifetime-value' | 'spend' | 'recency' | 'name';
  limit: number;
  after?: ListPosition;
}

/** `like` text matching `word` anywhere, its own `%`, `_` and `\` taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * A page of the store's customers, sorted on one of the indexes kept for it
 * (by year's spend, spend to date, last purchase or name, then id), after a
 * position; each with the value it was sorted by, for the next page's cursor.
 */
export async function listCustomersPage(db: Db, merchantId: string, request: CustomerListRequest) {
  // The value each row is sorted by, as text; the last purchase in microseconds, as stored, so rows a millisecond apart keep their order across pages.
  const sortValues = {
    'lifetime-value': sql<string | null>`recent_spend::text`,
    spend: sql<string | null>`spent_to_date::text`,
    recency: sql<string | null>`(extract(epoch from last_purchase_at) * 1000000)::bigint::text`,
    name: sql<string | null>`sort_name`,
  };
  let query = db
    .selectFrom('customers')
    .select(['id', 'firstName', 'lastName', 'email', 'tier', 'recentSpend', 'spentToDate', 'lastPurchaseAt', 'pointsLedgerSum'])
    .select(sortValues[request.sort].as('sortValue'))
    .where('merchantId', '=', merchantId);
  for (const word of request.words) query = query.where(sql<boolean>`search_text like clientela_fold(${containing(word)})`);
  if (request.tier !== undefined) query = query.where('tier', '=', request.tier);
  const after = request.after;
  switch (request.sort) {
    case 'lifetime-value':
    case 'spend': {
      const column = request.sort === 'spend' ? 'spentToDate' : 'recentSpend';
      if (after) {
        const value = sql<number>`${String(after[0])}::bigint`;
        query = query.where((eb) => eb.or([eb(column, '<', value), eb.and([eb(column, '=', value), eb('id', '>', after[1])])]));
      }
      query = query.orderBy(column, 'desc');
      break;
    }
    case 'recency': {
      const at = (micros: string) => sql<Date>`timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond'`;
      if (after && after[0] !== null) {
        const last = at(String(after[0]));
        query = query.where((eb) =>
          eb.or([eb('lastPurchaseAt', '<', last), eb.and([eb('lastPurchaseAt', '=', last), eb('id', '>', after[1])]), eb('lastPurchaseAt', 'is', null)]),
        );
      } else if (after) {
        query = query.where('lastPurchaseAt', 'is', null).where('id', '>', after[1]);
      }
      query = query.orderBy(sql`last_purchase_at desc nulls last`);
      break;
    }
    case 'name': {
      if (after) query = query.where((eb) => eb.or([eb('sortName', '>', String(after[0])), eb.and([eb('sortName', '=', String(after[0])), eb('id', '>', after[1])])]));
      query = query.orderBy('sortName');
      break;
    }
  }
  return query.orderBy('id').limit(request.limit).execute();
}

// Staff notes --------------------------------------------------------------------------

export async function insertCustomerNote(db: Db, note: Insertable<CustomerNoteTable>) {
  return db.insertInto('customerNotes').values(note).returningAll().executeTakeFirstOrThrow();
}

/** A page of the notes on a customer, newest first, before the note `beforeId`. */
export async function customerNotesPage(db: Db, merchantId: string, customerId: string, limit: number, beforeId?: number) {
  let query = db.selectFrom('customerNotes').selectAll().where('merchantId', '=', merchantId).where('customerId', '=', customerId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
