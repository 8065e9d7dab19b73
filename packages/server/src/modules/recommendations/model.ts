import type { Tier } from '@clientela/contract';
import { tiers } from '@clientela/contract';

/**
 * The recommendation model of one merchant, built in memory from its order
 * lines and wishlists:
 * - item-to-item similarity: cosine over customers, each customer counting
 *   once for a pair of products they both bought (1) or both bought or saved
 *   (½), damped for pairs seen few times, the 40 best neighbours kept per product;
 * - "bought together": the same over single orders, for a product page;
 * - popularity, decayed with a 60-day half-life, overall and per tier.
 * Recommending scores candidates from the shopper's history, each history
 * item weighted by how recent it is, plus a share of what the shopper's tier
 * buys; the strongest contribution becomes the reason.
 */

export interface TrainingData {
  now: number;
  products: ReadonlyArray<{ id: string; name: string; category: string }>;
  /** Order lines: who bought what, in which order, when (epoch ms). */
  purchases: ReadonlyArray<{ customer: string; product: string; order: string; at: number }>;
  wishes: ReadonlyArray<{ customer: string; product: string; at: number }>;
  tiers: ReadonlyMap<string, Tier>;
}

export interface HistoryItem {
  product: string;
  at: number;
  kind: 'bought' | 'wishlisted';
}

export type Reason =
  | { kind: 'bought' | 'wishlisted' | 'together'; product: { id: string; name: string } }
  | { kind: 'tier'; tier: Tier }
  | { kind: 'popular' };

export interface Scored {
  productId: string;
  score: number;
  reason: Reason;
}

const neighbourCount = 40;
const popularityHalfLifeDays = 60;
const historyHalfLifeDays = 120;
const day = 86_400_000;
/** How much each signal counts when scoring (tuned on the demo store's held-out purchases). */
const weights = { similar: 2, taste: 1, tier: 0.15, popular: 0.1 };

/** Most recent distinct products per customer that enter pair counts: bounds the quadratic part. */
const productsPerCustomer = 60;

interface Neighbours {
  offsets: Int32Array;
  items: Int32Array;
  scores: Float32Array;
}

/** Counts weighted pairs from keys `(min·P + max)·2 + strong`, sorted; returns the best neighbours per product by cosine. */
function neighboursFromPairs(keys: Float64Array, used: number, weightOf: Float64Array, productCount: number): Neighbours {
  const sorted = keys.subarray(0, used).sort();
  const lists: Array<Array<[number, number]>> = Array.from({ length: productCount }, () => []);
  let i = 0;
  while (i < sorted.length) {
    const pair = Math.floor(sorted[i]! / 2);
    let weight = 0;
    while (i < sorted.length && Math.floor(sorted[i]! / 2) === pair) {
      weight += sorted[i]! % 2 === 1 ? 1 : 0.5;
      i++;
    }
    const a = Math.floor(pair / productCount);
    const b = pair % productCount;
    // Cosine, damped for pairs seen only a few times.
    const score = (weight / Math.sqrt(weightOf[a]! * weightOf[b]!)) * (weight / (weight + 2));
    lists[a]!.push([b, score]);
    lists[b]!.push([a, score]);
  }
  const offsets = new Int32Array(productCount + 1);
  const kept = lists.map((list) => list.sort((x, y) => y[1] - x[1]).slice(0, neighbourCount));
  for (let p = 0; p < productCount; p++) offsets[p + 1] = offsets[p]! + kept[p]!.length;
  const items = new Int32Array(offsets[productCount]!);
  const scores = new Float32Array(offsets[productCount]!);
  kept.forEach((list, p) => list.forEach(([item, score], k) => {
    items[offsets[p]! + k] = item;
    scores[offsets[p]! + k] = score;
  }));
  return { offsets, items, scores };
}

/** A growable Float64Array of pair keys. */
class PairKeys {
  keys = new Float64Array(1 << 16);
  used = 0;

  push(a: number, b: number, strong: boolean, productCount: number): void {
    if (this.used === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const [low, high] = a < b ? [a, b] : [b, a];
    this.keys[this.used++] = (low * productCount + high) * 2 + (strong ? 1 : 0);
  }
}

export class RecommendationModel {
  readonly builtAt: number;
  readonly #index: Map<string, number>;
  readonly #ids: string[];
  readonly #names: string[];
  /** Each product's category, as an index into the categories seen. */
  readonly #category: Int32Array;
  readonly #similar: Neighbours;
  readonly #together: Neighbours;
  readonly #popularity: Float64Array;
  readonly #tierPopularity: Map<Tier, Float64Array>;
  readonly #popularOrder: Int32Array;
  readonly #tierOrder: Map<Tier, Int32Array>;

