import type { Recommendation, Recommendations } from '@clientela/contract';
import { getMyRecommendations, getRecommendations } from '@clientela/contract/routes';
import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmCartAddEvent } from '../../events/cart-add.ts';
import { BrowsingEvents, knownVisitor } from '../../internal/browsing-events.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { ShopperResource } from '../../internal/shopper-resource.ts';
import { errorMessage, messageView } from '../../internal/state-views.ts';
import { StoreController } from '../../state/store-controller.ts';
import styles from './recommendations.styles.ts';

/**
 * Place it inside `<crm-portal>`, on the home page or a product page; on a
 * product page, set `context-product` to that product's id. The kit keeps no
 * cart: "add to cart" fires `crm-cart-add` for the page to handle. Both the
 * product page's view and the cart add are also sent to the API, a few
 * seconds' worth at a time, as browsing signals for the recommendations.
 *
 * @summary Products recommended for the shopper, each with the reason ("because you bought…"), a wishlist heart and add to cart; for a visitor, what sells; with `context-product`, what goes with the product on the page.
 *
 * @csspart base - The section.
 * @csspart grid - The grid of cards.
 * @csspart card - One recommended product.
 * @csspart reason - Why it is recommended.
 * @csspart cart-button - Adds the product to the host page's cart.
 * @csspart message - Empty or error message.
 * @csspart retry-button - Tries loading again after an error.
 * @csspart wishlist-button - The heart on each card (the `base` part of its `<crm-wishlist-button>`).
 *
 * @cssproperty --crm-recommendations-card-background - Card background; defaults to --crm-color-surface.
 * @cssproperty --crm-recommendations-accent - The add-to-cart button; defaults to --crm-color-accent.
 * @cssproperty --crm-recommendations-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-recommendations-border - Card border; defaults to --crm-color-border.
 * @cssproperty --crm-recommendations-min-card - The narrowest a card gets before the grid drops a column; 11rem.
 *
 * @fires {CrmCartAddEvent} crm-cart-add - The shopper wants a product in their cart; the page adds it.
 * @fires {CrmWishlistAddEvent} crm-wishlist-add - From a card's heart: the product was saved.
 * @fires {CrmWishlistRemoveEvent} crm-wishlist-remove - From a card's heart: the product was taken off.
 * @fires {CrmErrorEvent} crm-error - Loading, or saving from a heart, failed, or the API refused the page (its publishable key, its origin) or the shopper's token; `reason` says what to fix.
 */
export class CrmRecommendations extends CrmElement {
  static override styles = styles;
  static override properties = {
    limit: { type: Number },
    contextProduct: { type: String, attribute: 'context-product' },
  };

  /** How many products to show; 8 by default. */
  declare limit: number;
  /** The product on the page, for "bought together". */
  declare contextProduct: string | undefined;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #data = new ShopperResource<Recommendations>(this, {
    load: (client) => client.call(getMyRecommendations, { query: this.#query() }),
    // A visitor's own list follows what they browsed; a product page's is about the product.
    loadSignedOut: (client) => client.call(getRecommendations, { query: { ...this.#query(), visitorId: this.contextProduct ? undefined : knownVisitor() } }),
    // Another product on the page, or another count, is another list.
    args: () => [this.limit, this.contextProduct],
  });
  readonly #browsing = new StoreController(this, BrowsingEvents);
  /** The product page's product, once its view is noted. */
  #viewed: string | undefined;

  constructor() {
    super();
    this.limit = 8;
  }

  #query() {
    return { limit: this.limit, ...(this.contextProduct ? { contextProduct: this.contextProduct } : {}) };
  }

  protected override updated(): void {
    // A list for a product is on that product's page: the shopper looked at it (noted once the portal is known).
    const browsing = this.#browsing.store;
    if (browsing && this.contextProduct && this.contextProduct !== this.#viewed) browsing.note((this.#viewed = this.contextProduct), 'view');
  }

  #reason(item: Recommendation): string {
    const reasons = this.#i18n.term.recommendationsReason;
    const reason = item.reason;
    switch (reason.kind) {
      case 'bought':
      case 'wishlisted':
      case 'together':
        return reasons[reason.kind](reason.product.name);
      case 'tier':
        return reasons.tier(this.#i18n.term.tiers[reason.tier]);
      case 'popular':
        return reasons.popular();
    }
  }

  #card(item: Recommendation) {
    const { product } = item;
    const t = this.#i18n.term;
    return html`<li part="card">
      <img src=${product.imageUrl ?? ''} alt="" width="176" height="176" loading="lazy" />
      <crm-wishlist-button product-id=${product.id} product-name=${product.name} exportparts="base: wishlist-button"></crm-wishlist-button>
      <h3 id=${`name-${product.id}`}>${product.name}</h3>
      <p class="price">${this.#i18n.money(product.price.amount, product.price.currency)}</p>
      <p part="reason">${isolatedText(this.#reason(item))}</p>
      <button part="cart-button" type="button" aria-describedby=${`name-${product.id}`} @click=${() => {
        this.emit(new CrmCartAddEvent(product.id, product.price));
        this.#browsing.store?.note(product.id, 'cart');
      }}>
        ${t.wishlistAddToCart}
      </button>
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    // A visitor's list is what sells, not one made for them, and says so.
    const title = this.contextProduct ? t.recommendationsTogether : this.#data.shopper.status === 'signed-out' ? t.recommendationsPopular : t.recommendationsTitle;
    const state = this.#data.state;
    switch (state.status) {
      case 'signed-out':
      case 'loading':
        return html`<section part="base" aria-label=${title} aria-busy="true">
          <h2>${title}</h2>
          <ul part="grid">
            ${Array.from({ length: Math.min(this.limit, 4) }, () => html`<li><span class="skeleton card" aria-hidden="true"></span></li>`)}
          </ul>
          <span class="visually-hidden" role="status">${t.loading}</span>
        </section>`;
      case 'error':
        return messageView(title, errorMessage(state.error, t), { label: t.retry, run: () => this.#data.retry() });
      case 'ready':
        if (state.value.items.length === 0) return messageView(title, t.recommendationsEmpty);
        return html`<section part="base" aria-labelledby="recommendations-title">
          <h2 id="recommendations-title">${title}</h2>
          <ul part="grid">
            ${repeat(state.value.items, (item) => item.product.id, (item) => this.#card(item))}
          </ul>
        </section>`;
    }
  }
}
