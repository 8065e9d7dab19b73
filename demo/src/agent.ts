/** The demo agent page: the language and theme switches around <crm-agent-console>, which follows the page's lang. */
import './color-theme.ts';

const text = {
  es: { title: 'Atención al cliente', store: 'Ir a la tienda', demoLogin: 'Agente de demostración: agente@demo.clientela.dev · demo-agente', switchLanguage: 'English', darkMode: 'Modo oscuro' },
  en: { title: 'Customer support', store: 'Go to the store', demoLogin: 'Demo agent: agente@demo.clientela.dev · demo-agente', switchLanguage: 'Español', darkMode: 'Dark mode' },
};

type Locale = keyof typeof text;
let locale: Locale = localStorage.getItem('aurora-locale') === 'en' ? 'en' : 'es';
const languageButton = document.querySelector<HTMLButtonElement>('#language')!;

function applyLanguage(): void {
  document.documentElement.lang = locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = text[locale][element.dataset.i18n as Exclude<keyof (typeof text)['es'], 'switchLanguage'>];
  }
  languageButton.textContent = text[locale].switchLanguage;
  languageButton.lang = locale === 'es' ? 'en' : 'es';
  document.querySelector('crm-agent-console')?.requestUpdate();
}

languageButton.addEventListener('click', () => {
  locale = locale === 'es' ? 'en' : 'es';
  localStorage.setItem('aurora-locale', locale);
  applyLanguage();
});
applyLanguage();
