import type { CustomerPanel } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import type { Database } from '../../db/schema.ts';
import { getCustomer } from '../customers/index.ts';
import { customerOrders } from '../orders/index.ts';
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
    customerOrders(deps, merchant, customerId, { limit: 5 }),
  ]);
  return {
    customer,
    card,
    wishlist: wishlist.items.slice(0, 10),
    recentOrders: orders.items.map((order) => ({
      id: order.id,
      placedAt: order.placedAt,
      total: order.total.amount,
      items: order.items,
      paidWithStoreCard: order.paidWithStoreCard,
    })),
    currency: merchant.currency,
  };
}
