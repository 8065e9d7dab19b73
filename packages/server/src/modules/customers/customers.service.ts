import type { Customer, CustomerInput, Locale, Me, Tier } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { CustomerRow, Database } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import type { Merchant } from '../auth/merchants.repository.ts';
import { endedBy, sessionEnded, type TokenClaims } from '../auth/tokens.ts';
import { localDate } from '../../time-zone.ts';
import { spendOf } from '../loyalty/loyalty.repository.ts';
import { balanceNow, loyaltySettingsOf } from '../loyalty/loyalty.service.ts';
import { findCustomer, upsertCustomer, type CustomerForMe, type CustomerKey } from './customers.repository.ts';
import type { BatchedReads } from '../../db/batched-reads.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whether `today` is the birthday; those born on 29 February celebrate on the 28th in other years. */
export function isBirthday(birthday: string, today: string): boolean {
  const monthDay = birthday.slice(5);
  if (monthDay === '02-29' && !isLeapYear(Number(today.slice(0, 4)))) return today.slice(5) === '02-28';
  return today.slice(5) === monthDay;
}

const day = 86_400_000;

/** The customer with points, spend, recency-frequency-monetary figures and lifetime value. */
async function toCustomer(deps: Deps, merchant: Merchant, row: CustomerRow): Promise<Customer> {
  const now = deps.clock();
  const [balance, spend, settings] = await Promise.all([
    balanceNow(deps, merchant, row),
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

async function requireCustomer(db: Kysely<Database>, merchantId: string, id: string) {
  const row = await findCustomer(db, merchantId, id);
  if (!row) throw notFound(`Customer ${id}`);
  return row;
}

export async function putCustomer(deps: Deps, merchant: Merchant, id: string, input: CustomerInput): Promise<Customer> {
  return toCustomer(deps, merchant, await upsertCustomer(deps.db, merchant.id, id, input, deps.clock()));
}

export async function getCustomer(deps: Deps, merchant: Merchant, id: string): Promise<Customer> {
  return toCustomer(deps, merchant, await requireCustomer(deps.db, merchant.id, id));
}

export async function getMe(
  deps: Deps & { customerReads: BatchedReads<CustomerKey, CustomerForMe> },
  merchant: Merchant,
  customerId: string,
  session: Pick<TokenClaims, 'sessionVersion'>,
): Promise<Me> {
  // One round trip for the row and the balance: every widget on a page asks for this first.
  const customer = await deps.customerReads.read({ merchantId: merchant.id, id: customerId });
  if (!customer) throw notFound(`Customer ${customerId}`);
  // The row says at once what other instances learn of an ended session within seconds (see EndedSessions).
  if (endedBy(session, customer.sessionVersion)) throw sessionEnded();
  const balance = await balanceNow(deps, merchant, customer, customer.ledgerSum);
  const today = localDate(deps.clock(), merchant.timeZone);
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
