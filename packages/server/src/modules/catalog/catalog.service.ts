import type { Product, ProductInput } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database, ProductRow } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Merchant } from '../auth/merchants.repository.ts';
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
        await notifyWishlisters(trx, merchant.id, id, { kind: 'price-drop', previousPrice: before.price, price: row.price, at: now });
      }
      if (before.stock === 0 && row.stock > 0) {
        await notifyWishlisters(trx, merchant.id, id, { kind: 'back-in-stock', previousPrice: null, price: row.price, at: now });
      }
    }
    return toProduct(row, merchant.currency);
  });
}

export async function productPage(db: Kysely<Database>, merchant: Merchant, limit: number, after?: string) {
  const rows = await listProducts(db, merchant.id, limit + 1, after === undefined ? undefined : decodeCursor(after, 'after'));
  const items = rows.slice(0, limit).map((row) => toProduct(row, merchant.currency));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
