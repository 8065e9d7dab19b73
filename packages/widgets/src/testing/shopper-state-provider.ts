import type { Client } from '@clientela/client';
import type { Locale } from '@clientela/contract';
import { ContextProvider } from '@lit/context';
import { html, LitElement } from 'lit';
import { clientContext, localeContext, shopperContext, type ShopperState } from '../internal/context.ts';

/**
 * Puts widgets in a chosen shopper state, with a chosen client, as
 * `<crm-portal>` would: for stories and for tests of how each state renders.
 */
export class ShopperStateProvider extends LitElement {
  static override properties = { state: { attribute: false }, client: { attribute: false }, locale: { type: String } };
  declare state: ShopperState;
  declare client: Client | undefined;
  declare locale: Locale;

  readonly #client = new ContextProvider(this, { context: clientContext });
  readonly #shopper = new ContextProvider(this, { context: shopperContext, initialValue: { status: 'signed-out' } });
  readonly #locale = new ContextProvider(this, { context: localeContext, initialValue: 'es' });

  protected override willUpdate(): void {
    if (this.client) this.#client.setValue(this.client);
    if (this.state) this.#shopper.setValue(this.state);
    if (this.locale) this.#locale.setValue(this.locale);
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
