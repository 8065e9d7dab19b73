import type { Customer, CustomerInput, CustomerList, CustomerNote, CustomerSearchQuery, CustomerSort, Locale, Me, Tier } from '@clientela/contract';
import type { Kysely, Selectable } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import { decodeCursor, decodeCursorKey, encodeCursor } from '../../core/cursor.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { storeActorOf } from '../../core/store-actor.ts';
import { birthdayIn, localDate } from '../../core/time-zone.ts';
import type { BatchedReads } from '../../db/batched-reads.ts';
import type { Database } from '../../db/schema.ts';
import { endedBy, findStaffMember, sessionEnded, type TokenClaims } from '../auth/index.ts';
import { balanceOf, loyaltySettingsOf, pyramidComputedAt, spendOf } from '../loyalty/index.ts';
import {
  customerNotesPage,
  findCustomer,
  insertCustomerNote,
  listCustomersPage,
  upsertCustomer,
  type CustomerForMe,
  type CustomerKey,
  type ListPosition,
} from './customers.repository.ts';
import type { CustomerNoteTable, CustomerRow } from './customers.tables.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

/** Whether `today` is the birthday; those born on 29 February celebrate on the 28th in other years. */
export const isBirthday = (birthday: string, today: string): boolean => birthdayIn(birthday, Number(today.slice(0, 4))) === today;

const day = 86_400_000;

/**
 * The customer with points, spend, recency-frequency-monetary figures and
 * lifetime value, as the points ledger stands: the routes settle it first
 * (`settleDuePoints`).
 */
export async function customerView(deps: Deps, merchant: Merchant, row: CustomerRow): Promise<Customer> {
  const now = deps.clock();
  const [balance, spend, settings] = await Promise.all([
    balanceOf(deps, merchant, row.id),
    spendOf(deps.db, merchant.id, row.id, now),
    loyaltySettingsOf(deps.db, merchant),
  ]);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  const annual = Number(spend.recent);
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    locale: row.locale as Locale | null,
    birthday: row.birthday,
    registeredAt: row.registeredAt.toISOString(),
    tier: row.tier as Tier,
    points: { balance },
    spentToDate: money(Number(spend.ever)),
    // Average order value × orders a year, over the last twelve months, is that year's spend.
    lifetimeValue: money(annual * settings.expectedLifespanYears),
    rfm: {
      lastPurchaseAt: spend.lastPurchaseAt?.toISOString() ?? null,
      recencyDays: spend.lastPurchaseAt ? Math.floor((now.getTime() - spend.lastPurchaseAt.getTime()) / day) : null,
      frequency: spend.recentOrders,
      monetary: money(annual),
    },
  };
}

export async function requireCustomer(db: Kysely<Database>, merchantId: string, id: string): Promise<CustomerRow> {
  const row = await findCustomer(db, merchantId, id);
  if (!row) throw notFound(`Customer ${id}`);
  return row;
}

/** Inserts the customer or replaces its profile; answers the row as stored. An erased customer stays erased: a 409. */
export async function putCustomer(deps: Deps, merchant: Merchant, id: string, input: CustomerInput): Promise<CustomerRow> {
  const row = await upsertCustomer(deps.db, merchant.id, id, input, deps.clock());
  if (!row) throw erased(id);
  return row;
}

/** The refusal of anything that would bring an erased customer back. */
export const erased = (id: string) => new ProblemError('conflict', `Customer ${id} was erased at their request: their data is not taken again`);

export async function getCustomer(deps: Deps, merchant: Merchant, id: string): Promise<Customer> {
  return customerView(deps, merchant, await requireCustomer(deps.db, merchant.id, id));
}

/**
 * The caller of `GET /v1/me`: their row and ledger sum in one round trip,
 * read in a batch with other shoppers' (every widget on a page asks for this
 * first), and refused when their session has ended.
 */
export async function findMe(
  deps: { customerReads: BatchedReads<CustomerKey, CustomerForMe> },
  merchant: Merchant,
  customerId: string,
  session: Pick<TokenClaims, 'sessionVersion'>,
): Promise<CustomerForMe> {
  const customer = await deps.customerReads.read({ merchantId: merchant.id, id: customerId });
  if (!customer) throw notFound(`Customer ${customerId}`);
  // The row says at once what other instances learn of an ended session within seconds (see EndedSessions).
  if (endedBy(session, customer.sessionVersion)) throw sessionEnded();
  return customer;
}

