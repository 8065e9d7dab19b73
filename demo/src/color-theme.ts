/**
 * Light or dark, as the shopper chose it on this device: the header's "Modo
 * oscuro" button sets data-crm-theme on <html>, which the kit's themes and
 * the page's own stylesheet follow at once, with no reload.
 */
const storageKey = 'aurora-theme';
const toggle = document.querySelector<HTMLButtonElement>('#theme')!;

function applyTheme(dark: boolean): void {
  document.documentElement.dataset.crmTheme = dark ? 'dark' : 'light';
  toggle.setAttribute('aria-pressed', String(dark));
}

applyTheme(localStorage.getItem(storageKey) === 'dark');
toggle.addEventListener('click', () => {
  const dark = toggle.getAttribute('aria-pressed') !== 'true';
  localStorage.setItem(storageKey, dark ? 'dark' : 'light');
  applyTheme(dark);
});
