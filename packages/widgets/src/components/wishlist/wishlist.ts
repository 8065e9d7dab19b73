import { CrmWishlist } from './wishlist.component.ts';

CrmWishlist.define('crm-wishlist');

declare global {
  interface HTMLElementTagNameMap {
    'crm-wishlist': CrmWishlist;
  }
}

export { CrmWishlist };
