import type { Customer, CustomerInput, Locale, Me, Tier } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import { birthdayIn, localDate } from '../../core/time-zone.ts';
import type { BatchedReads } from '../../db/batched-reads.ts';
import type { Database } from '../../db/schema.ts';
import { endedBy, sessionEnded, type TokenClaims } from '../auth/index.ts';
import { balanceOf, loyaltySettingsOf, spendOf } from '../loyalty/index.ts';
import { findCustomer, upsertCustomer, type CustomerForMe, type CustomerKey } from './customers.repository.ts';
import type { CustomerRow } from './customers.tables.ts';

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

/** Inserts the customer or replaces its profile; answers the row as stored. */
export async function putCustomer(deps: Deps, merchant: Merchant, id: string, input: CustomerInput): Promise<CustomerRow> {
  return upsertCustomer(deps.db, merchant.id, id, input, deps.clock());
}

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
