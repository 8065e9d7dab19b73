import * as z from 'zod/mini';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';
import { Email, ExternalId, IsoDate, IsoDateTime, Locale, Money, PageQuery, pageOf, PersonName, Tier } from './common.ts';
import { StoreActor } from './problem.ts';

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
  staff: allStaff,
  tag: 'Customers',
  summary: 'One customer with tier and points, spend, recency-frequency-monetary figures and lifetime value: the head of the back office\'s customer page.',
  params: CustomerParams,
  response: Customer,
  errors: [404],
});

export const endCustomerSessions = defineEndpoint({
  id: 'endCustomerSessions',
  method: 'DELETE',
  path: '/v1/customers/{id}/sessions',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Customers',
  summary: 'Ends every session minted for the customer so far, as when they sign out of the store: their tokens are refused from now on.',
  params: CustomerParams,
  response: null,
  status: 204,
  errors: [404],
});

// Finding customers ----------------------------------------------------------------------

export const customerSorts = ['lifetime-value', 'spend', 'recency', 'name'] as const;
export type CustomerSort = (typeof customerSorts)[number];

export const CustomerSearchQuery = z.object({
  /**
   * Words to find in the name, email or id, each anywhere in them, regardless
   * of case and accents: "fernandez" finds Fernández, "ana torr" finds Ana Torres.
   */
  query: z.optional(z.string().check(z.maxLength(200))),
  tier: z.optional(Tier),
  /**
   * `lifetime-value` (the default) and `spend` (spent to date) from the
   * highest, `recency` from the latest purchase (those who never bought last),
   * `name` by last name then first name.
   */
  sort: z._default(z.enum(customerSorts), 'lifetime-value'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  /** The `nextCursor` of the page before, with the same query, tier and sort. */
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});

/** A customer in a list: who they are and what they are worth. */
export const CustomerListItem = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.nullable(z.string()),
  tier: Tier,
  /** The last twelve months' spend × the merchant's expected lifespan, as of `asOf`. */
  lifetimeValue: Money,
  /** All the customer has bought, less refunds, as of `asOf`. */
  spentToDate: Money,
  lastPurchaseAt: z.nullable(IsoDateTime),
  points: PointsSummary,
});
export type CustomerListItem = z.infer<typeof CustomerListItem>;

export const CustomerList = z.object({
  items: z.array(CustomerListItem),
  nextCursor: z.nullable(z.string()),
  /**
   * When tiers, spend and lifetime values were last computed with the
   * pyramid (five minutes after orders arrive, and daily); null before the
   * first time. The customer's own page reads them as of now.
   */
  asOf: z.nullable(IsoDateTime),
});
export type CustomerList = z.infer<typeof CustomerList>;

export const listCustomers = defineEndpoint({
  id: 'listCustomers',
  method: 'GET',
  path: '/v1/customers',
  audience: 'secret',
  staff: allStaff,
  tag: 'Customers',
  summary:
    "Finds the store's customers by name, email or id (case and accents aside), of a tier or all, by lifetime value, spend, last purchase or name, a page at a time (keyset cursor).",
  query: CustomerSearchQuery,
  response: CustomerList,
});

// Staff notes ("seguimiento") ------------------------------------------------------------

export const CustomerNote = z.object({
  id: z.string(),
  body: z.string(),
  /** Who wrote it: a member of the staff (their name and role then), or the store's backend. */
  author: StoreActor,
  createdAt: IsoDateTime,
});
export type CustomerNote = z.infer<typeof CustomerNote>;

export const NewCustomerNote = z.object({
  body: z.string().check(z.trim(), z.minLength(1, 'Write something'), z.maxLength(2000)),
});

export const listCustomerNotes = defineEndpoint({
  id: 'listCustomerNotes',
  method: 'GET',
  path: '/v1/customers/{id}/notes',
  audience: 'secret',
  staff: allStaff,
  tag: 'Customers',
  summary: "The staff's notes on a customer (the follow-up, \"seguimiento\"), newest first, with author and time.",
  params: CustomerParams,
  query: PageQuery,
  response: pageOf(CustomerNote),
  errors: [404],
});

export const addCustomerNote = defineEndpoint({
  id: 'addCustomerNote',
  method: 'POST',
  path: '/v1/customers/{id}/notes',
  audience: 'secret',
  staff: allStaff,
  tag: 'Customers',
  summary: 'Adds a note to a customer, signed with who wrote it and when. Notes are never edited or deleted: a correction is a new note.',
  params: CustomerParams,
  body: NewCustomerNote,
  response: CustomerNote,
  status: 201,
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
