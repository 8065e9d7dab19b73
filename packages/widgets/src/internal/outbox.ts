import { ApiError } from '@clientela/client';

export interface OutboxItem<P> {
  /** The client id the API dedupes on: a resend is the same message. */
  key: string;
  payload: P;
  state: 'sending' | 'failed';
}

/**
 * Messages on their way, kept in localStorage until the API has them, so a
 * dropped connection or a reload loses nothing; each is sent again with the
 * same client id, which the API stores once. A refusal (4xx) is final and
 * the item is dropped; anything else waits for the next `flush`.
 */
export class Outbox<P> extends EventTarget {
  readonly #storageKey: string;
  readonly #send: (item: OutboxItem<P>) => Promise<void>;
  #items: OutboxItem<P>[];
  #flushing: Promise<void> | null = null;

  constructor(storageKey: string, send: (item: OutboxItem<P>) => Promise<void>) {
    super();
    this.#storageKey = storageKey;
    this.#send = send;
    this.#items = this.#read();
  }

  get items(): readonly OutboxItem<P>[] {
    return this.#items;
  }

  #read(): OutboxItem<P>[] {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(this.#storageKey) ?? '[]');
      // After a reload nothing is on its way any more: all of it is to be sent again.
      return Array.isArray(stored) ? stored.map((item: OutboxItem<P>) => ({ ...item, state: 'failed' as const })) : [];
    } catch {
      return [];
    }
  }

  #write(): void {
    if (this.#items.length === 0) localStorage.removeItem(this.#storageKey);
    else localStorage.setItem(this.#storageKey, JSON.stringify(this.#items));
    this.dispatchEvent(new Event('change'));
  }

  /** Adds an item and sends it at once. */
  async add(key: string, payload: P): Promise<void> {
    this.#items = [...this.#items, { key, payload, state: 'sending' }];
    this.#write();
    await this.#deliver(this.#items.at(-1)!);
  }

  async #deliver(item: OutboxItem<P>): Promise<void> {
    item.state = 'sending';
    this.#write();
    try {
      await this.#send(item);
      this.#items = this.#items.filter((other) => other.key !== item.key);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 429 && error.status !== 401) {
        this.#items = this.#items.filter((other) => other.key !== item.key);
        this.dispatchEvent(new CustomEvent('refused', { detail: { item, error } }));
      } else {
        item.state = 'failed';
      }
    }
    this.#write();
  }

  /** Sends again, in order, everything not sent yet; one flush at a time. */
  flush(): Promise<void> {
    this.#flushing ??= (async () => {
      for (const item of [...this.#items]) if (item.state === 'failed') await this.#deliver(item);
    })().finally(() => (this.#flushing = null));
    return this.#flushing;
  }
}
