import * as z from 'zod/mini';
import { Email, ExternalId, IsoDate, IsoDateTime, Locale, Money, PersonName, Tier } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

const Birthday = IsoDate.check(
  z.refine((value) => value >= '1900-01-01', 'A birthday after 1900-01-01'),
  z.refine((value) => value <= new Date().toISOString().slice(0, 10), 'A birthday in the past'),
);

const Phone = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'An international number such as +56912345678'), z.maxLength(16));

export const CustomerInput = z.object({
  firstName: PersonName,
  lastName: PersonName,
  email: z.optional(z.nullable(Email)),
  phone: z.optional(z.nullable(Phone)),
  locale: z.optional(z.nullable(Locale)),
  birthday: z.optional(z.nullable(Birthday)),
  /** When the shopper registered with the merchant; the time of the first sync when left out. */
  registeredAt: z.optional(IsoDateTime),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

export const PointsSummary = z.object({ balance: z.int() });

/** Recency, frequency and monetary value: when the customer last bought, how often and how much in the last twelve months. */
export const Rfm = z.object({
  lastPurchaseAt: z.nullable(IsoDateTime),
  recencyDays: z.nullable(z.int()),
  frequency: z.int(),
  monetary: Money,
});

export const Customer = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  locale: z.nullable(Locale),
  birthday: z.nullable(IsoDate),
  registeredAt: IsoDateTime,
  tier: Tier,
  points: PointsSummary,
  /** All the customer has bought, less refunds. */
  spentToDate: Money,
  /**
   * Expected value of the customer: average order value × orders a year (both
   * over the last twelve months) × the merchant's expected lifespan in years.
   */
  lifetimeValue: Money,
  rfm: Rfm,
});
export type Customer = z.infer<typeof Customer>;

export const CustomerParams = z.object({ id: ExternalId });

export const putCustomer = defineEndpoint({
  id: 'putCustomer',
  method: 'PUT',
  path: '/v1/customers/{id}',
  audience: 'secret',
  tag: 'Customers',
  summary: "Creates or replaces one of the merchant's customers (idempotent).",
  params: CustomerParams,
  body: CustomerInput,
  response: Customer,
});

export const getCustomer = defineEndpoint({
  id: 'getCustomer',
  method: 'GET',
  path: '/v1/customers/{id}',
  audience: 'secret',
  tag: 'Customers',
  summary: 'One customer with tier and points.',
  params: CustomerParams,
  response: Customer,
  errors: [404],
});

export const endCustomerSessions = defineEndpoint({
  id: 'endCustomerSessions',
  method: 'DELETE',
  path: '/v1/customers/{id}/sessions',
  audience: 'secret',
  tag: 'Customers',
  summary: 'Ends every session minted for the customer so far, as when they sign out of the store: their tokens are refused from now on.',
  params: CustomerParams,
  response: null,
  status: 204,
  errors: [404],
});

export const MerchantSummary = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  timeZone: z.string(),
});
export type MerchantSummary = z.infer<typeof MerchantSummary>;

/** The signed-in shopper, as the widgets see them. */
export const Me = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  locale: z.nullable(Locale),
  birthday: z.nullable(IsoDate),
  /** Whether today, in the merchant's time zone, is the shopper's birthday. */
  birthdayToday: z.boolean(),
  memberSince: IsoDateTime,
  tier: Tier,
  points: PointsSummary,
  merchant: MerchantSummary,
});
export type Me = z.infer<typeof Me>;

export const getMe = defineEndpoint({
  id: 'getMe',
  method: 'GET',
  path: '/v1/me',
  audience: 'shopper',
  tag: 'Shopper',
  summary: 'The signed-in shopper: name, tier, points and the store they belong to.',
  response: Me,
});
