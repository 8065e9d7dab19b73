import type { Customer, CustomerInput, Locale, Me, Tier } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { CustomerRow, Database } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import type { Merchant } from '../auth/merchants.repository.ts';
import { localDate } from '../../time-zone.ts';
import { pointsBalance } from '../loyalty/loyalty.repository.ts';
import { findCustomer, upsertCustomer } from './customers.repository.ts';

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

function toCustomer(row: CustomerRow, balance: number): Customer {
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
  };
}

async function requireCustomer(db: Kysely<Database>, merchantId: string, id: string) {
  const row = await findCustomer(db, merchantId, id);
  if (!row) throw notFound(`Customer ${id}`);
  return row;
}

export async function putCustomer(deps: Deps, merchantId: string, id: string, input: CustomerInput): Promise<Customer> {
  const row = await upsertCustomer(deps.db, merchantId, id, input, deps.clock());
  return toCustomer(row, await pointsBalance(deps.db, merchantId, id));
}

export async function getCustomer(deps: Deps, merchantId: string, id: string): Promise<Customer> {
  const row = await requireCustomer(deps.db, merchantId, id);
  return toCustomer(row, await pointsBalance(deps.db, merchantId, id));
}

export async function getMe(deps: Deps, merchant: Merchant, customerId: string): Promise<Me> {
  const [row, balance] = await Promise.all([
    requireCustomer(deps.db, merchant.id, customerId),
    pointsBalance(deps.db, merchant.id, customerId),
  ]);
  const today = localDate(deps.clock(), merchant.timeZone);
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    locale: row.locale as Locale | null,
    birthday: row.birthday,
    birthdayToday: row.birthday !== null && isBirthday(row.birthday, today),
    memberSince: row.registeredAt.toISOString(),
    tier: row.tier as Tier,
    points: { balance },
    merchant: { id: merchant.id, name: merchant.name, currency: merchant.currency, timeZone: merchant.timeZone },
  };
}
