import { ApiError } from '@clientela/client';

export interface OutboxItem<P> {
  /** The client id the API dedupes on: a resend is the same message. */
  key: string;
  payload: P;
  /** `sending` while it is on its way or waiting its turn; `failed` when the connection gave out and it waits for the next flush. */
  state: 'sending' | 'failed';
}

/** A refusal is final (the same request would be refused again); anything else is worth another try. */
const refused = (error: unknown) => error instanceof ApiError && error.status < 500 && error.status !== 429 && error.status !== 401 && error.status !== 408;

/**
 * Messages on their way, kept in localStorage until the API has them, so a
 * dropped connection, a reload or a closed tab loses nothing. They go one at
 * a time, in the order written, each with the client id the API dedupes on:
 * sending one again (after a reload, or from a second tab of the same shopper)
 * stores it once. A refusal (4xx) drops the item and fires `refused`; a
 * network failure stops the queue until `flush`. Fires `change` whenever the
 * items change, in this tab or another.
 */
export class Outbox<P> extends EventTarget {
  readonly #storageKey: string;
  readonly #send: (item: OutboxItem<P>) => Promise<void>;
  #items: OutboxItem<P>[];
  #pumping: Promise<void> | null = null;
  readonly #onStorage = (event: StorageEvent) => {
    if (event.key !== this.#storageKey) return;
    this.#items = this.#read();
    this.dispatchEvent(new Event('change'));
  };

  constructor(storageKey: string, send: (item: OutboxItem<P>) => Promise<void>) {
    super();
    this.#storageKey = storageKey;
    this.#send = send;
    // Whatever a previous page left was cut off: it goes again at the next flush.
    this.#items = this.#read().map((item) => ({ ...item, state: 'failed' as const }));
    globalThis.addEventListener?.('storage', this.#onStorage);
  }

  get items(): readonly OutboxItem<P>[] {
    return this.#items;
  }

  #read(): OutboxItem<P>[] {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(this.#storageKey) ?? '[]');
      return Array.isArray(stored) ? (stored as OutboxItem<P>[]) : [];
    } catch {
      return this.#items ?? [];
    }
  }

  /** Changes the items as stored now (another tab may have changed them), and keeps the result. */
  #update(change: (items: OutboxItem<P>[]) => OutboxItem<P>[]): void {
    const items = change(this.#read());
    try {
      if (items.length === 0) localStorage.removeItem(this.#storageKey);
      else localStorage.setItem(this.#storageKey, JSON.stringify(items));
    } catch {
      // Storage full or blocked: the items still live in this page.
    }
    this.#items = items;
    this.dispatchEvent(new Event('change'));
  }

  /** Queues an item; resolves when the queue has gone as far as it can. */
  add(key: string, payload: P): Promise<void> {
    this.#update((items) => [...items.filter((item) => item.key !== key), { key, payload, state: 'sending' }]);
    return this.#pump();
  }

  /** Sends again, in order, everything not sent yet. */
  flush(): Promise<void> {
    if (this.#items.some((item) => item.state === 'failed')) this.#update((items) => items.map((item) => ({ ...item, state: 'sending' as const })));
    return this.#pump();
  }

  #pump(): Promise<void> {
    this.#pumping ??= (async () => {
      let next: OutboxItem<P> | undefined;
      while ((next = this.#items.find((item) => item.state === 'sending'))) {
        if (!(await this.#deliver(next))) break;
      }
    })().finally(() => {
      this.#pumping = null;
      // Added just as the loop ended: it goes now.
      if (this.#items.some((item) => item.state === 'sending')) void this.#pump();
    });
    return this.#pumping;
  }

  /** Sends one item; false when the connection failed and the queue must wait. */
  async #deliver(item: OutboxItem<P>): Promise<boolean> {
    try {
      await this.#send(item);
      this.#update((items) => items.filter((other) => other.key !== item.key));
      return true;
    } catch (error) {
      if (refused(error)) {
        this.#update((items) => items.filter((other) => other.key !== item.key));
        this.dispatchEvent(new CustomEvent('refused', { detail: { item, error } }));
        return true;
      }
      // What comes after it waits too, so that messages arrive in the order written.
      this.#update((items) => items.map((other) => ({ ...other, state: 'failed' as const })));
      return false;
    }
  }
}
