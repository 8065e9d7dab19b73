import type { Tier } from '@clientela/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { TrainingData } from './model.ts';

/** Two years of a merchant's order lines and its wishlists: what the model is built from. */
export async function loadTrainingData(db: Db, merchantId: string, now: Date): Promise<TrainingData> {
  const since = new Date(now.getTime() - 730 * 86_400_000);
  const [products, purchases, wishes, customers] = await Promise.all([
    db.selectFrom('products').select(['id', 'name', 'category', 'type', 'boost']).where('merchantId', '=', merchantId).orderBy('id').execute(),
    sql<{ customer: string; product: string; order: string; at: Date }>`
      select o.customer_id as customer, l.product_id as product, o.id as order, o.placed_at as at
        from orders o join order_lines l on l.merchant_id = o.merchant_id and l.order_id = o.id
       where o.merchant_id = ${merchantId} and o.placed_at > ${since} and o.placed_at <= ${now}
    `.execute(db),
    db
      .selectFrom('wishlistItems')
      .select(['customerId as customer', 'productId as product', 'addedAt as at'])
      .where('merchantId', '=', merchantId)
      .execute(),
    db.selectFrom('customers').select(['id', 'tier']).where('merchantId', '=', merchantId).where('tier', '!=', 'potential').execute(),
  ]);
  return {
    now: now.getTime(),
    products,
    purchases: purchases.rows.map((row) => ({ ...row, at: row.at.getTime() })),
    wishes: wishes.map((row) => ({ ...row, at: row.at.getTime() })),
    tiers: new Map(customers.map((row) => [row.id, row.tier as Tier])),
  };
}
