import type { FieldError, Order, OrderPayment, OrderSummary } from '@clientela/contract';
import type { OrderInput, RefundInput } from '@clientela/contract';
import type { Kysely, Transaction } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import { decodeCursorKey, encodeCursor } from '../../core/cursor.ts';
import { isUniqueViolation, requestFingerprint } from '../../core/idempotency.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { WithStatus } from '../../core/results.ts';
import type { Database } from '../../db/schema.ts';
import { earnForPurchase, reverseForRefund, settlePoints } from '../loyalty/index.ts';
import { cardPlanOf, chargeToCard, refundToCard } from '../statements/index.ts';
import { requireCustomer } from '../customers/index.ts';
import { addRefunded, findOrder, findRefund, insertOrder, insertRefund, orderLines, ordersOfCustomer, productNames, type OrderRow } from './orders.repository.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

type NewOrder = z.output<typeof OrderInput>;
type NewRefund = z.output<typeof RefundInput>;

const invalid = (errors: FieldError[]) =>
  new ProblemError('invalid-request', `Check ${errors.map((e) => `body.${e.field}`).join(', ')}`, { errors });

/** Checks that need no database: currency, total against lines, a placedAt not in the future. */
function checkOrder(input: NewOrder, merchant: Merchant, now: Date): void {
  const errors: FieldError[] = [];
  if (input.currency !== merchant.currency) {
    errors.push({ in: 'body', field: 'currency', message: `This store sells in ${merchant.currency}` });
  }
  const linesTotal = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  if (input.total > linesTotal) {
    errors.push({ in: 'body', field: 'total', message: `The total is more than the lines add up to (${linesTotal})` });
  }
  // Five minutes of grace for the merchant's clock running ahead of ours.
  if (input.placedAt && new Date(input.placedAt).getTime() > now.getTime() + 5 * 60_000) {
    errors.push({ in: 'body', field: 'placedAt', message: 'An order cannot be placed in the future' });
  }
  if (errors.length > 0) throw invalid(errors);
}

/** How an order was paid: on the store card in installments, or otherwise. */
export function orderPayment(row: Pick<OrderRow, 'paidWithStoreCard' | 'installments' | 'withInterest'>): OrderPayment {
  return row.paidWithStoreCard ? { method: 'store-card', installments: row.installments, withInterest: row.withInterest } : { method: 'other' };
}

async function orderView(db: Kysely<Database> | Transaction<Database>, merchant: Merchant, row: OrderRow): Promise<Order> {
  const [lines, plan] = await Promise.all([orderLines(db, merchant.id, row.id), row.paidWithStoreCard ? cardPlanOf(db, merchant, row.id) : undefined]);
  const payment = orderPayment(row);
  return {
    id: row.id,
    customerId: row.customerId,
    placedAt: row.placedAt.toISOString(),
    total: { amount: row.total, currency: row.currency },
    refunded: { amount: row.refunded, currency: row.currency },
    payment,
    lines: lines.map((line) => ({ productId: line.productId, quantity: line.quantity, unitPrice: { amount: line.unitPrice, currency: row.currency } })),
    installmentAmounts: plan?.installmentAmounts ?? [],
  };
}

/** The stored order when this is a retry of the request that created it; a 409 when the id was used for another order. */
async function replay(db: Kysely<Database> | Transaction<Database>, merchant: Merchant, existing: OrderRow, fingerprint: string) {
  if (existing.requestHash !== fingerprint) {
    throw new ProblemError('conflict', `Order ${existing.id} already exists with other content`);
  }
  return new WithStatus(await orderView(db, merchant, existing), 200);
}

/**
 * Records a purchase and its lines. Paid with the store card, it is charged
 * in installments from the open period, if the available credit covers it.
 */
