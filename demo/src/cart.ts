import { text } from './store.ts';

/**
 * The demo store's cart, as small as a cart gets: the widgets ask for
 * products with crm-cart-add (crm-cart-add-many for a whole order bought
 * again) and the store keeps them on the device.
 */
const notice = document.querySelector<HTMLParagraphElement>('#store-notice');
const cartKey = 'aurora-cart';

export function addToCart(productId: string, quantity = 1): number {
  const cart = JSON.parse(localStorage.getItem(cartKey) ?? '{}') as Record<string, number>;
  cart[productId] = (cart[productId] ?? 0) + quantity;
  localStorage.setItem(cartKey, JSON.stringify(cart));
  return Object.values(cart).reduce((sum, n) => sum + n, 0);
}

document.addEventListener('crm-cart-add', (event) => {
  const count = addToCart(event.productId, event.quantity);
  if (notice) notice.textContent = text().addedToCart(count);
});

document.addEventListener('crm-cart-add-many', (event) => {
  let count = 0;
  for (const item of event.items) count = addToCart(item.productId, item.quantity);
  if (notice) notice.textContent = text().addedManyToCart(event.items.length, count);
});
