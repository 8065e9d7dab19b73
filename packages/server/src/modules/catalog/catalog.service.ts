import type { CatalogProduct, Product, ProductInput } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import type { Merchant } from '../../core/merchant.ts';
import type { Database, Db } from '../../db/schema.ts';
import { findProduct, listProducts, upsertProduct } from './catalog.repository.ts';
import type { ProductRow } from './catalog.tables.ts';

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

/** A product as its merchant sees it: with the type and boost shoppers never see. */
export function toCatalogProduct(row: ProductRow, currency: string): CatalogProduct {
  return { ...toProduct(row, currency), type: row.type, boost: row.boost };
}

/** A product as it was before a change and as it is after: what the modules that act on changes read (wishlist alerts). */
export interface ProductChange {
  before: ProductRow;
  after: ProductRow;
  at: Date;
}

/** Acts on a change to a product that existed before, within the change's transaction. */
export type ProductChangeListener = (db: Db, merchant: Merchant, change: ProductChange) => Promise<void>;

/**
 * Creates or replaces a product. A change to one that existed before is
 * told, in the same transaction, to every listener (the wishlist's alerts).
 */
export async function putProduct(
  deps: { db: Kysely<Database>; clock: Clock; onProductChange: readonly ProductChangeListener[] },
  merchant: Merchant,
  id: string,
  input: Required<Omit<ProductInput, 'imageUrl'>> & Pick<ProductInput, 'imageUrl'>,
): Promise<CatalogProduct> {
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
      type: input.type,
      boost: input.boost,
      updatedAt: now,
    });
    if (before) for (const listener of deps.onProductChange) await listener(trx, merchant, { before, after: row, at: now });
    return toCatalogProduct(row, merchant.currency);
  });
}

export async function productPage(db: Kysely<Database>, merchant: Merchant, limit: number, after?: string) {
  const rows = await listProducts(db, merchant.id, limit + 1, after === undefined ? undefined : decodeCursor(after, 'after'));
  const items = rows.slice(0, limit).map((row) => toCatalogProduct(row, merchant.currency));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
