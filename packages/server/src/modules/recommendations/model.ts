import type { Tier } from '@clientela/contract';
import { tiers } from '@clientela/contract';
import { learnRepurchase, type Repurchase } from './repurchase.ts';

/**
 * The recommendation model of one merchant, built in memory from its order
 * lines and wishlists:
 * - item-to-item similarity: cosine over customers, each customer counting
 *   once for a pair of products they both bought (1) or both bought or saved
 *   (½), damped for pairs seen few times, the 40 best neighbours kept per
 *   product with how many customers back each pair;
 * - "bought together": the same over single orders;
 * - how often each product type is bought again, and after how long
 *   (`repurchase.ts`): what is durable, what is a consumable and its cycle;
 * - popularity, decayed with a 60-day half-life, overall, per category and
 *   per tier.
 *
 * A product page's list (`context`) is made of what goes with the product,
 * in the order of the shopper's tastes; a shopper's own list of what goes
 * with what they bought, saved, looked at and put in the cart, their taste by
 * category, their tier and what sells. Either way every suggestion carries a
 * reason that is true (see `namedReason`), and a suggestion without one is
 * left out.
 */

export interface TrainingData {
  now: number;
  /** `type`: what the product is whatever its brand ("Cafetera espresso"), '' or none for a type of its own; `boost`: the merchant's 0–1 lift. */
  products: ReadonlyArray<{ id: string; name: string; category: string; type?: string; boost?: number }>;
  /** Order lines: who bought what, in which order, when (epoch ms). */
  purchases: ReadonlyArray<{ customer: string; product: string; order: string; at: number }>;
  wishes: ReadonlyArray<{ customer: string; product: string; at: number }>;
  tiers: ReadonlyMap<string, Tier>;
}

/** What a shopper did with a product: bought it, saved it, looked at it, put it in the cart. */
export interface HistoryItem {
  product: string;
  at: number;
  kind: 'bought' | 'wishlisted' | 'viewed' | 'carted';
}

export type Reason =
  | { kind: 'bought' | 'wishlisted' | 'together'; product: { id: string; name: string } }
  | { kind: 'tier'; tier: Tier }
  | { kind: 'popular'; category?: string };

export interface Scored {
  productId: string;
  score: number;
  reason: Reason;
}

/** The merchant's hand on the lists (`PUT /v1/recommendation-settings`). */
export interface Steering {
  repeatPurchases: boolean;
  pinnedProducts: ReadonlySet<string>;
  pinnedCategories: ReadonlySet<string>;
  excludedProducts: ReadonlySet<string>;
  excludedCategories: ReadonlySet<string>;
  boostWeight: number;
}

export const noSteering: Steering = {
  repeatPurchases: false,
  pinnedProducts: new Set(),
  pinnedCategories: new Set(),
  excludedProducts: new Set(),
  excludedCategories: new Set(),
  boostWeight: 0,
};

const neighbourCount = 40;
const popularityHalfLifeDays = 60;
const historyHalfLifeDays = 120;
const browsingHalfLifeDays = 7;
const day = 86_400_000;
/** How much each signal counts when scoring a shopper's own list (tuned on the demo store's held-out purchases). */
const weights = { similar: 2, complement: 1, taste: 1, tier: 0.15, popular: 0.1, viewed: 0.6, carted: 1.2, restock: 1 };
/** Complements of a purchase are wanted soon after it (the sleeping bag before the trip): their pull halves every 30 days. */
const complementHalfLifeDays = 30;
/** How much a history item counts by what the shopper did with it. */
const kindWeight: Record<HistoryItem['kind'], number> = { bought: 1, wishlisted: 0.6, viewed: 1, carted: 1 };
/** On a product page, how far the shopper's tastes may lift what goes with it: re-ranking, never replacing. */
const personalLift = 0.5;

/**
 * When a reason may name a product: at least `minSupport` shoppers bought
 * (or saved) both, or, for "bought together" on a product page, `minOrders`
 * orders held both;
 * a similarity of at least `minSimilarity` (the damped cosine); and that
 * product's pull is at least `minShare` of the suggestion's score. Below any
 * of them the suggestion says what is true of it in general (popular in its
 * category, with the shopper's tier, in the store) or is left out.
 */
export const namedReason = { minSupport: 3, minOrders: 2, minSimilarity: 0.05, minShare: 1 / 3 } as const;

