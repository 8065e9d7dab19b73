import type { Notification } from '@clientela/contract';
import { listMyNotifications, markNotificationsRead } from '@clientela/contract/routes';
import { CrmWishlistAlertEvent } from '../../events/wishlist-alert.ts';
import { Store, type PortalState } from '../portal-state.ts';

/** How often, while the page is visible, the alerts are looked at again. */
const pollMs = 30_000;

/**
 * The signed-in shopper's unread wishlist alerts (a price drop, a product
 * back in stock). While a widget shows them it looks for new ones every 30
 * seconds while the page is visible, and at once when the shopper comes back
 * to the tab. Alerts this page had not seen fire `crm-wishlist-alert` from
 * the portal (those waiting at sign-in, then each new one); one that comes
 * after the first look also fires `arrive` here, on which the wishlist
 * reloads (a price or the stock changed since it loaded).
 */
export class WishlistAlerts extends Store {
  #unread: Notification[] = [];
  #count = 0;
  /** The alerts this page has seen, so that each is news once; none yet means the first look is still to come. */
  #seen: Set<string> | null = null;
  /** The shopper the alerts are for; null when nobody is signed in. */
  #shopperId: string | null = null;
  #checking: Promise<void> | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #onShopper = () => this.#follow();
  readonly #onFocus = () => void this.check();
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') void this.check();
  };

  constructor(portal: PortalState) {
    super(portal);
    portal.shopper.addEventListener('change', this.#onShopper);
  }

  /** Unread alerts, newest first (the latest 20). */
  get unread(): Notification[] {
    return this.#unread;
  }

  /** How many alerts are unread in all. */
  get count(): number {
    return this.#count;
  }

  protected override firstHeld(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('focus', this.#onFocus);
    this.#timer = setInterval(this.#onVisibility, pollMs);
    this.#follow();
    void this.check();
  }

  protected override lastReleased(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('focus', this.#onFocus);
    clearInterval(this.#timer);
  }

  override dispose(): void {
    this.lastReleased();
    this.portal.shopper.removeEventListener('change', this.#onShopper);
  }

  #follow(): void {
    const shopper = this.portal.shopper;
    if (shopper.state.status !== 'ready' && shopper.state.status !== 'signed-out') return;
    if (shopper.id === this.#shopperId) return;
    this.#shopperId = shopper.id;
    this.#unread = [];
    this.#count = 0;
    this.#seen = null;
    // A look under way was for the shopper before; its answer is dropped.
    this.#checking = null;
    this.changed();
    if (this.held) void this.check();
  }

  /** Looks for unread alerts now; a look already under way answers for this one. */
  check(): Promise<void> {
    this.#checking ??= this.#check().finally(() => (this.#checking = null));
    return this.#checking;
  }

  async #check(): Promise<void> {
    const shopperId = this.#shopperId;
    if (!shopperId) return;
    try {
      const { items, unread } = await this.portal.client.call(listMyNotifications, { query: { unread: true, limit: 20 } });
      if (shopperId !== this.#shopperId) return;
      const seen = this.#seen;
      const arrived = items.filter((alert) => !seen?.has(alert.id));
      this.#seen = new Set([...(seen ?? []), ...items.map((alert) => alert.id)]);
      this.#unread = items;
      this.#count = unread;
      this.changed();
      if (arrived.length > 0) {
        if (seen) this.dispatchEvent(new Event('arrive'));
        this.portal.emit(new CrmWishlistAlertEvent(arrived, unread));
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Marks the unread alerts read; they leave every widget at once. */
  async markRead(): Promise<void> {
    const ids = this.#unread.map((alert) => alert.id);
    if (ids.length === 0) return;
    await this.portal.client.call(markNotificationsRead, { body: { ids } });
    this.#unread = this.#unread.filter((alert) => !ids.includes(alert.id));
    this.#count = Math.max(0, this.#count - ids.length);
    this.changed();
  }
}
