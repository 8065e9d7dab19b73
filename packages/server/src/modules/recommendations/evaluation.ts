import { RecommendationModel, type HistoryItem, type TrainingData } from './model.ts';

export interface HitRates {
  shoppers: number;
  engine: number;
  popular: number;
}

/**
 * Offline quality, leave-last-out: for every shopper with two or more
 * orders, their last order is held out, the model is trained on everything
 * else (their later wishlist additions included in nothing), and it is a hit
 * when any product of that order is among the top `k` recommended just
 * before it was placed. The baseline recommends the most popular products
 * the shopper has not bought.
 */
export function hitRateAtK(data: TrainingData, k = 10): HitRates {
  const orders = new Map<string, { customer: string; at: number; products: Set<string> }>();
  for (const line of data.purchases) {
    let order = orders.get(line.order);
    if (!order) orders.set(line.order, (order = { customer: line.customer, at: line.at, products: new Set() }));
    order.products.add(line.product);
  }
  const last = new Map<string, { order: string; at: number; products: Set<string> }>();
  const count = new Map<string, number>();
  for (const [id, order] of orders) {
    count.set(order.customer, (count.get(order.customer) ?? 0) + 1);
    const seen = last.get(order.customer);
    if (!seen || order.at > seen.at || (order.at === seen.at && id > seen.order)) last.set(order.customer, { order: id, at: order.at, products: order.products });
  }
  const heldOut = new Map([...last].filter(([customer]) => (count.get(customer) ?? 0) >= 2));
  const heldOrders = new Set([...heldOut.values()].map((h) => h.order));
  const training: TrainingData = {
    ...data,
    purchases: data.purchases.filter((line) => !heldOrders.has(line.order)),
    wishes: data.wishes.filter((wish) => {
      const held = heldOut.get(wish.customer);
      return !held || wish.at < held.at;
    }),
  };
  const model = RecommendationModel.build(training);
  const popular = [...model.popular()];
  let engineHits = 0;
  let popularHits = 0;
  for (const [customer, held] of heldOut) {
    const history: HistoryItem[] = [
      ...training.purchases.filter((line) => line.customer === customer).map((line) => ({ product: line.product, at: line.at, kind: 'bought' as const })),
      ...training.wishes.filter((wish) => wish.customer === customer).map((wish) => ({ product: wish.product, at: wish.at, kind: 'wishlisted' as const })),
    ];
    const bought = new Set(history.filter((item) => item.kind === 'bought').map((item) => item.product));
    const engine = model.recommend({ history, tier: data.tiers.get(customer), now: held.at, limit: k, skip: (id) => bought.has(id) });
    if (engine.some((pick) => held.products.has(pick.productId))) engineHits++;
    if (popular.filter((id) => !bought.has(id)).slice(0, k).some((id) => held.products.has(id))) popularHits++;
  }
  const shoppers = heldOut.size;
  return { shoppers, engine: engineHits / shoppers, popular: popularHits / shoppers };
}
