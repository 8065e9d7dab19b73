import type { Notification, Notifications, Wishlist, WishlistItem, WishlistItemInput } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import { WithStatus } from '../../core/results.ts';
import type { Database, Db } from '../../db/schema.ts';
import { findProduct, type ProductChangeListener, type ProductRow, toProduct } from '../catalog/index.ts';
import { recordMail } from '../mail-outbox/index.ts';
import { recordWebhookEvents } from '../webhooks/index.ts';
import {
  deleteWishlistItem,
  findWishlistItem,
  markRead,
  notifyWishlisters,
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
  const product = await findProduct(deps.db, merchant.id, productId);
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

type Alert = Parameters<typeof notifyWishlisters>[3];

/**
 * Alerts the shoppers who saved a product that got cheaper, or came back in
 * stock, and asked to hear of it: in their notifications, and as one
 * `wishlist.alert` webhook event each. Inactive products alert no one.
 */
export const alertWishlisters: ProductChangeListener = async (db, merchant, { before, after, at }) => {
  if (!after.active) return;
  if (after.price < before.price) await alert(db, merchant, after, { kind: 'price-drop', previousPrice: before.price, price: after.price, at });
  if (before.stock === 0 && after.stock > 0) await alert(db, merchant, after, { kind: 'back-in-stock', previousPrice: null, price: after.price, at });
};

async function alert(db: Db, merchant: Merchant, product: ProductRow, alert: Alert) {
  const alerted = await notifyWishlisters(db, merchant.id, product.id, alert);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  const events = alerted.map(({ id, customerId }) => ({
    type: 'wishlist.alert' as const,
    data: {
      customerId,
      alertId: String(id),
      kind: alert.kind,
      product: { id: product.id, name: product.name },
      price: money(alert.price),
      previousPrice: alert.previousPrice === null ? null : money(alert.previousPrice),
    },
  }));
  await recordWebhookEvents(db, merchant.id, events, alert.at);
  const facts = { productId: product.id, productName: product.name, price: alert.price, previousPrice: alert.previousPrice, currency: merchant.currency };
  await recordMail(db, merchant.id, alerted.map(({ id, customerId }) => ({ customerId, kind: alert.kind, eventKey: String(id), facts })), alert.at);
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
