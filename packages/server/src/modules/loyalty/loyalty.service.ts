import { randomInt } from 'node:crypto';
import type {
  LoyaltySettings,
  LoyaltySettingsInput,
  ManagedReward,
  PointsAccount,
  PointsEntry,
  PointsReason,
  Promotion,
  PromotionInput,
  Redemption,
  Reward,
  RewardInput,
  Segments,
  StoreActor,
  Tier,
  TillRedemption,
} from '@clientela/contract';
import type { Expression, Insertable, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { requestFingerprint } from '../../core/idempotency.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { WithStatus } from '../../core/results.ts';
import { birthdayIn, localDate, startOfLocalDay } from '../../core/time-zone.ts';
import type { Database, Db } from '../../db/schema.ts';
import { recordMail } from '../mail-outbox/index.ts';
import { recordWebhookEvents } from '../webhooks/index.ts';
import { birthdayGift } from './birthday-gift.ts';
import { maxPointsBalance, pointsForPurchase, pointsToReverse, withinMaximum } from './earning.ts';
import {
  allPromotions,
  appendPointsEntries,
  findCorrection,
  findIdempotencyKey,
  findLoyaltySettings,
  findPointsHolder,
  findRedemption,
  findReward,
  insertIdempotencyKey,
  insertRedemption,
  isRedemptionCodeTaken,
  markRedemptionUsed,
  ledgerOf,
  lockPointsHolder,
  pointsBalance,
  pointsEarnedByOrder,
  pointsHistory,
  type PointsHolder,
  promotionsAt,
  redemptionsByCode,
  rewardsOf,
  setPointsDueAt,
  spendOf,
  upsertLoyaltySettings,
  upsertPromotion,
  upsertReward,
} from './loyalty.repository.ts';
import type { PointsEntryTable, RewardTable } from './loyalty.tables.ts';
import { localizedFrom, localizedView, textIn } from './localized-text.ts';
import { PointsLots } from './points-ledger.ts';
import { nextTier } from './tiers.ts';

export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

const day = 86_400_000;

/** What points are worth when the store has not said: 1 % of the spend that earns them (1,000 points earn on 1,000 × `spendPerPoint`). */
const defaultValuePerThousandPoints = (spendPerPoint: number) => spendPerPoint * 10;

/** Rules of a merchant that has not set its own: a point per $100 (pesos) or per $1.00 (cents), a year to spend them, codes that never expire. */
export function defaultLoyaltySettings(): LoyaltySettings {
  return {
    spendPerPoint: 100,
    tierMultipliers: { top: 20_000, large: 15_000, medium: 12_500, small: 10_000, inactive: 10_000, potential: 10_000 },
    birthdayBonus: 500,
    pointsLifetimeDays: 365,
    expectedLifespanYears: 3,
    valuePerThousandPoints: defaultValuePerThousandPoints(100),
    redemptionValidDays: null,
  };
}

export async function loyaltySettingsOf(db: Db, merchant: Pick<Merchant, 'id'>): Promise<LoyaltySettings> {
  const row = await findLoyaltySettings(db, merchant.id);
  if (!row) return defaultLoyaltySettings();
  const { merchantId: _, valuePerThousandPoints, ...settings } = row;
  return { ...settings, valuePerThousandPoints: valuePerThousandPoints ?? defaultValuePerThousandPoints(row.spendPerPoint) } as LoyaltySettings;
}

/** Replaces the rules; what points are worth and how long codes last stay as they were when left out. */
export async function putLoyaltySettings(deps: Deps, merchant: Merchant, input: LoyaltySettingsInput): Promise<LoyaltySettings> {
  const current = await findLoyaltySettings(deps.db, merchant.id);
  await upsertLoyaltySettings(deps.db, {
    ...input,
    merchantId: merchant.id,
    tierMultipliers: JSON.stringify(input.tierMultipliers),
    valuePerThousandPoints: input.valuePerThousandPoints === undefined ? (current?.valuePerThousandPoints ?? null) : input.valuePerThousandPoints,
    redemptionValidDays: input.redemptionValidDays === undefined ? (current?.redemptionValidDays ?? null) : input.redemptionValidDays,
  });
  return loyaltySettingsOf(deps.db, merchant);
}

interface PointsState {
  customer: PointsHolder;
  settings: LoyaltySettings;
  lots: PointsLots;
  /** When the ledger next owes a birthday bonus, if the shopper gets one. */
  nextBirthday: Date | null;
  /** What the customer's row says now of the ledger's next due write (see `bringUpToDate`). */
  dueAt: Date | null;
  /** What the write about to happen is dated: now. */
  now: Date;
}

const earliest = (...dates: (Date | null)[]) =>
  dates.filter((date): date is Date => date !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;

/** Notes on the customer's row when the ledger is next due a write of its own: the earlier of the next expiry and the next birthday. */
async function noteDueWrite(trx: Transaction<Database>, merchant: Merchant, state: PointsState) {
  const due = earliest(state.lots.nextExpiry(state.now), state.nextBirthday);
  if (due?.getTime() !== state.dueAt?.getTime()) await setPointsDueAt(trx, merchant.id, state.customer.id, due);
  state.dueAt = due;
}

/** How long after a birthday its gift is still greeted by mail. */
const birthdayGreetingWindowMs = 3 * day;

const expiryOf = (settings: LoyaltySettings, from: Date) => new Date(from.getTime() + settings.pointsLifetimeDays * day);

/**
 * Writes what the ledger owes by now before anything else is written:
 * expiries of lots past their date (each at its own instant), and this
 * year's birthday gift once the birthday has come (dated the birthday, with
 * its own expiry: see `birthdayGift`). Then notes when the
 * next such write is due, so reads know whether they may skip this.
 */
async function bringUpToDate(trx: Transaction<Database>, merchant: Merchant, customer: PointsHolder, settings: LoyaltySettings, now: Date): Promise<PointsState> {
  const entries = await ledgerOf(trx, merchant.id, customer.id);
  const lots = PointsLots.from(entries);
  const owed: Array<Insertable<PointsEntryTable> & { expiresAt: Date | null }> = [];
  const write = (entry: Insertable<PointsEntryTable> & { expiresAt: Date | null }) => {
    lots.apply(entry);
    owed.push(entry);
  };
  const expireUntil = (until: Date) => {
    for (const expiry of lots.dueExpiries(until)) {
      write({ merchantId: merchant.id, customerId: customer.id, amount: -expiry.points, reason: 'expiry', reference: null, label: null, createdAt: expiry.at, expiresAt: null });
    }
  };
  let nextBirthday: Date | null = null;
  if (customer.birthday && settings.birthdayBonus > 0) {
    const today = localDate(now, merchant.timeZone);
    const year = Number(today.slice(0, 4));
    const thisYear = birthdayIn(customer.birthday, year);
    const startsAt = startOfLocalDay(thisYear, merchant.timeZone);
    const granted = entries.some((entry) => entry.reason === 'birthday' && entry.reference === String(year));
    if (!granted && today >= thisYear && customer.registeredAt < startsAt) {
      const gift = birthdayGift(settings, customer.birthday, year, merchant.timeZone);
      // The gift is dated its birthday (see birthdayGift): what expired before then comes before it in the ledger.
      expireUntil(gift.createdAt);
      const bonus = { merchantId: merchant.id, customerId: customer.id, amount: settings.birthdayBonus, reason: 'birthday', reference: String(year), label: null, ...gift };
      for (const entry of withinMaximum([bonus], lots.balance)) {
        write(entry);
        // A gift written long after the birthday (a ledger no one touched) is not greeted late.
        if (now.getTime() - gift.createdAt.getTime() < birthdayGreetingWindowMs) {
          await recordMail(trx, merchant.id, [{ customerId: customer.id, kind: 'birthday', eventKey: String(year), facts: { points: entry.amount, year: String(year) } }], now);
        }
      }
    }
    nextBirthday = today >= thisYear ? startOfLocalDay(birthdayIn(customer.birthday, year + 1), merchant.timeZone) : startsAt;
  }
  expireUntil(now);
  await appendPointsEntries(trx, owed);
  const state = { customer, settings, lots, nextBirthday, dueAt: customer.pointsDueAt, now };
  await noteDueWrite(trx, merchant, state);
  return state;
}

/**
 * Locks the customer's points for the transaction and settles the ledger:
 * writes what it owes by now (expiries, a birthday bonus; see `bringUpToDate`).
 * Every points write starts here.
 */
export async function settlePoints(trx: Transaction<Database>, merchant: Merchant, customerId: string, now: Date): Promise<PointsState> {
  const customer = await lockPointsHolder(trx, merchant.id, customerId);
  if (!customer) throw notFound(`Customer ${customerId}`);
  const settings = await loyaltySettingsOf(trx, merchant);
  return bringUpToDate(trx, merchant, customer, settings, now);
}

/**
 * Settles the customer's points ledger if their row says it owes a write by
 * now (an expiry, a birthday bonus): what a route calls before reading points,
 * so the read sees them settled. Only then does it take the lock. Answers the
 * balance after the write, or undefined when nothing was due (the ledger's sum,
 * which a caller may have read with the row, is then the balance). Given an id,
 * it reads the row first; an unknown customer is left to the read that follows.
 */
export async function settleDuePoints(deps: Deps, merchant: Merchant, customer: Pick<PointsHolder, 'id' | 'pointsDueAt'> | string): Promise<number | undefined> {
  const holder = typeof customer === 'string' ? await findPointsHolder(deps.db, merchant.id, customer) : customer;
  const now = deps.clock();
  if (!holder?.pointsDueAt || holder.pointsDueAt > now) return undefined;
  return deps.db.transaction().execute(async (trx) => (await settlePoints(trx, merchant, holder.id, now)).lots.balance);
}

/** The customer's balance: the sum of their ledger. */
export async function balanceOf(deps: Pick<Deps, 'db'>, merchant: Merchant, customerId: string): Promise<number> {
  return pointsBalance(deps.db, merchant.id, customerId);
}

interface NewEntry {
  amount: number;
  reason: PointsReason;
  reference: string | null;
  label: string | null;
  /** A promotion's or reward's name in each language. */
  labels?: Partial<Record<'es' | 'en', string | null>> | null;
  createdAt: Date;
  expiresAt: Date | null;
}

async function append(trx: Transaction<Database>, merchant: Merchant, state: PointsState, entries: NewEntry[]) {
  const rows = entries.map(({ labels, ...entry }) => ({
    ...entry,
    merchantId: merchant.id,
    customerId: state.customer.id,
    ...(labels ? { labels: JSON.stringify(labels) } : {}),
  }));
  for (const row of rows) state.lots.apply(row);
  const written = await appendPointsEntries(trx, rows);
  // New points bring a new expiry; what is spent may have emptied the lot that was next to expire.
  await noteDueWrite(trx, merchant, state);
  return written;
}

/** Points for a purchase, by the merchant's rules and the shopper's tier when it is recorded. */
export async function earnForPurchase(trx: Transaction<Database>, merchant: Merchant, state: PointsState, order: { id: string; total: number; placedAt: Date }) {
  const promotions = (await promotionsAt(trx, merchant.id, order.placedAt)).map((row) => ({
    ...row,
    name: textIn(row.names, merchant.locale, merchant.locale) ?? row.id,
    names: localizedView(row.names),
  }));
  const earned = withinMaximum(pointsForPurchase(state.settings, state.customer.tier as Tier, order, promotions), state.lots.balance);
  await append(
    trx,
    merchant,
    state,
    earned.map((points) => ({ ...points, createdAt: state.now, expiresAt: expiryOf(state.settings, state.now) })),
  );
  const points = earned.reduce((sum, entry) => sum + entry.amount, 0);
  if (points > 0) {
    const expiresAt = expiryOf(state.settings, state.now).toISOString();
    const data = { customerId: state.customer.id, orderId: order.id, points, balanceAfter: state.lots.balance, expiresAt };
    await recordWebhookEvents(trx, merchant.id, [{ type: 'points.earned', data }], state.now);
  }
}

/** Takes back the points a refunded part of an order earned, as far as the balance allows. */
export async function reverseForRefund(trx: Transaction<Database>, merchant: Merchant, state: PointsState, order: { id: string; total: number; refundedAfter: number }) {
  const { earned, reversed } = await pointsEarnedByOrder(trx, merchant.id, state.customer.id, order.id);
  const points = pointsToReverse(earned, reversed, order.refundedAfter, order.total, state.lots.balance);
  if (points > 0) await append(trx, merchant, state, [{ amount: -points, reason: 'refund', reference: order.id, label: null, createdAt: state.now, expiresAt: null }]);
}

/** How an entry reads: in a language (`locale`, else the store's), and, for a redemption, with its code only for the shopper. */
interface EntryReading {
  locale: string;
  storeLocale: string;
  showCode: boolean;
}

type HistoryRow = Selectable<PointsEntryTable> & {
  redemptionCode?: string | null;
  redemptionExpiresAt?: Date | null;
  redemptionUsedAt?: Date | null;
  orderDescription?: string | null;
  orderLines?: number | null;
};

const toEntry = (row: HistoryRow, reading?: EntryReading): PointsEntry => ({
  id: String(row.id),
  amount: row.amount,
  reason: row.reason as PointsReason,
  reference: row.reference,
  label: (reading && row.labels ? textIn(row.labels, reading.locale, reading.storeLocale) : null) ?? row.label,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  ...(row.reason === 'redemption' && row.redemptionCode
    ? {
        redemption: {
          code: reading?.showCode ? row.redemptionCode : null,
          expiresAt: row.redemptionExpiresAt?.toISOString() ?? null,
          usedAt: row.redemptionUsedAt?.toISOString() ?? null,
        },
      }
    : {}),
  ...(row.orderDescription ? { order: { description: row.orderDescription, moreItems: Math.max(0, (row.orderLines ?? 1) - 1) } } : {}),
});

/** A merchant's correction: a new entry, never an edit. Idempotent on its id; it may not take the balance below zero. */
export async function correctPoints(deps: Deps, merchant: Merchant, customerId: string, input: { id: string; amount: number; note: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const state = await settlePoints(trx, merchant, customerId, deps.clock());
    const existing = await findCorrection(trx, merchant.id, input.id);
    if (existing) {
      if (existing.customerId !== customerId || existing.amount !== input.amount || existing.label !== input.note) {
        throw new ProblemError('conflict', `Correction ${input.id} already exists with other content`);
      }
      return new WithStatus(toEntry(existing), 200);
    }
    if (state.lots.balance + input.amount < 0) {
      throw new ProblemError('insufficient-points', `The balance is ${state.lots.balance}: a correction cannot take it below zero`);
    }
    if (state.lots.balance + input.amount > maxPointsBalance) {
      throw new ProblemError('conflict', `The balance is ${state.lots.balance}: a correction cannot take it past ${maxPointsBalance}, the most a balance holds`);
    }
    const expiresAt = input.amount > 0 ? expiryOf(state.settings, state.now) : null;
    const [row] = await append(trx, merchant, state, [{ amount: input.amount, reason: 'correction', reference: input.id, label: input.note, createdAt: state.now, expiresAt }]);
    return new WithStatus(toEntry(row!), 201);
  });
}

/**
 * Credits a question's reward to the shopper who answered it, in the
 * answer's transaction: once per question (the ledger's unique index on the
 * reference holds under any race), and never past the most a balance holds.
 * Answers the points credited.
 */
export async function rewardAnswer(trx: Transaction<Database>, merchant: Merchant, customerId: string, now: Date, reward: { questionId: string; points: number; label: string }): Promise<number> {
  const state = await settlePoints(trx, merchant, customerId, now);
  const points = Math.min(reward.points, maxPointsBalance - state.lots.balance);
  if (points <= 0) return 0;
  await append(trx, merchant, state, [{ amount: points, reason: 'question', reference: reward.questionId, label: reward.label, createdAt: now, expiresAt: expiryOf(state.settings, now) }]);
  return points;
}

/** A code the shopper can read out at a till: no 0/O or 1/I to confuse; 40 bits, so one cannot be guessed. */
function redemptionCode(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const pick = (n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${pick(4)}-${pick(4)}`;
}

/** A code no other redemption of the store has, so the till finds one redemption by it. */
async function unusedRedemptionCode(trx: Transaction<Database>, merchantId: string): Promise<string> {
  for (;;) {
    const code = redemptionCode();
    if (!(await isRedemptionCodeTaken(trx, merchantId, code))) return code;
  }
}

/** A code as typed at the till: case, spaces and the dash aside, `abcd efgh` is `ABCD-EFGH`. */
export function normalizeRedemptionCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[\s-]+/g, '');
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : typed.trim().toUpperCase();
}

/**
 * Spends points on a reward. Under the customer's lock, so concurrent
 * redemptions are taken one at a time and can never spend the same points
 * twice; the answer is kept under the idempotency key, so a retry gets the
 * same answer and a reuse of the key for something else is refused.
 */
export async function redeem(deps: Deps, merchant: Merchant, customerId: string, rewardId: string, key: string) {
  const fingerprint = requestFingerprint({ rewardId });
  return deps.db.transaction().execute(async (trx) => {
    const state = await settlePoints(trx, merchant, customerId, deps.clock());
    const existing = await findIdempotencyKey(trx, merchant.id, customerId, key);
    if (existing) {
      if (existing.requestHash !== fingerprint) throw new ProblemError('idempotency-mismatch', 'This Idempotency-Key was used for another redemption');
      // The answer kept, with where its code stands now (answers kept before codes could expire or be used had neither).
      const kept = existing.body as Redemption;
      const now = await findRedemption(trx, merchant.id, kept.id);
      return new WithStatus({ ...kept, expiresAt: now?.expiresAt?.toISOString() ?? null, usedAt: now?.usedAt?.toISOString() ?? null }, 201);
    }
    const reward = await findReward(trx, merchant.id, rewardId);
    if (!reward || !reward.active) throw notFound(`Reward ${rewardId}`);
    const name = (locale: string) => textIn(reward.names, locale, merchant.locale) ?? reward.id;
    if (state.lots.balance < reward.cost) {
      throw new ProblemError('insufficient-points', `${name(state.customer.locale ?? merchant.locale)} needs ${reward.cost} points and the balance is ${state.lots.balance}`);
    }
    const id = `red_${state.now.getTime().toString(36)}${randomInt(1e9).toString(36)}`;
    const labels = localizedView(reward.names);
    await append(trx, merchant, state, [{ amount: -reward.cost, reason: 'redemption', reference: id, label: name(merchant.locale), labels, createdAt: state.now, expiresAt: null }]);
    const code = await unusedRedemptionCode(trx, merchant.id);
    const validDays = state.settings.redemptionValidDays;
    const expiresAt = validDays === null ? null : new Date(state.now.getTime() + validDays * day);
    await insertRedemption(trx, { merchantId: merchant.id, id, customerId, rewardId, cost: reward.cost, code, createdAt: state.now, expiresAt });
    const body: Redemption = {
      id,
      reward: { id: reward.id, name: name(state.customer.locale ?? merchant.locale) },
      cost: reward.cost,
      code,
      balanceAfter: state.lots.balance,
      createdAt: state.now.toISOString(),
      expiresAt: expiresAt?.toISOString() ?? null,
      usedAt: null,
    };
    await insertIdempotencyKey(trx, { merchantId: merchant.id, customerId, key, requestHash: fingerprint, status: 201, body: JSON.stringify(body), createdAt: state.now });
    const data = { customerId, redemptionId: id, reward: { id: reward.id, name: name(merchant.locale) }, points: reward.cost, balanceAfter: body.balanceAfter };
    await recordWebhookEvents(trx, merchant.id, [{ type: 'points.redeemed', data }], state.now);
    const rewardNames = { es: name('es'), en: name('en') };
    await recordMail(trx, merchant.id, [{ customerId, kind: 'redemption-code', eventKey: id, facts: { rewardNames, code, expiresAt: body.expiresAt } }], state.now);
    return new WithStatus(body, 201);
  });
}

/** Spend over the last twelve months and the floor of the next tier up, from the last tier computation. */
async function tierProgress(deps: Deps, merchant: Merchant, customer: PointsHolder, now: Date) {
  const tier = customer.tier as Tier;
  const next = nextTier(tier);
  const floors = (await deps.db.selectFrom('merchants').select('tierFloors').where('id', '=', merchant.id).executeTakeFirst())?.tierFloors;
  const needed = next ? floors?.[next] : undefined;
  if (!next || needed === undefined) return null;
  const { recent } = await spendOf(deps.db, merchant.id, customer.id, now);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  return { next, spent: money(Number(recent)), needed: money(needed), remaining: money(Math.max(0, needed - Number(recent))) };
}

/** The shopper's points account as the ledger stands: its route settles the ledger first (`settleDuePoints`). */
export async function myPoints(deps: Deps, merchant: Merchant, customerId: string): Promise<PointsAccount> {
  const customer = await findPointsHolder(deps.db, merchant.id, customerId);
  if (!customer) throw notFound(`Customer ${customerId}`);
  const now = deps.clock();
  const settings = await loyaltySettingsOf(deps.db, merchant);
  const lots = PointsLots.from(await ledgerOf(deps.db, merchant.id, customerId));
  const expiring = new Map<string, number>();
  for (const lot of lots.lots) {
    if (!lot.expiresAt) continue;
    const date = localDate(lot.expiresAt, merchant.timeZone);
    if (expiring.size === 3 && !expiring.has(date)) break;
    expiring.set(date, (expiring.get(date) ?? 0) + lot.left);
  }
  return {
    balance: lots.balance,
    tier: customer.tier as Tier,
    progress: await tierProgress(deps, merchant, customer, now),
    expiring: [...expiring].map(([date, points]) => ({ date, points })),
    pointsLifetimeDays: settings.pointsLifetimeDays,
  };
}

/**
 * A page of a customer's points history: for the shopper in their own
 * language (`locale` when asked), each redemption with its code; for the
 * store in its language, without codes (the code is the shopper's to give).
 */
export async function pointsHistoryOf(
  deps: Deps,
  merchant: Merchant,
  customerId: string,
  page: { limit: number; after?: string; locale?: string },
  reader: 'shopper' | 'store',
) {
  const beforeId = page.after === undefined ? undefined : Number(decodeCursor(page.after, 'after'));
  if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) throw new ProblemError('invalid-request', 'The cursor is not one this API gave out');
  const holder = await findPointsHolder(deps.db, merchant.id, customerId);
  if (!holder) throw notFound(`Customer ${customerId}`);
  const locale = page.locale ?? (reader === 'shopper' ? holder.locale : null) ?? merchant.locale;
  const reading = { locale, storeLocale: merchant.locale, showCode: reader === 'shopper' };
  const rows = await pointsHistory(deps.db, merchant.id, customerId, page.limit + 1, beforeId);
  const items = rows.slice(0, page.limit).map((row) => toEntry(row, reading));
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(items.at(-1)!.id) : null };
}

type RewardRow = Selectable<RewardTable>;

const toReward = (row: RewardRow, locale: string, storeLocale: string): Reward => ({
  id: row.id,
  name: textIn(row.names, locale, storeLocale) ?? row.id,
  description: textIn(row.descriptions, locale, storeLocale) ?? '',
  cost: row.cost,
  imageUrl: row.imageUrl,
  active: row.active,
});

const toManagedReward = (row: RewardRow, merchant: Merchant): ManagedReward => ({
  ...toReward(row, merchant.locale, merchant.locale),
  localized: { name: localizedView(row.names), description: localizedView(row.descriptions) },
});

/** The rewards shoppers can redeem, in `locale` (else the store's language). */
export async function listRewards(deps: Deps, merchant: Merchant, locale?: string) {
  return { items: (await rewardsOf(deps.db, merchant.id, { paused: false })).map((row) => toReward(row, locale ?? merchant.locale, merchant.locale)) };
}

/** Every reward, paused ones too, for the store to manage. */
export async function rewardCatalog(deps: Deps, merchant: Merchant) {
  return { items: (await rewardsOf(deps.db, merchant.id, { paused: true })).map((row) => toManagedReward(row, merchant)) };
}

export async function putReward(deps: Deps, merchant: Merchant, id: string, input: z.output<typeof RewardInput>) {
  const row = await upsertReward(deps.db, {
    merchantId: merchant.id,
    id,
    names: JSON.stringify(localizedFrom(input.name)),
    descriptions: JSON.stringify(localizedFrom(input.description)),
    cost: input.cost,
    imageUrl: input.imageUrl ?? null,
    active: input.active,
  });
  return toManagedReward(row, merchant);
}

type PromotionRow = Awaited<ReturnType<typeof allPromotions>>[number];

function toPromotion(row: PromotionRow, merchant: Merchant, now: Date, locale = merchant.locale): Promotion {
  return {
    id: row.id,
    name: textIn(row.names, locale, merchant.locale) ?? row.id,
    description: textIn(row.descriptions, locale, merchant.locale) ?? '',
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    multiplier: row.multiplier,
    status: now < row.startsAt ? 'scheduled' : now < row.endsAt ? 'running' : 'ended',
    localized: { name: localizedView(row.names), description: localizedView(row.descriptions) },
  };
}

export async function putPromotion(deps: Deps, merchant: Merchant, id: string, input: z.output<typeof PromotionInput>): Promise<Promotion> {
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw new ProblemError('invalid-request', 'Check body.endsAt', { errors: [{ in: 'body', field: 'endsAt', message: 'A promotion ends after it starts' }] });
  }
  const row = await upsertPromotion(deps.db, {
    merchantId: merchant.id,
    id,
    names: JSON.stringify(localizedFrom(input.name)),
    descriptions: JSON.stringify(localizedFrom(input.description)),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    multiplier: input.multiplier,
  });
  return toPromotion(row, merchant, deps.clock());
}

export async function listPromotions(deps: Deps, merchant: Merchant, locale?: string) {
  const now = deps.clock();
  return { items: (await allPromotions(deps.db, merchant.id)).map((row) => toPromotion(row, merchant, now, locale)) };
}

// At the till ------------------------------------------------------------------------

/** Who uses a code: a member of the staff (by id, their name and role now), or the store's backend (null). */
export type TillOperator = { id: string } | null;

type TillRow = Awaited<ReturnType<typeof redemptionsByCode>>[number];

function toTillRedemption(row: TillRow, merchant: Merchant, now: Date): TillRedemption {
  const usedBy: StoreActor | null =
    row.usedAt === null
      ? null
      : row.usedByStaffId === null
        ? { kind: 'backend' }
        : { kind: 'staff', id: row.usedByStaffId, name: row.usedByName ?? row.usedByStaffId, role: row.usedByRole ?? 'agent' };
  return {
    id: row.id,
    code: row.code,
    status: row.usedAt !== null ? 'used' : row.expiresAt !== null && row.expiresAt <= now ? 'expired' : 'valid',
    reward: { id: row.rewardId, name: textIn(row.rewardNames, merchant.locale, merchant.locale) ?? row.rewardId },
    cost: row.cost,
    customer: { id: row.customerId, firstName: row.firstName, lastName: row.lastName },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    usedAt: row.usedAt?.toISOString() ?? null,
    usedBy,
  };
}

/** The one redemption of the store with this code, or a 404 (another store's code included). */
async function redemptionWithCode(deps: Deps, merchant: Merchant, typed: string): Promise<TillRow> {
  const code = normalizeRedemptionCode(typed);
  const rows = await redemptionsByCode(deps.db, merchant.id, code);
  if (rows.length === 0) throw notFound(`Redemption code ${code}`);
  if (rows.length > 1) throw new ProblemError('conflict', `Two redemptions of this store share the code ${code}: honour it from the customer's page`);
  return rows[0]!;
}

export async function lookUpRedemption(deps: Deps, merchant: Merchant, typed: string): Promise<TillRedemption> {
  return toTillRedemption(await redemptionWithCode(deps, merchant, typed), merchant, deps.clock());
}

/**
 * Honours a code at the till, once: the first use wins (an update that only
 * a code not used yet passes), and every later one is a 409 saying when and
 * by whom. An expired code is a 409 saying when it expired.
 */
export async function useRedemption(deps: Deps, merchant: Merchant, typed: string, operator: TillOperator): Promise<TillRedemption> {
  const now = deps.clock();
  const row = await redemptionWithCode(deps, merchant, typed);
  if (row.usedAt === null && row.expiresAt !== null && row.expiresAt <= now) {
    throw new ProblemError('redemption-expired', `Code ${row.code} expired on ${row.expiresAt.toISOString()}: it can no longer be used`, {
      extensions: { expiresAt: row.expiresAt.toISOString() },
    });
  }
  const won = row.usedAt === null && (await markRedemptionUsed(deps.db, merchant.id, row.id, now, operator?.id ?? null));
  const after = (await redemptionsByCode(deps.db, merchant.id, row.code)).find((found) => found.id === row.id) ?? row;
  const current = toTillRedemption(after, merchant, now);
  if (!won) {
    const who = current.usedBy?.kind === 'staff' ? `${current.usedBy.name} (${current.usedBy.role})` : "the store's backend";
    throw new ProblemError('redemption-used', `Code ${current.code} was used on ${current.usedAt} by ${who}`, {
      extensions: { ...(current.usedAt ? { usedAt: current.usedAt } : {}), ...(current.usedBy ? { usedBy: current.usedBy } : {}) },
    });
  }
  return current;
}

/** The pyramid: customers and last-twelve-months revenue per tier, as last computed; with `only`, a condition on the customer `c`, of those customers alone. */
export async function segments(deps: Deps, merchant: Merchant, only?: Expression<SqlBool>): Promise<Segments> {
  const now = deps.clock();
  const rows = await deps.db
    .selectFrom('customers as c')
    .leftJoin('orders as o', (join) =>
      join
        .onRef('o.merchantId', '=', 'c.merchantId')
        .onRef('o.customerId', '=', 'c.id')
        .on('o.placedAt', '>', new Date(now.getTime() - 365 * day))
        .on('o.placedAt', '<=', now),
    )
    .select((eb) => [
      'c.tier',
      eb.fn.count<number>('c.id').distinct().as('customers'),
      eb.fn.coalesce(eb.fn.sum<number>(eb('o.total', '-', eb.ref('o.refunded'))), eb.val(0)).as('revenue'),
    ])
    .where('c.merchantId', '=', merchant.id)
    .$if(only !== undefined, (query) => query.where(only!))
    .groupBy('c.tier')
    .execute();
  const totalRevenue = rows.reduce((sum, row) => sum + Number(row.revenue), 0);
  const money = (amount: number) => ({ amount, currency: merchant.currency });
  const order: Tier[] = ['top', 'large', 'medium', 'small', 'inactive', 'potential'];
  return {
    asOf: now.toISOString(),
    customers: rows.reduce((sum, row) => sum + Number(row.customers), 0),
    revenue: money(totalRevenue),
    tiers: order.map((tier) => {
      const row = rows.find((r) => r.tier === tier);
      const revenue = Number(row?.revenue ?? 0);
      return { tier, customers: Number(row?.customers ?? 0), revenue: money(revenue), revenueShare: totalRevenue > 0 ? revenue / totalRevenue : 0 };
    }),
  };
}
