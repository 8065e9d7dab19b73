import { CrmWishlistButton } from './wishlist-button.component.ts';

CrmWishlistButton.define('crm-wishlist-button');

declare global {
  interface HTMLElementTagNameMap {
    'crm-wishlist-button': CrmWishlistButton;
  }
}

export { CrmWishlistButton };
