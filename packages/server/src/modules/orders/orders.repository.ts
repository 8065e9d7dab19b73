import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { OrderLineTable, OrderTable, RefundTable } from './orders.tables.ts';

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
