import type { Notification } from '@clientela/contract';

/**
 * Unread wishlist alerts reached the page: a saved product's price dropped,
 * or it is back in stock. Fired by `<crm-portal>` for the alerts waiting at
 * sign-in and again for each new one, so the page can show them anywhere (a
 * badge on its own menu, say).
 */
export class CrmWishlistAlertEvent extends Event {
  static readonly type = 'crm-wishlist-alert';
  /** The alerts this page had not seen yet, newest first. */
  readonly alerts: Notification[];
  /** How many unread alerts the shopper has in all. */
  readonly unread: number;

  constructor(alerts: Notification[], unread: number) {
    super(CrmWishlistAlertEvent.type, { bubbles: true, composed: true });
    this.alerts = alerts;
    this.unread = unread;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-wishlist-alert': CrmWishlistAlertEvent;
  }
}