/** What counts as popular, for a reason to say so: the top 5 % of the catalog (at least 10), the top quarter of a category (at least 3). */
const popularTop = (size: number) => Math.max(10, Math.ceil(size * 0.05));
const categoryTop = (size: number) => Math.max(3, Math.ceil(size * 0.25));

/** Most recent distinct products per customer that enter pair counts: bounds the quadratic part. */
const productsPerCustomer = 60;

interface Neighbours {
  offsets: Int32Array;
  items: Int32Array;
  scores: Float32Array;
  /** How many customers (or orders) back each pair, weighted as counted. */
  support: Float32Array;
}

/** Counts weighted pairs from keys `(min·P + max)·2 + strong`, sorted; returns the best neighbours per product by cosine. */
function neighboursFromPairs(keys: Float64Array, used: number, weightOf: Float64Array, productCount: number): Neighbours {
  const sorted = keys.subarray(0, used).sort();
  const lists: Array<Array<[number, number, number]>> = Array.from({ length: productCount }, () => []);
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
    lists[a]!.push([b, score, weight]);
    lists[b]!.push([a, score, weight]);
  }
  const offsets = new Int32Array(productCount + 1);
  const kept = lists.map((list) => list.sort((x, y) => y[1] - x[1]).slice(0, neighbourCount));
  for (let p = 0; p < productCount; p++) offsets[p + 1] = offsets[p]! + kept[p]!.length;
  const items = new Int32Array(offsets[productCount]!);
  const scores = new Float32Array(offsets[productCount]!);
  const support = new Float32Array(offsets[productCount]!);
  kept.forEach((list, p) =>
    list.forEach(([item, score, weight], k) => {
      items[offsets[p]! + k] = item;
      scores[offsets[p]! + k] = score;
      support[offsets[p]! + k] = weight;
    }),
  );
  return { offsets, items, scores, support };
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

/** Each product's place (0 = first) in descending order of `scores`, within the groups `groupOf` makes (one group without it). */
function ranks(scores: Float64Array, groupOf?: Int32Array): Int32Array {
  const order = Int32Array.from(scores.keys()).sort((a, b) => (groupOf ? groupOf[a]! - groupOf[b]! : 0) || scores[b]! - scores[a]! || a - b);
  const rank = new Int32Array(scores.length);
  let start = 0;
  order.forEach((product, position) => {
    if (groupOf && position > 0 && groupOf[product] !== groupOf[order[position - 1]!]) start = position;
    rank[product] = position - start;
  });
  return rank;
}

/** A suggestion being scored: its score, and what pulled it there, to name the reason. */
interface Candidate {
  score: number;
  /** The strongest pull of one product the shopper has or looks at, and whether it may be named. */
  named: { amount: number; reason: Reason; nameable: boolean } | undefined;
  /** The general pulls: taste for its category, its tier's buying, the store's. */
  taste: number;
  tier: number;
  popular: number;
}

export class RecommendationModel {
  readonly builtAt: number;
  readonly #index: Map<string, number>;
  readonly #ids: string[];
  readonly #names: string[];
  /** Each product's category, as an index into `#categoryNames`. */
  readonly #category: Int32Array;
  readonly #categoryNames: string[];
  readonly #categorySize: Int32Array;
  /** Each product's type, as an index into the repurchase statistics. */
  readonly #type: Int32Array;
  readonly #typeMembers: Map<number, number[]>;
  readonly #repurchase: Repurchase;
  readonly #boost: Float64Array;
  readonly #similar: Neighbours;
  readonly #together: Neighbours;
  readonly #popularity: Float64Array;
  readonly #tierPopularity: Map<Tier, Float64Array>;
  readonly #popularOrder: Int32Array;
  readonly #popularRank: Int32Array;
  readonly #categoryRank: Int32Array;
  readonly #tierRank: Map<Tier, Int32Array>;

