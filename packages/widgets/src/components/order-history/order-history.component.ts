import type { MyOrder, MyOrderSummary } from '@clientela/contract';
import { getMyOrder, listMyOrders } from '@clientela/contract/routes';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmCartAddManyEvent } from '../../events/cart-add-many.ts';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { isolate, isolatedText } from '../../internal/isolate.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { ShopperResource } from '../../internal/shopper-resource.ts';
import { errorMessage, loadingView, messageView, notReadyView } from '../../internal/state-views.ts';
import { SupportPresence } from '../../state/chat/support-presence.ts';
import { StoreController } from '../../state/store-controller.ts';
import styles from './order-history.styles.ts';

type Page = { items: MyOrderSummary[]; nextCursor: string | null };
type Detail = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; order: MyOrder };

/**
 * Place it inside `<crm-portal>`, on the shopper's account page. The kit keeps
 * no cart: "Volver a comprar" fires one `crm-cart-add-many` with every line
 * still in stock, for the page to add, and says which were not.
 *
 * @summary The shopper's orders: the list, and each order's lines, payment, points, refunds and tracking timeline, with "buy again" and "ask about this order".
 *
 * @csspart base - The widget's box.
 * @csspart orders - The list of orders.
 * @csspart order - One order in the list.
 * @csspart detail-button - Opens an order.
 * @csspart more-button - Loads the next page of orders.
 * @csspart back-button - Back to the list from an order.
 * @csspart lines - The order's products.
 * @csspart line - One product of the order.
 * @csspart timeline - Where the order has been, the latest last.
 * @csspart tracking-link - The carrier's page for the parcel.
 * @csspart reorder-button - Puts every line still in stock in the page's cart.
 * @csspart ask-button - Asks the store about the order, in the page's `<crm-support-chat>` (shown when there is one).
 * @csspart message - Signed-out, empty or error message.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --crm-order-history-accent - The latest step of the timeline; defaults to --crm-color-accent.
 * @cssproperty --crm-order-history-border - Borders; defaults to --crm-color-border.
 * @cssproperty --crm-order-history-radius - Corner radius; defaults to --crm-radius.
 *
 * @fires {CrmCartAddManyEvent} crm-cart-add-many - The shopper buys an order again: its lines in stock, for the page's cart.
 * @fires {CrmSupportRequestEvent} crm-support-request - The shopper asks about an order; `<crm-support-chat>` opens a conversation with it attached.
 * @fires {CrmErrorEvent} crm-error - Loading failed, or the API refused the page or the shopper's token; `reason` says what to fix.
 */
export class CrmOrderHistory extends CrmElement {
  static override styles = styles;
  static override properties = { detail: { state: true }, status: { state: true }, pageSize: { type: Number, attribute: 'page-size' }, orderId: { attribute: 'order-id' } };

  /** Orders a page shows; 10. */
  declare pageSize: number;
  /** An order to open at once (a link from an order-confirmation mail, say); the list when empty. */
  declare orderId: string | undefined;
  declare detail: Detail | null;
  /** What the last action said, for the live region. */
  declare status: string;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #support = new StoreController(this, SupportPresence);
  readonly #orders = new ShopperResource<Page>(this, { load: (client) => client.call(listMyOrders, { query: { limit: this.pageSize } }) });

  constructor() {
    super();
    this.pageSize = 10;
    this.detail = null;
    this.status = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Once the client is there: the shopper's orders load with it.
    if ((changed.has('orderId') || this.detail === null) && this.orderId && this.#orders.state.status === 'ready' && this.#opened !== this.orderId) {
      this.#opened = this.orderId;
      void this.#open(this.orderId);
    }
  }

  /** The `order-id` opened last, so going back to the list does not open it again. */
  #opened: string | undefined;

