import * as z from 'zod/mini';
import { ExternalId, Tier } from './common.ts';
import { defineEndpoint, ownersAndAdmins } from './endpoint.ts';
import { VisitorId } from './events.ts';
import { Product } from './products.ts';

/**
 * Why a product is recommended, for the shopper to read. A reason names a
 * product only when that product really drives the suggestion (see the
 * README's "Recommendations" for the thresholds); otherwise it says what is
 * true of the product in general.
 */
export const RecommendationReason = z.discriminatedUnion('kind', [
  /** Shoppers who bought `product` (as this shopper did) also bought this. */
  z.object({ kind: z.literal('bought'), product: z.object({ id: z.string(), name: z.string() }) }),
  /** Shoppers who saved `product` (as this shopper did) also wanted this. */
  z.object({ kind: z.literal('wishlisted'), product: z.object({ id: z.string(), name: z.string() }) }),
  /** Often bought together with `product`: the one on the page, or one the shopper looked at or put in the cart lately. */
  z.object({ kind: z.literal('together'), product: z.object({ id: z.string(), name: z.string() }) }),
  /** Among what customers of the shopper's tier buy most. */
  z.object({ kind: z.literal('tier'), tier: Tier }),
  /** Among the store's best sellers lately; with `category`, among the best sellers of that category ("Popular en Hogar"). */
  z.object({ kind: z.literal('popular'), category: z.optional(z.string()) }),
]);
export type RecommendationReason = z.infer<typeof RecommendationReason>;

export const Recommendation = z.object({
  product: Product,
  reason: RecommendationReason,
  /** Higher is more likely; comparable within one answer only. */
  score: z.number(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const Recommendations = z.object({
  items: z.array(Recommendation),
  /** When the model the answer came from was built. */
  modelBuiltAt: z.iso.datetime({ offset: true }),
});
export type Recommendations = z.infer<typeof Recommendations>;

const RecommendationQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  /** The product being looked at: the list is what goes with it (bought together, complements), never the shopper's general list. */
  contextProduct: z.optional(ExternalId),
});

/** A visitor's list may also follow what they looked at and put in the cart lately, under the id their device keeps. */
const PublicRecommendationQuery = z.extend(RecommendationQuery, {
  visitorId: z.optional(VisitorId),
});

export const getMyRecommendations = defineEndpoint({
  id: 'getMyRecommendations',
  method: 'GET',
  path: '/v1/me/recommendations',
  audience: 'shopper',
  tag: 'Recommendations',
  summary:
    "Products for this shopper: what goes with what they bought, saved, looked at and put in the cart lately, weighted to recent purchases and to what their tier buys; with `contextProduct`, what goes with that product, in the order of the shopper's tastes. Never out of stock, never another one of something they bought lately and rarely buy twice, never what they already bought unless the store allows repeat purchases and it is due. Each with a reason.",
  query: RecommendationQuery,
  response: Recommendations,
});

export const getRecommendations = defineEndpoint({
  id: 'getRecommendations',
  method: 'GET',
  path: '/v1/recommendations',
  audience: 'publishable',
  tag: 'Recommendations',
  summary:
    "For visitors who are not signed in: what goes with the product being looked at (bought together, complements); without one, what goes with what the visitor (`visitorId`) looked at and put in the cart lately, else what sells.",
  query: PublicRecommendationQuery,
  response: Recommendations,
});

const PinnedProducts = z.array(ExternalId).check(z.maxLength(20));
const ExcludedProducts = z.array(ExternalId).check(z.maxLength(500));
const Categories = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))).check(z.maxLength(50));

/**
 * How a merchant steers its recommendations. `PUT` replaces the whole
 * settings: a field left out takes its default.
 */
export const RecommendationSettings = z.object({
  /**
   * Recommend again what a shopper already bought, when it is something
   * people buy again (coffee, printer ink) and their usual time to rebuy it
   * has come; never a product rarely bought twice.
   */
  repeatPurchases: z._default(z.boolean(), false),
  /**
   * Shown first, in every list where the engine has a reason to show them
   * (a product of a pinned category: the best of that category for the list);
   * never sold out, already bought or excluded.
   */
  pinned: z._default(z.object({ products: z._default(PinnedProducts, []), categories: z._default(Categories, []) }), { products: [], categories: [] }),
  /** Never recommended. */
  excluded: z._default(z.object({ products: z._default(ExcludedProducts, []), categories: z._default(Categories, []) }), { products: [], categories: [] }),
  /**
   * How far a product's `boost` (see `PUT /v1/products/{id}`) lifts it: its
   * score is multiplied by 1 + boostWeight × boost. 0 turns boosts off.
   */
  boostWeight: z._default(z.number().check(z.minimum(0), z.maximum(2)), 0.5),
});
export type RecommendationSettings = z.infer<typeof RecommendationSettings>;
export type RecommendationSettingsInput = z.input<typeof RecommendationSettings>;

export const getRecommendationSettings = defineEndpoint({
  id: 'getRecommendationSettings',
  method: 'GET',
  path: '/v1/recommendation-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Recommendations',
  summary: "The merchant's recommendation settings: repeat purchases, pinned and excluded products and categories, and the weight of product boosts.",
  response: RecommendationSettings,
});

export const putRecommendationSettings = defineEndpoint({
  id: 'putRecommendationSettings',
  method: 'PUT',
  path: '/v1/recommendation-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Recommendations',
  summary:
    'Replaces the recommendation settings: whether what a shopper bought may come back when it is due again, products and categories pinned first or never shown, and how far product boosts count.',
  body: RecommendationSettings,
  response: RecommendationSettings,
});
