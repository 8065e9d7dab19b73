import { html, nothing } from 'lit';
import { consume, shopperContext, type ShopperState } from '../../internal/context.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { errorMessage } from '../../internal/state-views.ts';
import styles from './greeting.styles.ts';

/**
 * Place it inside `<crm-portal>`: it shows the portal's shopper and takes no
 * attributes. With nobody signed in it says so and shows the `signed-out` slot.
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
 * @csspart message - The signed-out or error message.
 * @csspart retry-button - The button that tries loading again after an error.
 *
 * @cssproperty --crm-greeting-background - Background of the box; defaults to --crm-color-surface.
 * @cssproperty --crm-greeting-accent - Colour of the points; defaults to --crm-color-accent.
 * @cssproperty --crm-greeting-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-greeting-padding - Inner spacing; defaults to --crm-space.
 */
export class CrmGreeting extends CrmElement {
  static override styles = styles;

  readonly #i18n = new LocalizeController(this);
  readonly #shopper = consume(this, shopperContext);

  /** The state shown: the portal's shopper, or signed out outside a portal. */
  get state(): ShopperState {
    return this.#shopper.value ?? { status: 'signed-out' };
  }

  protected override render() {
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
        return html`<section part="base" aria-label=${t.greetingRegion}>
          <p part="title">
            ${me.birthdayToday ? t.greetingBirthday(me.firstName) : t.greetingHello(me.firstName)}
            ${me.birthdayToday ? html`<span part="note">${t.greetingBirthdayNote}</span>` : nothing}
          </p>
          <p part="summary">
            <span part="tier" data-tier=${me.tier}><span class="visually-hidden">${t.tierLabel}: </span>${t.tiers[me.tier]}</span>
            <span part="points">${t.points(this.#i18n.number(me.points.balance))}</span>
          </p>
        </section>`;
      }
    }
  }
}
