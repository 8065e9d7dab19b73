import { html, svg, type TemplateResult } from 'lit';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmWishlistAddEvent } from '../../events/wishlist-add.ts';
import { CrmWishlistRemoveEvent } from '../../events/wishlist-remove.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { nextTask } from '../../internal/next-task.ts';
import { StoreController } from '../../state/store-controller.ts';
import { WishlistStore } from '../../state/wishlist/wishlist-store.ts';
import styles from './wishlist-button.styles.ts';

const heart = svg`<path d="M12 21s-7.5-4.6-9.6-9.3C.9 8.3 3 4.5 6.6 4.5c2.1 0 3.6 1.2 4.4 2.6.8-1.4 2.3-2.6 4.4-2.6 3.6 0 5.7 3.8 4.2 7.2C19.5 16.4 12 21 12 21z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`;

/**
 * Put one on every product card and product page, inside `<crm-portal>`, with
 * the product's id in `product-id`; `product-name` tells screen-reader users
 * which product the heart is for.
 *
 * @summary A heart that saves a product to the shopper's wishlist, or to a guest list on the device when nobody is signed in (merged into the account at sign-in).
 *
 * @csspart base - The button.
 * @csspart icon - The heart.
 *
 * @cssproperty --crm-wishlist-button-size - Width and height; 2.5rem.
 * @cssproperty --crm-wishlist-button-color - The heart's colour when not saved; defaults to --crm-color-muted.
 * @cssproperty --crm-wishlist-button-active-color - The heart's colour when saved; defaults to --crm-color-heart.
 * @cssproperty --crm-wishlist-button-background - Background; defaults to --crm-color-surface.
 *
 * @fires {CrmWishlistAddEvent} crm-wishlist-add - The product was saved.
 * @fires {CrmWishlistRemoveEvent} crm-wishlist-remove - The product was taken off.
 * @fires {CrmErrorEvent} crm-error - Saving failed (the button shows the change undone and says so), or the API refused the page (its publishable key, its origin) or the shopper's token: once for all the hearts of a page.
 */
export class CrmWishlistButton extends CrmElement {
  static override styles = styles;
  static override properties = {
    productId: { type: String, attribute: 'product-id' },
    productName: { type: String, attribute: 'product-name' },
    announcement: { state: true },
  };

  /** The merchant's id of the product. */
  declare productId: string;
  /** The product's name, for the button's accessible label. */
  declare productName: string | undefined;
  declare announcement: string;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #wishlist = new StoreController(this, WishlistStore);

  #joining = false;

  constructor() {
    super();
    this.productId = '';
    this.announcement = '';
  }

  /**
   * A catalog adds dozens of hearts in one of the page's own tasks: each joins
   * its portal (shadow root, context, wishlist) in a task of its own instead
   * of lengthening the page's.
   */
  override connectedCallback(): void {
    if (this.#joining) return;
    this.#joining = true;
    void nextTask().then(() => {
      this.#joining = false;
      if (this.isConnected) super.connectedCallback();
    });
  }

  async #toggle(): Promise<void> {
    const store = this.#wishlist.store;
    if (!store || !this.productId) return;
    const t = this.#i18n.term;
    try {
      const saved = await store.toggle(this.productId);
      this.announcement = saved ? t.wishlistSaved : t.wishlistRemoved;
      this.emit(saved ? new CrmWishlistAddEvent(this.productId, !store.signedIn) : new CrmWishlistRemoveEvent(this.productId, !store.signedIn));
    } catch (error) {
      this.announcement = t.wishlistFailed;
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const saved = this.#wishlist.store?.has(this.productId) ?? false;
    return html`<button
        part="base"
        type="button"
        aria-pressed=${saved ? 'true' : 'false'}
        aria-label=${this.productName ? t.wishlistSaveNamed(this.productName) : t.wishlistSave}
        @click=${this.#toggle}
      >
        <svg part="icon" viewBox="0 0 24 24" aria-hidden="true">${heart}</svg>
      </button>
      <span class="visually-hidden" role="status">${this.announcement}</span>`;
  }
}
