import { ApiError, createClient, type Client } from '@clientela/client';
import type { Locale } from '@clientela/contract';
import { getMe, getSupportAvailability } from '@clientela/contract/routes';
import { ContextProvider } from '@lit/context';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { CrmErrorEvent, isRefusalOfThePage } from '../../events/error.ts';
import { CrmShopperChangeEvent } from '../../events/shopper-change.ts';
import { CrmTokenExpiredEvent } from '../../events/token-expired.ts';
import { clientContext, localeContext, portalStateContext, shopperContext } from '../../internal/context.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { localeFromLang, pageLocale } from '../../internal/localize.ts';
import { scriptOrigin } from '../../internal/script-origin.ts';
import { PortalState } from '../../state/portal-state.ts';
import { ShopperStore, type ShopperState } from '../../state/shopper/shopper-store.ts';
import styles from './portal.styles.ts';

/** How long the portal waits for the host page to answer `crm-token-expired` with a new token. */
const tokenRenewalTimeoutMs = 15_000;

/**
 * Wrap the part of the page that holds Clientela widgets in one portal (the
 * whole `<body>` will do). It needs the merchant's `publishable-key` and the
 * shopper's session token from the merchant's backend; without one, the
 * widgets inside treat the visitor as signed out.
 *
 * Every widget inside shares the portal's state: one shopper, one wishlist,
 * one chat, one points balance. News about that state that a page may want
 * to show elsewhere comes from the portal as events, such as
 * `crm-wishlist-alert` when a price drops on a saved product.
 *
 * @summary The root of a Clientela customer portal: one API client, one shopper and one shared state for every widget inside it.
 *
 * @slot - The page content holding Clientela widgets.
 *
 * @fires {CrmTokenExpiredEvent} crm-token-expired - The shopper token expired; set a fresh `token` to continue (not fired with `session-url`, which the portal asks itself).
 * @fires {CrmShopperChangeEvent} crm-shopper-change - The shopper signed in, out, or finished loading.
 * @fires {CrmErrorEvent} crm-error - Loading the shopper failed, or the API refused the page (its origin, its publishable key, the shopper's token); `reason` says what to fix.
 * @fires {CrmWishlistAlertEvent} crm-wishlist-alert - Unread wishlist alerts (a price drop, a product back in stock) reached the page: those waiting at sign-in, then each new one, while a widget that shows them (`<crm-greeting>`, `<crm-wishlist>`) is on the page.
 */
export class CrmPortal extends CrmElement {
  static override styles = styles;

  static override properties = {
    api: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    token: { type: String, noAccessor: true },
    sessionUrl: { type: String, attribute: 'session-url' },
    locale: { type: String },
  };

  /** Base URL of the Clientela API; the origin of the widget scripts when left out. */
  declare api: string | undefined;
  /** The merchant's publishable key (`pk_…`). */
  declare publishableKey: string | undefined;
  #token: string | undefined;

  /**
   * The shopper session token minted by the merchant's backend; empty when
   * nobody is signed in. Setting it, even to the same value, answers a pending
   * `crm-token-expired`.
   */
  get token(): string | undefined {
    return this.#token;
  }

  set token(value: string | undefined) {
    const old = this.#token;
    this.#token = value ?? undefined;
    const renewal = this.#pendingRenewal;
    if (renewal) {
      this.#client.value!.token = value || null;
      renewal(value || null);
      return;
    }
    this.requestUpdate('token', old);
  }
  /**
   * A URL of the merchant's own site that answers the signed-in shopper's
   * session (`{ "token": "…" }`, as `POST /v1/sessions` gives it; 204 or 401
   * when nobody is signed in). With it the portal fetches its token at start
   * and again whenever it expires: the page needs no script of its own.
   */
  declare sessionUrl: string | undefined;
  /** `es` or `en`; the page's `lang` when left out. */
  declare locale: Locale | undefined;

  readonly #client = new ContextProvider(this, { context: clientContext });
  readonly #shopperStore = new ShopperStore();
  readonly #shopper = new ContextProvider(this, { context: shopperContext, initialValue: this.#shopperStore.state });
  readonly #state = new ContextProvider(this, { context: portalStateContext });
  readonly #locale = new ContextProvider(this, { context: localeContext, initialValue: 'en' });
  #pendingRenewal: ((token: string | null) => void) | undefined;
  #load = 0;
  /** The client whose page (publishable key, origin) the API answered: no need to ask again. */
  #pageAccepted: Client | undefined;

  /** The API client the widgets share. */
  get client(): Client | undefined {
    return this.#client.value;
  }

  /** The shopper as the widgets see it. */
  get shopper(): ShopperState {
    return this.#shopperStore.state;
  }

