import * as z from 'zod/mini';
import { ExternalId, IsoDate, IsoDateTime, Money, PageQuery, pageOf, Tier, tiers } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

const Multiplier = z.int().check(z.minimum(0), z.maximum(100_000));

export const LoyaltySettings = z.object({
  /** Minor units of spend that earn one point: 100 is a point per $100 in CLP, or per $1.00 in USD. */
  spendPerPoint: z.int().check(z.minimum(1), z.maximum(1_000_000_000)),
  /** What each tier's purchases earn, in basis points of the base: 15000 earns 1.5 times. */
  tierMultipliers: z.object(Object.fromEntries(tiers.map((tier) => [tier, Multiplier])) as Record<(typeof tiers)[number], typeof Multiplier>),
  /** Points given once a year on the shopper's birthday. */
  birthdayBonus: z.int().check(z.minimum(0), z.maximum(1_000_000)),
  /** Days points last from when they were earned; the earliest to expire are spent first. */
  pointsLifetimeDays: z.int().check(z.minimum(30), z.maximum(3650)),
  /** Years a customer is expected to keep buying, for the lifetime value. */
  expectedLifespanYears: z.int().check(z.minimum(1), z.maximum(30)),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettings>;

export const getLoyaltySettings = defineEndpoint({
  id: 'getLoyaltySettings',
  method: 'GET',
  path: '/v1/loyalty-settings',
  audience: 'secret',
  tag: 'Loyalty',
  summary: "The merchant's earning rules: points per spend, tier multipliers, birthday bonus, expiry.",
  response: LoyaltySettings,
});

export const putLoyaltySettings = defineEndpoint({
  id: 'putLoyaltySettings',
  method: 'PUT',
  path: '/v1/loyalty-settings',
  audience: 'secret',
  tag: 'Loyalty',
  summary: 'Replaces the earning rules; points already earned keep what they were given.',
  body: LoyaltySettings,
  response: LoyaltySettings,
});

export const PromotionInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** Extra points on purchases placed in the window, in basis points of the base: 20000 doubles them. */
  multiplier: z.int().check(z.minimum(10_000), z.maximum(100_000)),
});
export type PromotionInput = z.infer<typeof PromotionInput>;

export const Promotion = z.object({ id: z.string(), ...PromotionInput.shape });
export type Promotion = z.infer<typeof Promotion>;

export const putPromotion = defineEndpoint({
  id: 'putPromotion',
  method: 'PUT',
  path: '/v1/promotions/{id}',
  audience: 'secret',
  tag: 'Loyalty',
  summary: 'Creates or replaces a points promotion for purchases placed between two instants.',
  params: z.object({ id: ExternalId }),
  body: PromotionInput,
  response: Promotion,
});

export const RewardInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  description: z._default(z.string().check(z.maxLength(1000)), ''),
  cost: z.int().check(z.minimum(1), z.maximum(100_000_000)),
  imageUrl: z.optional(z.nullable(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)))),
  active: z._default(z.boolean(), true),
});
export type RewardInput = z.input<typeof RewardInput>;

export const Reward = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  cost: z.int(),
  imageUrl: z.nullable(z.string()),
  active: z.boolean(),
});
export type Reward = z.infer<typeof Reward>;

export const putReward = defineEndpoint({
  id: 'putReward',
  method: 'PUT',
  path: '/v1/rewards/{id}',
  audience: 'secret',
  tag: 'Loyalty',
  summary: 'Creates or replaces a reward of the catalog.',
  params: z.object({ id: ExternalId }),
  body: RewardInput,
  response: Reward,
});

export const listRewards = defineEndpoint({
  id: 'listRewards',
  method: 'GET',
  path: '/v1/rewards',
  audience: 'publishable',
  tag: 'Loyalty',
  summary: 'The rewards shoppers can redeem points for, cheapest first.',
  response: z.object({ items: z.array(Reward) }),
});

export const pointsReasons = ['purchase', 'promotion', 'birthday', 'redemption', 'expiry', 'refund', 'correction'] as const;
export const PointsReason = z.enum(pointsReasons);
export type PointsReason = z.infer<typeof PointsReason>;

