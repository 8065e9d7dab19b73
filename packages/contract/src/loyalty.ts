import * as z from 'zod/mini';
import {
  ExternalId,
  IsoDate,
  IsoDateTime,
  LocaleQuery,
  LocalizedText,
  localizedInput,
  Money,
  PageQuery,
  pageOf,
  Tier,
  tiers,
} from './common.ts';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';
import { StoreActor } from './problem.ts';

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
  /**
   * What 1,000 points are worth to the store, in minor units: what honouring
   * them costs it. The points liability of the overview is valued with it.
   * A store that never set it values them at 1 % of the spend that earns
   * them (`spendPerPoint` × 10).
   */
  valuePerThousandPoints: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
  /** Days a redemption's code can be used at the till after it was redeemed; null: it never expires. */
  redemptionValidDays: z.nullable(z.int().check(z.minimum(1), z.maximum(3650))),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettings>;

/** The rules as `PUT /v1/loyalty-settings` takes them: the value of points and the life of codes stay as they were when left out. */
export const LoyaltySettingsInput = z.object({
  ...LoyaltySettings.shape,
  valuePerThousandPoints: z.optional(LoyaltySettings.shape.valuePerThousandPoints),
  redemptionValidDays: z.optional(LoyaltySettings.shape.redemptionValidDays),
});
export type LoyaltySettingsInput = z.infer<typeof LoyaltySettingsInput>;

export const getLoyaltySettings = defineEndpoint({
  id: 'getLoyaltySettings',
  method: 'GET',
  path: '/v1/loyalty-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary: "The merchant's earning rules: points per spend, tier multipliers, birthday bonus, expiry, what points are worth and how long redemption codes last.",
  response: LoyaltySettings,
});

export const putLoyaltySettings = defineEndpoint({
  id: 'putLoyaltySettings',
  method: 'PUT',
  path: '/v1/loyalty-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary:
    'Replaces the earning rules; points already earned keep what they were given, and codes already redeemed keep their expiry. `valuePerThousandPoints` and `redemptionValidDays` stay as they were when left out.',
  body: LoyaltySettingsInput,
  response: LoyaltySettings,
});

const ShortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
const LongText = z.string().check(z.trim(), z.maxLength(1000));

/** A name and description in each language, as the merchant gave them (null where it gave none). */
export const LocalizedTexts = z.object({ name: LocalizedText, description: LocalizedText });
export type LocalizedTexts = z.infer<typeof LocalizedTexts>;

export const PromotionInput = z.object({
  /** One name for every language, or `{ "es": "…", "en": "…" }`: shoppers read it in their own. */
  name: localizedInput(ShortText),
  description: z._default(localizedInput(LongText), ''),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** Extra points on purchases placed in the window, in basis points of the base: 20000 doubles them. */
  multiplier: z.int().check(z.minimum(10_000), z.maximum(100_000)),
});
export type PromotionInput = z.input<typeof PromotionInput>;

export const promotionStatuses = ['scheduled', 'running', 'ended'] as const;

export const Promotion = z.object({
  id: z.string(),
  /** In the store's language (or `?locale=`'s). */
  name: z.string(),
  description: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  multiplier: z.int(),
  /** Whether the window is still ahead, open now, or past. */
  status: z.enum(promotionStatuses),
  localized: LocalizedTexts,
});
export type Promotion = z.infer<typeof Promotion>;

export const putPromotion = defineEndpoint({
  id: 'putPromotion',
  method: 'PUT',
  path: '/v1/promotions/{id}',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary:
    'Creates or replaces a points promotion for purchases placed between two instants (a CyberDay ×2: `multiplier` 20000). End one early by setting `endsAt` to now.',
  params: z.object({ id: ExternalId }),
  body: PromotionInput,
  response: Promotion,
});

export const listPromotions = defineEndpoint({
  id: 'listPromotions',
  method: 'GET',
  path: '/v1/promotions',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary: "The store's points promotions, scheduled, running and ended, the latest to start first.",
  query: LocaleQuery,
  response: z.object({ items: z.array(Promotion) }),
});

