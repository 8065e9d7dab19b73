import type { Notification, WishlistItem, WishlistItemInput } from '@clientela/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmCartAddEvent } from '../../events/cart-add.ts';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmWishlistRemoveEvent } from '../../events/wishlist-remove.ts';
import { consume, shopperContext } from '../../internal/context.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { errorMessage, loadingView, messageView } from '../../internal/state-views.ts';
import { StoreController } from '../../state/store-controller.ts';
import { WishlistAlerts } from '../../state/wishlist/wishlist-alerts.ts';
import { WishlistStore } from '../../state/wishlist/wishlist-store.ts';
import styles from './wishlist.styles.ts';

/**
 * Place it inside `<crm-portal>`, on the shopper's account page say; it takes
 * no attributes. The kit keeps no cart: "add to cart" fires `crm-cart-add`
 * for the page to handle. The list loads again when the page comes back into
 * view; new alerts are looked for then too and every 30 seconds while the
 * page is visible, and show in every widget of the portal that shows them.
 *
 * @summary The shopper's wishlist: each product with its image, price now (and how much it dropped), stock, a note, alert preferences, remove and add to cart, with unread price-drop and back-in-stock alerts on top.
 *
 * @csspart base - The list's box.
 * @csspart alerts - The unread alerts.
 * @csspart mark-read-button - Marks the alerts as read.
 * @csspart items - The list of saved products.
 * @csspart item - One saved product.
 * @csspart cart-button - Adds the product to the host page's cart.
 * @csspart remove-button - Takes the product off.
 * @csspart message - Signed-out, empty or error message.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --crm-wishlist-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-wishlist-accent - The add-to-cart button; defaults to --crm-color-accent.
 * @cssproperty --crm-wishlist-drop-color - The price drop; defaults to --crm-color-success.
 * @cssproperty --crm-wishlist-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-wishlist-border - Border colour; defaults to --crm-color-border.
 *
 * @fires {CrmCartAddEvent} crm-cart-add - The shopper wants a product in their cart; the page adds it.
 * @fires {CrmWishlistRemoveEvent} crm-wishlist-remove - A product was taken off.
 * @fires {CrmErrorEvent} crm-error - Loading or saving failed, or the API refused the page (its publishable key, its origin) or the shopper's token; `reason` says what to fix.
 */
export class CrmWishlist extends CrmElement {
  static override styles = styles;
  static override properties = { status: { state: true } };

