import type { Notification, Notifications, Wishlist, WishlistItem, WishlistItemInput } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { WithStatus } from '../../http/api.ts';
import { notFound } from '../../http/problem.ts';
import type { Merchant } from '../auth/merchants.repository.ts';
import { toProduct } from '../catalog/catalog.service.ts';
import {
  deleteWishlistItem,
  findWishlistItem,
  markRead,
  notificationsOf,
  unreadCount,
  upsertWishlistItem,
  wishlistOf,
  type WishlistRow,
} from './wishlist.repository.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

function toItem(row: WishlistRow, currency: string): WishlistItem {
  return {
    product: toProduct(row, currency),
    note: row.note,
    alerts: { priceDrop: row.alertPriceDrop, backInStock: row.alertBackInStock },
    priceWhenAdded: { amount: row.priceWhenAdded, currency },
    addedAt: row.addedAt.toISOString(),
  };
}

export async function getMyWishlist(deps: Deps, merchant: Merchant, customerId: string): Promise<Wishlist> {
  return { items: (await wishlistOf(deps.db, merchant.id, customerId)).map((row) => toItem(row, merchant.currency)) };
}

/** Saves a product for the shopper, or changes the note and alerts of one saved before. Saving twice is saving once. */
export async function putWishlistItem(deps: Deps, merchant: Merchant, customerId: string, productId: string, input: WishlistItemInput) {
  const product = await deps.db.selectFrom('products').select(['price']).where('merchantId', '=', merchant.id).where('id', '=', productId).executeTakeFirst();
  if (!product) throw notFound(`Product ${productId}`);
  const { inserted } = await upsertWishlistItem(
    deps.db,
    { merchantId: merchant.id, customerId, productId, priceWhenAdded: product.price, now: deps.clock() },
    {
      ...(input.note === undefined ? {} : { note: input.note }),
      ...(input.alerts?.priceDrop === undefined ? {} : { alertPriceDrop: input.alerts.priceDrop }),
      ...(input.alerts?.backInStock === undefined ? {} : { alertBackInStock: input.alerts.backInStock }),
    },
  );
  const row = await findWishlistItem(deps.db, merchant.id, customerId, productId);
  return new WithStatus(toItem(row!, merchant.currency), inserted ? 201 : 200);
}

export async function removeWishlistItem(deps: Deps, merchant: Merchant, customerId: string, productId: string): Promise<void> {
  await deleteWishlistItem(deps.db, merchant.id, customerId, productId);
}

export async function listMyNotifications(deps: Deps, merchant: Merchant, customerId: string, query: { limit: number; unread: boolean }): Promise<Notifications> {
  const [rows, unread] = await Promise.all([
    notificationsOf(deps.db, merchant.id, customerId, query.limit, query.unread),
    unreadCount(deps.db, merchant.id, customerId),
  ]);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  const items = rows.map(
    (row): Notification => ({
      id: String(row.id),
      kind: row.kind,
      product: { id: row.productId, name: row.name, imageUrl: row.imageUrl },
      previousPrice: row.previousPrice === null ? null : money(row.previousPrice),
      price: money(row.price),
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    }),
  );
  return { items, unread };
}

export async function markMyNotificationsRead(deps: Deps, merchant: Merchant, customerId: string, ids?: string[]) {
  await markRead(deps.db, merchant.id, customerId, deps.clock(), ids?.map(Number));
  return { unread: await unreadCount(deps.db, merchant.id, customerId) };
}
