import { ApiError, type Client } from '@clientela/client';
import type { WishlistItem, WishlistItemInput } from '@clientela/contract';
import { deleteWishlistItem, getMyWishlist, putWishlistItem } from '@clientela/contract/routes';
import { nextTask } from './next-task.ts';

const guestKey = 'clientela:guest-wishlist';

/** The device's guest list: product ids saved before signing in. Read freely; written only when the visitor saves something. */
const guestList = {
  read(): string[] {
    try {
      const ids: unknown = JSON.parse(localStorage.getItem(guestKey) ?? '[]');
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  },
  write(ids: Iterable<string>): void {
    const list = [...ids];
    if (list.length === 0) localStorage.removeItem(guestKey);
    else localStorage.setItem(guestKey, JSON.stringify(list));
  },
};

const stores = new WeakMap<Client, WishlistStore>();

/**
 * One wishlist per portal, shared by every heart button and list on the page,
 * so a grid of fifty products makes one request. Signed out it is the
 * device's guest list; at sign-in that list is saved to the account and
 * cleared. Toggles change what is shown at once and undo it if the API
 * refuses. Fires `change` whenever what it holds changes.
 */
export class WishlistStore extends EventTarget {
  static of(client: Client): WishlistStore {
    let store = stores.get(client);
    if (!store) {
      store = new WishlistStore(client);
      stores.set(client, store);
    }
    return store;
  }

  readonly #client: Client;
  #signedIn: boolean | null = null;
  #status: 'loading' | 'ready' | 'error' = 'loading';
  #error: unknown = null;
  #items = new Map<string, WishlistItem>();
  #saved = new Set<string>();
  /**
   * Counts changes made here, once when each is sent and once when it is
   * answered, so that a list fetched while one was on its way is not taken
   * for the truth.
   */
  #changes = 0;

  /** Settles once the store knows whether a shopper is signed in: a click before that waits for it. */
  readonly #known: Promise<void>;
  #settle!: () => void;

  private constructor(client: Client) {
    super();
    this.#client = client;
    this.#known = new Promise((resolve) => (this.#settle = resolve));
  }

  get status() {
    return this.#status;
  }

  get error(): unknown {
    return this.#error;
  }

  get signedIn(): boolean {
    return this.#signedIn === true;
  }

  /** The saved items with their products, most recent first (signed in only). */
  get items(): WishlistItem[] {
    return [...this.#items.values()];
  }

  /** How many products the device's guest list holds. */
  get guestCount(): number {
    return this.#signedIn ? 0 : this.#saved.size;
  }

  has(productId: string): boolean {
    return this.#saved.has(productId);
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Follows the portal's shopper: signed in, the account's list (after saving the guest list to it); signed out, the device's. */
  async follow(signedIn: boolean): Promise<void> {
    if (this.#signedIn === signedIn) return;
    this.#signedIn = signedIn;
    this.#settle();
    this.#items.clear();
    if (!signedIn) {
      this.#saved = new Set(guestList.read());
      this.#status = 'ready';
      this.#changed();
      return;
    }
    this.#status = 'loading';
    this.#changed();
    // The first heart to connect calls this from the page's own task (a catalog adding its cards): the requests start in a task of their own.
    await nextTask();
    if (!this.#signedIn) return;
    await this.#mergeGuestList();
    await this.refresh();
  }

  async #mergeGuestList(): Promise<void> {
    const left = new Set(guestList.read());
    for (const productId of [...left]) {
      try {
        await this.#client.call(putWishlistItem, { params: { productId }, body: {} });
        left.delete(productId);
      } catch (error) {
        // A product no longer sold is dropped; anything else waits for the next sign-in.
        if (error instanceof ApiError && error.status === 404) left.delete(productId);
      }
    }
    guestList.write(left);
  }

  /** Loads the account's list again (e.g. when the tab comes back into view). */
  async refresh(): Promise<void> {
    if (!this.#signedIn) return;
    try {
      let changes: number;
      let items: WishlistItem[];
      do {
        changes = this.#changes;
        ({ items } = await this.#client.call(getMyWishlist));
      } while (changes !== this.#changes);
      this.#items = new Map(items.map((item) => [item.product.id, item]));
      this.#saved = new Set(this.#items.keys());
      this.#status = 'ready';
      this.#error = null;
    } catch (error) {
      if (this.#status !== 'ready') {
        this.#status = 'error';
        this.#error = error;
      }
      throw error;
    } finally {
      this.#changed();
    }
  }

  /** Saves or takes off a product, shown at once; undone, and rethrown, if the API refuses. Resolves to whether it is saved now. */
  async toggle(productId: string): Promise<boolean> {
    await this.#known;
    const save = !this.#saved.has(productId);
    const flip = (on: boolean) => {
      if (on) this.#saved.add(productId);
      else this.#saved.delete(productId);
      this.#changed();
    };
    flip(save);
    if (!this.#signedIn) {
      guestList.write(this.#saved);
      return save;
    }
    try {
      if (save) {
        const item = await this.#write(() => this.#client.call(putWishlistItem, { params: { productId }, body: {} }));
        this.#items = new Map([[productId, item], ...this.#items]);
      } else {
        await this.#write(() => this.#client.call(deleteWishlistItem, { params: { productId } }));
        this.#items.delete(productId);
      }
      // A list answered while this was on its way may predate it: what was just saved or taken off stands.
      flip(save);
      return save;
    } catch (error) {
      flip(!save);
      throw error;
    }
  }

  /** Changes a saved item's note or alerts. */
  async update(productId: string, changes: WishlistItemInput): Promise<void> {
    const item = await this.#write(() => this.#client.call(putWishlistItem, { params: { productId }, body: changes }));
    // Taken off while the change was on its way: the answer does not bring it back.
    if (this.#saved.has(productId)) this.#items.set(productId, item);
    this.#changed();
  }

  /** Sends a change to the account's list, counted as it leaves and as it is answered (see `refresh`). */
  async #write<T>(send: () => Promise<T>): Promise<T> {
    this.#changes++;
    try {
      return await send();
    } finally {
      this.#changes++;
    }
  }
}
