import type { MyOrder, MyOrderSummary } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import type { Database, Db } from '../../db/schema.ts';
import { currentFulfillments, fulfillmentOf } from './fulfillment.service.ts';
import { findOrder, linesWithProducts, pointsOfOrder, refundsOf, type OrderRow } from './orders.repository.ts';
import { customerOrders, orderPayment, refundView } from './orders.service.ts';

/** A page of the shopper's orders, the latest first, each with where it is now. */
export async function myOrders(deps: { db: Kysely<Database> }, merchant: Merchant, customerId: string, page: { limit: number; after?: string }) {
  const { items, nextCursor } = await customerOrders(deps, merchant, customerId, page);
  const fulfillments = await currentFulfillments(deps.db, merchant.id, items.map((item) => ({ id: item.id, placedAt: new Date(item.placedAt) })));
  return {
    items: items.map(({ paidWithStoreCard: _, ...item }): MyOrderSummary => ({ ...item, fulfillment: fulfillments.get(item.id)! })),
    nextCursor,
  };
}

/** The shopper's own order; another shopper's, or another store's, is not found. */
async function ownOrder(db: Db, merchant: Merchant, customerId: string, orderId: string): Promise<OrderRow> {
  const order = await findOrder(db, merchant.id, orderId);
  if (!order || order.customerId !== customerId) throw notFound(`Order ${orderId}`);
  return order;
}

/** One of the shopper's orders in their list's shape: what a chat about it shows. */
export async function myOrderSummary(db: Db, merchant: Merchant, customerId: string, orderId: string): Promise<MyOrderSummary> {
  const order = await ownOrder(db, merchant, customerId, orderId);
  const [lines, fulfillment] = await Promise.all([linesWithProducts(db, merchant.id, order.id), fulfillmentOf(db, merchant.id, order)]);
  const { history: _, ...now } = fulfillment;
  return {
    id: order.id,
    placedAt: order.placedAt.toISOString(),
    total: { amount: order.total, currency: order.currency },
    refunded: { amount: order.refunded, currency: order.currency },
    payment: orderPayment(order),
    items: lines.map((line) => line.name ?? line.productId),
    fulfillment: now,
  };
}

/** One of the shopper's orders, whole: lines as they can be bought again, points, refunds, and the tracking history. */
export async function myOrder(deps: { db: Kysely<Database> }, merchant: Merchant, customerId: string, orderId: string): Promise<MyOrder> {
  const order = await ownOrder(deps.db, merchant, customerId, orderId);
  const [lines, refunds, points, fulfillment] = await Promise.all([
    linesWithProducts(deps.db, merchant.id, order.id),
    refundsOf(deps.db, merchant.id, order.id),
    pointsOfOrder(deps.db, merchant.id, customerId, order.id),
    fulfillmentOf(deps.db, merchant.id, order),
  ]);
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    id: order.id,
    placedAt: order.placedAt.toISOString(),
    total: money(order.total),
    refunded: money(order.refunded),
    payment: orderPayment(order),
    lines: lines.map((line) => ({
      productId: line.productId,
      name: line.name ?? line.productId,
      imageUrl: line.imageUrl ?? null,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      available: line.active === true && (line.stock ?? 0) > 0,
      priceNow: line.price === null ? null : { amount: line.price, currency: merchant.currency },
    })),
    pointsEarned: points,
    refunds: refunds.map((refund) => refundView(refund, order.currency)),
    fulfillment,
  };
}
