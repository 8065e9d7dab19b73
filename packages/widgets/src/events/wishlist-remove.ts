/** The shopper took a product off their wishlist. */
export class CrmWishlistRemoveEvent extends Event {
  static readonly type = 'crm-wishlist-remove';
  readonly productId: string;
  readonly guest: boolean;

  constructor(productId: string, guest: boolean) {
    super(CrmWishlistRemoveEvent.type, { bubbles: true, composed: true });
    this.productId = productId;
    this.guest = guest;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-wishlist-remove': CrmWishlistRemoveEvent;
  }
}
