import { CrmErrorEvent } from '../events/error.ts';
import { PortalConsumer } from './portal-consumer.ts';
import { WishlistStore } from './wishlist-store.ts';

/** Connects an element to its portal's shared wishlist: follows sign-in and sign-out, re-renders on every change. */
export class WishlistController extends PortalConsumer {
  #store: WishlistStore | undefined;
  readonly #onChange = () => this.host.requestUpdate();

  get store(): WishlistStore | undefined {
    return this.#store;
  }

  hostDisconnected(): void {
    this.#store?.removeEventListener('change', this.#onChange);
    this.#store = undefined;
  }

  protected follow(): void {
    const client = this.client;
    if (!client) return;
    const store = WishlistStore.of(client);
    if (store !== this.#store) {
      this.#store?.removeEventListener('change', this.#onChange);
      this.#store = store;
      store.addEventListener('change', this.#onChange);
    }
    const shopper = this.shopper;
    if (shopper.status === 'ready' || shopper.status === 'signed-out') {
      store.follow(shopper.status === 'ready').catch((error: unknown) => this.host.dispatchEvent(new CrmErrorEvent(error, this.host.localName)));
    }
    this.host.requestUpdate();
  }
}