  /** What the last save said, for the live region. */
  declare status: string;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #shopper = consume(this, shopperContext);
  readonly #wishlist = new StoreController(this, WishlistStore);
  readonly #alerts = new StoreController(this, WishlistAlerts);
  readonly #onFocus = () => void this.#refresh();
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible') void this.#refresh();
  };

  constructor() {
    super();
    this.status = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisible);
    window.addEventListener('focus', this.#onFocus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
    window.removeEventListener('focus', this.#onFocus);
  }

  /** The list as it is now: the shopper may have changed it on another device. */
  async #refresh(): Promise<void> {
    const store = this.#wishlist.store;
    if (!store?.signedIn) return;
    try {
      await store.refresh();
    } catch (error) {
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  async #markRead(): Promise<void> {
    try {
      await this.#alerts.store?.markRead();
    } catch (error) {
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  async #save(productId: string, changes: WishlistItemInput, done?: string): Promise<void> {
    try {
      await this.#wishlist.store?.update(productId, changes);
      if (done) this.status = done;
    } catch (error) {
      this.status = this.#i18n.term.wishlistFailed;
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  async #remove(productId: string): Promise<void> {
    try {
      await this.#wishlist.store?.toggle(productId);
      this.status = this.#i18n.term.wishlistRemoved;
      this.emit(new CrmWishlistRemoveEvent(productId, false));
    } catch (error) {
      this.status = this.#i18n.term.wishlistFailed;
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  #alertText(alert: Notification): string {
    const t = this.#i18n.term;
    const money = (m: { amount: number; currency: string }) => this.#i18n.money(m.amount, m.currency);
    return alert.kind === 'price-drop' && alert.previousPrice
      ? t.wishlistAlertPriceDrop(alert.product.name, money(alert.previousPrice), money(alert.price))
      : t.wishlistAlertBackInStock(alert.product.name);
  }

  #item(item: WishlistItem) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const { product } = item;
    const money = (amount: number) => i18n.money(amount, product.price.currency);
    const drop = item.priceWhenAdded.amount - product.price.amount;
    const available = product.active && product.stock > 0;
    const noteId = `note-${product.id}`;
    return html`<li part="item">
      <img src=${product.imageUrl ?? ''} alt="" width="96" height="96" loading="lazy" />
      <div class="details">
        <h3>${product.name}</h3>
        <p class="price">
          ${money(product.price.amount)}
          ${drop > 0 ? html`<span class="drop">${t.wishlistPriceDrop(money(drop))}</span>` : nothing}
        </p>
        <p class="stock ${available ? '' : 'out'}">
          ${!product.active ? t.wishlistUnavailable : product.stock > 0 ? t.wishlistInStock(i18n.number(product.stock)) : t.wishlistOutOfStock}
        </p>
        <form
          class="note"
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            const note = (event.target as HTMLFormElement).querySelector('input')!.value;
            void this.#save(product.id, { note }, t.wishlistNoteSaved);
          }}
        >
          <label for=${noteId}>${t.wishlistNote}</label>
          <input id=${noteId} type="text" maxlength="500" .value=${item.note} />
          <button type="submit">${t.wishlistSaveNote}</button>
        </form>
        <label>
          <input type="checkbox" .checked=${item.alerts.priceDrop} @change=${(event: Event) => this.#save(product.id, { alerts: { priceDrop: (event.target as HTMLInputElement).checked } })} />
          ${t.wishlistAlertPrice}
        </label>
        <label>
          <input type="checkbox" .checked=${item.alerts.backInStock} @change=${(event: Event) => this.#save(product.id, { alerts: { backInStock: (event.target as HTMLInputElement).checked } })} />
          ${t.wishlistAlertStock}
        </label>
        <div class="actions">
          <button part="cart-button" type="button" class="primary" ?disabled=${!available} aria-describedby=${`name-${product.id}`} @click=${() => this.emit(new CrmCartAddEvent(product.id, product.price))}>
            ${t.wishlistAddToCart}
          </button>
          <button part="remove-button" type="button" aria-describedby=${`name-${product.id}`} @click=${() => this.#remove(product.id)}>${t.wishlistRemove}</button>
          <span id=${`name-${product.id}`} hidden>${product.name}</span>
        </div>
      </div>
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const store = this.#wishlist.store;
    const shopper = this.#shopper.value ?? { status: 'signed-out' };
    if (shopper.status === 'loading') return loadingView(t.wishlistTitle, t);
    if (shopper.status === 'error') return messageView(t.wishlistTitle, errorMessage(shopper.error, t), { label: t.retry, run: shopper.retry });
    if (!store || shopper.status === 'signed-out') return messageView(t.wishlistTitle, t.wishlistGuest(store?.guestCount ?? 0));
    if (store.status === 'loading') return loadingView(t.wishlistTitle, t);
    if (store.status === 'error') return messageView(t.wishlistTitle, errorMessage(store.error, t), { label: t.retry, run: () => void this.#refresh() });
    const items = store.items;
    const alerts = this.#alerts.store?.unread ?? [];
    return html`<section part="base" aria-labelledby="wishlist-title">
      <h2 id="wishlist-title">${t.wishlistTitle}</h2>
      ${alerts.length > 0
        ? html`<div part="alerts">
            <h3>${t.wishlistAlertsTitle}</h3>
            <ul>
              ${alerts.map((alert) => html`<li>${isolatedText(this.#alertText(alert))}</li>`)}
            </ul>
            <button part="mark-read-button" type="button" @click=${this.#markRead}>${t.wishlistMarkRead}</button>
          </div>`
        : nothing}
      ${items.length === 0
        ? html`<p part="message">${t.wishlistEmpty}</p>`
        : html`<ul part="items">
            ${repeat(items, (item) => item.product.id, (item) => this.#item(item))}
          </ul>`}
      <span class="visually-hidden" role="status">${this.status}</span>
    </section>`;
  }
}
