import * as z from 'zod/mini';
import { Customer, CustomerParams } from './customers.ts';
import { IsoDate, IsoDateTime, PageQuery, pageOf } from './common.ts';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';
import { StoreActor } from './problem.ts';
import { accessViews, consentPurposes } from './vocabulary.ts';

export { accessViews, consentPurposes, type AccessView } from './vocabulary.ts';

export const ConsentPurpose = z.enum(consentPurposes);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/**
 * The purposes the law lets a store pursue only with a prior, express consent
 * (Ley 19.628 as Ley 21.719 amends it, arts. 8 and 12; GDPR arts. 6(1)(a),
 * 7, 21 and 22): their default is always "refused".
 */
export const optInPurposes = ['marketing-email', 'profiling'] as const satisfies readonly (typeof consentPurposes)[number][];

/** The version of the consent text the shopper was shown: the store names its versions (`2026-12`, `v3`). */
export const ConsentTextVersion = z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'Letters, digits and _ . : - (up to 40)'));

/** Who gave or withdrew a consent: the shopper in the store's page, or the store (its staff or its backend) on their word. */
export const ConsentActor = z.union([z.object({ kind: z.literal('shopper') }), StoreActor]);
export type ConsentActor = z.infer<typeof ConsentActor>;

/** One change of one consent, kept for good: what, under which text, when, how and by whom. */
export const ConsentChange = z.object({
  purpose: ConsentPurpose,
  granted: z.boolean(),
  textVersion: z.string(),
  /** How it was given: `portal` (the shopper, in the store's page) or `store` (the store recorded it, e.g. a signed form at the till). */
  channel: z.enum(['portal', 'store']),
  by: ConsentActor,
  at: IsoDateTime,
});
export type ConsentChange = z.infer<typeof ConsentChange>;

/** Where a purpose stands now: the latest change, or the store's default when the shopper never answered. */
export const Consent = z.object({
  purpose: ConsentPurpose,
  granted: z.boolean(),
  /** `default` until the shopper (or the store on their word) answers. */
  source: z.enum(['default', 'answer']),
  /** The answer's text version and time; null for a default. */
  textVersion: z.nullable(z.string()),
  since: z.nullable(IsoDateTime),
});
export type Consent = z.infer<typeof Consent>;

export const Consents = z.object({
  /** The version of the consent text the store shows now: send it back with an answer. */
  textVersion: z.string(),
  /** One per purpose, in the order of `consentPurposes`. */
  items: z.array(Consent),
  /** Every change, newest first. */
  history: z.array(ConsentChange),
});
export type Consents = z.infer<typeof Consents>;

/** Answers for one or more purposes, under the text the shopper read. An unknown purpose is refused. */
export const ConsentAnswers = z.object({
  textVersion: ConsentTextVersion,
  consents: z
    .strictObject({
      'marketing-email': z.optional(z.boolean()),
      profiling: z.optional(z.boolean()),
      'birthday-greeting': z.optional(z.boolean()),
    })
    .check(z.refine((answers) => Object.keys(answers).length > 0, 'Answer for at least one purpose')),
});
export type ConsentAnswers = z.input<typeof ConsentAnswers>;

export const getMyConsents = defineEndpoint({
  id: 'getMyConsents',
  method: 'GET',
  path: '/v1/me/consents',
  audience: 'shopper',
  tag: 'Privacy',
  summary: "The shopper's consent for each purpose (marketing email, profiling, birthday greeting), and every change with its text version, time, channel and author.",
  response: Consents,
});

export const putMyConsents = defineEndpoint({
  id: 'putMyConsents',
  method: 'PUT',
  path: '/v1/me/consents',
  audience: 'shopper',
  tag: 'Privacy',
  summary: 'Gives or withdraws consent for one or more purposes, under the text version the shopper read. Withdrawing is as easy as giving, and counts from now on.',
  body: ConsentAnswers,
  response: Consents,
});

export const getCustomerConsents = defineEndpoint({
  id: 'getCustomerConsents',
  method: 'GET',
  path: '/v1/customers/{id}/consents',
  audience: 'secret',
  staff: allStaff,
  tag: 'Privacy',
  summary: "A customer's consents and their history, as `GET /v1/me/consents` shows them to the shopper.",
  params: CustomerParams,
  response: Consents,
  errors: [404],
});

export const putCustomerConsents = defineEndpoint({
  id: 'putCustomerConsents',
  method: 'PUT',
  path: '/v1/customers/{id}/consents',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Privacy',
  summary: 'Records consents the customer gave or withdrew through the store (a signed form, a call), with who recorded them.',
  params: CustomerParams,
  body: ConsentAnswers,
  response: Consents,
  errors: [404],
});

