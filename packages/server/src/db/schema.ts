import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Disclosures as StatementDisclosures } from '../modules/statements/statement.ts';

/** A timestamp column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column, read and written as `YYYY-MM-DD`. */
type DateOnly = string;

export interface MerchantTable {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  publishableKey: string;
  secretKeyHash: string;
  /** The least trailing-12-month spend of each active tier when tiers were last computed. */
  tierFloors: ColumnType<Record<string, number> | null, string | null, string | null>;
  tiersComputedAt: Timestamp | null;
  /** The version of the store's token key it signs with now (see TokenService). */
  tokenKeyVersion: Generated<number>;
  /** Until when tokens under the version before still verify; null when none does. */
  previousTokenKeyUntil: Timestamp | null;
  createdAt: CreatedAt;
}

export interface MerchantOriginTable {
  merchantId: string;
  origin: string;
}

export interface AgentTable {
  merchantId: string;
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  /** Carried by every token of the agent; raised to end all their sessions. */
  sessionVersion: Generated<number>;
  sessionsEndedAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface CustomerTable {
  merchantId: string;
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  birthday: DateOnly | null;
  registeredAt: Timestamp;
  tier: Generated<string>;
  /** When the points ledger next needs a write of its own: an expiry or a birthday bonus. */
  pointsDueAt: Timestamp | null;
  /** The sum of the customer's points entries, added to by the database with every append. */
  pointsLedgerSum: Generated<number>;
  /** Carried by every session token of the customer; raised to end all their sessions. */
  sessionVersion: Generated<number>;
  sessionsEndedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ProductTable {
  merchantId: string;
  id: string;
  name: string;
  description: string;
  category: string;
  price: number;
  imageUrl: string | null;
  stock: number;
  active: boolean;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OrderTable {
  merchantId: string;
  id: string;
  customerId: string;
  placedAt: Timestamp;
  total: number;
  currency: string;
  paidWithStoreCard: boolean;
  installments: number;
  withInterest: Generated<boolean>;
  refunded: Generated<number>;
  /** Fingerprint of the request that created the order, to tell a retry from a conflicting reuse of the id. */
  requestHash: string | null;
  createdAt: CreatedAt;
}

export interface RefundTable {
  merchantId: string;
  id: string;
  orderId: string;
  amount: number;
  reason: string;
  createdAt: Timestamp;
  requestHash: string;
}

export interface CardSettingsTable {
  merchantId: string;
  closingDay: number;
  dueDays: number;
  minimumPaymentBps: number;
  interestFreeInstallmentsInMinimumBps: number | null;
  monthlyInterestBps: number;
  installmentInterestBps: number;
  lateFee: number;
  defaultCreditLimit: number;
}

export interface CardAccountTable {
  merchantId: string;
  customerId: string;
  creditLimit: number;
  openedAt: Timestamp;
  lastClosedPeriod: string | null;
}

export interface CardPlanTable {
  merchantId: string;
  orderId: string;
  customerId: string;
  purchasedAt: Timestamp;
  firstPeriod: string;
  description: string;
  moreItems: number;
  amount: number;
  installmentAmounts: ColumnType<number[], string, string>;
  installmentInterest: ColumnType<number[], string, string>;
}

export interface CardMovementTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  kind: 'payment' | 'credit';
  amount: number;
  occurredAt: Timestamp;
  reference: string;
  orderId: string | null;
  requestHash: string;
}

export interface CardStatementTable {
  merchantId: string;
  customerId: string;
  period: string;
  periodStart: DateOnly;
  closingDate: DateOnly;
  dueDate: DateOnly;
  dueEnd: Timestamp;
  currency: string;
  previousBalance: number;
  purchases: number;
  installments: number;
  payments: number;
  credits: number;
  fees: number;
  interest: number;
  closingBalance: number;
  minimumPayment: number;
  creditLimit: number;
  pendingInstallments: number;
  availableCredit: number;
  payoffMonths: number | null;
  payoffInterest: number;
  transactionCount: number;
  /** Null for statements closed before disclosures were kept. */
  disclosures: ColumnType<StatementDisclosures | null, string, never>;
}

export interface CardStatementLineTable {
  merchantId: string;
  customerId: string;
  period: string;
  seq: number;
  kind: string;
  occurredAt: Timestamp;
  description: string;
  moreItems: number;
  amount: number;
  installmentNumber: number | null;
  installmentCount: number | null;
  orderId: string | null;
  purchaseTotal: number | null;
}

export interface OrderLineTable {
  merchantId: string;
  orderId: string;
  lineNo: number;
  productId: string;
  quantity: number;
  unitPrice: number;
}

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

export interface IdempotencyKeyTable {
  merchantId: string;
  customerId: string;
  key: string;
  requestHash: string;
  status: number;
  body: ColumnType<unknown, string, string>;
  createdAt: Timestamp;
}

export interface WishlistItemTable {
  merchantId: string;
  customerId: string;
  productId: string;
  note: string;
  alertPriceDrop: boolean;
  alertBackInStock: boolean;
  priceWhenAdded: number;
  addedAt: Timestamp;
  updatedAt: Timestamp;
}

export interface NotificationTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  kind: 'price-drop' | 'back-in-stock';
  productId: string;
  previousPrice: number | null;
  price: number;
  createdAt: Timestamp;
  readAt: Timestamp | null;
}

export interface RecommendationSettingsTable {
  merchantId: string;
  repeatPurchases: boolean;
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

export interface ConversationTable {
  merchantId: string;
  id: string;
  customerId: string;
  subject: string;
  status: string;
  assignedAgentId: string | null;
  lastSeq: Generated<number>;
  clientId: string | null;
  /** The fingerprint of the request that started it; null for conversations started before it was kept. */
  requestHash: string | null;
  attachment: ColumnType<unknown, string | null, string | null>;
  startedOffline: Generated<boolean>;
  shopperReadSeq: Generated<number>;
  agentReadSeq: Generated<number>;
  rating: number | null;
  ratingComment: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ChatEventTable {
  merchantId: string;
  id: Generated<number>;
  conversationId: string;
  customerId: string;
  payload: ColumnType<unknown, string, string>;
  createdAt: Timestamp;
}

export interface AgentPresenceTable {
  merchantId: string;
  agentId: string;
  seenAt: Timestamp;
}

export interface SupportSettingsTable {
  merchantId: string;
  hours: ColumnType<Array<{ day: number; opens: string; closes: string }>, string, string>;
}

export interface MessageTable {
  merchantId: string;
  conversationId: string;
  seq: number;
  id: string;
  clientId: string;
  author: string;
  authorId: string | null;
  body: string;
  createdAt: Timestamp;
}

export interface ServerSettingTable {
  name: string;
  value: string;
}

export interface RateLimitTable {
  merchantId: string;
  rule: string;
  subject: string;
  windowStart: Timestamp;
  hits: number;
  lastHitAt: Timestamp | null;
}

/** A session signed out before its token expired, kept until it would have. */
export interface EndedSessionTable {
  merchantId: string;
  tokenId: string;
  expiresAt: Timestamp;
}

export interface WebhookEndpointTable {
  merchantId: string;
  id: string;
  url: string;
  events: ColumnType<string[], string, string>;
  description: string;
  /** The signing secret, sealed with a key derived from the server's token secret (see WebhookSecrets). */
  sealedSecret: string;
  createdAt: Timestamp;
}

export interface WebhookDeliveryTable {
  merchantId: string;
  id: string;
  /** Order of creation, for listing newest first. */
  seq: Generated<number>;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The request body exactly as it is signed and sent. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  maxAttempts: number;
  nextAttemptAt: Timestamp | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Timestamp;
  deliveredAt: Timestamp | null;
}

export interface Database {
  merchants: MerchantTable;
  merchantOrigins: MerchantOriginTable;
  agents: AgentTable;
  customers: CustomerTable;
  products: ProductTable;
  orders: OrderTable;
  orderLines: OrderLineTable;
  refunds: RefundTable;
  cardSettings: CardSettingsTable;
  cardAccounts: CardAccountTable;
  cardPlans: CardPlanTable;
  cardMovements: CardMovementTable;
  cardStatements: CardStatementTable;
  cardStatementLines: CardStatementLineTable;
  pointsEntries: PointsEntryTable;
  rewards: RewardTable;
  wishlistItems: WishlistItemTable;
  notifications: NotificationTable;
  recommendationSettings: RecommendationSettingsTable;
  loyaltySettings: LoyaltySettingsTable;
  promotions: PromotionTable;
  redemptions: RedemptionTable;
  idempotencyKeys: IdempotencyKeyTable;
  conversations: ConversationTable;
  messages: MessageTable;
  chatEvents: ChatEventTable;
  agentPresence: AgentPresenceTable;
  supportSettings: SupportSettingsTable;
  serverSettings: ServerSettingTable;
  rateLimits: RateLimitTable;
  endedSessions: EndedSessionTable;
  webhookEndpoints: WebhookEndpointTable;
  webhookDeliveries: WebhookDeliveryTable;
}

export type MerchantRow = Selectable<MerchantTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type ProductRow = Selectable<ProductTable>;
export type NewProduct = Insertable<ProductTable>;
export type CustomerUpdate = Updateable<CustomerTable>;

/** What repositories take first: the database, or a transaction a service holds. */
export type Db = Kysely<Database> | Transaction<Database>;