  async #more(page: Page): Promise<void> {
    try {
      const next = await this.#orders.client!.call(listMyOrders, { query: { limit: this.pageSize, after: page.nextCursor! } });
      this.#orders.update({ items: [...page.items, ...next.items], nextCursor: next.nextCursor });
    } catch (error) {
      this.status = errorMessage(error, this.#i18n.term);
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  async #open(id: string): Promise<void> {
    this.detail = { status: 'loading' };
    this.status = '';
    try {
      this.detail = { status: 'ready', order: await this.#orders.client!.call(getMyOrder, { params: { id } }) };
    } catch (error) {
      this.detail = { status: 'error', error };
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  #reorder(order: MyOrder): void {
    const t = this.#i18n.term.orders;
    const inStock = order.lines.filter((line) => line.available && line.priceNow);
    const missing = order.lines.filter((line) => !line.available || !line.priceNow);
    if (inStock.length > 0) this.emit(new CrmCartAddManyEvent(inStock.map((line) => ({ productId: line.productId, quantity: line.quantity, price: line.priceNow! }))));
    this.status = [inStock.length > 0 ? t.reordered(inStock.length) : '', missing.length > 0 ? t.notReordered(missing.map((line) => isolate(line.name)).join(', ')) : ''].filter(Boolean).join(' ');
  }

  #ask(order: MyOrder): void {
    const { history: _, ...now } = order.fulfillment;
    const summary: MyOrderSummary = { id: order.id, placedAt: order.placedAt, total: order.total, refunded: order.refunded, payment: order.payment, items: order.lines.map((line) => line.name), fulfillment: now };
    this.emit(new CrmSupportRequestEvent(this.#i18n.term.orders.askSubject(order.id), { kind: 'order', order: summary }));
  }

  #summary(order: MyOrderSummary) {
    const i18n = this.#i18n;
    const t = i18n.term.orders;
    return html`<li part="order">
      <span>
        <strong>${isolatedText(t.number(order.id))}</strong> · ${i18n.date(order.placedAt)}<br />
        ${order.items.length > 0 ? isolatedText(t.items(order.items[0]!, order.items.length - 1)) : nothing}
      </span>
      <span>
        <span class="status">${t.statuses[order.fulfillment.status]}</span> · ${i18n.money(order.total.amount, order.total.currency)}<br />
        <button part="detail-button" type="button" class="link" aria-label=${`${t.detail}: ${t.number(order.id)}`} @click=${() => this.#open(order.id)}>${t.detail}</button>
      </span>
    </li>`;
  }

  #orderView(order: MyOrder): TemplateResult {
    const i18n = this.#i18n;
    const t = i18n.term.orders;
    const money = (m: { amount: number; currency: string }) => i18n.money(m.amount, m.currency);
    const { fulfillment } = order;
    const steps = fulfillment.history.length > 0 ? fulfillment.history : [fulfillment];
    return html`<section part="base" aria-labelledby="order-title">
      <button part="back-button" type="button" class="link" @click=${() => (this.detail = null)}>${t.back}</button>
      <h2 id="order-title">${isolatedText(t.number(order.id))}</h2>
      <p>${i18n.date(order.placedAt)} · ${order.payment.method === 'store-card' ? t.paidWithCard(order.payment.installments) : t.paidOther}</p>
      <h3>${t.tracking}</h3>
      <ol part="timeline">
        ${steps.map(
          (step) => html`<li>
            <span class="status">${t.statuses[step.status]}</span> · ${i18n.date(step.at)}
            ${step.trackingUrl && step.carrier && step.trackingNumber
              ? html`<br /><a part="tracking-link" href=${step.trackingUrl} target="_blank" rel="noopener noreferrer">${isolatedText(t.trackingLink(step.carrier, step.trackingNumber))}</a>`
              : nothing}
          </li>`,
        )}
      </ol>
      <h3>${t.lines}</h3>
      <ul part="lines">
        ${order.lines.map(
          (line) => html`<li part="line">
            <span><bdi>${line.name}</bdi> · ${t.quantity(line.quantity)}</span>
            <span>${money(line.unitPrice)} ${line.available ? nothing : html`<span class="out">${t.outOfStock}</span>`}</span>
          </li>`,
        )}
      </ul>
      <p>
        ${t.total}: <strong>${money(order.total)}</strong>
        ${order.refunded.amount > 0 ? html`· ${t.refunded}: ${money(order.refunded)}` : nothing}
        ${order.pointsEarned > 0 ? html`· ${t.points(i18n.number(order.pointsEarned))}` : nothing}
      </p>
      <div class="actions">
        <button part="reorder-button" type="button" class="primary" @click=${() => this.#reorder(order)}>${t.reorder}</button>
        ${this.#support.store?.available ? html`<button part="ask-button" type="button" @click=${() => this.#ask(order)}>${t.ask}</button>` : nothing}
      </div>
      <p class="visually-hidden" role="status">${isolatedText(this.status)}</p>
    </section>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const state = this.#orders.state;
    if (state.status !== 'ready') return notReadyView(state, t.orders.title, t.orders.signedOut, t, () => this.#orders.retry());
    const detail = this.detail;
    if (detail?.status === 'loading') return loadingView(t.orders.title, t);
    if (detail?.status === 'error') return messageView(t.orders.title, errorMessage(detail.error, t), { label: t.orders.back, run: () => (this.detail = null) });
    if (detail?.status === 'ready') return this.#orderView(detail.order);
    const page = state.value;
    if (page.items.length === 0) return messageView(t.orders.title, t.orders.empty);
    return html`<section part="base" aria-labelledby="orders-title">
      <h2 id="orders-title">${t.orders.title}</h2>
      <ul part="orders">
        ${repeat(page.items, (order) => order.id, (order) => this.#summary(order))}
      </ul>
      ${page.nextCursor ? html`<button part="more-button" type="button" @click=${() => this.#more(page)}>${t.orders.more}</button>` : nothing}
      <p class="visually-hidden" role="status">${this.status}</p>
    </section>`;
  }
}