export const RewardInput = z.object({
  /** One name for every language, or `{ "es": "…", "en": "…" }`: shoppers read it in their own. */
  name: localizedInput(ShortText),
  description: z._default(localizedInput(LongText), ''),
  cost: z.int().check(z.minimum(1), z.maximum(100_000_000)),
  imageUrl: z.optional(z.nullable(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)))),
  /** False pauses the reward: shoppers no longer see it or redeem it; codes already redeemed still work. */
  active: z._default(z.boolean(), true),
});
export type RewardInput = z.input<typeof RewardInput>;

/** A reward as shoppers see it, in their language. */
export const Reward = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  cost: z.int(),
  imageUrl: z.nullable(z.string()),
  active: z.boolean(),
});
export type Reward = z.infer<typeof Reward>;

/** A reward as the store manages it: in the store's language, with the texts of each language. */
export const ManagedReward = z.object({ ...Reward.shape, localized: LocalizedTexts });
export type ManagedReward = z.infer<typeof ManagedReward>;

export const putReward = defineEndpoint({
  id: 'putReward',
  method: 'PUT',
  path: '/v1/rewards/{id}',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary: 'Creates or replaces a reward of the catalog; `active: false` pauses it.',
  params: z.object({ id: ExternalId }),
  body: RewardInput,
  response: ManagedReward,
});

export const listRewards = defineEndpoint({
  id: 'listRewards',
  method: 'GET',
  path: '/v1/rewards',
  audience: 'publishable',
  tag: 'Loyalty',
  summary: 'The rewards shoppers can redeem points for (not the paused ones), cheapest first, in `?locale=` or the store\'s language.',
  query: LocaleQuery,
  response: z.object({ items: z.array(Reward) }),
});

export const listRewardCatalog = defineEndpoint({
  id: 'listRewardCatalog',
  method: 'GET',
  path: '/v1/reward-catalog',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary: 'Every reward of the catalog, paused ones too, cheapest first, with the texts of each language.',
  response: z.object({ items: z.array(ManagedReward) }),
});

export const pointsReasons = ['purchase', 'promotion', 'birthday', 'redemption', 'expiry', 'refund', 'correction', 'question'] as const;
export const PointsReason = z.enum(pointsReasons);
export type PointsReason = z.infer<typeof PointsReason>;

/** Where a redemption's code stands at the till. */
export const RedemptionState = z.object({
  /** The code to show at the till; null where staff read a customer's history (the code is the shopper's to give). */
  code: z.nullable(z.string()),
  /** When the code stops working; null when it never does. */
  expiresAt: z.nullable(IsoDateTime),
  /** When it was used at the till; null while it was not. */
  usedAt: z.nullable(IsoDateTime),
});
export type RedemptionState = z.infer<typeof RedemptionState>;

/** What an order bought, for a shopper to recognise it: its first product's name, and how many more lines it had. */
export const OrderItems = z.object({
  /** The product of the order's first line (its id, should the catalog no longer have it). */
  description: z.string(),
  moreItems: z.int(),
});
export type OrderItems = z.infer<typeof OrderItems>;

