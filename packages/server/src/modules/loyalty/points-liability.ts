import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

const day = 86_400_000;

export interface PointsLiability {
  /** Points customers hold in lots that have not expired. */
  outstanding: number;
  /** Of them, those in lots expiring within 30 and within 90 days. */
  expiringIn30Days: number;
  expiringIn90Days: number;
}

/**
 * What the store owes in points, from the ledger in one pass over the lots
 * that can still be spent, without replaying any customer's history.
 *
 * Whatever goes out of a balance spends the lots that expire first (see
 * `PointsLots`), so what a customer holds is always their latest-expiring
 * lots, up to their balance B (the ledger's sum, which the database keeps on
 * their row). Of B, what lies in lots expiring after an instant t is
 * min(B, the points earned in lots expiring after t). Lots past their date
 * whose expiry the ledger has not written yet (it is written when the
 * customer is next touched) are thus left out, and what expires between now
 * and now + 30 days is min(B, S(now)) − min(B, S(now + 30 days)).
 *
 * Exact while lots expire in the order they were earned, as they do under
 * one `pointsLifetimeDays`; after the lifetime is shortened, a later lot may
 * expire before an earlier one and the split between dates is approximate
 * (the outstanding total stays exact). Reads only the lots of the last
 * lifetime, on the `points_entries_lots` index.
 */
export async function pointsLiability(db: Db, merchantId: string, now: Date): Promise<PointsLiability> {
  const in30 = new Date(now.getTime() + 30 * day);
  const in90 = new Date(now.getTime() + 90 * day);
  const { rows } = await sql<{ outstanding: string; expiring30: string; expiring90: string }>`
    with lots as (
      select customer_id,
             sum(amount) as alive,
             coalesce(sum(amount) filter (where expires_at is null or expires_at > ${in30}), 0) as after30,
             coalesce(sum(amount) filter (where expires_at is null or expires_at > ${in90}), 0) as after90
        from points_entries
       where merchant_id = ${merchantId} and amount > 0 and (expires_at is null or expires_at > ${now})
       group by customer_id
    ),
    held as (
      select least(c.points_ledger_sum, l.alive) as held,
             least(c.points_ledger_sum, l.after30) as after30,
             least(c.points_ledger_sum, l.after90) as after90
        from lots l
        join customers c on c.merchant_id = ${merchantId} and c.id = l.customer_id
       where c.points_ledger_sum > 0
    )
    select coalesce(sum(held), 0)::text as outstanding,
           coalesce(sum(held - after30), 0)::text as expiring30,
           coalesce(sum(held - after90), 0)::text as expiring90
      from held
  `.execute(db);
  const row = rows[0]!;
  return { outstanding: Number(row.outstanding), expiringIn30Days: Number(row.expiring30), expiringIn90Days: Number(row.expiring90) };
}