  constructor() {
    super();
    // Whoever changes the shopper (the portal signing in, a redemption settling the points), every widget sees it.
    this.#shopperStore.addEventListener('change', () => this.#shopper.setValue(this.#shopperStore.state));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#locale.setValue(this.locale ? localeFromLang(this.locale) : pageLocale(this));
    // With a token, nobody is signed out: the widgets wait for the shopper instead of starting as a guest.
    if ((this.token || this.sessionUrl) && this.#shopperStore.state.status === 'signed-out') this.#shopperStore.set({ status: 'loading' });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.#locale.setValue(this.locale ? localeFromLang(this.locale) : pageLocale(this));
      if (this.#state.value) this.#state.value.locale = this.#locale.value;
    }
    if (changed.has('api') || changed.has('publishableKey') || !this.#client.value) {
      const client = createClient({
        api: this.api || scriptOrigin,
        ...(this.publishableKey ? { publishableKey: this.publishableKey } : {}),
        token: this.token || null,
        onTokenExpired: () => this.#renewToken(),
      });
      this.#client.setValue(client);
      this.#state.value?.dispose();
      this.#state.setValue(new PortalState(client, this.#shopperStore, this.#locale.value, (event) => this.emit(event)));
      if (this.sessionUrl && !this.token) this.#startSession();
      else this.#loadShopper();
    } else if (changed.has('sessionUrl') && this.sessionUrl && !this.token) {
      this.#startSession();
    } else if (changed.has('token')) {
      this.#client.value!.token = this.token || null;
      this.#loadShopper();
    }
  }

  /** The shopper's session from the merchant's `session-url`: its token, or null when nobody is signed in there. */
  async #fetchSession(): Promise<string | null> {
    const response = await fetch(this.sessionUrl!, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
    if (response.status === 204 || response.status === 401) return null;
    if (!response.ok) throw new Error(`${this.sessionUrl} answered ${response.status}`);
    const { token } = (await response.json()) as { token?: unknown };
    return typeof token === 'string' && token ? token : null;
  }

  async #startSession(): Promise<void> {
    const load = ++this.#load;
    this.#setShopper({ status: 'loading' });
    try {
      const token = await this.#fetchSession();
      if (load !== this.#load) return;
      if (token) this.token = token;
      // Nobody signed in on the merchant's site: a visitor, as without a token.
      else void this.#loadShopper();
    } catch (error) {
      if (load !== this.#load) return;
      this.#setShopper({ status: 'error', error, retry: () => void this.#startSession() });
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  /** A new token for an expired one: from `session-url` when there is one, otherwise from the host page, asked with `crm-token-expired`. */
  #renewToken(): Promise<string | null> {
    if (this.sessionUrl) {
      return this.#fetchSession().then(
        (token) => {
          this.#token = token ?? undefined;
          return token;
        },
        () => null,
      );
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), tokenRenewalTimeoutMs);
      const finish = (token: string | null) => {
        clearTimeout(timer);
        this.#pendingRenewal = undefined;
        resolve(token);
      };
      this.#pendingRenewal = finish;
      this.emit(new CrmTokenExpiredEvent());
    });
  }

  #setShopper(state: ShopperState): void {
    this.#shopperStore.set(state);
    this.emit(new CrmShopperChangeEvent(state));
  }

  async #loadShopper(): Promise<void> {
    const load = ++this.#load;
    const client = this.#client.value!;
    if (!client.token) {
      this.#setShopper({ status: 'signed-out' });
      await this.#checkPage(load, client);
      return;
    }
    this.#setShopper({ status: 'loading' });
    try {
      const me = await client.call(getMe);
      this.#pageAccepted = client;
      if (load === this.#load) this.#setShopper({ status: 'ready', me, refresh: () => void this.#loadShopper() });
    } catch (error) {
      if (load !== this.#load) return;
      // The portal tells the page first; then each widget that shows the refusal (see RefusalNotice).
      this.emit(new CrmErrorEvent(error, this.localName));
      if (error instanceof ApiError && error.is('invalid-token')) {
        // The shopper's token was refused: they are signed out, and the page hears why.
        this.#setShopper({ status: 'signed-out', refusal: error });
      } else if (error instanceof ApiError && error.is('token-expired')) {
        this.#setShopper({ status: 'signed-out' });
      } else {
        this.#setShopper({ status: 'error', error, retry: () => void this.#loadShopper() });
      }
    }
  }

  /**
   * With nobody signed in, the widgets would call the API only when a visitor
   * does something, and a page whose publishable key or origin the API
   * refuses would invite them to sign in where no sign-in can work: the
   * portal asks once, with the lightest call a page's key alone may make,
   * and shows the refusal instead. Any other failure leaves the visitor be:
   * the widgets meet it when they call.
   */
  async #checkPage(load: number, client: Client): Promise<void> {
    if (this.#pageAccepted === client) return;
    try {
      await client.call(getSupportAvailability);
      this.#pageAccepted = client;
    } catch (error) {
      if (load !== this.#load || !isRefusalOfThePage(error)) return;
      this.emit(new CrmErrorEvent(error, this.localName));
      this.#setShopper({ status: 'error', error, retry: () => void this.#loadShopper() });
    }
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
