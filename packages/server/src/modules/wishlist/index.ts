// Shoppers' wishlists, and the alerts they get when a saved product gets cheaper or comes back in stock.
export { alertWishlisters, getMyWishlist } from './wishlist.service.ts';