/** What `GET /v1/me` answers of the customer, whose points balance is `balance`. */
export function meOf(now: Date, merchant: Merchant, customer: CustomerForMe, balance: number): Me {
  const today = localDate(now, merchant.timeZone);
  return {
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    locale: customer.locale as Locale | null,
    birthday: customer.birthday,
    birthdayToday: customer.birthday !== null && isBirthday(customer.birthday, today),
    memberSince: customer.memberSince,
    tier: customer.tier as Tier,
    points: { balance },
    merchant: { id: merchant.id, name: merchant.name, currency: merchant.currency, timeZone: merchant.timeZone },
  };
}

// Finding customers --------------------------------------------------------------------

/** A list's cursor: the sort it was given for, and the sort value and id of the last row. */
type ListCursor = [sort: CustomerSort, value: string | null, id: string];

const isListCursor = (key: unknown): key is ListCursor => {
  if (!Array.isArray(key) || key.length !== 3 || typeof key[2] !== 'string') return false;
  const [sort, value] = key as unknown[];
  // Only what this API puts in a cursor: a whole number for the money and time sorts (a time may be null), any text for names.
  if (sort === 'name') return typeof value === 'string';
  if (sort === 'recency' && value === null) return true;
  return (sort === 'lifetime-value' || sort === 'spend' || sort === 'recency') && typeof value === 'string' && /^-?\d{1,18}$/.test(value);
};

/**
 * A page of the store's customers, found by words in their name, email or id
 * and sorted, with the figures of the pyramid's last computation (see its
 * `asOf`): lists sort on what is kept on each customer, not on orders added up
 * for every one of them.
 */
export async function listCustomers(deps: Deps, merchant: Merchant, query: z.output<typeof CustomerSearchQuery>): Promise<CustomerList> {
  let after: ListPosition | undefined;
  if (query.cursor !== undefined) {
    const [sort, value, id] = decodeCursorKey(query.cursor, 'cursor', isListCursor);
    if (sort !== query.sort) {
      throw new ProblemError('invalid-request', 'Check query.cursor', {
        errors: [{ in: 'query', field: 'cursor', message: `This cursor is of a list sorted by ${sort}: ask for that sort, or start over` }],
      });
    }
    after = [value, id];
  }
  const words = (query.query ?? '').split(/\s+/).filter((word) => word !== '').slice(0, 8);
  const [rows, settings, asOf] = await Promise.all([
    listCustomersPage(deps.db, merchant.id, { words, sort: query.sort, limit: query.limit + 1, ...(query.tier ? { tier: query.tier } : {}), ...(after ? { after } : {}) }),
    loyaltySettingsOf(deps.db, merchant),
    pyramidComputedAt(deps.db, merchant.id),
  ]);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      tier: row.tier as Tier,
      lifetimeValue: money(row.recentSpend * settings.expectedLifespanYears),
      spentToDate: money(row.spentToDate),
      lastPurchaseAt: row.lastPurchaseAt?.toISOString() ?? null,
      points: { balance: row.pointsLedgerSum },
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([query.sort, last.sortValue, last.id]) : null,
    asOf: asOf?.toISOString() ?? null,
  };
}

// Staff notes --------------------------------------------------------------------------

const toNote = (row: Selectable<CustomerNoteTable>): CustomerNote => ({
  id: String(row.id),
  body: row.body,
  author: storeActorOf(row.authorStaffId, row.authorName, row.authorRole),
  createdAt: row.createdAt.toISOString(),
});

export async function customerNotes(deps: Deps, merchant: Merchant, customerId: string, page: { limit: number; after?: string }) {
  await requireCustomer(deps.db, merchant.id, customerId);
  const beforeId = page.after === undefined ? undefined : Number(decodeCursor(page.after, 'after'));
  if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) throw new ProblemError('invalid-request', 'The cursor is not one this API gave out');
  const rows = await customerNotesPage(deps.db, merchant.id, customerId, page.limit + 1, beforeId);
  const items = rows.slice(0, page.limit).map(toNote);
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(items.at(-1)!.id) : null };
}

/** Adds a note signed by who writes it: a member of the staff (their name and role now), or the store's backend (`author` null). */
export async function addCustomerNote(deps: Deps, merchant: Merchant, customerId: string, body: string, author: { id: string } | null): Promise<CustomerNote> {
  await requireCustomer(deps.db, merchant.id, customerId);
  const member = author === null ? null : await findStaffMember(deps.db, merchant.id, author.id);
  if (author !== null && !member) throw new ProblemError('session-ended', 'You are no longer on the staff of this store');
  const row = await insertCustomerNote(deps.db, {
    merchantId: merchant.id,
    customerId,
    authorStaffId: member?.id ?? null,
    authorName: member?.name ?? null,
    authorRole: member?.role ?? null,
    body,
    createdAt: deps.clock(),
  });
  return toNote(row);
}
