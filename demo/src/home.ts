import './cart.ts';
import { fetchCatalog, type Product } from './catalog.ts';
import { locale, onLanguage, text } from './store.ts';

const grid = document.querySelector<HTMLUListElement>('#products')!;
const categories = document.querySelector<HTMLDivElement>('#categories')!;
const catalogStatus = document.querySelector<HTMLParagraphElement>('#catalog-status')!;
let products: Product[] = [];
let category = '';

// Building a formatter costs far more than using one, and a catalog page formats a price per card.
const moneyFormats = new Map<string, Intl.NumberFormat>();

function money(amount: number, currency: string): string {
  const tag = locale === 'es' ? 'es-CL' : 'en-US';
  const key = `${tag} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

/** A few of each category in turn, so the front page shows the whole store. */
function featured(all: Product[]): Product[] {
  const byCategory = new Map<string, Product[]>();
  for (const product of all) byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  // One brand of each item: the catalog lists every item in three brands.
  const queues = [...byCategory.values()].map((items) => items.filter((_, i) => i % 3 === 0));
  const mixed: Product[] = [];
  for (let round = 0; queues.some((queue) => queue.length > round); round++) {
    for (const queue of queues) {
      const product = queue[round];
      if (product) mixed.push(product);
    }
  }
  return mixed;
}

function renderCategories(): void {
  const names = ['', ...new Set(products.map((p) => p.category))];
  categories.replaceChildren(
    ...names.map((name) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = name || text().all;
      button.setAttribute('aria-pressed', String(name === category));
      button.addEventListener('click', () => {
        category = name;
        renderCatalog();
      });
      return button;
    }),
  );
}

function productCard(product: Product): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'product-card';
  const image = document.createElement('img');
  image.src = product.imageUrl ?? '';
  image.alt = '';
  image.width = 200;
  image.height = 200;
  image.loading = 'lazy';
  const name = document.createElement('h3');
  const link = document.createElement('a');
  link.href = `/producto/?id=${encodeURIComponent(product.id)}`;
  link.textContent = product.name;
  name.append(link);
  const heart = document.createElement('crm-wishlist-button');
  heart.setAttribute('product-id', product.id);
  heart.setAttribute('product-name', product.name);
  heart.className = 'card-heart';
  const price = document.createElement('p');
  price.className = 'price';
  price.textContent = money(product.price.amount, product.price.currency);
  const stock = document.createElement('p');
  stock.className = product.stock > 0 ? 'stock' : 'stock out';
  stock.textContent = product.stock > 0 ? text().inStock(product.stock) : text().outOfStock;
  item.append(image, heart, name, price, stock);
  return item;
}

function renderCatalog(): void {
  if (products.length === 0) return;
  renderCategories();
  const shown = (category ? products.filter((p) => p.category === category) : featured(products)).slice(0, 24);
  grid.replaceChildren(...shown.map(productCard));
}

async function loadCatalog(): Promise<void> {
  catalogStatus.textContent = text().loadingCatalog;
  try {
    products = await fetchCatalog();
    catalogStatus.textContent = '';
    renderCatalog();
  } catch {
    catalogStatus.textContent = text().catalogError;
  }
}

onLanguage(renderCatalog);
await loadCatalog();
