import type { Client } from '@clientela/client';
import type { Me } from '@clientela/contract';
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CrmErrorEvent } from '../events/error.ts';
import { clientContext, shopperContext, type ShopperState } from './context.ts';

export type ResourceState<T> =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Something a widget loads for the signed-in shopper through the portal's
 * client: loads when the shopper is ready, follows sign-in and sign-out,
 * drops answers that arrive after a newer load started, re-renders the host
 * on every change and tells the page about failures with `crm-error`.
 */
export class ShopperResource<T> implements ReactiveController {
  readonly #host: Host;
  readonly #load: (client: Client, me: Me) => Promise<T>;
  readonly #loadSignedOut: ((client: Client) => Promise<T>) | undefined;
  readonly #client: ContextConsumer<typeof clientContext, Host>;
  readonly #shopper: ContextConsumer<typeof shopperContext, Host>;
  #state: ResourceState<T> = { status: 'signed-out' };
  #generation = 0;
  /** What the value was loaded for: the shopper, or the client for a visitor. */
  #loadedFor: Me | Client | undefined;

  /**
   * `load` runs for a signed-in shopper; `loadSignedOut`, when given, for a
   * visitor (with the portal's publishable key), who otherwise sees the
   * signed-out state.
   */
  constructor(host: Host, load: (client: Client, me: Me) => Promise<T>, loadSignedOut?: (client: Client) => Promise<T>) {
    this.#host = host;
    this.#load = load;
    this.#loadSignedOut = loadSignedOut;
    this.#client = new ContextConsumer(host, { context: clientContext, subscribe: true, callback: () => this.#follow() });
    this.#shopper = new ContextConsumer(host, { context: shopperContext, subscribe: true, callback: () => this.#follow() });
    host.addController(this);
  }

  get state(): ResourceState<T> {
    return this.#state;
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

  /** After an error: asks the portal for the shopper again if that failed, else loads this again. */
  retry(): void {
    const shopper = this.shopper;
    if (shopper.status === 'error') shopper.retry();
    else this.reload();
  }

  /** Loads again. */
  reload(): void {
    this.#loadedFor = undefined;
    this.#follow();
  }

  /** Replaces the loaded value, e.g. after the widget fetched another page. */
  update(value: T): void {
    this.#set({ status: 'ready', value });
  }

  #set(state: ResourceState<T>): void {
    this.#state = state;
    this.#host.requestUpdate();
  }

  #follow(): void {
    const shopper = this.shopper;
    const client = this.#client.value;
    if (shopper.status === 'ready' && client) {
      if (this.#loadedFor === shopper.me) return;
      this.#loadedFor = shopper.me;
      void this.#fetch(() => this.#load(client, shopper.me));
    } else if (shopper.status === 'signed-out' && client && this.#loadSignedOut) {
      if (this.#loadedFor === client) return;
      this.#loadedFor = client;
      const loadSignedOut = this.#loadSignedOut;
      void this.#fetch(() => loadSignedOut(client));
    } else {
      this.#generation++;
      this.#loadedFor = undefined;
      if (shopper.status === 'ready' || shopper.status === 'loading') this.#set({ status: 'loading' });
      else if (shopper.status === 'error') this.#set({ status: 'error', error: shopper.error });
      else this.#set({ status: 'signed-out' });
    }
  }

  async #fetch(load: () => Promise<T>): Promise<void> {
    const generation = ++this.#generation;
    this.#set({ status: 'loading' });
    try {
      const value = await load();
      if (generation === this.#generation) this.#set({ status: 'ready', value });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#set({ status: 'error', error });
      this.#host.dispatchEvent(new CrmErrorEvent(error, this.#host.localName));
    }
  }
}
