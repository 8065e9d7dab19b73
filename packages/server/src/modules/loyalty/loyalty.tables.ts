import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// The points ledger, the rules that earn points, promotions, rewards and redemptions.

export interface PointsEntryTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  /** Points in (positive) or out (negative): a `bigint`, read as a number like every `bigint` here (see db/open.ts). */
  amount: number;
  /** Why the points moved: purchase, promotion, birthday, redemption, expiry, refund, correction. */
  reason: string;
  /** What the movement refers to: an order id, a promotion, a redemption. */
  reference: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp | null;
  /** The promotion's or reward's name, or a correction's note, as it was when the entry was made. */
  label: string | null;
}

export interface LoyaltySettingsTable {
  merchantId: string;
  spendPerPoint: number;
  tierMultipliers: ColumnType<Record<string, number>, string, string>;
  birthdayBonus: number;
  pointsLifetimeDays: number;
  expectedLifespanYears: number;
}

export interface PromotionTable {
  merchantId: string;
  id: string;
  name: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  multiplier: number;
}

export interface RedemptionTable {
  merchantId: string;
  id: string;
  customerId: string;
  rewardId: string;
  cost: number;
  code: string;
  createdAt: Timestamp;
}

export interface RewardTable {
  merchantId: string;
  id: string;
  name: string;
  description: string;
  cost: number;
  imageUrl: string | null;
  active: boolean;
}

export interface IdempotencyKeyTable {
  merchantId: string;
  customerId: string;
  key: string;
  requestHash: string;
  status: number;
  body: ColumnType<unknown, string, string>;
  createdAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface LoyaltyTables {
  pointsEntries: PointsEntryTable;
  rewards: RewardTable;
  loyaltySettings: LoyaltySettingsTable;
  promotions: PromotionTable;
  redemptions: RedemptionTable;
  idempotencyKeys: IdempotencyKeyTable;
}
