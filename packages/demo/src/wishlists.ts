import type { Database } from '@clientela/server/db/schema';
import type { Insertable } from 'kysely';
import type { DemoProduct } from './catalog.ts';
import { demoStream } from './random.ts';
import type { DemoCustomer } from './shoppers.ts';

const day = 86_400_000;

/**
 * Wishlists of about a third of the active shoppers (and of the first two
 * demo shoppers), mostly from their favourite categories, with an out-of-stock
 * product or two waiting for stock and some that got cheaper since they were
 * saved, each with the alert it sent.
 */
export function makeWishlists(now: Date, merchantId: string, customers: DemoCustomer[], products: DemoProduct[]) {
  const items: Insertable<Database['wishlistItems']>[] = [];
  const alerts: Insertable<Database['notifications']>[] = [];
  const outOfStock = products.filter((p) => p.stock === 0);
  customers.forEach((customer, index) => {
    const random = demoStream(`wishlist ${customer.id}`);
    const featured = index < 2;
    if (customer.lapsed || customer.ordersPerYear === 0 || (!featured && !random.chance(0.35))) return;
    const picks = new Set<DemoProduct>();
    const count = featured ? 5 : random.int(1, 6);
    while (picks.size < count) {
      const favourites = products.filter((p) => customer.favorites.includes(p.category));
      picks.add(random.pick(random.chance(0.75) ? favourites : products));
    }
    if (featured && outOfStock.length > 0) picks.add(outOfStock[index % outOfStock.length]!);
    [...picks].forEach((product, n) => {
      const addedAt = new Date(now.getTime() - random.int(2, 90) * day - random.int(0, day));
      const dropped = featured ? n === 0 : random.chance(0.2);
      const priceWhenAdded = dropped ? Math.round((product.price * (1.05 + random.next() * 0.15)) / 1000) * 1000 - 10 : product.price;
      items.push({
        merchantId,
        customerId: customer.id,
        productId: product.id,
        note: featured && n === 1 ? 'Para el cumpleaños de mamá' : '',
        alertPriceDrop: true,
        alertBackInStock: true,
        priceWhenAdded,
        addedAt,
        updatedAt: addedAt,
      });
      if (dropped && priceWhenAdded > product.price) {
        const at = new Date(Math.min(now.getTime() - day, addedAt.getTime() + random.int(1, 30) * day));
        alerts.push({
          merchantId,
          customerId: customer.id,
          kind: 'price-drop',
          productId: product.id,
          previousPrice: priceWhenAdded,
          price: product.price,
          createdAt: at,
          readAt: featured || now.getTime() - at.getTime() < 7 * day ? null : new Date(at.getTime() + day),
        });
      }
    });
  });
  alerts.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  return { items, alerts };
}
