import { locale, onLanguage, text } from './store.ts';

interface Product {
  id: string;
  name: string;
  category: string;
  price: { amount: number; currency: string };
  imageUrl: string | null;
  stock: number;
}

const grid = document.querySelector<HTMLUListElement>('#products')!;
const categories = document.querySelector<HTMLDivElement>('#categories')!;
const catalogStatus = document.querySelector<HTMLParagraphElement>('#catalog-status')!;
let products: Product[] = [];
let category = '';

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-CL' : 'en-US', { style: 'currency', currency }).format(amount);
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
  name.textContent = product.name;
  const price = document.createElement('p');
  price.className = 'price';
  price.textContent = money(product.price.amount, product.price.currency);
  const stock = document.createElement('p');
  stock.className = product.stock > 0 ? 'stock' : 'stock out';
  stock.textContent = product.stock > 0 ? text().inStock(product.stock) : text().outOfStock;
  item.append(image, name, price, stock);
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
    const response = await fetch('/demo/api/products');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    products = ((await response.json()) as { products: Product[] }).products;
    catalogStatus.textContent = '';
    renderCatalog();
  } catch {
    catalogStatus.textContent = text().catalogError;
  }
}

onLanguage(renderCatalog);
await loadCatalog();
