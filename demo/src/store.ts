import { fetchToken, listShoppers, signIn, signOut } from './store-session.ts';
import { storeText, type StoreLocale } from './store-text.ts';

interface Product {
  id: string;
  name: string;
  category: string;
  price: { amount: number; currency: string };
  imageUrl: string | null;
  stock: number;
}

const portal = document.querySelector('crm-portal')!;
const shopperSelect = document.querySelector<HTMLSelectElement>('#shopper')!;
const languageButton = document.querySelector<HTMLButtonElement>('#language')!;
const grid = document.querySelector<HTMLUListElement>('#products')!;
const categories = document.querySelector<HTMLDivElement>('#categories')!;
const catalogStatus = document.querySelector<HTMLParagraphElement>('#catalog-status')!;

let locale: StoreLocale = localStorage.getItem('aurora-locale') === 'en' ? 'en' : 'es';
let products: Product[] = [];
let category = '';

const text = () => storeText[locale];

function applyLanguage(): void {
  document.documentElement.lang = locale;
  portal.locale = locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = text()[element.dataset.i18n as keyof ReturnType<typeof text>];
    if (typeof value === 'string') element.textContent = value;
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const value = text()[element.dataset.i18nLabel as keyof ReturnType<typeof text>];
    if (typeof value === 'string') element.setAttribute('aria-label', value);
  }
  languageButton.textContent = text().switchLanguage;
  languageButton.lang = locale === 'es' ? 'en' : 'es';
  const nobody = shopperSelect.querySelector<HTMLOptionElement>('option[value=""]');
  if (nobody) nobody.textContent = text().nobody;
  renderCatalog();
}

async function refreshToken(): Promise<void> {
  portal.token = await fetchToken();
}

async function setupShoppers(): Promise<void> {
  const { shoppers, signedIn } = await listShoppers();
  shopperSelect.replaceChildren(
    new Option(text().nobody, ''),
    ...shoppers.map((shopper) => new Option(shopper.name, shopper.id)),
  );
  shopperSelect.value = signedIn ?? '';
  shopperSelect.addEventListener('change', async () => {
    if (shopperSelect.value) await signIn(shopperSelect.value);
    else await signOut();
    await refreshToken();
  });
  document.querySelector('#sign-in')?.addEventListener('click', () => shopperSelect.focus());
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-CL' : 'en-US', { style: 'currency', currency }).format(amount);
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
        renderCategories();
        renderCatalog();
      });
      return button;
    }),
  );
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

function renderCatalog(): void {
  if (products.length === 0) return;
  renderCategories();
  const shown = (category ? products.filter((p) => p.category === category) : featured(products)).slice(0, 24);
  grid.replaceChildren(
    ...shown.map((product) => {
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
    }),
  );
}

async function loadCatalog(): Promise<void> {
  catalogStatus.textContent = text().loadingCatalog;
  try {
    const response = await fetch('/demo/api/products');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    products = ((await response.json()) as { products: Product[] }).products.filter((p) => p.imageUrl);
    catalogStatus.textContent = '';
    renderCatalog();
  } catch {
    catalogStatus.textContent = text().catalogError;
  }
}

portal.addEventListener('crm-token-expired', () => void refreshToken());
languageButton.addEventListener('click', () => {
  locale = locale === 'es' ? 'en' : 'es';
  localStorage.setItem('aurora-locale', locale);
  applyLanguage();
});

applyLanguage();
await Promise.all([setupShoppers().then(refreshToken), loadCatalog()]);
