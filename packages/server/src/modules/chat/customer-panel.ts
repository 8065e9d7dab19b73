import type { CustomerPanel } from '@clientela/contract';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import type { Database } from '../../db/schema.ts';
import { getCustomer } from '../customers/index.ts';
import { cardSummary } from '../statements/index.ts';
import { getMyWishlist } from '../wishlist/index.ts';

/**
 * Everything an agent wants to see about the customer they are chatting with,
 * from the modules that own it; its route settles the points and closes the
 * statements first.
 */
export async function customerPanel(deps: { db: Kysely<Database>; clock: Clock }, merchant: Merchant, customerId: string): Promise<CustomerPanel> {
  const customer = await getCustomer(deps, merchant, customerId);
  const [card, wishlist, orders] = await Promise.all([
    cardSummary(deps, merchant, customerId),
    getMyWishlist(deps, merchant, customerId),
    sql<{ id: string; placedAt: Date; total: number; paidWithStoreCard: boolean; items: string[] }>`
      select o.id, o.placed_at, o.total, o.paid_with_store_card,
             array(select p.name from order_lines l join products p on p.merchant_id = l.merchant_id and p.id = l.product_id
                    where l.merchant_id = o.merchant_id and l.order_id = o.id order by l.line_no) as items
        from orders o
       where o.merchant_id = ${merchant.id} and o.customer_id = ${customerId}
       order by o.placed_at desc
       limit 5
    `.execute(deps.db),
  ]);
  return {
    customer,
    card,
    wishlist: wishlist.items.slice(0, 10),
    recentOrders: orders.rows.map((order) => ({ ...order, placedAt: order.placedAt.toISOString() })),
    currency: merchant.currency,
  };
}
