import { RecommendationModel, type HistoryItem, type Scored, type TrainingData } from './model.ts';

// Offline quality of the engine, measured so that it cannot flatter itself: held-out purchases against
// a popularity baseline, real baskets nobody here generated against a co-occurrence baseline, and the
// properties a shopper notices in a list (variety, reach, no second espresso machine).

export interface HitRates {
  shoppers: number;
  engine: number;
  popular: number;
}

const day = 86_400_000;

/** Each order's customer, time and products. */
function ordersOf(data: TrainingData) {
  const orders = new Map<string, { customer: string; at: number; products: Set<string> }>();
  for (const line of data.purchases) {
    let order = orders.get(line.order);
    if (!order) orders.set(line.order, (order = { customer: line.customer, at: line.at, products: new Set() }));
    order.products.add(line.product);
  }
  return orders;
}

/** A customer's purchases and wishes up to `until`, as the model reads a history. */
function historyOf(data: TrainingData, customer: string, until = Infinity): HistoryItem[] {
  return [
    ...data.purchases.filter((line) => line.customer === customer && line.at < until).map((line) => ({ product: line.product, at: line.at, kind: 'bought' as const })),
    ...data.wishes.filter((wish) => wish.customer === customer && wish.at < until).map((wish) => ({ product: wish.product, at: wish.at, kind: 'wishlisted' as const })),
  ];
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
  const orders = ordersOf(data);
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
    const history = historyOf(training, customer);
    const bought = new Set(history.filter((item) => item.kind === 'bought').map((item) => item.product));
    const engine = model.recommend({ history, tier: data.tiers.get(customer), now: held.at, limit: k });
    if (engine.some((pick) => held.products.has(pick.productId))) engineHits++;
    if (popular.filter((id) => !bought.has(id)).slice(0, k).some((id) => held.products.has(id))) popularHits++;
  }
  const shoppers = heldOut.size;
  return { shoppers, engine: engineHits / shoppers, popular: popularHits / shoppers };
}

/** What only the store knows for sure about its products, to check the engine against: what each is, and whether it is durable. */
export interface CatalogTruth {
  typeOf(productId: string): string;
  isDurable(productId: string): boolean;
}

export interface ListQuality {
  /** Shoppers whose lists were looked at. */
  shoppers: number;
  /** Share of the catalog in at least one shopper's list. */
  coverage: number;
  /** Distinct categories in a list, on average. */
  diversity: number;
  /** Share of lists offering another one of a durable the shopper bought in the last 90 days. */
  substituteRate: number;
  /** Lists of shoppers who bought a durable in the last 90 days: the ones `substituteRate` could catch. */
  listsAtRisk: number;
  /** Share of suggestions whose reason names a product. */
  namedReasons: number;
}

/**
 * The lists every shopper with a purchase would see now (`limit` items, 8 as
 * the widget shows), read as a shopper would: how much of the catalog they
 * reach, how varied each is, and whether any offers a substitute (`truth`'s
 * type, another brand or model) of a durable the shopper bought in the last
 * 90 days. With `contexts`, the lists of those product pages too.
 */
export function listQuality(data: TrainingData, truth: CatalogTruth, options: { limit?: number; contexts?: readonly string[] } = {}): ListQuality {
  const limit = options.limit ?? 8;
  const model = RecommendationModel.build(data);
  const category = new Map(data.products.map((product) => [product.id, product.category]));
  const customers = [...new Set(data.purchases.map((line) => line.customer))].sort();
  const reached = new Set<string>();
  let lists = 0;
  let categories = 0;
  let atRisk = 0;
  let offending = 0;
  let items = 0;
  let named = 0;
  for (const customer of customers) {
    const history = historyOf(data, customer, data.now);
    const recentDurables = new Set(
      history.filter((item) => item.kind === 'bought' && data.now - item.at < 90 * day && truth.isDurable(item.product)).map((item) => truth.typeOf(item.product)),
    );
    const contexts: Array<string | undefined> = [undefined, ...(options.contexts ?? [])];
    for (const context of contexts) {
      const picks: Scored[] = model.recommend({ history, tier: data.tiers.get(customer), context: context === undefined ? undefined : [context], now: data.now, limit });
      lists++;
      categories += new Set(picks.map((pick) => category.get(pick.productId))).size;
      for (const pick of picks) reached.add(pick.productId);
      items += picks.length;
      named += picks.filter((pick) => 'product' in pick.reason).length;
      if (recentDurables.size > 0) {
        atRisk++;
        if (picks.some((pick) => recentDurables.has(truth.typeOf(pick.productId)))) offending++;
      }
    }
  }
  return {
    shoppers: customers.length,
    coverage: reached.size / data.products.length,
    diversity: categories / lists,
    substituteRate: atRisk === 0 ? 0 : offending / atRisk,
    listsAtRisk: atRisk,
    namedReasons: items === 0 ? 0 : named / items,
  };
}

export interface ContextAgreement {
  /** Product pages looked at: those with something bought together with them. */
  products: number;
  /** Shoppers whose product-page lists were compared. */
  shoppers: number;
  /** Share of a shopper's product-page list also in a visitor's list of that page, on average. */
  mean: number;
  /** Share of a shopper's product-page list bought together with the product in some order, on average (the rest: its category's best sellers). */
  together: number;
  /** The lowest such share of any shopper on any page: low where the shopper already has what goes with the product. */
  lowest: number;
  /** Share of the lists that have at least half of their items in common with a visitor's. */
  atLeastHalf: number;
  /** Share of the shoppers' product pages left empty (they have everything that goes with the product); the figures above leave them out. */
  empty: number;
}

