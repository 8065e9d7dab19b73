import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { ProductRow, ProductTable } from './catalog.tables.ts';

export async function upsertProduct(db: Db, product: Insertable<ProductTable>): Promise<ProductRow> {
  const { merchantId, id, createdAt: _, ...changes } = product;
  return db
    .insertInto('products')
    .values(product)
    .onConflict((conflict) => conflict.columns(['merchantId', 'id']).doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A page of products in id order, after the given id. */
export async function listProducts(db: Db, merchantId: string, limit: number, afterId?: string): Promise<ProductRow[]> {
  let query = db.selectFrom('products').selectAll().where('merchantId', '=', merchantId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export async function findProduct(db: Db, merchantId: string, id: string, lock = false) {
  let query = db.selectFrom('products').selectAll().where('merchantId', '=', merchantId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
