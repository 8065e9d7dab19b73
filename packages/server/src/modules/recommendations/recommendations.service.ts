import type { Recommendation, RecommendationSettings, Recommendations, Tier } from '@clientela/contract';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import type { Database } from '../../db/schema.ts';
import { toProduct } from '../catalog/index.ts';
import type { RecommendationModels } from './model-cache.ts';
import type { HistoryItem } from './model.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  recommendations: RecommendationModels;
}

export async function recommendationSettingsOf(db: Kysely<Database>, merchantId: string): Promise<RecommendationSettings> {
  const row = await db.selectFrom('recommendationSettings').select('repeatPurchases').where('merchantId', '=', merchantId).executeTakeFirst();
  return { repeatPurchases: row?.repeatPurchases ?? false };
}

export async function putRecommendationSettings(deps: Deps, merchant: Merchant, settings: RecommendationSettings) {
  await deps.db
    .insertInto('recommendationSettings')
    .values({ merchantId: merchant.id, ...settings })
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet(settings))
    .execute();
  return settings;
}

/** The shopper's purchases and wishlist, read fresh each time: a purchase a minute ago already counts. */
async function historyOf(db: Kysely<Database>, merchantId: string, customerId: string): Promise<HistoryItem[]> {
  const [bought, wished] = await Promise.all([
    sql<{ product: string; at: Date }>`
      select l.product_id as product, o.placed_at as at
        from orders o join order_lines l on l.merchant_id = o.merchant_id and l.order_id = o.id
       where o.merchant_id = ${merchantId} and o.customer_id = ${customerId}
    `.execute(db),
    db.selectFrom('wishlistItems').select(['productId as product', 'addedAt as at']).where('merchantId', '=', merchantId).where('customerId', '=', customerId).execute(),
  ]);
  return [
    ...bought.rows.map((row) => ({ product: row.product, at: row.at.getTime(), kind: 'bought' as const })),
    ...wished.map((row) => ({ product: row.product, at: row.at.getTime(), kind: 'wishlisted' as const })),
  ];
}

/**
 * Asks the model for more than needed, then keeps the ones on sale and in
 * stock right now (stock changes by the minute; the model does not), in the
 * model's order; asks for a deeper list when too many were sold out.
 */
async function available(deps: Deps, merchant: Merchant, ask: (limit: number) => ReturnType<Awaited<ReturnType<RecommendationModels['for']>>['recommend']>, limit: number) {
  for (const depth of [limit * 3, limit * 12]) {
    const picks = ask(depth);
    const ids = picks.map((pick) => pick.productId);
    const rows = ids.length === 0 ? [] : await deps.db.selectFrom('products').selectAll().where('merchantId', '=', merchant.id).where('id', 'in', ids).where('active', '=', true).where('stock', '>', 0).execute();
    const onSale = new Map(rows.map((row) => [row.id, row]));
    const items: Recommendation[] = [];
    for (const pick of picks) {
      const row = onSale.get(pick.productId);
      if (row) items.push({ product: toProduct(row, merchant.currency), reason: pick.reason, score: pick.score });
      if (items.length === limit) break;
    }
    if (items.length === limit || picks.length < depth) return items;
  }
  return [];
}

export async function myRecommendations(deps: Deps, merchant: Merchant, customerId: string, query: { limit: number; contextProduct?: string }): Promise<Recommendations> {
  const customer = await deps.db.selectFrom('customers').select(['tier']).where('merchantId', '=', merchant.id).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound(`Customer ${customerId}`);
  const [model, history, settings] = await Promise.all([
    deps.recommendations.for(merchant.id),
    historyOf(deps.db, merchant.id, customerId),
    recommendationSettingsOf(deps.db, merchant.id),
  ]);
  const bought = new Set(history.filter((item) => item.kind === 'bought').map((item) => item.product));
  const now = deps.clock().getTime();
  const items = await available(
    deps,
    merchant,
    (limit) =>
      model.recommend({
        history,
        tier: customer.tier as Tier,
        contextProduct: query.contextProduct,
        now,
        limit,
        skip: (id) => !settings.repeatPurchases && bought.has(id),
      }),
    query.limit,
  );
  return { items, modelBuiltAt: new Date(model.builtAt).toISOString() };
}

/** For visitors: what goes with the product they look at, then what sells. */
export async function publicRecommendations(deps: Deps, merchant: Merchant, query: { limit: number; contextProduct?: string }): Promise<Recommendations> {
  const model = await deps.recommendations.for(merchant.id);
  const now = deps.clock().getTime();
  const items = await available(deps, merchant, (limit) => model.recommend({ history: [], contextProduct: query.contextProduct, now, limit, skip: () => false }), query.limit);
  return { items, modelBuiltAt: new Date(model.builtAt).toISOString() };
}
