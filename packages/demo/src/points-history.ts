import { createHash } from 'node:crypto';
import type { LocalizedText, LoyaltySettings, Tier } from '@clientela/contract';
import { birthdayIn, localDate, startOfLocalDay } from '@clientela/server/core/time-zone';
import type { Database } from '@clientela/server/db/schema';
import { birthdayGift, pointsForPurchase, PointsLots, pointsToReverse, type ActivePromotion } from '@clientela/server/modules/loyalty';
import type { Insertable } from 'kysely';
import { demoStream } from './random.ts';
import type { DemoCustomer, GeneratedOrder } from './shoppers.ts';

const day = 86_400_000;

export interface DemoReward {
  id: string;
  name: LocalizedText;
  cost: number;
}

/**
 * A redemption's code as the API draws them (no 0/O or 1/I), and whether it
 * was used at the till and how many days after: made from the redemption's
 * number and the draw its customer's stream gave it, so nothing else drawn
 * from the stream moves.
 */
function demoRedemptionFate(number: number, draw: number): { code: string; used: boolean; usedAfterDays: number } {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digest = createHash('sha256').update(`demo redemption ${number} ${draw}`).digest();
  const letters = Array.from(digest.subarray(0, 8), (byte) => alphabet[byte % alphabet.length]).join('');
  return { code: `${letters.slice(0, 4)}-${letters.slice(4)}`, used: digest[8]! < 205, usedAfterDays: 1 + (digest[9]! % 3) };
}

export interface PointsHistory {
  entries: Insertable<Database['pointsEntries']>[];
  redemptions: Insertable<Database['redemptions']>[];
  /** When each customer's ledger next owes a write (an expiry, a birthday). */
  dueAt: Map<string, Date | null>;
}

type Entry = Insertable<Database['pointsEntries']> & { createdAt: Date; expiresAt: Date | null };

/**
 * Each customer's points ledger, played in time order through the same
 * rules and lots the API uses: points for purchases by tier (and double in
 * the CyberDay week), birthday bonuses, the points refunds take back,
 * rewards redeemed when the balance allowed, and expiries of what was left
 * unspent, written when they fell due.
 */
