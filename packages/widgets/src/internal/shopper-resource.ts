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
  readonly #client: ContextConsumer<typeof clientContext, Host>;
  readonly #shopper: ContextConsumer<typeof shopperContext, Host>;
  #state: ResourceState<T> = { status: 'signed-out' };
  #generation = 0;
  #loadedFor: Me | undefined;

  constructor(host: Host, load: (client: Client, me: Me) => Promise<T>) {
    this.#host = host;
    this.#load = load;
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
      void this.#fetch(client, shopper.me);
    } else {
      this.#generation++;
      this.#loadedFor = undefined;
      if (shopper.status === 'ready' || shopper.status === 'loading') this.#set({ status: 'loading' });
      else if (shopper.status === 'error') this.#set({ status: 'error', error: shopper.error });
      else this.#set({ status: 'signed-out' });
    }
  }

  async #fetch(client: Client, me: Me): Promise<void> {
    const generation = ++this.#generation;
    this.#set({ status: 'loading' });
    try {
      const value = await this.#load(client, me);
      if (generation === this.#generation) this.#set({ status: 'ready', value });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#set({ status: 'error', error });
      this.#host.dispatchEvent(new CrmErrorEvent(error, this.#host.localName));
    }
  }
}