/**
 * Whether a signed-in shopper's product-page list is about the product: the
 * share of its items that a visitor's list of the same page (what is bought
 * with the product) has too, over every product bought with something, for
 * each shopper given.
 */
export function contextAgreement(data: TrainingData, shoppers: readonly string[], limit = 8): ContextAgreement {
  const model = RecommendationModel.build(data);
  const pages = data.products.map((product) => product.id).filter((id) => model.boughtWith(id).length > 0);
  let total = 0;
  let together = 0;
  let lists = 0;
  let lowest = 1;
  let half = 0;
  let empty = 0;
  for (const page of pages) {
    const boughtWith = new Set(model.boughtWith(page));
    const visitor = new Set(model.recommend({ history: [], context: [page], now: data.now, limit }).map((pick) => pick.productId));
    for (const shopper of shoppers) {
      const mine = model.recommend({ history: historyOf(data, shopper, data.now), tier: data.tiers.get(shopper), context: [page], now: data.now, limit });
      if (mine.length === 0) {
        empty++;
        continue;
      }
      const share = mine.filter((pick) => visitor.has(pick.productId)).length / mine.length;
      total += share;
      together += mine.filter((pick) => boughtWith.has(pick.productId)).length / mine.length;
      lists++;
      lowest = Math.min(lowest, share);
      if (share >= 0.5) half++;
    }
  }
  return {
    products: pages.length,
    shoppers: shoppers.length,
    mean: lists === 0 ? 0 : total / lists,
    together: lists === 0 ? 0 : together / lists,
    lowest,
    atLeastHalf: lists === 0 ? 0 : half / lists,
    empty: pages.length * shoppers.length === 0 ? 0 : empty / (pages.length * shoppers.length),
  };
}

export interface BasketHitRates {
  /** Test baskets, and the items hidden from them one at a time. */
  baskets: number;
  trials: number;
  engine: number;
  cooccurrence: number;
  popular: number;
  /** The same over the trials whose hidden item is not one of the 20 most frequent: where knowing what goes together matters. */
  tail: { trials: number; engine: number; cooccurrence: number; popular: number };
}

/**
 * "Bought together" on real baskets: the model is trained on four baskets
 * in five, and for every other basket each of its items is hidden in turn
 * and ranked with the rest of the basket as the context (a cart); a hit when
 * it is among the top `k`. Baselines: the items most often in the same
 * basket as the context's items (co-occurrence counts, summed), and the most
 * frequent items. Items are numbers; baskets carry no customer or time, so
 * each is its own customer on one day. Since a popular item is in most
 * baskets, the rates are also given over the hidden items beyond the 20 most
 * frequent, which no popularity ranking finds.
 */
export function basketHitRate(baskets: ReadonlyArray<readonly number[]>, k = 10): BasketHitRates {
  const now = Date.UTC(2026, 0, 1);
  const items = [...new Set(baskets.flat())].sort((a, b) => a - b);
  const test = baskets.filter((basket, i) => i % 5 === 4 && basket.length >= 2);
  const train = baskets.filter((_, i) => i % 5 !== 4);
  const model = RecommendationModel.build({
    now,
    products: items.map((item) => ({ id: String(item), name: String(item), category: '' })),
    purchases: train.flatMap((basket, i) => basket.map((item) => ({ customer: `c${i}`, product: String(item), order: `o${i}`, at: now }))),
    wishes: [],
    tiers: new Map(),
  });
  const size = Math.max(...items) + 1;
  const frequency = new Float64Array(size);
  const together = Array.from({ length: size }, () => new Float64Array(size));
  for (const basket of train) {
    for (const a of basket) {
      frequency[a]!++;
      for (const b of basket) if (a !== b) together[a]![b]!++;
    }
  }
  const byFrequency = items.slice().sort((a, b) => frequency[b]! - frequency[a]! || a - b);
  const head = new Set(byFrequency.slice(0, 20));
  const hits = { all: { trials: 0, engine: 0, cooccurrence: 0, popular: 0 }, tail: { trials: 0, engine: 0, cooccurrence: 0, popular: 0 } };
  const top = (scores: Float64Array, context: ReadonlySet<number>) =>
    items
      .filter((item) => !context.has(item))
      .sort((a, b) => scores[b]! - scores[a]! || frequency[b]! - frequency[a]! || a - b)
      .slice(0, k);
  for (const basket of test) {
    for (const hidden of basket) {
      const rest = basket.filter((item) => item !== hidden);
      const context = new Set(rest);
      const counts = new Float64Array(size);
      for (const item of rest) for (let other = 0; other < size; other++) counts[other]! += together[item]![other]!;
      const found = {
        engine: model.recommend({ history: [], context: rest.map(String), now, limit: k }).some((pick) => pick.productId === String(hidden)),
        cooccurrence: top(counts, context).includes(hidden),
        popular: byFrequency.filter((item) => !context.has(item)).slice(0, k).includes(hidden),
      };
      for (const tally of head.has(hidden) ? [hits.all] : [hits.all, hits.tail]) {
        tally.trials++;
        for (const name of ['engine', 'cooccurrence', 'popular'] as const) if (found[name]) tally[name]++;
      }
    }
  }
  const rates = ({ trials, engine, cooccurrence, popular }: typeof hits.all) => ({ trials, engine: engine / trials, cooccurrence: cooccurrence / trials, popular: popular / trials });
  return { baskets: test.length, ...rates(hits.all), tail: rates(hits.tail) };
}
