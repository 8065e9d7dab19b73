import * as z from 'zod/mini';
import { ExternalId, Tier } from './common.ts';
import { defineEndpoint } from './endpoint.ts';
import { Product } from './products.ts';

/** Why a product is recommended, for the shopper to read. */
export const RecommendationReason = z.discriminatedUnion('kind', [
  /** Shoppers who bought `product` also bought this. */
  z.object({ kind: z.literal('bought'), product: z.object({ id: z.string(), name: z.string() }) }),
  /** Shoppers who saved `product` also wanted this. */
  z.object({ kind: z.literal('wishlisted'), product: z.object({ id: z.string(), name: z.string() }) }),
  /** Often bought together with the product being looked at. */
  z.object({ kind: z.literal('together'), product: z.object({ id: z.string(), name: z.string() }) }),
  /** Popular with customers of the shopper's tier. */
  z.object({ kind: z.literal('tier'), tier: Tier }),
  /** Popular in the store lately. */
  z.object({ kind: z.literal('popular') }),
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
  /** The product being looked at: recommendations lean to what is bought together with it. */
  contextProduct: z.optional(ExternalId),
});

export const getMyRecommendations = defineEndpoint({
  id: 'getMyRecommendations',
  method: 'GET',
  path: '/v1/me/recommendations',
  audience: 'shopper',
  tag: 'Recommendations',
  summary:
    "Products for this shopper: like what they bought and saved, weighted to recent purchases and to what their tier buys; never out of stock, and never what they already bought unless the store sells things people buy again. Each with a reason.",
  query: RecommendationQuery,
  response: Recommendations,
});

export const getRecommendations = defineEndpoint({
  id: 'getRecommendations',
  method: 'GET',
  path: '/v1/recommendations',
  audience: 'publishable',
  tag: 'Recommendations',
  summary: 'For visitors who are not signed in: what is bought together with the product being looked at, then what sells.',
  query: RecommendationQuery,
  response: Recommendations,
});

export const RecommendationSettings = z.object({
  /** Recommend products the shopper already bought (for things people buy again, like coffee or printer ink). */
  repeatPurchases: z.boolean(),
});
export type RecommendationSettings = z.infer<typeof RecommendationSettings>;

export const putRecommendationSettings = defineEndpoint({
  id: 'putRecommendationSettings',
  method: 'PUT',
  path: '/v1/recommendation-settings',
  audience: 'secret',
  tag: 'Recommendations',
  summary: "Whether recommendations may include what a shopper already bought.",
  body: RecommendationSettings,
  response: RecommendationSettings,
});