export async function createOrder(deps: Deps, merchant: Merchant, input: NewOrder): Promise<WithStatus<Order>> {
  const now = deps.clock();
  checkOrder(input, merchant, now);
  const fingerprint = requestFingerprint(input);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const existing = await findOrder(trx, merchant.id, input.id);
      if (existing) return replay(trx, merchant, existing, fingerprint);
      // Locks in one order everywhere: the customer (points), then the order, then the card account.
      const points = await settlePoints(trx, merchant, input.customerId, now);
      const names = await productNames(trx, merchant.id, [...new Set(input.lines.map((line) => line.productId))]);
      const unknown = input.lines.flatMap((line, i) =>
        names.has(line.productId) ? [] : [{ in: 'body' as const, field: `lines.${i}.productId`, message: `No product ${line.productId} in the catalog` }],
      );
      if (unknown.length > 0) throw invalid(unknown);

      const placedAt = input.placedAt ? new Date(input.placedAt) : now;
      const card = input.payment.method === 'store-card' ? input.payment : null;
      await insertOrder(
        trx,
        {
          merchantId: merchant.id,
          id: input.id,
          customerId: input.customerId,
          placedAt,
          total: input.total,
          currency: input.currency,
          paidWithStoreCard: card !== null,
          installments: card?.installments ?? 1,
          withInterest: card?.withInterest ?? false,
          requestHash: fingerprint,
          createdAt: now,
        },
        input.lines.map((line, i) => ({ merchantId: merchant.id, orderId: input.id, lineNo: i + 1, ...line })),
      );
      if (card) {
        await chargeToCard(trx, merchant, input.customerId, now, {
          orderId: input.id,
          purchasedAt: placedAt,
          description: names.get(input.lines[0]!.productId)!,
          moreItems: input.lines.length - 1,
          amount: input.total,
          installments: card.installments,
          withInterest: card.withInterest,
        });
      }
      await earnForPurchase(trx, merchant, points, { id: input.id, total: input.total, placedAt });
      const created = await findOrder(trx, merchant.id, input.id);
      return new WithStatus(await orderView(trx, merchant, created!), 201);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another request created this order first: answer as its retry would be answered.
    const existing = await findOrder(deps.db, merchant.id, input.id);
    if (!existing) throw error;
    return replay(deps.db, merchant, existing, fingerprint);
  }
}

export const refundView = (row: { id: string; orderId: string; amount: number; reason: string; createdAt: Date }, currency: string) => ({
  id: row.id,
  orderId: row.orderId,
  amount: { amount: row.amount, currency },
  reason: row.reason,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Refunds part or all of an order. On the store card the refund first
 * cancels installments not billed yet and credits the rest, so what the
 * customer owes drops by the refund.
 */
export async function createRefund(deps: Deps, merchant: Merchant, input: NewRefund) {
  const now = deps.clock();
  const fingerprint = requestFingerprint(input);
  const replayRefund = (existing: NonNullable<Awaited<ReturnType<typeof findRefund>>>) => {
    if (existing.requestHash !== fingerprint) throw new ProblemError('conflict', `Refund ${existing.id} already exists with other content`);
    return new WithStatus(refundView(existing, merchant.currency), 200);
  };
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const existing = await findRefund(trx, merchant.id, input.id);
      if (existing) return replayRefund(existing);
      const unlocked = await findOrder(trx, merchant.id, input.orderId);
      if (!unlocked) throw notFound(`Order ${input.orderId}`);
      const points = await settlePoints(trx, merchant, unlocked.customerId, now);
      const order = (await findOrder(trx, merchant.id, input.orderId, true))!;
      if (order.refunded + input.amount > order.total) {
        throw new ProblemError('conflict', `Only ${order.total - order.refunded} of order ${order.id} is left to refund`);
      }
      const refund = await insertRefund(trx, { merchantId: merchant.id, ...input, createdAt: now, requestHash: fingerprint });
      await addRefunded(trx, merchant.id, order.id, input.amount);
      if (order.paidWithStoreCard) {
        await refundToCard(trx, merchant, order.customerId, now, { id: input.id, orderId: order.id, amount: input.amount, requestHash: fingerprint });
      }
      await reverseForRefund(trx, merchant, points, { id: order.id, total: order.total, refundedAfter: order.refunded + input.amount });
      return new WithStatus(refundView(refund, merchant.currency), 201);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findRefund(deps.db, merchant.id, input.id);
    if (!existing) throw error;
    return replayRefund(existing);
  }
}

type Position = [micros: string, id: string];

const isPosition = (key: unknown): key is Position =>
  Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && /^-?\d{1,18}$/.test(key[0]) && typeof key[1] === 'string';

/**
 * A page of a customer's orders, the latest first: what the back office's
 * customer page lists, and the agent's customer panel shows the first of.
 * A customer the store does not have is a 404.
 */
export async function customerOrders(deps: { db: Kysely<Database> }, merchant: Merchant, customerId: string, page: { limit: number; after?: string }) {
  await requireCustomer(deps.db, merchant.id, customerId);
  const after = page.after === undefined ? undefined : decodeCursorKey(page.after, 'after', isPosition);
  const rows = await ordersOfCustomer(deps.db, merchant.id, customerId, page.limit + 1, after);
  const items: Array<OrderSummary & { paidWithStoreCard: boolean }> = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    placedAt: row.placedAt.toISOString(),
    total: { amount: row.total, currency: row.currency },
    refunded: { amount: row.refunded, currency: row.currency },
    payment: orderPayment(row),
    items: row.items,
    paidWithStoreCard: row.paidWithStoreCard,
  }));
  const last = rows[page.limit - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.placedAtMicros, last.id]) : null };
}
