import type { Client } from '@clientela/client';
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CrmErrorEvent } from '../events/error.ts';
import { clientContext, shopperContext, type ShopperState } from './context.ts';
import { WishlistStore } from './wishlist-store.ts';

type Host = ReactiveControllerHost & HTMLElement;

/** Connects an element to its portal's shared wishlist: follows sign-in and sign-out, re-renders on every change. */
export class WishlistController implements ReactiveController {
  readonly #host: Host;
  readonly #client: ContextConsumer<typeof clientContext, Host>;
  readonly #shopper: ContextConsumer<typeof shopperContext, Host>;
  #store: WishlistStore | undefined;
  readonly #onChange = () => this.#host.requestUpdate();

  constructor(host: Host) {
    this.#host = host;
    this.#client = new ContextConsumer(host, { context: clientContext, subscribe: true, callback: () => this.#follow() });
    this.#shopper = new ContextConsumer(host, { context: shopperContext, subscribe: true, callback: () => this.#follow() });
    host.addController(this);
  }

  get store(): WishlistStore | undefined {
    return this.#store;
  }

  get client(): Client | undefined {
    return this.#client.value;
  }

  get shopper(): ShopperState {
    return this.#shopper.value ?? { status: 'signed-out' };
  }

  hostConnected(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#store?.removeEventListener('change', this.#onChange);
  }

  #follow(): void {
    const client = this.#client.value;
    if (!client) return;
    const store = WishlistStore.of(client);
    if (store !== this.#store) {
      this.#store?.removeEventListener('change', this.#onChange);
      this.#store = store;
      store.addEventListener('change', this.#onChange);
    }
    const shopper = this.shopper;
    if (shopper.status === 'ready' || shopper.status === 'signed-out') {
      store.follow(shopper.status === 'ready').catch((error: unknown) => this.#host.dispatchEvent(new CrmErrorEvent(error, this.#host.localName)));
    }
    this.#host.requestUpdate();
  }
}
