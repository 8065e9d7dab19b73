import type { Client } from '@clientela/client';
import type { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CrmErrorEvent } from '../events/error.ts';
import { waitingFor, type ResourceState, type ShopperState } from '../state/shopper/shopper-store.ts';
import { clientContext, consume, shopperContext } from './context.ts';
import { nextTask } from './next-task.ts';

type Host = ReactiveControllerHost & HTMLElement;

export interface ShopperResourceOptions<T> {
  /** Loads the value for the signed-in shopper. */
  load: (client: Client) => Promise<T>;
  /** Loads it for a visitor (with the portal's publishable key), who otherwise sees the signed-out state. */
  loadSignedOut?: (client: Client) => Promise<T>;
  /** What else the value depends on (an attribute, say): a change loads it again. */
  args?: () => unknown[];
}

/**
 * Something one widget loads for its portal's shopper (a statement, the
 * recommendations for its product). Before each update of its host it looks
 * at what the load depends on (the portal's client, the shopper and the
 * widget's own `args`); when any changed it loads again, so it loads when the
 * shopper is known and again when they change, and a newer load drops the
 * answer of the one before (whose request it aborts). Failures also reach the
 * page as `crm-error`. Data several widgets share lives in a store instead
 * (state/).
 */
export class ShopperResource<T> implements ReactiveController {
  readonly #host: Host;
  readonly #options: ShopperResourceOptions<T>;
  // A change of either re-renders the host, and hostUpdate reads them as it does.
  readonly #client: ContextConsumer<typeof clientContext, Host>;
  readonly #shopper: ContextConsumer<typeof shopperContext, Host>;
  /** What the latest load was for; undefined before the first. */
  #args: unknown[] | undefined;
  /** The latest load: a newer one aborts it and drops its answer. */
  #running: AbortController | undefined;
  #status: 'waiting' | 'loading' | 'ready' | 'error' = 'waiting';
  #error: unknown;
  /** The latest value: the load's, or one the widget put in its place (another page of it). */
  #value: T | undefined;

  constructor(host: Host, options: ShopperResourceOptions<T>) {
    this.#host = host;
    this.#options = options;
    this.#client = consume(host, clientContext);
    this.#shopper = consume(host, shopperContext);
    host.addController(this);
  }

  hostUpdate(): void {
    const args = [this.client, this.#loadsFor(), ...(this.#options.args?.() ?? [])];
    if (this.#args && args.length === this.#args.length && args.every((arg, i) => arg === this.#args![i])) return;
    this.#args = args;
    void this.#run();
  }

  async #run(): Promise<void> {
    const [client, shopper] = this.#args!;
    this.#running?.abort();
    const running = (this.#running = new AbortController());
    const load = shopper === null ? this.#options.loadSignedOut : this.#options.load;
    if (!client || shopper === undefined || !load) {
      this.#status = 'waiting';
      return;
    }
    this.#status = 'loading';
    this.#host.requestUpdate();
    try {
      // The shopper's arrival reaches every widget in one task: each starts its request in a task of its own.
      await nextTask();
      running.signal.throwIfAborted();
      const value = await load(client as Client);
      if (running !== this.#running) return;
      this.#value = value;
      this.#status = 'ready';
    } catch (error) {
      if (running !== this.#running) return;
      this.#error = error;
      this.#status = 'error';
      this.#host.dispatchEvent(new CrmErrorEvent(error, this.#host.localName));
    }
    this.#host.requestUpdate();
  }

  /** The portal's client; undefined outside a portal. */
  get client(): Client | undefined {
    return this.#client.value;
  }

  /** The portal's shopper; signed out outside a portal. */
  get shopper(): ShopperState {
    return this.#shopper.value ?? { status: 'signed-out' };
  }

  /** Whom the value is for: the shopper's id, null for a visitor when the widget shows visitors something, undefined for nobody yet. */
  #loadsFor(): string | null | undefined {
    const shopper = this.shopper;
    if (shopper.status === 'ready') return shopper.me.id;
    if (shopper.status === 'signed-out' && this.#options.loadSignedOut) return null;
    return undefined;
  }

  get state(): ResourceState<T> {
    if (this.#loadsFor() === undefined) return waitingFor(this.shopper);
    switch (this.#status) {
      case 'ready':
        return { status: 'ready', value: this.#value as T };
      case 'error':
        return { status: 'error', error: this.#error };
      default:
        return { status: 'loading' };
    }
  }

  /** After an error: asks the portal for the shopper again if that failed, else loads this again. */
  retry(): void {
    const shopper = this.shopper;
    if (shopper.status === 'error') shopper.retry();
    else this.reload();
  }

  /** Loads again. */
  reload(): void {
    if (this.#args) void this.#run();
  }

  /** Replaces the loaded value, e.g. after the widget fetched another page. */
  update(value: T): void {
    this.#value = value;
    this.#host.requestUpdate();
  }
}
