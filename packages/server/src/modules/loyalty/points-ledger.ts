/**
 * The points ledger's arithmetic, free of storage. Points come in lots that
 * expire; whatever goes out (a redemption, an expiry, a reversal) spends the
 * lots that expire first. The service replays a customer's entries through
 * it to know what expires when; the demo seed plays a year of history
 * through it; the property tests play random ones.
 */

export interface LedgerEntry {
  amount: number;
  expiresAt: Date | null;
}

export interface Lot {
  /** The order the lot was earned in, to break ties between lots expiring together. */
  seq: number;
  expiresAt: Date | null;
  left: number;
}

const byExpiry = (a: Lot, b: Lot) =>
  (a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) || a.seq - b.seq;

export class PointsLots {
  #lots: Lot[] = [];
  #seq = 0;

  /** Replays entries in the order they were written. */
  static from(entries: Iterable<LedgerEntry>): PointsLots {
    const lots = new PointsLots();
    for (const entry of entries) lots.apply(entry);
    return lots;
  }

  get balance(): number {
    return this.#lots.reduce((sum, lot) => sum + lot.left, 0);
  }

  /** Lots with points left, the first to expire first. */
  get lots(): readonly Lot[] {
    return this.#lots;
  }

  apply(entry: LedgerEntry): void {
    if (entry.amount > 0) {
      this.#lots.push({ seq: this.#seq++, expiresAt: entry.expiresAt, left: entry.amount });
      this.#lots.sort(byExpiry);
      return;
    }
    let owed = -entry.amount;
    for (const lot of this.#lots) {
      const taken = Math.min(lot.left, owed);
      lot.left -= taken;
      owed -= taken;
      if (owed === 0) break;
    }
    if (owed > 0) throw new Error(`The ledger would go below zero by ${owed} points`);
    this.#lots = this.#lots.filter((lot) => lot.left > 0);
  }

  /** The expiries due by `now`: one entry per expiry instant, for the points those lots still hold. */
  dueExpiries(now: Date): Array<{ at: Date; points: number }> {
    const due = new Map<number, number>();
    for (const lot of this.#lots) {
      if (lot.expiresAt && lot.expiresAt <= now) due.set(lot.expiresAt.getTime(), (due.get(lot.expiresAt.getTime()) ?? 0) + lot.left);
    }
    return [...due].sort(([a], [b]) => a - b).map(([at, points]) => ({ at: new Date(at), points }));
  }

  /** The next instant a lot expires after `now`, if any. */
  nextExpiry(now: Date): Date | null {
    return this.#lots.find((lot) => lot.expiresAt && lot.expiresAt > now)?.expiresAt ?? null;
  }
}
