import { html, nothing, type TemplateResult } from 'lit';
import { consume, shopperContext } from '../../internal/context.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { errorMessage } from '../../internal/state-views.ts';
import type { ShopperState } from '../../state/shopper/shopper-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { WishlistAlerts } from '../../state/wishlist/wishlist-alerts.ts';
import styles from './greeting.styles.ts';

/**
 * Place it inside `<crm-portal>`: it shows the portal's shopper and takes no
 * attributes. With nobody signed in it says so and shows the `signed-out` slot;
 * when the API refuses the page (its publishable key or origin), no sign-in
 * can help, and it says the account is not available here instead.
 * Its points are the portal's: a redemption in `<crm-points-balance>` shows
 * here at once. New wishlist alerts (a price drop on a saved product) show as
 * a count beside the points, on every page with a greeting.
 *
 * @summary Recognizes the shopper by name, shows their level and points at a glance, and greets them on their birthday.
 *
 * @slot signed-out - Shown after the greeting when nobody is signed in, e.g. a link to the store's sign-in page.
 *
 * @csspart base - The greeting's box.
 * @csspart title - The "Hola, Ana" line.
 * @csspart note - The birthday note under the title.
 * @csspart summary - The level and points line.
 * @csspart tier - The level badge.
 * @csspart points - The points balance.
 * @csspart alerts - How many wishlist alerts are unread (empty, and hidden, when none are).
 * @csspart message - The signed-out or error message.
 * @csspart retry-button - The button that tries loading again after an error.
 *
 * @cssproperty --crm-greeting-background - Background of the box; defaults to --crm-color-surface.
 * @cssproperty --crm-greeting-accent - Colour of the points; defaults to --crm-color-accent.
 * @cssproperty --crm-greeting-border - Border colour; defaults to --crm-color-border.
 * @cssproperty --crm-greeting-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-greeting-padding - Inner spacing; defaults to --crm-space.
 *
 * @fires {CrmErrorEvent} crm-error - The API refused the page (its publishable key, its origin) or the shopper's token; `reason` says what to fix.
 */
export class CrmGreeting extends CrmElement {
  static override styles = styles;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #shopper = consume(this, shopperContext);
  readonly #alerts = new StoreController(this, WishlistAlerts);

  /** The state shown: the portal's shopper, or signed out outside a portal. */
  get state(): ShopperState {
    return this.#shopper.value ?? { status: 'signed-out' };
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const state = this.state;
    switch (state.status) {
      case 'loading':
        return html`<section part="base" aria-label=${t.greetingRegion} aria-busy="true">
          <span class="skeleton title" aria-hidden="true"></span>
          <span class="skeleton summary" aria-hidden="true"></span>
          <span class="visually-hidden" role="status">${t.loading}</span>
        </section>`;
      case 'signed-out':
        return html`<section part="base" aria-label=${t.greetingRegion}>
          <p part="message">${t.greetingSignedOut}</p>
          <slot name="signed-out"></slot>
        </section>`;
      case 'error':
        return html`<section part="base" aria-label=${t.greetingRegion}>
          <p part="message" role="alert">${errorMessage(state.error, t)}</p>
          <button part="retry-button" type="button" @click=${state.retry}>${t.retry}</button>
        </section>`;
      case 'ready': {
        const { me } = state;
        const alerts = this.#alerts.store?.count ?? 0;
        return html`<section part="base" aria-label=${t.greetingRegion}>
          <p part="title">
            ${isolatedText(me.birthdayToday ? t.greetingBirthday(me.firstName) : t.greetingHello(me.firstName))}
            ${me.birthdayToday ? html`<span part="note">${t.greetingBirthdayNote}</span>` : nothing}
          </p>
          <p part="summary">
            <span part="tier" data-tier=${me.tier}><span class="visually-hidden">${t.tierLabel}: </span>${t.tiers[me.tier]}</span>
            <span part="points">${t.points(this.#i18n.number(me.points.balance))}</span>
            <span part="alerts" role="status">${alerts > 0 ? t.greetingAlerts(alerts) : nothing}</span>
          </p>
        </section>`;
      }
    }
  }
}
