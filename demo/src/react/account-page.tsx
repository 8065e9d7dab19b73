import type { Money } from '@clientela/contract';
import { CrmCartAddEvent, type CrmRewardRedeemEvent } from '@clientela/widgets';
import {
  CrmAccountStatement,
  CrmGreeting,
  CrmPointsBalance,
  CrmPortal,
  CrmRecommendations,
  CrmSupportChat,
  CrmWishlist,
} from '@clientela/widgets/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchCatalog, type Product } from '../catalog.ts';
import { fetchToken, listShoppers, signIn, signOut, type DemoShopper } from '../store-session.ts';
import { storeText, type StoreLocale } from '../store-text.ts';
import { accountText } from './account-text.ts';

type StoreEvent = CrmCartAddEvent | CrmRewardRedeemEvent;

function formatMoney({ amount, currency }: Money, locale: StoreLocale): string {
  const format = new Intl.NumberFormat(locale === 'es' ? 'es-CL' : 'en-US', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 0));
}

function describe(event: StoreEvent, locale: StoreLocale, catalog: Product[]): string {
  const t = accountText[locale];
  if (event instanceof CrmCartAddEvent) {
    const name = catalog.find((product) => product.id === event.productId)?.name ?? event.productId;
    return t.cartAdded(name, event.quantity, formatMoney(event.price, locale));
  }
  return t.redeemed(event.reward.name, event.redemption.code);
}

/**
 * The demo store's account page written in React: the shopper picker and
 * language switch are React state, the widgets come from
 * @clientela/widgets/react, and their events land in React state too.
 */
export function AccountPage() {
  const [locale, setLocale] = useState<StoreLocale>(() => (localStorage.getItem('aurora-locale') === 'en' ? 'en' : 'es'));
  // A new object on every renewal, so React sets the token on the portal even when it did not change:
  // setting it is how the portal hears the answer to crm-token-expired.
  const [session, setSession] = useState<{ token: string } | null>(null);
  const [shoppers, setShoppers] = useState<DemoShopper[]>([]);
  const [shopperId, setShopperId] = useState('');
  const [catalog, setCatalog] = useState<Product[]>([]);
  const [lastEvent, setLastEvent] = useState<StoreEvent | null>(null);
  const shopperSelect = useRef<HTMLSelectElement>(null);

  const renewSession = useCallback(async () => setSession({ token: await fetchToken() }), []);

  useEffect(() => {
    void renewSession();
    void listShoppers().then(({ shoppers, signedIn }) => {
      setShoppers(shoppers);
      setShopperId(signedIn ?? '');
    });
    // Only for product names in the last event; without the catalog it names the product by its id.
    fetchCatalog().then(setCatalog, () => undefined);
  }, [renewSession]);

  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem('aurora-locale', locale);
  }, [locale]);

  async function switchShopper(customerId: string): Promise<void> {
    setShopperId(customerId);
    setLastEvent(null);
    if (customerId) await signIn(customerId);
    else await signOut();
    await renewSession();
  }

  // Until the store's backend has answered, the widgets would take the shopper for a visitor.
  if (!session) return null;

  const store = storeText[locale];
  const t = accountText[locale];
  return (
    <CrmPortal publishableKey="pk_test_demo" token={session.token} locale={locale} onCrmTokenExpired={() => void renewSession()}>
      <a className="skip-link" href="#main">
        {store.skip}
      </a>
      <header className="site-header">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>{' '}
          Almacenes Aurora
        </a>
        <nav className="site-nav" aria-label={store.navLabel}>
          <a href="/">{t.backToStore}</a>
        </nav>
        <div className="account-tools">
          <label className="shopper-picker">
            <span>{store.shopAs}</span>
            <select id="shopper" ref={shopperSelect} value={shopperId} onChange={(event) => void switchShopper(event.target.value)}>
              <option value="">{store.nobody}</option>
              {shoppers.map((shopper) => (
                <option key={shopper.id} value={shopper.id}>
                  {shopper.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="language-toggle" lang={locale === 'es' ? 'en' : 'es'} onClick={() => setLocale(locale === 'es' ? 'en' : 'es')}>
            {store.switchLanguage}
          </button>
        </div>
      </header>
      <main id="main" className="page account-page">
        <div className="page-head">
          <h1>{t.title}</h1>
          <CrmGreeting>
            <button slot="signed-out" type="button" className="sign-in" onClick={() => shopperSelect.current?.focus()}>
              {store.signIn}
            </button>
          </CrmGreeting>
        </div>
        <p className="account-intro">{t.intro}</p>
        <section className="last-event" aria-labelledby="last-event-title">
          <h2 id="last-event-title">{t.lastEvent}</h2>
          <p id="last-event" role="status">
            {lastEvent ? describe(lastEvent, locale, catalog) : t.noEvent}
          </p>
        </section>
        <CrmRecommendations limit={4} onCrmCartAdd={(event) => setLastEvent(event)} />
        <CrmPointsBalance onCrmRewardRedeem={(event) => setLastEvent(event)} />
        <CrmWishlist onCrmCartAdd={(event) => setLastEvent(event)} />
        <CrmAccountStatement />
      </main>
      <footer className="site-footer">
        <p>{store.footer}</p>
      </footer>
      <CrmSupportChat />
    </CrmPortal>
  );
}
