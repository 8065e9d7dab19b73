import type { Recommendation, RecommendationSettings, Recommendations, Tier } from '@clientela/contract';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import type { Database } from '../../db/schema.ts';
import { toProduct } from '../catalog/index.ts';
import { browsingSignalsOf } from '../events/index.ts';
import { mayProcess } from '../privacy/index.ts';
import { excludedCategoriesOf } from '../questions/index.ts';
import type { RecommendationModels } from './model-cache.ts';
import type { HistoryItem, Scored, Steering } from './model.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  recommendations: RecommendationModels;
}

const defaultSettings: RecommendationSettings = {
  repeatPurchases: false,
  pinned: { products: [], categories: [] },
  excluded: { products: [], categories: [] },
  boostWeight: 0.5,
};

export async function recommendationSettingsOf(db: Kysely<Database>, merchantId: string): Promise<RecommendationSettings> {
  const row = await db
    .selectFrom('recommendationSettings')
    .select(['repeatPurchases', 'pinned', 'excluded', 'boostWeight'])
    .where('merchantId', '=', merchantId)
    .executeTakeFirst();
  return row ?? defaultSettings;
}

export async function putRecommendationSettings(deps: Deps, merchant: Merchant, settings: RecommendationSettings): Promise<RecommendationSettings> {
  const row = { ...settings, pinned: JSON.stringify(settings.pinned), excluded: JSON.stringify(settings.excluded) };
  await deps.db
    .insertInto('recommendationSettings')
    .values({ merchantId: merchant.id, ...row })
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet(row))
    .execute();
  return settings;
}

function steeringOf(settings: RecommendationSettings, unwantedCategories: ReadonlySet<string> = new Set()): Steering {
  return {
    repeatPurchases: settings.repeatPurchases,
    pinnedProducts: new Set(settings.pinned.products),
    pinnedCategories: new Set(settings.pinned.categories),
    excludedProducts: new Set(settings.excluded.products),
    excludedCategories: new Set([...settings.excluded.categories, ...unwantedCategories]),
    boostWeight: settings.boostWeight,
  };
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
async function available(deps: Deps, merchant: Merchant, ask: (limit: number) => Scored[], limit: number): Promise<Recommendation[]> {
  let items: Recommendation[] = [];
  for (const depth of [limit * 3, limit * 12]) {
    const picks = ask(depth);
    const ids = picks.map((pick) => pick.productId);
    const rows = ids.length === 0 ? [] : await deps.db.selectFrom('products').selectAll().where('merchantId', '=', merchant.id).where('id', 'in', ids).where('active', '=', true).where('stock', '>', 0).execute();
    const onSale = new Map(rows.map((row) => [row.id, row]));
    items = [];
    for (const pick of picks) {
      const row = onSale.get(pick.productId);
      if (row) items.push({ product: toProduct(row, merchant.currency), reason: pick.reason, score: pick.score });
      if (items.length === limit) break;
    }
    if (items.length === limit || picks.length < depth) return items;
  }
  return items;
}

/**
 * A shopper's list: with `contextProduct`, what goes with that product in the
 * order of their tastes; without, what goes with what they bought, saved,
 * looked at and put in the cart, never in a category they said they do not
 * want. Without their consent to profiling (`mayProcess`) nothing of theirs
 * is used: they get what a visitor on the same page gets, and no reason names
 * anything of theirs.
 */
export async function myRecommendations(deps: Deps, merchant: Merchant, customerId: string, query: { limit: number; contextProduct?: string }): Promise<Recommendations> {
  const customer = await deps.db.selectFrom('customers').select(['tier']).where('merchantId', '=', merchant.id).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound(`Customer ${customerId}`);
  if (!(await mayProcess(deps.db, merchant.id, customerId, 'profiling'))) return publicRecommendations(deps, merchant, query);
  const [model, history, browsing, settings, unwanted] = await Promise.all([
    deps.recommendations.for(merchant.id),
    historyOf(deps.db, merchant.id, customerId),
    browsingSignalsOf(deps, merchant.id, { customerId }),
    recommendationSettingsOf(deps.db, merchant.id),
    excludedCategoriesOf(deps.db, merchant.id, customerId),
  ]);
  const now = deps.clock().getTime();
  // The store's exclusions and the shopper's own ("no me interesa Deportes"), as they answered up to this request.
  const steering = steeringOf(settings, unwanted);
  const items = await available(
    deps,
    merchant,
    (limit) =>
      model.recommend({
        history: [...history, ...browsing],
        tier: customer.tier as Tier,
        context: query.contextProduct === undefined ? undefined : [query.contextProduct],
        now,
        limit,
        steering,
      }),
    query.limit,
  );
  return { items, modelBuiltAt: new Date(model.builtAt).toISOString() };
}

/** For visitors: what goes with the product they look at; without one, what goes with what they browsed lately, then what sells. */
export async function publicRecommendations(deps: Deps, merchant: Merchant, query: { limit: number; contextProduct?: string; visitorId?: string }): Promise<Recommendations> {
  const [model, browsing, settings] = await Promise.all([
    deps.recommendations.for(merchant.id),
    query.visitorId === undefined || query.contextProduct !== undefined ? [] : browsingSignalsOf(deps, merchant.id, { visitorId: query.visitorId }),
    recommendationSettingsOf(deps.db, merchant.id),
  ]);
  const now = deps.clock().getTime();
  const steering = steeringOf(settings);
  const context = query.contextProduct === undefined ? undefined : [query.contextProduct];
  const items = await available(deps, merchant, (limit) => model.recommend({ history: browsing, context, now, limit, steering }), query.limit);
  return { items, modelBuiltAt: new Date(model.builtAt).toISOString() };
}

