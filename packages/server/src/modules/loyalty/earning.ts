import type { LocalizedText, LoyaltySettings, Tier } from '@clientela/contract';

export interface ActivePromotion {
  id: string;
  /** In the store's language. */
  name: string;
  /** In each language, for the shopper to read in theirs. */
  names?: LocalizedText;
  startsAt: Date;
  endsAt: Date;
  multiplier: number;
}

export interface EarnedPoints {
  reason: 'purchase' | 'promotion';
  amount: number;
  reference: string;
  label: string | null;
  labels: LocalizedText | null;
}

/**
 * The most points a balance holds: past any loyalty program (a million
 * purchases of a billion points each), and well inside the integers a JSON
 * client reads exactly (2⁵³). What would take a balance past it is not earned.
 */
export const maxPointsBalance = 10 ** 15;

/** `a × b ÷ c`, rounded down, exactly: the product of an order's total and a multiplier can pass 2⁵³, where doubles round. */
const mulDiv = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b)) / BigInt(c));

/**
 * What a purchase earns: the base (one point per `spendPerPoint` of the
 * total) times the shopper's tier multiplier, plus, for each promotion
 * running when it was placed, the base times the promotion's extra.
 */
export function pointsForPurchase(
  settings: Pick<LoyaltySettings, 'spendPerPoint' | 'tierMultipliers'>,
  tier: Tier,
  order: { id: string; total: number; placedAt: Date },
  promotions: ActivePromotion[],
): EarnedPoints[] {
  const base = Math.floor(order.total / settings.spendPerPoint);
  const earned: EarnedPoints[] = [];
  const purchase = mulDiv(base, settings.tierMultipliers[tier], 10_000);
  if (purchase > 0) earned.push({ reason: 'purchase', amount: purchase, reference: order.id, label: null, labels: null });
  for (const promotion of promotions) {
    if (order.placedAt < promotion.startsAt || order.placedAt >= promotion.endsAt) continue;
    const extra = mulDiv(base, promotion.multiplier - 10_000, 10_000);
    if (extra > 0) earned.push({ reason: 'promotion', amount: extra, reference: order.id, label: promotion.name, labels: promotion.names ?? null });
  }
  return earned;
}

/** Points coming in, as far as a balance of `balance` has room for them under `maxPointsBalance`, the first ones first. */
export function withinMaximum<T extends { amount: number }>(incoming: T[], balance: number): T[] {
  let room = maxPointsBalance - balance;
  return incoming.flatMap((entry) => {
    const amount = Math.min(entry.amount, room);
    room -= amount;
    return amount > 0 ? [{ ...entry, amount }] : [];
  });
}

/** What a refund takes back: the refunded share of what the order earned, less what earlier refunds took, as far as the balance allows. */
export function pointsToReverse(earned: number, alreadyReversed: number, refundedTotal: number, orderTotal: number, balance: number): number {
  const owed = mulDiv(earned, refundedTotal, orderTotal) - alreadyReversed;
  return Math.max(0, Math.min(owed, balance));
}
