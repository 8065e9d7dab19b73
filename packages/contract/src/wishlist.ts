import * as z from 'zod/mini';
import { ExternalId, IsoDateTime, Money } from './common.ts';
import { allStaff, defineEndpoint } from './endpoint.ts';
import { Product } from './products.ts';

export const WishlistAlerts = z.object({
  /** Tell the shopper when the price goes down. */
  priceDrop: z.boolean(),
  /** Tell the shopper when it is back in stock. */
  backInStock: z.boolean(),
});
export type WishlistAlerts = z.infer<typeof WishlistAlerts>;

export const WishlistItemInput = z.object({
  note: z.optional(z.string().check(z.maxLength(500))),
  alerts: z.optional(z.partial(WishlistAlerts)),
});
export type WishlistItemInput = z.input<typeof WishlistItemInput>;

export const WishlistItem = z.object({
  product: Product,
  note: z.string(),
  alerts: WishlistAlerts,
  /** The price when the shopper saved it, to show a drop since. */
  priceWhenAdded: Money,
  addedAt: IsoDateTime,
});
export type WishlistItem = z.infer<typeof WishlistItem>;

export const Wishlist = z.object({ items: z.array(WishlistItem) });
export type Wishlist = z.infer<typeof Wishlist>;

export const getMyWishlist = defineEndpoint({
  id: 'getMyWishlist',
  method: 'GET',
  path: '/v1/me/wishlist',
  audience: 'shopper',
  tag: 'Wishlist',
  summary: "The shopper's wishlist, most recently saved first, with each product's price and stock now.",
  response: Wishlist,
});

export const getCustomerWishlist = defineEndpoint({
  id: 'getCustomerWishlist',
  method: 'GET',
  path: '/v1/customers/{id}/wishlist',
  audience: 'secret',
  staff: allStaff,
  tag: 'Wishlist',
  summary: "A customer's wishlist, as they see it: most recently saved first, with each product's price and stock now.",
  params: z.object({ id: ExternalId }),
  response: Wishlist,
  errors: [404],
});

const ItemParams = z.object({ productId: ExternalId });

export const putWishlistItem = defineEndpoint({
  id: 'putWishlistItem',
  method: 'PUT',
  path: '/v1/me/wishlist/items/{productId}',
  audience: 'shopper',
  tag: 'Wishlist',
  summary:
    'Saves a product to the wishlist, or changes its note and alerts; saving it again changes only what the body says (alerts are on by default). 201 when it was not saved before.',
  params: ItemParams,
  body: WishlistItemInput,
  response: WishlistItem,
  errors: [404],
});

export const deleteWishlistItem = defineEndpoint({
  id: 'deleteWishlistItem',
  method: 'DELETE',
  path: '/v1/me/wishlist/items/{productId}',
  audience: 'shopper',
  tag: 'Wishlist',
  summary: 'Takes a product off the wishlist; taking off one that is not there is not an error.',
  params: ItemParams,
  response: null,
  status: 204,
});

export const notificationKinds = ['price-drop', 'back-in-stock'] as const;

export const Notification = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  product: z.object({ id: z.string(), name: z.string(), imageUrl: z.nullable(z.string()) }),
  /** The price before, for a price drop. */
  previousPrice: z.nullable(Money),
  price: Money,
  createdAt: IsoDateTime,
  readAt: z.nullable(IsoDateTime),
});
export type Notification = z.infer<typeof Notification>;

export const Notifications = z.object({
  items: z.array(Notification),
  unread: z.int(),
});
export type Notifications = z.infer<typeof Notifications>;

export const listMyNotifications = defineEndpoint({
  id: 'listMyNotifications',
  method: 'GET',
  path: '/v1/me/notifications',
  audience: 'shopper',
  tag: 'Wishlist',
  summary: "The shopper's wishlist alerts, newest first, with the count of unread ones.",
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    unread: z._default(z.pipe(z.union([z.boolean(), z.enum(['true', 'false'])]), z.transform((flag) => flag === true || flag === 'true')), false),
  }),
  response: Notifications,
});

export const markNotificationsRead = defineEndpoint({
  id: 'markNotificationsRead',
  method: 'POST',
  path: '/v1/me/notifications/read',
  audience: 'shopper',
  tag: 'Wishlist',
  summary: 'Marks alerts as read: the ones listed, or all when none are.',
  body: z.object({ ids: z.optional(z.array(z.string().check(z.regex(/^\d{1,18}$/, 'An alert id'), z.maxLength(18))).check(z.maxLength(100))) }),
  response: z.object({ unread: z.int() }),
});
