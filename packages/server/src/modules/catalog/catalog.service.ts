import type { Product, ProductInput } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Database, ProductRow } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Merchant } from '../auth/merchants.repository.ts';
import { listProducts, upsertProduct } from './catalog.repository.ts';

export function toProduct(row: ProductRow, currency: string): Product {
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

export async function putProduct(
  deps: { db: Kysely<Database>; clock: Clock },
  merchant: Merchant,
  id: string,
  input: Required<Omit<ProductInput, 'imageUrl'>> & Pick<ProductInput, 'imageUrl'>,
): Promise<Product> {
  const row = await upsertProduct(deps.db, {
    merchantId: merchant.id,
    id,
    name: input.name,
    description: input.description,
    category: input.category,
    price: input.price,
    imageUrl: input.imageUrl ?? null,
    stock: input.stock,
    active: input.active,
    updatedAt: deps.clock(),
  });
  return toProduct(row, merchant.currency);
}

export async function productPage(db: Kysely<Database>, merchant: Merchant, limit: number, after?: string) {
  const rows = await listProducts(db, merchant.id, limit + 1, after === undefined ? undefined : decodeCursor(after, 'after'));
  const items = rows.slice(0, limit).map((row) => toProduct(row, merchant.currency));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
