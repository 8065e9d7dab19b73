import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { FulfillmentChangeTable, OrderLineTable, OrderTable, RefundTable } from './orders.tables.ts';

export type OrderRow = Selectable<OrderTable>;

export async function findOrder(db: Db, merchantId: string, id: string, lock = false) {
  let query = db.selectFrom('orders').selectAll().where('merchantId', '=', merchantId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function orderLines(db: Db, merchantId: string, orderId: string) {
  return db
    .selectFrom('orderLines')
    .select(['productId', 'quantity', 'unitPrice'])
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .orderBy('lineNo')
    .execute();
}

export async function insertOrder(db: Db, order: Insertable<OrderTable>, lines: Insertable<OrderLineTable>[]) {
  await db.insertInto('orders').values(order).execute();
  await db.insertInto('orderLines').values(lines).execute();
}

export async function addRefunded(db: Db, merchantId: string, orderId: string, amount: number) {
  await db
    .updateTable('orders')
    .set((eb) => ({ refunded: eb('refunded', '+', amount) }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', orderId)
    .execute();
}

export async function findRefund(db: Db, merchantId: string, id: string) {
  return db.selectFrom('refunds').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function insertRefund(db: Db, refund: Insertable<RefundTable>) {
  return db.insertInto('refunds').values(refund).returningAll().executeTakeFirstOrThrow();
}

/** Names of the products with these ids; the ids missing from the answer are not in the catalog. */
export async function productNames(db: Db, merchantId: string, ids: string[]) {
  const rows = await db.selectFrom('products').select(['id', 'name']).where('merchantId', '=', merchantId).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** In SQL over orders aliased `o`: the names of the order's products in line order (a product the catalog no longer has, by its id). */
export const itemNamesOfOrder = sql<string[]>`array(select coalesce(p.name, l.product_id) from order_lines l
                                                   left join products p on p.merchant_id = l.merchant_id and p.id = l.product_id
                                                  where l.merchant_id = o.merchant_id and l.order_id = o.id order by l.line_no)`;

/**
 * A customer's orders, the latest first, after a position (the placement in
 * microseconds, as stored, and the id of the last order seen), each with the
 * names of its products in line order.
 */
export async function ordersOfCustomer(db: Db, merchantId: string, customerId: string, limit: number, after?: [micros: string, id: string]) {
  let query = db
    .selectFrom('orders as o')
    .select([
      'o.id',
      'o.placedAt',
      'o.total',
      'o.refunded',
      'o.currency',
      'o.paidWithStoreCard',
      'o.installments',
      'o.withInterest',
      sql<string>`(extract(epoch from o.placed_at) * 1000000)::bigint::text`.as('placedAtMicros'),
      itemNamesOfOrder.as('items'),
    ])
    .where('o.merchantId', '=', merchantId)
    .where('o.customerId', '=', customerId);
  if (after) {
    const placedAt = sql<Date>`timestamptz 'epoch' + ${after[0]}::bigint * interval '1 microsecond'`;
    query = query.where((eb) => eb.or([eb('o.placedAt', '<', placedAt), eb.and([eb('o.placedAt', '=', placedAt), eb('o.id', '<', after[1])])]));
  }
  return query.orderBy('o.placedAt', 'desc').orderBy('o.id', 'desc').limit(limit).execute();
}

/** The columns of a fulfilment report, in the answer's order. */
const changeColumns = ['status', 'carrier', 'trackingNumber', 'trackingUrl', 'at'] as const;

/** Every fulfilment report of an order, the oldest first. */
export async function fulfillmentHistory(db: Db, merchantId: string, orderId: string) {
  return db
    .selectFrom('fulfillmentChanges')
    .select(changeColumns)
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .orderBy('seq')
    .execute();
}

export async function insertFulfillmentChange(db: Db, change: Insertable<FulfillmentChangeTable>) {
  await db.insertInto('fulfillmentChanges').values(change).execute();
}

/** The latest fulfilment report of each of these orders. */
export async function latestFulfillments(db: Db, merchantId: string, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, Pick<Selectable<FulfillmentChangeTable>, (typeof changeColumns)[number]>>();
  const rows = await db
    .selectFrom('fulfillmentChanges')
    .distinctOn('orderId')
    .select(['orderId', ...changeColumns])
    .where('merchantId', '=', merchantId)
    .where('orderId', 'in', orderIds)
    .orderBy('orderId')
    .orderBy('seq', 'desc')
    .execute();
  return new Map(rows.map(({ orderId, ...change }) => [orderId, change]));
}

/** An order's lines with their products as they are now (null when the catalog no longer has one). */
export async function linesWithProducts(db: Db, merchantId: string, orderId: string) {
  return db
    .selectFrom('orderLines as l')
    .leftJoin('products as p', (join) => join.onRef('p.merchantId', '=', 'l.merchantId').onRef('p.id', '=', 'l.productId'))
    .select(['l.productId', 'l.quantity', 'l.unitPrice', 'p.name', 'p.imageUrl', 'p.price', 'p.stock', 'p.active'])
    .where('l.merchantId', '=', merchantId)
    .where('l.orderId', '=', orderId)
    .orderBy('l.lineNo')
    .execute();
}

export async function refundsOf(db: Db, merchantId: string, orderId: string) {
  return db.selectFrom('refunds').selectAll().where('merchantId', '=', merchantId).where('orderId', '=', orderId).orderBy('createdAt').orderBy('id').execute();
}

/** Points an order earned, less what its refunds took back: the ledger entries that name it. */
export async function pointsOfOrder(db: Db, merchantId: string, customerId: string, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('pointsEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('points'))
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('reference', '=', orderId)
    .where('reason', 'in', ['purchase', 'promotion', 'refund'])
    .executeTakeFirstOrThrow();
  return Number(row.points);
}