// Settings -------------------------------------------------------------------------------

const RetentionDays = (least: number) => z.nullable(z.int().check(z.minimum(least), z.maximum(3650)));

export const PrivacySettings = z.object({
  /** The version of the consent text the store's pages show now. */
  consentTextVersion: ConsentTextVersion,
  /** What a purpose stands at before the shopper answers. Marketing email and profiling are opt-in by law: always false. */
  consentDefaults: z.object({
    'marketing-email': z.boolean(),
    profiling: z.boolean(),
    'birthday-greeting': z.boolean(),
  }),
  /** Days a conversation is kept after its last message; null: kept as long as the customer. */
  chatRetentionDays: RetentionDays(30),
  /** Days without a purchase, a payment or a conversation after which a customer is erased; null: never. */
  inactiveCustomerRetentionDays: RetentionDays(180),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const PrivacySettingsInput = PrivacySettings.check(
  z.superRefine((settings, context) => {
    for (const purpose of optInPurposes) {
      if (settings.consentDefaults[purpose]) {
        context.issues.push({
          code: 'custom',
          input: true,
          path: ['consentDefaults', purpose],
          message: `The law needs the shopper's prior consent for ${purpose}: its default must be false`,
        });
      }
    }
  }),
);

export const getPrivacySettings = defineEndpoint({
  id: 'getPrivacySettings',
  method: 'GET',
  path: '/v1/privacy-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Privacy',
  summary: "The store's consent defaults and text version, and how long chat conversations and inactive customers' data are kept.",
  response: PrivacySettings,
});

export const putPrivacySettings = defineEndpoint({
  id: 'putPrivacySettings',
  method: 'PUT',
  path: '/v1/privacy-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Privacy',
  summary: 'Sets the consent defaults (opt-in where the law needs it), the consent text version and the retention periods; the retention job applies new periods within minutes.',
  body: PrivacySettingsInput,
  response: PrivacySettings,
});

// The access log --------------------------------------------------------------------------

/** One read of the customer's personal data by the store's people. */
export const AccessLogEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  by: StoreActor,
  /** `customer-page` (the back office), `customer-panel` (the agent console), `export` (all their data). */
  view: z.enum(accessViews),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogPage = pageOf(AccessLogEntry);
export type AccessLogPage = z.infer<typeof AccessLogPage>;

export const getCustomerAccessLog = defineEndpoint({
  id: 'getCustomerAccessLog',
  method: 'GET',
  path: '/v1/customers/{id}/access-log',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Privacy',
  summary: "Who at the store read the customer's personal data, when, and which view: newest first. Entries are never changed or removed.",
  params: CustomerParams,
  query: PageQuery,
  response: AccessLogPage,
  errors: [404],
});

export const getMyAccessLog = defineEndpoint({
  id: 'getMyAccessLog',
  method: 'GET',
  path: '/v1/me/access-log',
  audience: 'shopper',
  tag: 'Privacy',
  summary: "Who at the store looked at the shopper's data, when, and which view: newest first.",
  query: PageQuery,
  response: AccessLogPage,
});

// Access and portability -----------------------------------------------------------------

const Amount = z.int();

/** Everything the store holds about a customer, as JSON a person or another store's system can read. */
export const CustomerExport = z.object({
  /** This document's format; a change of shape gets a new one. */
  format: z.literal('clientela.customer-export/1'),
  exportedAt: IsoDateTime,
  store: z.object({ id: z.string(), name: z.string(), currency: z.string() }),
  profile: z.pick(Customer, { id: true, firstName: true, lastName: true, email: true, phone: true, locale: true, birthday: true, registeredAt: true, tier: true }),
  orders: z.array(
    z.object({
      id: z.string(),
      placedAt: IsoDateTime,
      total: Amount,
      refunded: Amount,
      currency: z.string(),
      paidWithStoreCard: z.boolean(),
      installments: z.int(),
      lines: z.array(z.object({ productId: z.string(), quantity: z.int(), unitPrice: Amount })),
    }),
  ),
  points: z.object({
    balance: z.int(),
    ledger: z.array(z.object({ amount: z.int(), reason: z.string(), reference: z.nullable(z.string()), label: z.nullable(z.string()), at: IsoDateTime, expiresAt: z.nullable(IsoDateTime) })),
    redemptions: z.array(z.object({ id: z.string(), rewardId: z.string(), cost: z.int(), at: IsoDateTime, usedAt: z.nullable(IsoDateTime) })),
  }),
  card: z.nullable(
    z.object({
      creditLimit: Amount,
      openedAt: IsoDateTime,
      statements: z.array(
        z.object({
          period: z.string(),
          closingDate: IsoDate,
          dueDate: IsoDate,
          closingBalance: Amount,
          minimumPayment: Amount,
          lines: z.array(z.object({ kind: z.string(), at: IsoDateTime, description: z.string(), amount: Amount, installment: z.nullable(z.string()) })),
        }),
      ),
      payments: z.array(z.object({ kind: z.string(), amount: Amount, at: IsoDateTime, reference: z.string() })),
    }),
  ),
  wishlist: z.array(z.object({ productId: z.string(), note: z.string(), alertPriceDrop: z.boolean(), alertBackInStock: z.boolean(), addedAt: IsoDateTime })),
  notifications: z.array(z.object({ kind: z.string(), productId: z.string(), price: Amount, previousPrice: z.nullable(Amount), at: IsoDateTime, readAt: z.nullable(IsoDateTime) })),
  conversations: z.array(
    z.object({
      id: z.string(),
      subject: z.string(),
      status: z.string(),
      startedAt: IsoDateTime,
      rating: z.nullable(z.int()),
      ratingComment: z.nullable(z.string()),
      messages: z.array(z.object({ author: z.string(), body: z.string(), at: IsoDateTime })),
    }),
  ),
  /** What they looked at and put in the cart, kept only with their consent to profiling. */
  browsing: z.array(z.object({ productId: z.string(), kind: z.string(), at: IsoDateTime })),
  /** The staff's notes on them ("seguimiento"). */
  staffNotes: z.array(z.object({ body: z.string(), at: IsoDateTime })),
  consents: Consents,
  accessLog: z.array(AccessLogEntry),
});
export type CustomerExport = z.infer<typeof CustomerExport>;

export const exportMyData = defineEndpoint({
  id: 'exportMyData',
  method: 'GET',
  path: '/v1/me/export',
  audience: 'shopper',
  tag: 'Privacy',
  summary:
    'Everything the store holds about the shopper, as machine-readable JSON: profile, orders, points ledger and redemptions, card statements and payments, wishlist and alerts, conversations with their messages, browsing signals, staff notes, consents and the access log.',
  response: CustomerExport,
});

export const exportCustomerData = defineEndpoint({
  id: 'exportCustomerData',
  method: 'GET',
  path: '/v1/customers/{id}/export',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Privacy',
  summary: "Everything the store holds about a customer, as `GET /v1/me/export` gives it, to answer a request the customer made through the store. A staff member's export is written to the access log.",
  params: CustomerParams,
  response: CustomerExport,
  errors: [404],
});

// Erasure ---------------------------------------------------------------------------------

/** What stays after an erasure, without the customer's identity, because a law or the store's books need it. */
export const KeptRecords = z.object({
  orders: z.int(),
  pointsEntries: z.int(),
  cardStatements: z.int(),
  /** Whether the card account owed money when erased: its movements and statements stay until settled and kept as long as the law requires. */
  openCardBalance: z.boolean(),
});

export const Erasure = z.object({
  status: z.literal('erased'),
  erasedAt: IsoDateTime,
  kept: KeptRecords,
});
export type Erasure = z.infer<typeof Erasure>;

export const ErasureRequest = z.object({
  /** Left out to ask; the `confirmation` of that answer to confirm. */
  confirmation: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export const ErasureStep = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('confirm'),
    /** Send it back within `expiresAt` to erase. */
    confirmation: z.string(),
    expiresAt: IsoDateTime,
  }),
  Erasure,
]);
export type ErasureStep = z.infer<typeof ErasureStep>;

export const requestMyErasure = defineEndpoint({
  id: 'requestMyErasure',
  method: 'POST',
  path: '/v1/me/erasure',
  audience: 'shopper',
  tag: 'Privacy',
  summary:
    "Erases the shopper, in two steps: an empty body asks and answers a confirmation (valid 15 minutes); the same call with it erases at once. Personal data is replaced for good; what the law makes the store keep (orders' amounts, the points ledger, card statements) stays without identity. Every session ends.",
  body: ErasureRequest,
  response: ErasureStep,
  errors: [400],
});

export const eraseCustomer = defineEndpoint({
  id: 'eraseCustomer',
  method: 'POST',
  path: '/v1/customers/{id}/erase',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Privacy',
  summary:
    "Erases a customer at once, for a request they made through the store: as `POST /v1/me/erasure` does. Asking again answers the first erasure; a `customer.erased` webhook fires once.",
  params: CustomerParams,
  response: Erasure,
  errors: [404],
});
