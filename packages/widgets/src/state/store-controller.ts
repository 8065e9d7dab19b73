import type { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { consume, portalStateContext } from '../internal/context.ts';
import type { PortalState, Store, StoreKind } from './portal-state.ts';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * An element's handle on one store of its portal: finds the portal's state
 * through context (also when the element is defined before its portal),
 * holds the store while the element is on the page, and re-renders the
 * element whenever the store changes.
 */
export class StoreController<S extends Store> implements ReactiveController {
  readonly #host: Host;
  readonly #kind: StoreKind<S>;
  readonly #portal: ContextConsumer<typeof portalStateContext, Host>;
  #store: S | undefined;
  readonly #onChange = () => this.#host.requestUpdate();

  constructor(host: Host, kind: StoreKind<S>) {
    this.#host = host;
    this.#kind = kind;
    this.#portal = consume(host, portalStateContext, () => this.#follow());
    host.addController(this);
  }

  /** The store; undefined outside a portal, or until the portal is defined. */
  get store(): S | undefined {
    return this.#store;
  }

  /** The portal's shared state: its client and its shopper. */
  get portal(): PortalState | undefined {
    return this.#portal.value;
  }

  hostConnected(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#use(undefined);
  }

  #follow(): void {
    if (this.#host.isConnected) this.#use(this.#portal.value?.get(this.#kind));
  }

  #use(store: S | undefined): void {
    if (store === this.#store) return;
    if (this.#store) {
      this.#store.removeEventListener('change', this.#onChange);
      this.#store.release(this.#host);
    }
    this.#store = store;
    if (store) {
      store.addEventListener('change', this.#onChange);
      store.hold(this.#host);
    }
    this.#host.requestUpdate();
  }
}