export const PointsEntry = z.object({
  id: z.string(),
  /** Points in (positive) or out (negative). */
  amount: z.int(),
  reason: PointsReason,
  /** What it refers to: an order id, a reward id, a promotion id, a year. */
  reference: z.nullable(z.string()),
  /** The promotion's or reward's name when the entry was made. */
  label: z.nullable(z.string()),
  createdAt: IsoDateTime,
  expiresAt: z.nullable(IsoDateTime),
});
export type PointsEntry = z.infer<typeof PointsEntry>;

export const TierProgress = z.object({
  next: Tier,
  /** Spend in the last twelve months. */
  spent: Money,
  /** The least spend that reaches the next tier today. */
  needed: Money,
  remaining: Money,
});
export type TierProgress = z.infer<typeof TierProgress>;

export const PointsAccount = z.object({
  balance: z.int(),
  tier: Tier,
  /** How far the next tier is; null at the top. */
  progress: z.nullable(TierProgress),
  /** The next expiries, earliest first: points that will be lost unless spent by that date. */
  expiring: z.array(z.object({ date: IsoDate, points: z.int() })),
  pointsLifetimeDays: z.int(),
});
export type PointsAccount = z.infer<typeof PointsAccount>;

export const getMyPoints = defineEndpoint({
  id: 'getMyPoints',
  method: 'GET',
  path: '/v1/me/points',
  audience: 'shopper',
  tag: 'Loyalty',
  summary: "The shopper's balance, tier in the pyramid, progress to the next tier, and points expiring soon.",
  response: PointsAccount,
});

export const getMyPointsHistory = defineEndpoint({
  id: 'getMyPointsHistory',
  method: 'GET',
  path: '/v1/me/points/history',
  audience: 'shopper',
  tag: 'Loyalty',
  summary: "The shopper's points movements, newest first, each with its reason.",
  query: PageQuery,
  response: pageOf(PointsEntry),
});

export const Redemption = z.object({
  id: z.string(),
  reward: z.object({ id: z.string(), name: z.string() }),
  cost: z.int(),
  /** The code the shopper shows or types to use the reward. */
  code: z.string(),
  balanceAfter: z.int(),
  createdAt: IsoDateTime,
});
export type Redemption = z.infer<typeof Redemption>;

export const redeemReward = defineEndpoint({
  id: 'redeemReward',
  method: 'POST',
  path: '/v1/me/redemptions',
  audience: 'shopper',
  tag: 'Loyalty',
  summary:
    'Redeems points for a reward. The Idempotency-Key header makes retries safe: the same key and body answer the stored redemption, the same key with another body is a 422. A 409 when the points fall short.',
  headers: z.object({ 'idempotency-key': z.string().check(z.minLength(8), z.maxLength(200), z.regex(/^[\x21-\x7e]+$/, 'Printable ASCII only')) }),
  body: z.object({ rewardId: ExternalId }),
  response: Redemption,
  status: 201,
  errors: [404, 409, 422, 429],
});

export const Segment = z.object({
  tier: Tier,
  customers: z.int(),
  /** Spend of the tier's customers over the last twelve months. */
  revenue: Money,
  /** That spend as a share of all of it, 0 to 1. */
  revenueShare: z.number(),
});

export const Segments = z.object({
  asOf: IsoDateTime,
  customers: z.int(),
  revenue: Money,
  tiers: z.array(Segment),
});
export type Segments = z.infer<typeof Segments>;

export const getSegments = defineEndpoint({
  id: 'getSegments',
  method: 'GET',
  path: '/v1/segments',
  audience: 'secret',
  tag: 'Loyalty',
  summary: 'The customer pyramid: how many customers each tier has and what share of the last twelve months of revenue they bring.',
  response: Segments,
});

export const PointsCorrectionInput = z.object({
  /** The merchant's id for the correction: sending it again changes nothing. */
  id: ExternalId,
  amount: z.int().check(
    z.minimum(-1_000_000),
    z.maximum(1_000_000),
    z.refine((value) => value !== 0, 'A correction moves at least one point'),
  ),
  /** Why, in words the shopper will read in their history. */
  note: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});

export const correctPoints = defineEndpoint({
  id: 'correctPoints',
  method: 'POST',
  path: '/v1/customers/{id}/points/corrections',
  audience: 'secret',
  tag: 'Loyalty',
  summary:
    "Corrects a customer's points with a new ledger entry (entries are never changed). Idempotent on the correction id; a correction that would take the balance below zero is a 409.",
  params: z.object({ id: ExternalId }),
  body: PointsCorrectionInput,
  response: PointsEntry,
  status: 201,
  errors: [404, 409],
});
