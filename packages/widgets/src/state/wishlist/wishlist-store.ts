import { ApiError } from '@clientela/client';
import type { WishlistItem, WishlistItemInput } from '@clientela/contract';
import { deleteWishlistItem, getMyWishlist, putWishlistItem } from '@clientela/contract/routes';
import { nextTask } from '../../internal/next-task.ts';
import { Store, type PortalState } from '../portal-state.ts';
import { WishlistAlerts } from './wishlist-alerts.ts';

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

/**
 * The portal's wishlist, shared by every heart button and list in it, so a
 * grid of fifty products makes one request. It follows the portal's shopper
 * itself, not each heart's view of it: hearts joining the page later change
 * nothing. Signed out it is the device's guest list; at sign-in that list is
 * saved to the account and cleared. Toggles change what is shown at once and
 * undo it if the API refuses. It reloads when a wishlist alert arrives (a
 * price or the stock changed). Fires `change` whenever what it holds changes.
 */
export class WishlistStore extends Store {
  /** Whose list this is: a shopper's id, null for the device's guest list, undefined until the portal knows. */
  #owner: string | null | undefined;
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
  readonly #alerts: WishlistAlerts;
  readonly #onShopper = () => void this.#follow();
  readonly #onAlert = () => void this.refresh().catch((error: unknown) => this.fail(error));

  constructor(portal: PortalState) {
    super(portal);
    this.#known = new Promise((resolve) => (this.#settle = resolve));
    portal.shopper.addEventListener('change', this.#onShopper);
    this.#alerts = portal.get(WishlistAlerts);
    this.#alerts.addEventListener('arrive', this.#onAlert);
    void this.#follow();
  }

  override dispose(): void {
    this.portal.shopper.removeEventListener('change', this.#onShopper);
    this.#alerts.removeEventListener('arrive', this.#onAlert);
  }

  get status() {
    return this.#status;
  }

  get error(): unknown {
    return this.#error;
  }

  get signedIn(): boolean {
    return typeof this.#owner === 'string';
  }

  /** The saved items with their products, most recent first (signed in only). */
  get items(): WishlistItem[] {
    return [...this.#items.values()];
  }

  /** How many products the device's guest list holds. */
  get guestCount(): number {
    return this.signedIn ? 0 : this.#saved.size;
  }

  has(productId: string): boolean {
    return this.#saved.has(productId);
  }

  /** Follows the portal's shopper: signed in, the account's list (after saving the guest list to it); signed out, the device's. */
  async #follow(): Promise<void> {
    const shopper = this.portal.shopper;
    if (shopper.state.status !== 'ready' && shopper.state.status !== 'signed-out') return;
    const owner = shopper.id;
    const previous = this.#owner;
    if (previous === owner) return;
    this.#owner = owner;
    this.#settle();
    this.#items.clear();
    if (owner === null) {
      this.#saved = new Set(guestList.read());
      this.#status = 'ready';
      this.changed();
      return;
    }
    this.#status = 'loading';
    // The guest's hearts stay lit while their list joins the account; another shopper's go out.
    if (typeof previous === 'string') this.#saved = new Set();
    this.changed();
    // The first heart may ask for the store from the page's own task (a catalog adding its cards): the requests start in a task of their own.
    await nextTask();
    if (this.#owner !== owner) return;
    await this.#mergeGuestList();
    await this.refresh().catch((error: unknown) => this.fail(error));
  }

  async #mergeGuestList(): Promise<void> {
    const left = new Set(guestList.read());
    for (const productId of [...left]) {
      try {
        await this.portal.client.call(putWishlistItem, { params: { productId }, body: {} });
        left.delete(productId);
      } catch (error) {
        // A product no longer sold is dropped; anything else waits for the next sign-in.
        if (error instanceof ApiError && error.status === 404) left.delete(productId);
      }
    }
    guestList.write(left);
  }

  /** Loads the account's list again (when the tab comes back into view, or an alert says a price changed). */
  async refresh(): Promise<void> {
    const owner = this.#owner;
    if (!this.signedIn) return;
    try {
      let changes: number;
      let items: WishlistItem[];
      do {
        changes = this.#changes;
        ({ items } = await this.portal.client.call(getMyWishlist));
      } while (changes !== this.#changes);
      if (owner !== this.#owner) return;
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
      this.changed();
    }
  }

  /** Saves or takes off a product, shown at once; undone, and rethrown, if the API refuses. Resolves to whether it is saved now. */
  async toggle(productId: string): Promise<boolean> {
    const shopper = this.portal.shopper.state;
    // The portal could not load the shopper (the API refused the page, say): there is no list to save to, and waiting would never end.
    if (shopper.status === 'error') throw shopper.error;
    await this.#known;
    const save = !this.#saved.has(productId);
    const flip = (on: boolean) => {
      if (on) this.#saved.add(productId);
      else this.#saved.delete(productId);
      this.changed();
    };
    flip(save);
    if (!this.signedIn) {
      guestList.write(this.#saved);
      return save;
    }
    try {
      if (save) {
        const item = await this.#write(() => this.portal.client.call(putWishlistItem, { params: { productId }, body: {} }));
        this.#items = new Map([[productId, item], ...this.#items]);
      } else {
        await this.#write(() => this.portal.client.call(deleteWishlistItem, { params: { productId } }));
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
    const item = await this.#write(() => this.portal.client.call(putWishlistItem, { params: { productId }, body: changes }));
    // Taken off while the change was on its way: the answer does not bring it back.
    if (this.#saved.has(productId)) this.#items.set(productId, item);
    this.changed();
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
