import type { Tier } from '@clientela/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { recordWebhookEvents } from '../webhooks/index.ts';

/**
 * The customer pyramid, by spend over the trailing twelve months among those
 * who bought in that time: the top 1% are `top`, the next 4% `large`, the next
 * 15% `medium`, the rest `small`. Those who bought before but not in the last
 * twelve months are `inactive`; those who never bought are `potential`.
 */
export const pyramid = { top: 0.01, large: 0.05, medium: 0.2 } as const;

/** The tier above, for a shopper's progress; those who never or no longer buy climb to `small` with one purchase. */
export function nextTier(tier: Tier): Tier | null {
  const ladder: Record<Tier, Tier | null> = { potential: 'small', inactive: 'small', small: 'medium', medium: 'large', large: 'top', top: null };
  return ladder[tier];
}

/**
 * Recomputes every customer's tier, and notes on each their year's spend and
 * orders, spend to date and last purchase (net of refunds): what lists sort
 * by and show, as of this computation. Then keeps each active tier's floor
 * (the least trailing spend among its customers) for progress to the next
 * tier. Each customer whose tier changed is a `tier.changed` webhook event.
 */
export async function recomputeTiers(db: Db, merchantId: string, now: Date): Promise<void> {
  const { rows: updated } = await sql<{ id: string; previous: Tier; tier: Tier }>`
    with spend as (
      select c.id, c.tier as previous,
             coalesce(sum(o.total) filter (where o.placed_at > ${now}::timestamptz - interval '12 months'), 0) as recent,
             coalesce(sum(o.total - o.refunded) filter (where o.placed_at > ${now}::timestamptz - interval '12 months'), 0) as recent_net,
             count(o.id) filter (where o.placed_at > ${now}::timestamptz - interval '12 months') as recent_orders,
             count(o.id) as orders,
             coalesce(sum(o.total - o.refunded), 0) as ever,
             max(o.placed_at) as last_purchase_at
        from customers c
        left join orders o on o.merchant_id = c.merchant_id and o.customer_id = c.id and o.placed_at <= ${now}::timestamptz
       where c.merchant_id = ${merchantId}
       group by c.id, c.tier
    ),
    ranked as (
      select id, previous, recent_net, recent_orders, orders, ever, last_purchase_at,
             row_number() over (order by recent_orders > 0 desc, recent desc, id) as position,
             count(*) filter (where recent_orders > 0) over () as active
        from spend
    ),
    tiered as (
      select id, previous, recent_net, recent_orders, ever, last_purchase_at,
             case
               when orders = 0 then 'potential'
               when recent_orders = 0 then 'inactive'
               when position <= ceil(active * ${pyramid.top}::numeric) then 'top'
               when position <= ceil(active * ${pyramid.large}::numeric) then 'large'
               when position <= ceil(active * ${pyramid.medium}::numeric) then 'medium'
               else 'small'
             end as tier
        from ranked
    )
    update customers c
       set tier = tiered.tier, recent_spend = tiered.recent_net, recent_orders = tiered.recent_orders,
           spent_to_date = tiered.ever, last_purchase_at = tiered.last_purchase_at
      from tiered
     where c.merchant_id = ${merchantId} and c.id = tiered.id
       and (c.tier, c.recent_spend, c.recent_orders, c.spent_to_date, c.last_purchase_at)
           is distinct from (tiered.tier, tiered.recent_net, tiered.recent_orders, tiered.ever, tiered.last_purchase_at)
    returning c.id, tiered.previous, tiered.tier
  `.execute(db);
  const changed = updated.filter(({ previous, tier }) => previous !== tier);
  const events = changed.map(({ id, previous, tier }) => ({ type: 'tier.changed' as const, data: { customerId: id, from: previous, to: tier } }));
  await recordWebhookEvents(db, merchantId, events, now);
  await sql`
    with spend as (
      select c.tier, coalesce(sum(o.total - o.refunded), 0) as recent
        from customers c
        join orders o on o.merchant_id = c.merchant_id and o.customer_id = c.id
                     and o.placed_at > ${now}::timestamptz - interval '12 months' and o.placed_at <= ${now}::timestamptz
       where c.merchant_id = ${merchantId} and c.tier in ('top', 'large', 'medium', 'small')
       group by c.id, c.tier
    )
    update merchants
       set tier_floors = (select coalesce(jsonb_object_agg(tier, floor), '{}'::jsonb) from (select tier, min(recent) as floor from spend group by tier) f),
           tiers_computed_at = ${now}::timestamptz
     where id = ${merchantId}
  `.execute(db);
}

/** When the store's pyramid was last computed (tiers, and each customer's spend), or null before the first time. */
export async function pyramidComputedAt(db: Db, merchantId: string): Promise<Date | null> {
  const row = await db.selectFrom('merchants').select('tiersComputedAt').where('id', '=', merchantId).executeTakeFirst();
  return row?.tiersComputedAt ?? null;
}
