import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

/** Customers and their year's spend per tier, as the pyramid's last computation left them on each customer. */
export async function tierTotals(db: Db, merchantId: string) {
  const { rows } = await sql<{ tier: string; customers: string; revenue: string }>`
    select tier, count(*)::text as customers, coalesce(sum(recent_spend), 0)::text as revenue
      from customers where merchant_id = ${merchantId}
     group by tier
  `.execute(db);
  return rows.map((row) => ({ tier: row.tier, customers: Number(row.customers), revenue: Number(row.revenue) }));
}

/**
 * Orders placed from `from` up to `now`, less their refunds, by calendar
 * month in the store's time zone and by the tier each customer is in now:
 * a range scan of the orders by time, on an index that holds what it reads.
 */
export async function revenueByMonthAndTier(db: Db, merchantId: string, timeZone: string, from: Date, now: Date) {
  const { rows } = await sql<{ month: string; tier: string; revenue: string }>`
    select to_char(o.placed_at at time zone ${timeZone}, 'YYYY-MM') as month, c.tier, sum(o.total - o.refunded)::text as revenue
      from orders o
      join customers c on c.merchant_id = o.merchant_id and c.id = o.customer_id
     where o.merchant_id = ${merchantId} and o.placed_at >= ${from} and o.placed_at <= ${now}
     group by 1, 2
  `.execute(db);
  return rows.map((row) => ({ month: row.month, tier: row.tier, revenue: Number(row.revenue) }));
}

/** What the customers who bought in the year spent in it: how many, the least, the most, the total and the median. */
export async function yearSpendSpread(db: Db, merchantId: string) {
  const { rows } = await sql<{ customers: string; least: string | null; most: string | null; total: string; median: string | null }>`
    select count(*)::text as customers, min(recent_spend)::text as least, max(recent_spend)::text as most,
           coalesce(sum(recent_spend), 0)::text as total,
           (percentile_disc(0.5) within group (order by recent_spend))::text as median
      from customers where merchant_id = ${merchantId} and recent_spend > 0
  `.execute(db);
  const row = rows[0]!;
  const number = (value: string | null) => (value === null ? 0 : Number(value));
  return { customers: Number(row.customers), least: number(row.least), most: number(row.most), total: number(row.total), median: number(row.median) };
}

/** How many customers' lifetime values (their year's spend × `years`) fall between each pair of `edges`, and their sum: bucket 1 is edges[0] to edges[1]. */
export async function lifetimeValueBuckets(db: Db, merchantId: string, years: number, edges: number[]) {
  const { rows } = await sql<{ bucket: number; customers: string; value: string }>`
    select width_bucket(recent_spend * ${years}, ${sql.raw(`array[${edges.map((edge) => `${Math.trunc(edge)}::bigint`).join(', ')}]`)}) as bucket,
           count(*)::text as customers, sum(recent_spend * ${years})::text as value
      from customers where merchant_id = ${merchantId} and recent_spend > 0
     group by 1
  `.execute(db);
  return rows.map((row) => ({ bucket: Number(row.bucket), customers: Number(row.customers), value: Number(row.value) }));
}
