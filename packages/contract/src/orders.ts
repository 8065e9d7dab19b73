import * as z from 'zod/mini';
import { CurrencyCode, ExternalId, IsoDateTime, Money, OneLine, PageQuery, pageOf } from './common.ts';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';

export const maxInstallments = 48;

export const OrderLineInput = z.object({
  productId: ExternalId,
  quantity: z.int().check(z.minimum(1), z.maximum(10_000)),
  /** Price of one unit, in minor units. */
  unitPrice: z.int().check(z.minimum(0), z.maximum(1_000_000_000_000)),
});

export const OrderPayment = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('store-card'),
    /** Number of monthly installments ("cuotas"), 1 to 48. */
    installments: z.int().check(z.minimum(1), z.maximum(maxInstallments)),
    /** Whether the installments carry the merchant's installment interest; interest-free when false. */
    withInterest: z._default(z.boolean(), false),
  }),
  z.object({ method: z.literal('other') }),
]);
export type OrderPayment = z.infer<typeof OrderPayment>;

export const OrderInput = z.object({
  /** The merchant's order id: sending the same order again changes nothing. */
  id: ExternalId,
  customerId: ExternalId,
  /** When the purchase happened; now when left out. */
  placedAt: z.optional(IsoDateTime),
  currency: CurrencyCode,
  lines: z.array(OrderLineInput).check(z.minLength(1), z.maxLength(200)),
  /** What the shopper paid, in minor units: the lines' sum less any discount. */
  total: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
  payment: OrderPayment,
});
export type OrderInput = z.input<typeof OrderInput>;

export const Order = z.object({
  id: z.string(),
  customerId: z.string(),
  placedAt: IsoDateTime,
  total: Money,
  refunded: Money,
  payment: OrderPayment,
  lines: z.array(z.object({ productId: z.string(), quantity: z.int(), unitPrice: Money })),
  /** Each installment billed to the store card, in order; empty when not paid with the card. */
  installmentAmounts: z.array(z.int()),
});
export type Order = z.infer<typeof Order>;

export const createOrder = defineEndpoint({
  id: 'createOrder',
  method: 'POST',
  path: '/v1/orders',
  audience: 'secret',
  tag: 'Orders',
  summary:
    'Records a purchase. Paid with the store card, it is charged in installments against the credit line. Idempotent on the order id: the same order again answers 200 with the stored order; the same id with other content is a 409.',
  body: OrderInput,
  response: Order,
  status: 201,
  errors: [404, 409],
});

export const RefundInput = z.object({
  /** The merchant's refund id: sending the same refund again changes nothing. */
  id: ExternalId,
  orderId: ExternalId,
  amount: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
  reason: z._default(z.string().check(z.maxLength(200)), ''),
});
export type RefundInput = z.input<typeof RefundInput>;

export const Refund = z.object({
  id: z.string(),
  orderId: z.string(),
  amount: Money,
  reason: z.string(),
  createdAt: IsoDateTime,
});

export const createRefund = defineEndpoint({
  id: 'createRefund',
  method: 'POST',
  path: '/v1/refunds',
  audience: 'secret',
  tag: 'Orders',
  summary:
    'Refunds part or all of an order. On the store card it is a credit; a full refund also cancels the installments not yet billed. Idempotent on the refund id.',
  body: RefundInput,
  response: Refund,
  status: 201,
  errors: [404, 409],
});

export const PaymentInput = z.object({
  /** The merchant's payment id: sending the same payment again changes nothing. */
  id: ExternalId,
  customerId: ExternalId,
  amount: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
  currency: CurrencyCode,
});
export type PaymentInput = z.input<typeof PaymentInput>;

export const Payment = z.object({
  id: z.string(),
  customerId: z.string(),
  amount: Money,
  receivedAt: IsoDateTime,
});

export const createPayment = defineEndpoint({
  id: 'createPayment',
  method: 'POST',
  path: '/v1/payments',
  audience: 'secret',
  tag: 'Store card',
  summary: "Records a payment to a customer's store card, credited when received. Idempotent on the payment id.",
  body: PaymentInput,
  response: Payment,
  status: 201,
  errors: [404, 409],
});

