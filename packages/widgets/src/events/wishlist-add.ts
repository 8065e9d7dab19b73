/** The shopper saved a product to their wishlist (to the device's guest list when signed out). */
export class CrmWishlistAddEvent extends Event {
  static readonly type = 'crm-wishlist-add';
  readonly productId: string;
  readonly guest: boolean;

  constructor(productId: string, guest: boolean) {
    super(CrmWishlistAddEvent.type, { bubbles: true, composed: true });
    this.productId = productId;
    this.guest = guest;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-wishlist-add': CrmWishlistAddEvent;
  }
}