export const PointsEntry = z.object({
  id: z.string(),
  /** Points in (positive) or out (negative). */
  amount: z.int(),
  reason: PointsReason,
  /** What it refers to: an order id, a redemption id, a correction id, a year. */
  reference: z.nullable(z.string()),
  /** The promotion's or reward's name when the entry was made, in the reader's language; a correction's note. */
  label: z.nullable(z.string()),
  createdAt: IsoDateTime,
  /** When the points this entry brought in expire (for points in). */
  expiresAt: z.nullable(IsoDateTime),
  /** For a redemption (and only for one): its code, expiry and use. */
  redemption: z.optional(RedemptionState),
  /** For an entry about an order (a purchase, a promotion's points on it, a refund of it): what it bought, as the statement names it. */
  order: z.optional(OrderItems),
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
  summary:
    "The shopper's points movements, newest first, each with its reason, in the shopper's language (or `?locale=`'s); a redemption shows its code, its expiry and whether it was used.",
  query: z.object({ ...PageQuery.shape, ...LocaleQuery.shape }),
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
  /** When the code stops working at the till; null when it never does. */
  expiresAt: z.nullable(IsoDateTime),
  /** When the code was used at the till; null while it was not. */
  usedAt: z.nullable(IsoDateTime),
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
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary:
    'The customer pyramid: how many customers each tier has and what share of the last twelve months of revenue they bring. With `answer=<question id>:<choice id>` (or `:<score>` for a 1–5 question), only the customers whose latest answer to that question picked it.',
  query: z.object({
    answer: z.optional(z.string().check(z.maxLength(110), z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*:[A-Za-z0-9][A-Za-z0-9_-]*$/, 'A question id and a choice id (or a score), as question:choice'))),
  }),
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
  staff: ownersAndAdmins,
  tag: 'Loyalty',
  summary:
    "Corrects a customer's points with a new ledger entry (entries are never changed). Idempotent on the correction id; a correction that would take the balance below zero is a 409.",
  params: z.object({ id: ExternalId }),
  body: PointsCorrectionInput,
  response: PointsEntry,
  status: 201,
  errors: [404, 409],
});

// A customer's points, for the store ----------------------------------------------------------

export const getCustomerPoints = defineEndpoint({
  id: 'getCustomerPoints',
  method: 'GET',
  path: '/v1/customers/{id}/points',
  audience: 'secret',
  staff: allStaff,
  tag: 'Loyalty',
  summary: "A customer's points as they see them: balance, tier, progress to the next tier and the next expiries.",
  params: z.object({ id: ExternalId }),
  response: PointsAccount,
  errors: [404],
});

export const getCustomerPointsHistory = defineEndpoint({
  id: 'getCustomerPointsHistory',
  method: 'GET',
  path: '/v1/customers/{id}/points/history',
  audience: 'secret',
  staff: allStaff,
  tag: 'Loyalty',
  summary: "A customer's points ledger, newest first, in the store's language (or `?locale=`'s); redemptions show their expiry and use, not their code.",
  params: z.object({ id: ExternalId }),
  query: z.object({ ...PageQuery.shape, ...LocaleQuery.shape }),
  response: pageOf(PointsEntry),
  errors: [404],
});

// At the till ---------------------------------------------------------------------------

export const redemptionStatuses = ['valid', 'used', 'expired'] as const;

/** A redemption as the till sees it: whose, what for, and whether the code still works. */
export const TillRedemption = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(redemptionStatuses),
  reward: z.object({ id: z.string(), name: z.string() }),
  cost: z.int(),
  customer: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  createdAt: IsoDateTime,
  expiresAt: z.nullable(IsoDateTime),
  usedAt: z.nullable(IsoDateTime),
  /** Who used it: a member of the staff, or the store's backend. */
  usedBy: z.nullable(StoreActor),
});
export type TillRedemption = z.infer<typeof TillRedemption>;

/** A code as read out or typed at the till: case, spaces and the dash do not matter (`abcd efgh` is `ABCD-EFGH`). */
const RedemptionCode = z.object({ code: z.string().check(z.minLength(1), z.maxLength(32)) });

export const getRedemption = defineEndpoint({
  id: 'getRedemption',
  method: 'GET',
  path: '/v1/redemptions/{code}',
  audience: 'secret',
  staff: allStaff,
  tag: 'Loyalty',
  summary: "Looks a redemption code up at the till, to check it before honouring it: the reward, the customer, and whether it is valid, used or expired. Another store's code is a 404.",
  params: RedemptionCode,
  response: TillRedemption,
  errors: [404],
});

export const useRedemption = defineEndpoint({
  id: 'useRedemption',
  method: 'POST',
  path: '/v1/redemptions/{code}/use',
  audience: 'secret',
  staff: allStaff,
  tag: 'Loyalty',
  summary:
    'Honours a redemption at the till: marks its code used, once, noting when and by whom (the staff member, or the backend for the secret key). Used before: a 409 `redemption-used` saying when and by whom; expired: a 409 `redemption-expired` saying when; unknown or another store\'s: a 404.',
  params: RedemptionCode,
  response: TillRedemption,
  errors: [404, 409],
});