/** An order in a customer's history: when, how much, how it was paid, and what (the products' names, in line order). */
export const OrderSummary = z.object({
  id: z.string(),
  placedAt: IsoDateTime,
  total: Money,
  refunded: Money,
  payment: OrderPayment,
  items: z.array(z.string()),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const listCustomerOrders = defineEndpoint({
  id: 'listCustomerOrders',
  method: 'GET',
  path: '/v1/customers/{id}/orders',
  audience: 'secret',
  staff: allStaff,
  tag: 'Orders',
  summary: "A customer's orders, the latest first, a page at a time (keyset cursor).",
  params: z.object({ id: ExternalId }),
  query: PageQuery,
  response: pageOf(OrderSummary),
  errors: [404],
});

// Fulfilment and the shopper's own orders ------------------------------------------------

/** Where an order is on its way to the shopper. */
export const fulfillmentStatuses = ['pending', 'preparing', 'shipped', 'delivered', 'cancelled'] as const;
export const FulfillmentStatus = z.enum(fulfillmentStatuses);
export type FulfillmentStatus = z.infer<typeof FulfillmentStatus>;

export const FulfillmentInput = z.object({
  status: FulfillmentStatus,
  /** Who carries the parcel: "Chilexpress", "Starken". */
  carrier: z.optional(OneLine(80)),
  trackingNumber: z.optional(OneLine(100)),
  /** The carrier's page for this parcel: an https URL. */
  trackingUrl: z.optional(z.url({ protocol: /^https$/, error: 'An https URL' }).check(z.maxLength(2048))),
  /** When the change happened; now when left out. Not before the order, nor in the future. */
  at: z.optional(IsoDateTime),
});
export type FulfillmentInput = z.input<typeof FulfillmentInput>;

/** One state of an order's fulfilment, as the merchant reported it. */
export const FulfillmentChange = z.object({
  status: FulfillmentStatus,
  carrier: z.nullable(z.string()),
  trackingNumber: z.nullable(z.string()),
  trackingUrl: z.nullable(z.string()),
  at: IsoDateTime,
});
export type FulfillmentChange = z.infer<typeof FulfillmentChange>;

/** The order's fulfilment now, with every change that led to it, the oldest first. */
export const Fulfillment = z.object({ ...FulfillmentChange.shape, history: z.array(FulfillmentChange) });
export type Fulfillment = z.infer<typeof Fulfillment>;

export const putFulfillment = defineEndpoint({
  id: 'putFulfillment',
  method: 'PUT',
  path: '/v1/orders/{id}/fulfillment',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Orders',
  summary:
    "Reports where an order is: its status, carrier, tracking number and URL. A change is added to the order's history and sent as a `fulfillment.updated` webhook; the same state again changes nothing. Another store's order is a 404.",
  params: z.object({ id: ExternalId }),
  body: FulfillmentInput,
  response: Fulfillment,
  errors: [404],
});

/** An order in the shopper's list: the summary and where it is now. */
export const MyOrderSummary = z.object({ ...OrderSummary.shape, fulfillment: FulfillmentChange });
export type MyOrderSummary = z.infer<typeof MyOrderSummary>;

export const MyOrderLine = z.object({
  productId: z.string(),
  /** The product's name now; its id when the catalog no longer has it. */
  name: z.string(),
  imageUrl: z.nullable(z.string()),
  quantity: z.int(),
  unitPrice: Money,
  /** Whether it can be bought again now: on sale and in stock. */
  available: z.boolean(),
  /** Its price now, to buy it again; null when the catalog no longer has it. */
  priceNow: z.nullable(Money),
});
export type MyOrderLine = z.infer<typeof MyOrderLine>;

export const MyOrder = z.object({
  id: z.string(),
  placedAt: IsoDateTime,
  total: Money,
  refunded: Money,
  payment: OrderPayment,
  lines: z.array(MyOrderLine),
  /** Points the purchase earned, less those its refunds took back. */
  pointsEarned: z.int(),
  refunds: z.array(Refund),
  fulfillment: Fulfillment,
});
export type MyOrder = z.infer<typeof MyOrder>;

export const listMyOrders = defineEndpoint({
  id: 'listMyOrders',
  method: 'GET',
  path: '/v1/me/orders',
  audience: 'shopper',
  tag: 'Orders',
  summary: "The shopper's orders, the latest first, each with where it is now, a page at a time (keyset cursor).",
  query: PageQuery,
  response: pageOf(MyOrderSummary),
});

export const getMyOrder = defineEndpoint({
  id: 'getMyOrder',
  method: 'GET',
  path: '/v1/me/orders/{id}',
  audience: 'shopper',
  tag: 'Orders',
  summary:
    "One of the shopper's orders: its lines with the products' names and whether each can be bought again, the payment (store card and installments, or other), points earned, refunds, and the fulfilment with its tracking history.",
  params: z.object({ id: ExternalId }),
  response: MyOrder,
  errors: [404],
});
