import type { Fulfillment, FulfillmentChange, FulfillmentInput, FulfillmentStatus } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import type { Database, Db } from '../../db/schema.ts';
import { recordWebhookEvents } from '../webhooks/index.ts';
import { findOrder, fulfillmentHistory, insertFulfillmentChange, latestFulfillments, type OrderRow } from './orders.repository.ts';

type StoredChange = { status: string; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null; at: Date };

export function toFulfillmentChange(row: StoredChange): FulfillmentChange {
  return {
    status: row.status as FulfillmentStatus,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    trackingUrl: row.trackingUrl,
    at: row.at.toISOString(),
  };
}

/** Where an order is before the merchant reports anything: pending since it was placed. */
const placed = (order: Pick<OrderRow, 'placedAt'>): FulfillmentChange => ({ status: 'pending', carrier: null, trackingNumber: null, trackingUrl: null, at: order.placedAt.toISOString() });

/** Where each of these orders is now. */
export async function currentFulfillments(db: Db, merchantId: string, orders: ReadonlyArray<{ id: string; placedAt: Date }>): Promise<Map<string, FulfillmentChange>> {
  const latest = await latestFulfillments(db, merchantId, orders.map((order) => order.id));
  return new Map(orders.map((order) => [order.id, latest.has(order.id) ? toFulfillmentChange(latest.get(order.id)!) : placed(order)]));
}

/** An order's fulfilment now, with its history (empty until the merchant reports a change). */
export async function fulfillmentOf(db: Db, merchantId: string, order: Pick<OrderRow, 'id' | 'placedAt'>): Promise<Fulfillment> {
  const history = (await fulfillmentHistory(db, merchantId, order.id)).map(toFulfillmentChange);
  return { ...(history.at(-1) ?? placed(order)), history };
}

const sameState = (a: FulfillmentChange, b: Omit<FulfillmentChange, 'at'>) =>
  a.status === b.status && a.carrier === b.carrier && a.trackingNumber === b.trackingNumber && a.trackingUrl === b.trackingUrl;

/**
 * Records where an order is. A change joins the order's history and goes out
 * as a `fulfillment.updated` webhook in the same transaction; the state it is
 * in already changes nothing, so the merchant's retries are safe.
 */
export async function putFulfillment(deps: { db: Kysely<Database>; clock: Clock }, merchant: Merchant, orderId: string, input: z.output<typeof FulfillmentInput>): Promise<Fulfillment> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    // Locked, so two reports of one order are taken one after the other and both see the one before.
    const order = await findOrder(trx, merchant.id, orderId, true);
    if (!order) throw notFound(`Order ${orderId}`);
    const at = input.at ? new Date(input.at) : now;
    const refuse = (message: string) => new ProblemError('invalid-request', `Check body.at: ${message}`, { errors: [{ in: 'body', field: 'at', message }] });
    if (at.getTime() > now.getTime() + 5 * 60_000) throw refuse('A change cannot happen in the future');
    if (at < order.placedAt) throw refuse('A change cannot happen before the order was placed');
    const before = await fulfillmentOf(trx, merchant.id, order);
    const next = { status: input.status, carrier: input.carrier ?? null, trackingNumber: input.trackingNumber ?? null, trackingUrl: input.trackingUrl ?? null };
    if (before.history.length > 0 && sameState(before, next)) return before;
    await insertFulfillmentChange(trx, { merchantId: merchant.id, orderId, ...next, at, recordedAt: now });
    const change = { ...next, at: at.toISOString() };
    await recordWebhookEvents(
      trx,
      merchant.id,
      [{ type: 'fulfillment.updated', data: { orderId, customerId: order.customerId, fulfillment: change, previousStatus: before.history.length > 0 ? before.status : null } }],
      now,
    );
    return { ...change, history: [...before.history, change] };
  });
}
