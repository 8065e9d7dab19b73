import type { Client } from '@clientela/client';
import type { Me } from '@clientela/contract';
import { CrmErrorEvent } from '../events/error.ts';
import { nextTask } from './next-task.ts';
import { PortalConsumer, type Host } from './portal-consumer.ts';

export type ResourceState<T> =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/**
 * Something a widget loads for the signed-in shopper through the portal's
 * client: loads when the shopper is ready, follows sign-in and sign-out,
 * drops answers that arrive after a newer load started, re-renders the host
 * on every change and tells the page about failures with `crm-error`.
 */
export class ShopperResource<T> extends PortalConsumer {
  readonly #load: (client: Client, me: Me) => Promise<T>;
  readonly #loadSignedOut: ((client: Client) => Promise<T>) | undefined;
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
    super(host);
    this.#load = load;
    this.#loadSignedOut = loadSignedOut;
  }

  get state(): ResourceState<T> {
    return this.#state;
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
    this.follow();
  }

  /** Replaces the loaded value, e.g. after the widget fetched another page. */
  update(value: T): void {
    this.#set({ status: 'ready', value });
  }

  #set(state: ResourceState<T>): void {
    this.#state = state;
    this.host.requestUpdate();
  }

  protected follow(): void {
    const shopper = this.shopper;
    const client = this.client;
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
    // Starting a request costs the main thread several milliseconds, and the
    // shopper's arrival reaches every widget in one task: each starts its own in a task of its own.
    await nextTask();
    if (generation !== this.#generation) return;
    try {
      const value = await load();
      if (generation === this.#generation) this.#set({ status: 'ready', value });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#set({ status: 'error', error });
      this.host.dispatchEvent(new CrmErrorEvent(error, this.host.localName));
    }
  }
}