export function makePointsHistory(
  now: Date,
  merchant: { id: string; timeZone: string },
  settings: LoyaltySettings,
  customers: DemoCustomer[],
  tiers: Map<string, Tier>,
  orders: GeneratedOrder[],
  refunds: Insertable<Database['refunds']>[],
  promotions: ActivePromotion[],
  rewards: DemoReward[],
): PointsHistory {
  const history: PointsHistory = { entries: [], redemptions: [], dueAt: new Map() };
  const ordersOf = new Map<string, GeneratedOrder[]>();
  for (const order of orders) ordersOf.set(order.order.customerId, [...(ordersOf.get(order.order.customerId) ?? []), order]);
  const refundsOf = new Map<string, Insertable<Database['refunds']>[]>();
  for (const refund of refunds) refundsOf.set(refund.orderId, [...(refundsOf.get(refund.orderId) ?? []), refund]);
  const expiresFrom = (at: Date) => new Date(at.getTime() + settings.pointsLifetimeDays * day);
  const today = localDate(now, merchant.timeZone);
  let redemptions = 0;

  for (const customer of customers) {
    const random = demoStream(`points ${customer.id}`);
    const lots = new PointsLots();
    const entries: Entry[] = [];
    const base = { merchantId: merchant.id, customerId: customer.id };
    const write = (entry: Entry) => {
      for (const expiry of lots.dueExpiries(entry.createdAt)) {
        const expired: Entry = { ...base, amount: -expiry.points, reason: 'expiry', reference: null, label: null, createdAt: expiry.at, expiresAt: null };
        lots.apply(expired);
        entries.push(expired);
      }
      lots.apply(entry);
      entries.push(entry);
    };
    type Event = { at: Date; run: () => void };
    const events: Event[] = [];
    for (const { order } of ordersOf.get(customer.id) ?? []) {
      const placedAt = order.placedAt as Date;
      const total = order.total;
      events.push({
        at: placedAt,
        run: () => {
          for (const { labels, ...earned } of pointsForPurchase(settings, tiers.get(customer.id)!, { id: order.id, total, placedAt }, promotions)) {
            write({ ...base, ...earned, ...(labels ? { labels: JSON.stringify(labels) } : {}), createdAt: placedAt, expiresAt: expiresFrom(placedAt) });
          }
          if (!customer.lapsed && random.chance(0.15)) {
            const at = new Date(placedAt.getTime() + random.int(1, 12) * day);
            events.push({
              at,
              run: () => {
                const affordable = rewards.filter((reward) => reward.cost <= lots.balance);
                if (affordable.length === 0 || at >= now) return;
                const reward = random.pick(affordable);
                const id = `red_demo_${++redemptions}`;
                write({ ...base, amount: -reward.cost, reason: 'redemption', reference: id, label: reward.name.es, labels: JSON.stringify(reward.name), createdAt: at, expiresAt: null });
                const { code, used, usedAfterDays } = demoRedemptionFate(redemptions, random.int(1000, 9999));
                // Most codes were used at the till a day or three later (by the store's backend: the demo's till); some were let go.
                const expiresAt = settings.redemptionValidDays === null ? null : new Date(at.getTime() + settings.redemptionValidDays * day);
                const usedAt = used && at.getTime() + usedAfterDays * day < now.getTime() ? new Date(at.getTime() + usedAfterDays * day) : null;
                history.redemptions.push({ merchantId: merchant.id, id, customerId: customer.id, rewardId: reward.id, cost: reward.cost, code, createdAt: at, expiresAt, usedAt, usedByStaffId: null });
              },
            });
          }
        },
      });
      let refundedSoFar = 0;
      for (const refund of refundsOf.get(order.id) ?? []) {
        refundedSoFar += refund.amount;
        const refundedAfter = refundedSoFar;
        const at = refund.createdAt as Date;
        events.push({
          at,
          run: () => {
            const earned = entries.filter((e) => e.reference === order.id && (e.reason === 'purchase' || e.reason === 'promotion')).reduce((sum, e) => sum + e.amount, 0);
            const reversed = -entries.filter((e) => e.reference === order.id && e.reason === 'refund').reduce((sum, e) => sum + e.amount, 0);
            const points = pointsToReverse(earned, reversed, refundedAfter, total, lots.balance);
            if (points > 0) write({ ...base, amount: -points, reason: 'refund', reference: order.id, label: null, createdAt: at, expiresAt: null });
          },
        });
      }
    }
    // Birthdays of the last two years the customer was registered for, before today (today's comes when they next look), by the API's rule.
    const year = Number(today.slice(0, 4));
    for (const y of [year - 2, year - 1, year]) {
      const gift = birthdayGift(settings, customer.birthday, y, merchant.timeZone);
      if (birthdayIn(customer.birthday, y) >= today || gift.createdAt <= customer.registeredAt) continue;
      events.push({ at: gift.createdAt, run: () => write({ ...base, amount: settings.birthdayBonus, reason: 'birthday', reference: String(y), label: null, ...gift }) });
    }
    for (;;) {
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      const next = events.shift();
      if (!next || next.at >= now) break;
      next.run();
    }
    for (const expiry of lots.dueExpiries(now)) {
      const expired: Entry = { ...base, amount: -expiry.points, reason: 'expiry', reference: null, label: null, createdAt: expiry.at, expiresAt: null };
      lots.apply(expired);
      entries.push(expired);
    }
    history.entries.push(...entries);
    const birthdayThisYear = birthdayIn(customer.birthday, year);
    const nextBirthday = startOfLocalDay(birthdayThisYear >= today ? birthdayThisYear : birthdayIn(customer.birthday, year + 1), merchant.timeZone);
    const nextExpiry = lots.nextExpiry(now);
    history.dueAt.set(customer.id, nextExpiry && nextExpiry < nextBirthday ? nextExpiry : nextBirthday);
  }
  return history;
}
