import './color-theme.ts';
import { fetchToken, listShoppers, signIn, signOut } from './store-session.ts';
import { storeText, type StoreLocale } from './store-text.ts';

/**
 * What every page of the demo store shares: the header's shopper picker
 * (standing in for the store's own sign-in), the language switch, and the
 * shopper token on <crm-portal>, renewed when the portal asks.
 */
const portal = document.querySelector('crm-portal')!;
const shopperSelect = document.querySelector<HTMLSelectElement>('#shopper')!;
const languageButton = document.querySelector<HTMLButtonElement>('#language')!;

export let locale: StoreLocale = localStorage.getItem('aurora-locale') === 'en' ? 'en' : 'es';
export const text = () => storeText[locale];
const languageListeners = new Set<() => void>();

/** Runs now and again whenever the shopper switches language. */
export function onLanguage(render: () => void): void {
  languageListeners.add(render);
  render();
}

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
  for (const render of languageListeners) render();
}

let tokenRequests = 0;

async function refreshToken(): Promise<void> {
  // Only the latest answer counts: the page's first request may come back after a quick pick in the shopper picker.
  const request = ++tokenRequests;
  const token = await fetchToken();
  if (request === tokenRequests) portal.token = token;
}

async function setupShoppers(): Promise<void> {
  const { shoppers, signedIn } = await listShoppers();
  shopperSelect.replaceChildren(new Option(text().nobody, ''), ...shoppers.map((shopper) => new Option(shopper.name, shopper.id)));
  shopperSelect.value = signedIn ?? '';
  shopperSelect.addEventListener('change', async () => {
    if (shopperSelect.value) await signIn(shopperSelect.value);
    else await signOut();
    await refreshToken();
  });
  for (const button of document.querySelectorAll('[data-sign-in]')) button.addEventListener('click', () => shopperSelect.focus());
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
  if (new URL(link.href).pathname === location.pathname) link.setAttribute('aria-current', 'page');
}
portal.addEventListener('crm-token-expired', () => void refreshToken());
languageButton.addEventListener('click', () => {
  locale = locale === 'es' ? 'en' : 'es';
  localStorage.setItem('aurora-locale', locale);
  applyLanguage();
});

applyLanguage();
await setupShoppers();
await refreshToken();
