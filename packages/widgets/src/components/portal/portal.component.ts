import { ApiError, createClient, type Client } from '@clientela/client';
import { getMe, type Locale } from '@clientela/contract';
import { ContextProvider } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmShopperChangeEvent } from '../../events/shopper-change.ts';
import { CrmTokenExpiredEvent } from '../../events/token-expired.ts';
import { clientContext, localeContext, shopperContext, type ShopperState } from '../../internal/context.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { localeFromLang, pageLocale } from '../../internal/localize.ts';
import { scriptOrigin } from '../../internal/script-origin.ts';
import styles from './portal.styles.ts';

/** How long the portal waits for the host page to answer `crm-token-expired` with a new token. */
const tokenRenewalTimeoutMs = 15_000;

/**
 * @summary The root of a Clientela customer portal: one API client and one shopper for every widget inside it.
 *
 * @slot - The page content holding Clientela widgets.
 *
 * @fires crm-token-expired - The shopper token expired; set a fresh `token` to continue.
 * @fires crm-shopper-change - The shopper signed in, out, or finished loading.
 * @fires crm-error - Loading the shopper failed.
 */
export class CrmPortal extends CrmElement {
  static override styles = styles;

  static override properties = {
    api: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    token: { type: String, noAccessor: true },
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
  /** `es` or `en`; the page's `lang` when left out. */
  declare locale: Locale | undefined;

  readonly #client = new ContextProvider(this, { context: clientContext });
  readonly #shopper = new ContextProvider(this, { context: shopperContext, initialValue: { status: 'signed-out' } });
  readonly #locale = new ContextProvider(this, { context: localeContext, initialValue: 'en' });
  #pendingRenewal: ((token: string | null) => void) | undefined;
  #load = 0;

  /** The API client the widgets share. */
  get client(): Client | undefined {
    return this.#client.value;
  }

  /** The shopper as the widgets see it. */
  get shopper(): ShopperState {
    return this.#shopper.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#locale.setValue(this.locale ? localeFromLang(this.locale) : pageLocale(this));
    // With a token, nobody is signed out: the widgets wait for the shopper instead of starting as a guest.
    if (this.token && this.#shopper.value.status === 'signed-out') this.#shopper.setValue({ status: 'loading' });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.#locale.setValue(this.locale ? localeFromLang(this.locale) : pageLocale(this));
    if (changed.has('api') || changed.has('publishableKey') || !this.#client.value) {
      this.#client.setValue(
        createClient({
          api: this.api || scriptOrigin,
          ...(this.publishableKey ? { publishableKey: this.publishableKey } : {}),
          token: this.token || null,
          onTokenExpired: () => this.#renewToken(),
        }),
      );
      this.#loadShopper();
    } else if (changed.has('token')) {
      this.#client.value!.token = this.token || null;
      this.#loadShopper();
    }
  }

  /** Asks the host page for a new token and waits for it to be set. */
  #renewToken(): Promise<string | null> {
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
    this.#shopper.setValue(state);
    this.emit(new CrmShopperChangeEvent(state));
  }

  async #loadShopper(): Promise<void> {
    const load = ++this.#load;
    const client = this.#client.value!;
    if (!client.token) {
      this.#setShopper({ status: 'signed-out' });
      return;
    }
    this.#setShopper({ status: 'loading' });
    try {
      const me = await client.call(getMe);
      if (load === this.#load) this.#setShopper({ status: 'ready', me, refresh: () => void this.#loadShopper() });
    } catch (error) {
      if (load !== this.#load) return;
      if (error instanceof ApiError && error.status === 401) {
        this.#setShopper({ status: 'signed-out' });
      } else {
        this.#setShopper({ status: 'error', error, retry: () => void this.#loadShopper() });
        this.emit(new CrmErrorEvent(error, this.localName));
      }
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
