import * as z from 'zod/mini';
import { ExternalId, IsoDateTime } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

/**
 * The anonymous id a page's widgets keep on the device for a visitor who is
 * not signed in (a random UUID, say): what their browsing is stored under
 * until a session names the shopper.
 */
export const VisitorId = z.string().check(
  z.minLength(16),
  z.maxLength(64),
  z.regex(/^[A-Za-z0-9_-]+$/, 'Use 16 to 64 letters, digits, _ and -'),
);

export const browsingEventKinds = ['view', 'cart'] as const;

/** One thing a shopper did with a product on the store's pages. */
export const BrowsingEvent = z.object({
  productId: ExternalId,
  /** `view`: the product's page was looked at; `cart`: it was put in the cart. */
  kind: z.enum(browsingEventKinds),
  /** When, by the page's clock: a time ahead of the server's counts as now; one more than a day old is not kept. */
  at: IsoDateTime,
});
export type BrowsingEvent = z.infer<typeof BrowsingEvent>;

/** The most events one call may carry: a page sends what gathered in the last seconds, not a history. */
export const maxBrowsingEventsPerBatch = 50;

export const BrowsingEventBatch = z.object({
  /**
   * The visitor's id: required without a shopper session; with one, the
   * visitor's earlier events become the shopper's.
   */
  visitorId: z.optional(VisitorId),
  events: z.array(BrowsingEvent).check(z.minLength(1), z.maxLength(maxBrowsingEventsPerBatch)),
});
export type BrowsingEventBatch = z.infer<typeof BrowsingEventBatch>;

export const BrowsingEventsRecorded = z.object({
  /** Events kept: those naming a product of the store, recent enough, and allowed by the shopper's consent. */
  accepted: z.int(),
});
export type BrowsingEventsRecorded = z.infer<typeof BrowsingEventsRecorded>;

export const recordEvents = defineEndpoint({
  id: 'recordEvents',
  method: 'POST',
  path: '/v1/events',
  audience: 'publishable',
  tag: 'Recommendations',
  summary:
    "Browsing signals for recommendations: products looked at and put in the cart, up to 50 at a time. With the publishable key alone they are the visitor's (`visitorId`); with a shopper's session token as well (`Authorization: Bearer …`) they are the shopper's, and the visitor's earlier ones join them. Kept 90 days, the latest 200 per visitor or shopper.",
  status: 202,
  body: BrowsingEventBatch,
  response: BrowsingEventsRecorded,
  errors: [429],
});
