import type { Product, ProductInput } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database, Db, ProductRow } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Merchant } from '../auth/merchants.repository.ts';
import { recordWebhookEvents } from '../webhooks/outbox.ts';
import { notifyWishlisters } from '../wishlist/wishlist.repository.ts';
import { findProduct, listProducts, upsertProduct } from './catalog.repository.ts';

export function toProduct(row: Pick<ProductRow, 'id' | 'name' | 'description' | 'category' | 'price' | 'imageUrl' | 'stock' | 'active'>, currency: string): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    price: { amount: row.price, currency },
    imageUrl: row.imageUrl,
    stock: row.stock,
    active: row.active,
  };
}

/**
 * Creates or replaces a product. A lower price alerts the shoppers who saved
 * it and asked for price drops; stock coming back from zero alerts those who
 * asked for that. Inactive products alert no one.
 */
export async function putProduct(
  deps: { db: Kysely<Database>; clock: Clock },
  merchant: Merchant,
  id: string,
  input: Required<Omit<ProductInput, 'imageUrl'>> & Pick<ProductInput, 'imageUrl'>,
): Promise<Product> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const before = await findProduct(trx, merchant.id, id, true);
    const row = await upsertProduct(trx, {
      merchantId: merchant.id,
      id,
      name: input.name,
      description: input.description,
      category: input.category,
      price: input.price,
      imageUrl: input.imageUrl ?? null,
      stock: input.stock,
      active: input.active,
      updatedAt: now,
    });
    if (before && row.active) {
      if (row.price < before.price) {
        await alertWishlisters(trx, merchant, row, { kind: 'price-drop', previousPrice: before.price, price: row.price, at: now });
      }
      if (before.stock === 0 && row.stock > 0) {
        await alertWishlisters(trx, merchant, row, { kind: 'back-in-stock', previousPrice: null, price: row.price, at: now });
      }
    }
    return toProduct(row, merchant.currency);
  });
}

/** Alerts the shoppers who saved the product, in their notifications and as one `wishlist.alert` webhook event each. */
async function alertWishlisters(db: Db, merchant: Merchant, product: ProductRow, alert: Parameters<typeof notifyWishlisters>[3]) {
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
}

export async function productPage(db: Kysely<Database>, merchant: Merchant, limit: number, after?: string) {
  const rows = await listProducts(db, merchant.id, limit + 1, after === undefined ? undefined : decodeCursor(after, 'after'));
  const items = rows.slice(0, limit).map((row) => toProduct(row, merchant.currency));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
