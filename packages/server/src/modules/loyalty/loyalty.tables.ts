import type { LocalizedText } from '@clientela/contract';
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

/** Text in each language, as a `jsonb` of `{ "es": …, "en": … }`: written as its JSON. */
type LocalizedColumn = ColumnType<Partial<LocalizedText>, string, string>;

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
  /** The promotion's or reward's name (in the store's language), or a correction's note, as it was when the entry was made. */
  label: string | null;
  /** The promotion's or reward's name in each language when the entry was made; null for entries from before names had languages. */
  labels: ColumnType<Partial<LocalizedText> | null, string | null | undefined, never>;
}

export interface LoyaltySettingsTable {
  merchantId: string;
  spendPerPoint: number;
  tierMultipliers: ColumnType<Record<string, number>, string, string>;
  birthdayBonus: number;
  pointsLifetimeDays: number;
  expectedLifespanYears: number;
  /** What 1,000 points are worth to the store, in minor units; null: 1 % of the spend that earns them. */
  valuePerThousandPoints: number | null;
  /** Days a redemption's code lasts; null: it never expires. */
  redemptionValidDays: number | null;
}

export interface PromotionTable {
  merchantId: string;
  id: string;
  names: LocalizedColumn;
  descriptions: LocalizedColumn;
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
  /** When the code stops working at the till; null when it never does. */
  expiresAt: Timestamp | null;
  /** When the code was used at the till, and by which member of the staff (null: the store's backend). */
  usedAt: Timestamp | null;
  usedByStaffId: string | null;
}

export interface RewardTable {
  merchantId: string;
  id: string;
  names: LocalizedColumn;
  descriptions: LocalizedColumn;
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
