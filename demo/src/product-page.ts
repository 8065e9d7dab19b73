import { addToCart } from './cart.ts';
import { fetchCatalog, type Product } from './catalog.ts';
import { locale, onLanguage, text } from './store.ts';

const productId = new URL(location.href).searchParams.get('id') ?? '';
const $ = (id: string) => document.getElementById(id)!;
// Known from the address at once, so the recommendations start with the right product.
$('together').setAttribute('context-product', productId);
let product: Product | undefined;

function render(): void {
  if (!product) return;
  const price = new Intl.NumberFormat(locale === 'es' ? 'es-CL' : 'en-US', { style: 'currency', currency: product.price.currency });
  document.title = `${product.name} · Almacenes Aurora`;
  ($('product-image') as HTMLImageElement).src = product.imageUrl ?? '';
  $('product-category').textContent = product.category;
  $('product-name').textContent = product.name;
  $('product-price').textContent = price.format(product.price.amount);
  $('product-stock').textContent = product.stock > 0 ? text().inStock(product.stock) : text().outOfStock;
  $('product-stock').className = product.stock > 0 ? 'stock' : 'stock out';
  $('product-description').textContent = product.description;
  ($('add-to-cart') as HTMLButtonElement).disabled = product.stock === 0;
  const heart = $('wishlist-button');
  heart.setAttribute('product-id', product.id);
  heart.setAttribute('product-name', product.name);
  $('product').removeAttribute('aria-busy');
}

$('add-to-cart').addEventListener('click', () => {
  if (!product) return;
  $('store-notice').textContent = text().addedToCart(addToCart(product.id));
});

product = (await fetchCatalog()).find((p) => p.id === productId);
if (!product) $('product-name').textContent = text().productMissing;
onLanguage(render);
