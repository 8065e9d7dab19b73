import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

const itemColumns = [
  'w.productId',
  'w.note',
  'w.alertPriceDrop',
  'w.alertBackInStock',
  'w.priceWhenAdded',
  'w.addedAt',
  'p.id',
  'p.name',
  'p.description',
  'p.category',
  'p.price',
  'p.imageUrl',
  'p.stock',
  'p.active',
] as const;

function items(db: Db, merchantId: string, customerId: string) {
  return db
    .selectFrom('wishlistItems as w')
    .innerJoin('products as p', (join) => join.onRef('p.merchantId', '=', 'w.merchantId').onRef('p.id', '=', 'w.productId'))
    .select(itemColumns)
    .where('w.merchantId', '=', merchantId)
    .where('w.customerId', '=', customerId);
}

export type WishlistRow = Awaited<ReturnType<typeof wishlistOf>>[number];

export async function wishlistOf(db: Db, merchantId: string, customerId: string) {
  return items(db, merchantId, customerId).orderBy('w.addedAt', 'desc').orderBy('w.productId').execute();
}

export async function findWishlistItem(db: Db, merchantId: string, customerId: string, productId: string) {
  return items(db, merchantId, customerId).where('w.productId', '=', productId).executeTakeFirst();
}

/**
 * Saves the product, or changes what the shopper sent about it; the
 * `inserted` flag tells a first save from a repeat (xmax is 0 on a fresh row).
 */
export async function upsertWishlistItem(
  db: Db,
  item: { merchantId: string; customerId: string; productId: string; priceWhenAdded: number; now: Date },
  changes: { note?: string; alertPriceDrop?: boolean; alertBackInStock?: boolean },
) {
  return db
    .insertInto('wishlistItems')
    .values({
      merchantId: item.merchantId,
      customerId: item.customerId,
      productId: item.productId,
      note: changes.note ?? '',
      alertPriceDrop: changes.alertPriceDrop ?? true,
      alertBackInStock: changes.alertBackInStock ?? true,
      priceWhenAdded: item.priceWhenAdded,
      addedAt: item.now,
      updatedAt: item.now,
    })
    .onConflict((conflict) => conflict.columns(['merchantId', 'customerId', 'productId']).doUpdateSet({ ...changes, updatedAt: item.now }))
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
}

export async function deleteWishlistItem(db: Db, merchantId: string, customerId: string, productId: string) {
  await db
    .deleteFrom('wishlistItems')
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('productId', '=', productId)
    .execute();
}

/** Alerts for every shopper who saved the product and asked for this kind; resolves to the alerts written. */
export async function notifyWishlisters(
  db: Db,
  merchantId: string,
  productId: string,
  alert: { kind: 'price-drop' | 'back-in-stock'; previousPrice: number | null; price: number; at: Date },
) {
  const wants = alert.kind === 'price-drop' ? 'alertPriceDrop' : 'alertBackInStock';
  return db
    .insertInto('notifications')
    .columns(['merchantId', 'customerId', 'kind', 'productId', 'previousPrice', 'price', 'createdAt'])
    .expression((eb) =>
      eb
        .selectFrom('wishlistItems')
        .select([
          'merchantId',
          'customerId',
          eb.val(alert.kind).as('kind'),
          'productId',
          eb.val(alert.previousPrice).as('previousPrice'),
          eb.val(alert.price).as('price'),
          eb.val(alert.at).as('createdAt'),
        ])
        .where('merchantId', '=', merchantId)
        .where('productId', '=', productId)
        .where(wants, '=', true),
    )
    .returning(['id', 'customerId'])
    .execute();
}

export async function notificationsOf(db: Db, merchantId: string, customerId: string, limit: number, unreadOnly: boolean) {
  let query = db
    .selectFrom('notifications as n')
    .innerJoin('products as p', (join) => join.onRef('p.merchantId', '=', 'n.merchantId').onRef('p.id', '=', 'n.productId'))
    .select(['n.id', 'n.kind', 'n.previousPrice', 'n.price', 'n.createdAt', 'n.readAt', 'p.id as productId', 'p.name', 'p.imageUrl'])
    .where('n.merchantId', '=', merchantId)
    .where('n.customerId', '=', customerId);
  if (unreadOnly) query = query.where('n.readAt', 'is', null);
  return query.orderBy('n.id', 'desc').limit(limit).execute();
}

export async function unreadCount(db: Db, merchantId: string, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}

export async function markRead(db: Db, merchantId: string, customerId: string, at: Date, ids?: number[]) {
  let query = db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('readAt', 'is', null);
  if (ids) query = query.where('id', 'in', ids.length > 0 ? ids : [-1]);
  await query.execute();
}
