import {
  deleteWishlistItem,
  getCustomerWishlist,
  getMyWishlist as getMyWishlistEndpoint, listMyNotifications as listMyNotificationsEndpoint, markNotificationsRead, putWishlistItem as putWishlistItemEndpoint } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { requireCustomer } from '../customers/index.ts';
import { getMyWishlist, listMyNotifications, markMyNotificationsRead, putWishlistItem, removeWishlistItem } from './wishlist.service.ts';

export function wishlistRoutes(api: Api, deps: AppDeps): void {
  api.mount(getMyWishlistEndpoint, ({ caller }) => getMyWishlist(deps, caller.merchant, caller.customerId));
  api.mount(getCustomerWishlist, async ({ caller, params }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    return getMyWishlist(deps, caller.merchant, params.id);
  });
  api.mount(putWishlistItemEndpoint, ({ caller, params, body }) => putWishlistItem(deps, caller.merchant, caller.customerId, params.productId, body));
  api.mount(deleteWishlistItem, ({ caller, params }) => removeWishlistItem(deps, caller.merchant, caller.customerId, params.productId));
  api.mount(listMyNotificationsEndpoint, ({ caller, query }) => listMyNotifications(deps, caller.merchant, caller.customerId, query));
  api.mount(markNotificationsRead, ({ caller, body }) => markMyNotificationsRead(deps, caller.merchant, caller.customerId, body.ids));
}
