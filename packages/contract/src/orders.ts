import * as z from 'zod/mini';
import { CurrencyCode, ExternalId, IsoDateTime, Money, PageQuery, pageOf } from './common.ts';
import { allStaff, defineEndpoint } from './endpoint.ts';

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
