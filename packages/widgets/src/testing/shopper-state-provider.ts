import type { Client } from '@clientela/client';
import type { Locale } from '@clientela/contract';
import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { clientContext, localeContext, portalStateContext, shopperContext } from '../internal/context.ts';
import { PortalState } from '../state/portal-state.ts';
import { ShopperStore, type ShopperState } from '../state/shopper/shopper-store.ts';

/**
 * Puts widgets in a chosen shopper state, with a chosen client, as
 * `<crm-portal>` would (its shared state included): for stories and for
 * tests of how each state renders.
 */
export class ShopperStateProvider extends LitElement {
  static override properties = { state: { attribute: false }, client: { attribute: false }, locale: { type: String } };
  declare state: ShopperState;
  declare client: Client | undefined;
  declare locale: Locale;

  readonly #shopperStore = new ShopperStore();
  readonly #client = new ContextProvider(this, { context: clientContext });
  readonly #shopper = new ContextProvider(this, { context: shopperContext, initialValue: { status: 'signed-out' } });
  readonly #portal = new ContextProvider(this, { context: portalStateContext });
  readonly #locale = new ContextProvider(this, { context: localeContext, initialValue: 'es' });

  constructor() {
    super();
    // As in the portal: a change to the shopper from a store (a redemption's balance) reaches every widget.
    this.#shopperStore.addEventListener('change', () => this.#shopper.setValue(this.#shopperStore.state));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.state && changed.has('state')) this.#shopperStore.set(this.state);
    if (this.client && changed.has('client')) {
      this.#client.setValue(this.client);
      this.#portal.value?.dispose();
      this.#portal.setValue(new PortalState(this.client, this.#shopperStore, this.locale ?? this.#locale.value, (event) => this.dispatchEvent(event)));
    }
    if (this.locale) {
      this.#locale.setValue(this.locale);
      if (this.#portal.value) this.#portal.value.locale = this.locale;
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

/** Registers `<crm-test-shopper-state>`; called by the stories and tests that use it (this module has no side effects of its own). */
export function defineShopperStateProvider(): void {
  if (!customElements.get('crm-test-shopper-state')) customElements.define('crm-test-shopper-state', ShopperStateProvider);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-test-shopper-state': ShopperStateProvider;
  }
}
