import type { Client } from '@clientela/client';
import type { ContextConsumer } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
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
 * recommendations for its product): an @lit/task whose arguments are the
 * portal's client, the shopper and the widget's own `args`, so it loads when
 * the shopper is known, again when any of them changes, and drops answers
 * that arrive after a newer load started. Failures also reach the page as
 * `crm-error`. Data several widgets share lives in a store instead (state/).
 */
export class ShopperResource<T> {
  readonly #host: Host;
  readonly #options: ShopperResourceOptions<T>;
  // A change of either re-renders the host, and the task reads its arguments as it does.
  readonly #client: ContextConsumer<typeof clientContext, Host>;
  readonly #shopper: ContextConsumer<typeof shopperContext, Host>;
  readonly #task: Task<unknown[], T>;
  /** The latest value: the task's, or one the widget put in its place (another page of it). */
  #value: T | undefined;

  constructor(host: Host, options: ShopperResourceOptions<T>) {
    this.#host = host;
    this.#options = options;
    this.#client = consume(host, clientContext);
    this.#shopper = consume(host, shopperContext);
    this.#task = new Task(host, {
      args: () => [this.client, this.#loadsFor(), ...(options.args?.() ?? [])],
      task: async ([client, shopper], { signal }) => {
        const load = shopper === null ? this.#options.loadSignedOut : this.#options.load;
        if (!client || shopper === undefined || !load) return initialState;
        // The shopper's arrival reaches every widget in one task: each starts its request in a task of its own.
        await nextTask();
        signal.throwIfAborted();
        return load(client as Client);
      },
      onComplete: (value) => (this.#value = value),
      onError: (error) => host.dispatchEvent(new CrmErrorEvent(error, host.localName)),
    });
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
    switch (this.#task.status) {
      case TaskStatus.COMPLETE:
        return { status: 'ready', value: this.#value as T };
      case TaskStatus.ERROR:
        return { status: 'error', error: this.#task.error };
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
    void this.#task.run();
  }

  /** Replaces the loaded value, e.g. after the widget fetched another page. */
  update(value: T): void {
    this.#value = value;
    this.#host.requestUpdate();
  }
}