  private constructor(parts: {
    builtAt: number;
    index: Map<string, number>;
    ids: string[];
    names: string[];
    category: Int32Array;
    similar: Neighbours;
    together: Neighbours;
    popularity: Float64Array;
    tierPopularity: Map<Tier, Float64Array>;
  }) {
    this.builtAt = parts.builtAt;
    this.#index = parts.index;
    this.#ids = parts.ids;
    this.#names = parts.names;
    this.#category = parts.category;
    this.#similar = parts.similar;
    this.#together = parts.together;
    this.#popularity = parts.popularity;
    this.#tierPopularity = parts.tierPopularity;
    const byPopularity = (scores: Float64Array) => Int32Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]!);
    this.#popularOrder = byPopularity(parts.popularity);
    this.#tierOrder = new Map([...parts.tierPopularity].map(([tier, scores]) => [tier, byPopularity(scores)]));
  }

  static build(data: TrainingData): RecommendationModel {
    const productCount = data.products.length;
    const index = new Map(data.products.map((product, i) => [product.id, i]));
    const popularity = new Float64Array(productCount);
    const tierPopularity = new Map(tiers.map((tier) => [tier, new Float64Array(productCount)]));
    const decay = (at: number) => 0.5 ** ((data.now - at) / (popularityHalfLifeDays * day));

    // Each customer's distinct products, most recent first, with whether they bought them (or only saved them).
    const interests = new Map<string, Map<number, { at: number; bought: boolean }>>();
    const orders = new Map<string, Set<number>>();
    const note = (customer: string, product: number, at: number, bought: boolean) => {
      let mine = interests.get(customer);
      if (!mine) interests.set(customer, (mine = new Map()));
      const seen = mine.get(product);
      if (!seen) mine.set(product, { at, bought });
      else mine.set(product, { at: Math.max(seen.at, at), bought: seen.bought || bought });
    };
    for (const line of data.purchases) {
      const product = index.get(line.product);
      if (product === undefined) continue;
      note(line.customer, product, line.at, true);
      const weight = decay(line.at);
      popularity[product]! += weight;
      const tier = data.tiers.get(line.customer);
      if (tier) tierPopularity.get(tier)![product]! += weight;
      let basket = orders.get(line.order);
      if (!basket) orders.set(line.order, (basket = new Set()));
      basket.add(product);
    }
    for (const wish of data.wishes) {
      const product = index.get(wish.product);
      if (product !== undefined) note(wish.customer, product, wish.at, false);
    }

    const weightOf = new Float64Array(productCount);
    const pairs = new PairKeys();
    for (const mine of interests.values()) {
      const recent = [...mine].sort((a, b) => b[1].at - a[1].at).slice(0, productsPerCustomer);
      for (const [product, { bought }] of recent) weightOf[product]! += bought ? 1 : 0.5;
      for (let a = 0; a < recent.length; a++) {
        for (let b = a + 1; b < recent.length; b++) {
          pairs.push(recent[a]![0], recent[b]![0], recent[a]![1].bought && recent[b]![1].bought, productCount);
        }
      }
    }
    const similar = neighboursFromPairs(pairs.keys, pairs.used, weightOf, productCount);

    const basketWeight = new Float64Array(productCount);
    const basketPairs = new PairKeys();
    for (const basket of orders.values()) {
      const items = [...basket];
      for (const product of items) basketWeight[product]! += 1;
      for (let a = 0; a < items.length; a++) {
        for (let b = a + 1; b < items.length; b++) basketPairs.push(items[a]!, items[b]!, true, productCount);
      }
    }
    const together = neighboursFromPairs(basketPairs.keys, basketPairs.used, basketWeight, productCount);

    const categories = new Map<string, number>();
    const category = Int32Array.from(data.products, (product) => {
      if (!categories.has(product.category)) categories.set(product.category, categories.size);
      return categories.get(product.category)!;
    });
    return new RecommendationModel({
      builtAt: data.now,
      index,
      ids: data.products.map((product) => product.id),
      names: data.products.map((product) => product.name),
      category,
      similar,
      together,
      popularity,
      tierPopularity,
    });
  }

  /** Products in order of recent popularity, overall or within a tier. */
  *popular(tier?: Tier): Iterable<string> {
    const order = (tier && this.#tierOrder.get(tier)) || this.#popularOrder;
    for (const product of order) yield this.#ids[product]!;
  }

  #product(i: number) {
    return { id: this.#ids[i]!, name: this.#names[i]! };
  }

  /**
   * The best `limit` products for a shopper, by their history (empty for a
   * visitor), their tier, and the product being looked at, skipping what
   * `skip` refuses (already bought, out of stock…). Scores are relative.
   */
  recommend(input: {
    history: HistoryItem[];
    tier?: Tier | undefined;
    contextProduct?: string | undefined;
    now: number;
    limit: number;
    skip: (productId: string) => boolean;
  }): Scored[] {
    const scores = new Map<number, { score: number; best: number; by: Reason }>();
    const add = (product: number, amount: number, by: Reason) => {
      const entry = scores.get(product);
      if (!entry) scores.set(product, { score: amount, best: amount, by });
      else {
        entry.score += amount;
        if (amount > entry.best) {
          entry.best = amount;
          entry.by = by;
        }
      }
    };
    const neighbours = (table: Neighbours, of: number, visit: (item: number, score: number) => void) => {
      for (let k = table.offsets[of]!; k < table.offsets[of + 1]!; k++) visit(table.items[k]!, table.scores[k]!);
    };

    const context = input.contextProduct === undefined ? undefined : this.#index.get(input.contextProduct);
    if (context !== undefined) {
      const reason = { kind: 'together' as const, product: this.#product(context) };
      neighbours(this.#together, context, (item, score) => add(item, 2 * score, reason));
      neighbours(this.#similar, context, (item, score) => add(item, score, reason));
    }
    // The shopper's taste by category, and the latest thing they took from each, to name as the reason.
    const affinity = new Map<number, { weight: number; latest: HistoryItem & { index: number } }>();
    let affinityTotal = 0;
    for (const item of input.history) {
      const product = this.#index.get(item.product);
      if (product === undefined) continue;
      const recency = 0.5 ** ((input.now - item.at) / (historyHalfLifeDays * day));
      const weight = (item.kind === 'bought' ? 1 : 0.6) * recency;
      const reason = { kind: item.kind, product: this.#product(product) };
      neighbours(this.#similar, product, (neighbour, score) => add(neighbour, weights.similar * weight * score, reason));
      const category = this.#category[product]!;
      const seen = affinity.get(category);
      if (!seen) affinity.set(category, { weight, latest: { ...item, index: product } });
      else {
        seen.weight += weight;
        if (item.at > seen.latest.at) seen.latest = { ...item, index: product };
      }
      affinityTotal += weight;
    }
    // What the shopper's tier buys, then what sells, as a lighter pull that also fills in for newcomers.
    const tier = input.tier && input.tier !== 'potential' ? input.tier : undefined;
    const tierScores = tier ? this.#tierPopularity.get(tier)! : undefined;
    const tierMax = tierScores ? tierScores[this.#tierOrder.get(tier!)![0] ?? 0] || 1 : 1;
    const popularMax = this.#popularity[this.#popularOrder[0] ?? 0] || 1;
    let pulled = 0;
    for (const product of this.#popularOrder) {
      if (pulled++ >= input.limit * 10 + 100) break;
      const popularity = this.#popularity[product]! / popularMax;
      const taste = affinity.get(this.#category[product]!);
      if (taste && affinityTotal > 0) {
        add(product, weights.taste * (taste.weight / affinityTotal) * popularity, { kind: taste.latest.kind, product: this.#product(taste.latest.index) });
      }
      if (tierScores) add(product, (weights.tier * tierScores[product]!) / tierMax, { kind: 'tier', tier: tier! });
      add(product, weights.popular * popularity, { kind: 'popular' });
    }

    const ranked = [...scores].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
    const picked: Scored[] = [];
    for (const [product, { score, by }] of ranked) {
      const id = this.#ids[product]!;
      if (product === context || input.skip(id)) continue;
      picked.push({ productId: id, score, reason: by });
      if (picked.length === input.limit) break;
    }
    return picked;
  }
}