  private constructor(parts: {
    builtAt: number;
    index: Map<string, number>;
    ids: string[];
    names: string[];
    category: Int32Array;
    categoryNames: string[];
    type: Int32Array;
    repurchase: Repurchase;
    boost: Float64Array;
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
    this.#categoryNames = parts.categoryNames;
    this.#categorySize = new Int32Array(parts.categoryNames.length);
    for (const category of parts.category) this.#categorySize[category]!++;
    this.#type = parts.type;
    this.#typeMembers = new Map();
    parts.type.forEach((type, product) => {
      const members = this.#typeMembers.get(type);
      if (members) members.push(product);
      else this.#typeMembers.set(type, [product]);
    });
    this.#repurchase = parts.repurchase;
    this.#boost = parts.boost;
    this.#similar = parts.similar;
    this.#together = parts.together;
    this.#popularity = parts.popularity;
    this.#tierPopularity = parts.tierPopularity;
    this.#popularOrder = Int32Array.from(parts.popularity.keys()).sort((a, b) => parts.popularity[b]! - parts.popularity[a]! || a - b);
    this.#popularRank = ranks(parts.popularity);
    this.#categoryRank = ranks(parts.popularity, parts.category);
    this.#tierRank = new Map([...parts.tierPopularity].map(([tier, scores]) => [tier, ranks(scores)]));
  }

  static build(data: TrainingData): RecommendationModel {
    const productCount = data.products.length;
    const index = new Map(data.products.map((product, i) => [product.id, i]));
    const popularity = new Float64Array(productCount);
    const tierPopularity = new Map(tiers.map((tier) => [tier, new Float64Array(productCount)]));
    const decay = (at: number) => 0.5 ** ((data.now - at) / (popularityHalfLifeDays * day));

    const categories = new Map<string, number>();
    const category = Int32Array.from(data.products, (product) => {
      if (!categories.has(product.category)) categories.set(product.category, categories.size);
      return categories.get(product.category)!;
    });
    // A product without a type is a type of its own.
    const types = new Map<string, number>();
    const type = Int32Array.from(data.products, (product) => {
      const key = product.type?.trim() ? `type:${product.type.trim()}` : `product:${product.id}`;
      if (!types.has(key)) types.set(key, types.size);
      return types.get(key)!;
    });

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
    const bought: Array<{ customer: string; product: number; at: number }> = [];
    for (const line of data.purchases) {
      const product = index.get(line.product);
      if (product === undefined) continue;
      note(line.customer, product, line.at, true);
      bought.push({ customer: line.customer, product, at: line.at });
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

    const typeCategory = new Int32Array(types.size);
    type.forEach((t, product) => (typeCategory[t] = category[product]!));
    const repurchase = learnRepurchase({ now: data.now, purchases: bought, typeOf: type, typeCategory, categoryCount: categories.size });

    return new RecommendationModel({
      builtAt: data.now,
      index,
      ids: data.products.map((product) => product.id),
      names: data.products.map((product) => product.name),
      category,
      categoryNames: [...categories.keys()],
      type,
      repurchase,
      boost: Float64Array.from(data.products, (product) => Math.min(1, Math.max(0, product.boost ?? 0))),
      similar,
      together,
      popularity,
      tierPopularity,
    });
  }

  /** Products in order of recent popularity, overall or within a tier. */
  *popular(tier?: Tier): Iterable<string> {
    const scores = tier && this.#tierPopularity.get(tier);
    const order = scores ? Int32Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b) : this.#popularOrder;
    for (const product of order) yield this.#ids[product]!;
  }

  /** What the model learned of how a product is bought again: whether rarely (durable), and its usual interval in days. */
  repurchaseOf(productId: string): { durable: boolean; cycleDays: number | undefined; share: number; buyers: number } | undefined {
    const product = this.#index.get(productId);
    if (product === undefined) return undefined;
    const type = this.#type[product]!;
    const cycle = this.#repurchase.cycleDays[type]!;
    return {
      durable: this.#repurchase.durable[type] === 1,
      cycleDays: Number.isNaN(cycle) ? undefined : cycle,
      share: this.#repurchase.share[type]!,
      buyers: this.#repurchase.buyers[type]!,
    };
  }

  /** The products bought together with `productId`, best first, as a visitor's product page lists them. */
  boughtWith(productId: string): string[] {
    const product = this.#index.get(productId);
    if (product === undefined) return [];
    const found: string[] = [];
    for (let k = this.#together.offsets[product]!; k < this.#together.offsets[product + 1]!; k++) found.push(this.#ids[this.#together.items[k]!]!);
    return found;
  }

  #product(i: number) {
    return { id: this.#ids[i]!, name: this.#names[i]! };
  }

  /** How many days after buying a product of its type another one of that type is a substitute to hold back: none for what is bought again. */
  #substituteWindowDays(type: number): number | undefined {
    if (this.#repurchase.durable[type] !== 1) return undefined;
    const cycle = this.#repurchase.cycleDays[type]!;
    return Math.max(90, Number.isNaN(cycle) ? 365 : cycle);
  }

  /**
   * The best `limit` products for a shopper (an empty history for a visitor),
   * by what they did lately, their tier, and the products being looked at
   * (`context`: a product page, a cart). Skips the context itself, what the
   * shopper bought (unless the merchant allows repeats and it is due),
   * substitutes of a durable they bought lately, what the merchant excludes,
   * and what `skip` refuses. Scores are relative.
   */
  recommend(input: {
    history: readonly HistoryItem[];
    tier?: Tier | undefined;
    context?: readonly string[] | undefined;
    now: number;
    limit: number;
    steering?: Partial<Steering> | undefined;
    skip?: ((productId: string) => boolean) | undefined;
  }): Scored[] {
    const steering = { ...noSteering, ...input.steering };
    const context = (input.context ?? []).map((id) => this.#index.get(id)).filter((product) => product !== undefined);
    const { blocked, due } = this.#blocked(input.history, context, input.now, steering);
    const tier = input.tier && input.tier !== 'potential' ? input.tier : undefined;
    const candidates = new Map<number, Candidate>();
    const candidate = (product: number) => {
      let entry = candidates.get(product);
      if (!entry) candidates.set(product, (entry = { score: 0, named: undefined, taste: 0, tier: 0, popular: 0 }));
      return entry;
    };
    const pull = (product: number, amount: number, reason: Reason, nameable: boolean) => {
      const entry = candidate(product);
      entry.score += amount;
      if (!entry.named || amount > entry.named.amount) entry.named = { amount, reason, nameable };
    };
    const visit = (table: Neighbours, of: number, each: (item: number, score: number, support: number) => void) => {
      for (let k = table.offsets[of]!; k < table.offsets[of + 1]!; k++) each(table.items[k]!, table.scores[k]!, table.support[k]!);
    };
    const nameable = (score: number, support: number) => score >= namedReason.minSimilarity && support >= namedReason.minSupport;

    // The shopper's pull on each product: what is like what they did, and their taste by category.
    const personal = new Map<number, number>();
    const taste = new Map<number, number>();
    let tasteTotal = 0;
    const views = new Map<number, number>();
    for (const item of input.history) {
      const product = this.#index.get(item.product);
      if (product === undefined) continue;
      const browsing = item.kind === 'viewed' || item.kind === 'carted';
      const recency = 0.5 ** ((input.now - item.at) / ((browsing ? browsingHalfLifeDays : historyHalfLifeDays) * day));
      const weight = kindWeight[item.kind] * recency;
      if (browsing) {
        if (item.kind === 'viewed') views.set(product, (views.get(product) ?? 0) + 1);
        // What goes with what they look at and put in the cart lately.
        const reason: Reason = { kind: 'together', product: this.#product(product) };
        const strength = (item.kind === 'carted' ? weights.carted : weights.viewed) * weight;
        if (context.length === 0) visit(this.#together, product, (neighbour, score, support) => pull(neighbour, strength * score, reason, nameable(score, support)));
        visit(this.#similar, product, (neighbour, score) => personal.set(neighbour, (personal.get(neighbour) ?? 0) + 0.5 * strength * score));
        continue;
      }
      const reason: Reason = { kind: item.kind === 'bought' ? 'bought' : 'wishlisted', product: this.#product(product) };
      visit(this.#similar, product, (neighbour, score, support) => {
        const amount = weights.similar * weight * score;
        personal.set(neighbour, (personal.get(neighbour) ?? 0) + amount);
        if (context.length === 0) pull(neighbour, amount, reason, nameable(score, support));
      });
      // Complements of what they bought: coffee for a new espresso machine.
      if (item.kind === 'bought' && context.length === 0) {
        const fresh = 0.5 ** ((input.now - item.at) / (complementHalfLifeDays * day));
        visit(this.#together, product, (neighbour, score, support) => pull(neighbour, weights.complement * fresh * score, reason, nameable(score, support)));
      }
      const category = this.#category[product]!;
      taste.set(category, (taste.get(category) ?? 0) + weight);
      tasteTotal += weight;
    }

    // What they buy again and is due (repeat purchases allowed): the very product they took, first of its type.
    if (context.length === 0) for (const product of due) pull(product, weights.restock, { kind: 'bought', product: this.#product(product) }, true);

    if (context.length > 0) {
      // A product page: what goes with it and nothing else, the shopper's tastes only ordering it.
      for (const of of context) {
        const reason: Reason = { kind: 'together', product: this.#product(of) };
        visit(this.#together, of, (item, score, support) => pull(item, score, reason, score >= namedReason.minSimilarity && support >= namedReason.minOrders));
      }
      let most = 0;
      for (const product of candidates.keys()) most = Math.max(most, this.#affinity(product, personal, taste, tasteTotal));
      for (const [product, entry] of candidates) entry.score *= 1 + (most > 0 ? (personalLift * this.#affinity(product, personal, taste, tasteTotal)) / most : 0);
    } else {
      // What the shopper's taste, their tier and the store buy: a lighter pull that also fills in for newcomers.
      const tierScores = tier ? this.#tierPopularity.get(tier)! : undefined;
      const tierMax = (tierScores && tierScores.reduce((a, b) => Math.max(a, b), 0)) || 1;
      const popularMax = this.#popularity[this.#popularOrder[0] ?? 0] || 1;
      let pulled = 0;
      for (const product of this.#popularOrder) {
        if (pulled++ >= input.limit * 10 + 100) break;
        const popularity = this.#popularity[product]! / popularMax;
        if (popularity === 0) break;
        const entry = candidate(product);
        const share = tasteTotal > 0 ? (taste.get(this.#category[product]!) ?? 0) / tasteTotal : 0;
        entry.taste = weights.taste * share * popularity;
        entry.tier = tierScores ? (weights.tier * tierScores[product]!) / tierMax : 0;
        entry.popular = weights.popular * popularity;
        entry.score += entry.taste + entry.tier + entry.popular;
      }
      // A product they keep coming back to look at rises, if there is a reason to show it at all.
      for (const [product, count] of views) {
        const entry = candidates.get(product);
        if (entry && count > 1) entry.score *= 1 + (0.25 * Math.min(count - 1, 4)) / 4;
      }
    }

    const ranked: Array<{ product: number; score: number; reason: Reason }> = [];
    const contextCategories = new Set(context.map((product) => this.#category[product]!));
    for (const [product, entry] of candidates) {
      if (blocked.has(product) || (input.skip && input.skip(this.#ids[product]!))) continue;
      const reason =
        context.length === 0 ? this.#reasonFor(product, entry, tier) : entry.named?.nameable ? entry.named.reason : contextCategories.has(this.#category[product]!) && this.#popularInCategory(product) ? this.#categoryReason(product) : undefined;
      if (!reason) continue;
      ranked.push({ product, score: entry.score * (1 + steering.boostWeight * this.#boost[product]!), reason });
    }
    ranked.sort((a, b) => b.score - a.score || a.product - b.product);
    if (context.length > 0) this.#fillFromCategories(ranked, input.limit, context, blocked, input.skip);
    // One product of a type in a list: three brands of running shoes are one suggestion, not three.
    const types = new Set<number>();
    const picked: Scored[] = [];
    for (const { product, score, reason } of this.#pinnedFirst(ranked, steering)) {
      if (types.has(this.#type[product]!)) continue;
      types.add(this.#type[product]!);
      picked.push({ productId: this.#ids[product]!, score, reason });
      if (picked.length === input.limit) break;
    }
    return picked;
  }

  /** The shopper's pull on a product: like what they did, and their share of taste for its category. */
  #affinity(product: number, personal: Map<number, number>, taste: Map<number, number>, tasteTotal: number): number {
    return (personal.get(product) ?? 0) + (tasteTotal > 0 ? (taste.get(this.#category[product]!) ?? 0) / tasteTotal : 0);
  }

  /**
   * What may not be suggested: the context itself and others of its type (alternatives, not what goes
   * with it), what the shopper bought (unless repeats are allowed and it is due again), others of the
   * type of a durable they bought within its window, and what the merchant excludes.
   */
  #blocked(history: readonly HistoryItem[], context: number[], now: number, steering: Steering): { blocked: Set<number>; due: number[] } {
    const blocked = new Set<number>();
    const due: number[] = [];
    const blockType = (type: number) => {
      for (const member of this.#typeMembers.get(type) ?? []) blocked.add(member);
    };
    for (const product of context) blockType(this.#type[product]!);
    const lastBought = new Map<number, number>();
    for (const item of history) {
      if (item.kind !== 'bought') continue;
      const product = this.#index.get(item.product);
      if (product !== undefined) lastBought.set(product, Math.max(lastBought.get(product) ?? 0, item.at));
    }
    for (const [product, at] of lastBought) {
      const type = this.#type[product]!;
      const window = this.#substituteWindowDays(type);
      if (window !== undefined && now - at < window * day) blockType(type);
      const cycle = this.#repurchase.cycleDays[type]!;
      if (steering.repeatPurchases && window === undefined && !Number.isNaN(cycle) && now - at >= 0.8 * cycle * day) due.push(product);
      else blocked.add(product);
    }
    for (const id of steering.excludedProducts) {
      const product = this.#index.get(id);
      if (product !== undefined) blocked.add(product);
    }
    if (steering.excludedCategories.size > 0) {
      this.#category.forEach((category, product) => {
        if (steering.excludedCategories.has(this.#categoryNames[category]!)) blocked.add(product);
      });
    }
    return { blocked, due: due.filter((product) => !blocked.has(product)) };
  }

  /**
   * The true thing to say of a suggestion: the product that pulled it most, when that pull is backed
   * well enough (`namedReason`) and is a fair share of its score; else that it sells well in its
   * category, with the shopper's tier or in the store, whichever pulled more; undefined when none is true.
   */
  #reasonFor(product: number, entry: Candidate, tier: Tier | undefined): Reason | undefined {
    const { named } = entry;
    if (named?.nameable && named.amount >= namedReason.minShare * entry.score) return named.reason;
    const general: Array<[number, Reason | undefined]> = [
      [entry.taste, this.#popularInCategory(product) ? this.#categoryReason(product) : undefined],
      [entry.tier, tier && this.#popularWithTier(product, tier) ? { kind: 'tier', tier } : undefined],
      [entry.popular, this.#popularRank[product]! < popularTop(this.#ids.length) && this.#popularity[product]! > 0 ? { kind: 'popular' } : undefined],
    ];
    const truthful = general.filter((option): option is [number, Reason] => option[1] !== undefined).sort((a, b) => b[0] - a[0]);
    if (truthful.length > 0) return truthful[0]![1];
    return named?.nameable ? named.reason : undefined;
  }

  #categoryReason(product: number): Reason {
    return { kind: 'popular', category: this.#categoryNames[this.#category[product]!]! };
  }

  #popularInCategory(product: number): boolean {
    return this.#popularity[product]! > 0 && this.#categoryRank[product]! < categoryTop(this.#categorySize[this.#category[product]!]!);
  }

  #popularWithTier(product: number, tier: Tier): boolean {
    return this.#tierPopularity.get(tier)![product]! > 0 && this.#tierRank.get(tier)![product]! < popularTop(this.#ids.length);
  }

  /** For a product page with too little bought with it: the best sellers of its categories, never the store's general list. */
  #fillFromCategories(
    ranked: Array<{ product: number; score: number; reason: Reason }>,
    limit: number,
    context: number[],
    blocked: Set<number>,
    skip: ((id: string) => boolean) | undefined,
  ) {
    const types = new Set(ranked.map((entry) => this.#type[entry.product]!));
    const categories = new Set(context.map((product) => this.#category[product]!));
    let score = ranked.at(-1)?.score ?? 1;
    for (const product of this.#popularOrder) {
      if (types.size >= limit || this.#popularity[product] === 0) break;
      if (types.has(this.#type[product]!) || blocked.has(product) || (skip && skip(this.#ids[product]!))) continue;
      if (!categories.has(this.#category[product]!) || !this.#popularInCategory(product)) continue;
      ranked.push({ product, score: (score /= 2), reason: this.#categoryReason(product) });
      types.add(this.#type[product]!);
    }
  }

  /** The merchant's pinned products, then the best of each pinned category, ahead of the rest. */
  #pinnedFirst<T extends { product: number }>(ranked: T[], steering: Steering): T[] {
    if (steering.pinnedProducts.size === 0 && steering.pinnedCategories.size === 0) return ranked;
    const first: T[] = [];
    const rest: T[] = [];
    const categoriesServed = new Set<number>();
    for (const entry of ranked) {
      if (steering.pinnedProducts.has(this.#ids[entry.product]!)) first.push(entry);
      else rest.push(entry);
    }
    const bestOfCategories: T[] = [];
    for (const entry of rest) {
      const category = this.#category[entry.product]!;
      if (!categoriesServed.has(category) && steering.pinnedCategories.has(this.#categoryNames[category]!)) {
        categoriesServed.add(category);
        bestOfCategories.push(entry);
      }
    }
    const lifted = new Set([...first, ...bestOfCategories]);
    return [...first, ...bestOfCategories, ...rest.filter((entry) => !lifted.has(entry))];
  }
}
