import type { AgentConversation, Customer, CustomerNote, OrderSummary, PointsAccount, PointsEntry, StatementList, Wishlist } from '@clientela/contract';
import {
  addCustomerNote,
  correctPoints,
  getCustomer,
  getCustomerPoints,
  getCustomerPointsHistory,
  getCustomerWishlist,
  listCustomerConversations,
  listCustomerNotes,
  listCustomerOrders,
  listCustomerStatements,
} from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { formText, load, loadedView, may, problemText, type Loadable, type Office } from './office.ts';

interface Sections {
  customer: Loadable<Customer>;
  points: Loadable<PointsAccount>;
  ledger: Loadable<{ items: PointsEntry[] }>;
  orders: Loadable<{ items: OrderSummary[] }>;
  card: Loadable<StatementList>;
  wishlist: Loadable<Wishlist>;
  conversations: Loadable<{ items: AgentConversation[] }>;
  notes: Loadable<{ items: CustomerNote[] }>;
}

/** One customer, whole: profile, orders, points ledger, store card and statements, wishlist, conversations, and the staff's notes. */
export class CustomerPage {
  readonly #office: Office;
  id = '';
  sections = {} as Sections;
  noteMessage: { error: boolean; text: string } | null = null;
  correctionMessage: { error: boolean; text: string } | null = null;

  constructor(office: Office) {
    this.#office = office;
  }

  open(id: string): void {
    this.id = id;
    this.noteMessage = null;
    this.correctionMessage = null;
    const { client } = this.#office;
    const params = { id };
    const into =
      <K extends keyof Sections>(key: K) =>
      (state: Sections[K]) => {
        if (this.id === id) this.sections[key] = state;
      };
    void load(this.#office, () => client.call(getCustomer, { params }), into('customer'));
    void load(this.#office, () => client.call(getCustomerPoints, { params }), into('points'));
    void load(this.#office, () => client.call(getCustomerPointsHistory, { params, query: { limit: 20 } }), into('ledger'));
    void load(this.#office, () => client.call(listCustomerOrders, { params, query: { limit: 10 } }), into('orders'));
    void load(this.#office, () => client.call(listCustomerStatements, { params }), into('card'));
    void load(this.#office, () => client.call(getCustomerWishlist, { params }), into('wishlist'));
    void load(this.#office, () => client.call(listCustomerConversations, { params }), into('conversations'));
    this.#loadNotes();
  }

  #loadNotes(): void {
    const id = this.id;
    void load(
      this.#office,
      () => this.#office.client.call(listCustomerNotes, { params: { id }, query: { limit: 50 } }),
      (state) => {
        if (this.id === id) this.sections.notes = state;
      },
    );
  }

  async #addNote(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { body = '' } = formText(form);
    try {
      await this.#office.client.call(addCustomerNote, { params: { id: this.id }, body: { body } });
      form.reset();
      this.noteMessage = { error: false, text: this.#office.terms.noteAdded };
      this.#loadNotes();
    } catch (error) {
      this.noteMessage = { error: true, text: problemText(error, this.#office.terms) };
      this.#office.update();
    }
  }

  async #correct(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { amount = '', note = '' } = formText(form);
    const { client, terms, i18n } = this.#office;
    try {
      const entry = await client.call(correctPoints, { params: { id: this.id }, body: { id: `bo-${crypto.randomUUID()}`, amount: Number(amount), note } });
      form.reset();
      this.correctionMessage = { error: false, text: terms.corrected(i18n.number(entry.amount, { signDisplay: 'always' })) };
      this.open(this.id);
    } catch (error) {
      this.correctionMessage = { error: true, text: problemText(error, terms) };
      this.#office.update();
    }
  }

  render(): TemplateResult {
    const { terms: t } = this.#office;
    const customer = this.sections.customer;
    return html`<button type="button" class="back" @click=${() => this.#office.show('customers')}>${t.backToCustomers}</button>
      ${loadedView(this.#office, customer, (c) => this.#profile(c))}
      ${customer?.status === 'ready'
        ? html`<div class="sheet">
            <section class="card" aria-labelledby="notes-title">
              <h3 id="notes-title">${t.notes}</h3>
              ${this.#noteForm()} ${loadedView(this.#office, this.sections.notes, (notes) => this.#notes(notes.items))}
            </section>
            <section class="card" aria-labelledby="points-section">
              <h3 id="points-section">${t.points}</h3>
              ${loadedView(this.#office, this.sections.points, (points) => this.#pointsAccount(points))} ${this.#correctionForm()}
              <h4>${t.ledger}</h4>
              ${loadedView(this.#office, this.sections.ledger, (ledger) => this.#ledger(ledger.items))}
            </section>
            <section class="card wide" aria-labelledby="orders-title">
              <h3 id="orders-title">${t.orders}</h3>
              ${loadedView(this.#office, this.sections.orders, (orders) => this.#orders(orders.items))}
            </section>
            <section class="card" aria-labelledby="card-section">
              <h3 id="card-section">${t.storeCard}</h3>
              ${loadedView(this.#office, this.sections.card, (card) => this.#statements(card))}
            </section>
            <section class="card" aria-labelledby="wishlist-title">
              <h3 id="wishlist-title">${t.wishlist}</h3>
              ${loadedView(this.#office, this.sections.wishlist, (wishlist) => this.#wishlist(wishlist))}
            </section>
            <section class="card" aria-labelledby="conversations-title">
              <h3 id="conversations-title">${t.conversations}</h3>
              ${loadedView(this.#office, this.sections.conversations, (conversations) => this.#conversations(conversations.items))}
            </section>
          </div>`
        : nothing}`;
  }

  #profile(c: Customer): TemplateResult {
    const { terms: t, i18n } = this.#office;
    return html`<section part="profile" aria-labelledby="customer-name">
      <h3 id="customer-name"><bdi>${c.firstName}</bdi> <bdi>${c.lastName}</bdi> <span part="tier" data-tier=${c.tier}>${i18n.term.tiers[c.tier]}</span></h3>
      <dl class="figures">
        <div><dt>${t.customerId}</dt><dd>${c.id}</dd></div>
        <div><dt>${t.email}</dt><dd>${c.email ?? '—'}</dd></div>
        <div><dt>${t.phone}</dt><dd>${c.phone ?? '—'}</dd></div>
        <div><dt>${t.birthday}</dt><dd>${c.birthday ? i18n.date(c.birthday) : '—'}</dd></div>
        <div><dt>${t.customerSince}</dt><dd>${i18n.date(c.registeredAt)}</dd></div>
        <div><dt>${t.lifetimeValue}</dt><dd>${i18n.money(c.lifetimeValue.amount, c.lifetimeValue.currency)}</dd></div>
        <div><dt>${t.spent}</dt><dd>${i18n.money(c.spentToDate.amount, c.spentToDate.currency)}</dd></div>
        <div><dt>${t.lastPurchase}</dt><dd>${c.rfm.lastPurchaseAt ? i18n.date(c.rfm.lastPurchaseAt) : t.never}</dd></div>
        <div><dt>${t.ordersInYear}</dt><dd>${i18n.number(c.rfm.frequency)} · ${i18n.money(c.rfm.monetary.amount, c.rfm.monetary.currency)}</dd></div>
      </dl>
    </section>`;
  }

  #noteForm(): TemplateResult {
    const { terms: t } = this.#office;
    return html`<form class="stack" @submit=${(event: SubmitEvent) => this.#addNote(event)}>
      <label for="note-body">${t.newNote}</label>
      <textarea id="note-body" class="field" name="body" rows="2" maxlength="2000" required></textarea>
      <button type="submit" class="primary">${t.addNote}</button>
      <p class=${this.noteMessage?.error ? 'error' : 'ok'} role="status">${this.noteMessage?.text ?? ''}</p>
    </form>`;
  }

  #notes(notes: CustomerNote[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (notes.length === 0) return html`<p>${t.noNotes}</p>`;
    return html`<ul class="notes" part="notes">
      ${notes.map(
        (note) => html`<li>
          <p>${note.body}</p>
          <p class="meta">${note.author.kind === 'staff' ? note.author.name : t.backend} · <time datetime=${note.createdAt}>${i18n.date(note.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time></p>
        </li>`,
      )}
    </ul>`;
  }

  #pointsAccount(points: PointsAccount): TemplateResult {
    const { terms: t, i18n } = this.#office;
    return html`<dl class="figures">
      <div><dt>${t.balance}</dt><dd>${i18n.number(points.balance)}</dd></div>
      ${points.progress
        ? html`<div><dt>${t.toNextTier(i18n.term.tiers[points.progress.next])}</dt><dd>${i18n.money(points.progress.remaining.amount, points.progress.remaining.currency)}</dd></div>`
        : nothing}
      ${points.expiring[0] ? html`<div><dt>${t.nextExpiry(i18n.date(points.expiring[0].date))}</dt><dd>${i18n.number(points.expiring[0].points)}</dd></div>` : nothing}
    </dl>`;
  }

  #correctionForm(): TemplateResult | typeof nothing {
    if (!may(this.#office, correctPoints)) return nothing;
    const { terms: t } = this.#office;
    return html`<form class="inline" part="correction" @submit=${(event: SubmitEvent) => this.#correct(event)}>
      <fieldset>
        <legend>${t.correctPoints}</legend>
        <label>${t.pointsChange}<input class="field" name="amount" type="number" step="1" min="-1000000" max="1000000" required /></label>
        <label>${t.reason}<input class="field" name="note" maxlength="200" required /></label>
        <button type="submit">${t.correct}</button>
      </fieldset>
      <p class=${this.correctionMessage?.error ? 'error' : 'ok'} role="status">${this.correctionMessage?.text ?? ''}</p>
    </form>`;
  }

  #ledger(entries: PointsEntry[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (entries.length === 0) return html`<p>${t.noEntries}</p>`;
    return html`<div class="scroll" role="group" tabindex="0" aria-label=${t.ledger}><table aria-label=${t.ledger}>
      <thead>
        <tr>
          <th scope="col">${t.date}</th>
          <th scope="col">${t.reason}</th>
          <th scope="col">${t.pointsHeading}</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map(
          (entry) => html`<tr>
            <td class="date">${i18n.date(entry.createdAt)}</td>
            <td>
              ${t.reasons[entry.reason]}${entry.label ? html` · ${entry.label}` : nothing}
              ${entry.redemption?.usedAt ? html` · ${t.usedOn(i18n.date(entry.redemption.usedAt))}` : nothing}
            </td>
            <td class="number">${i18n.number(entry.amount, { signDisplay: 'always' })}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  #orders(orders: OrderSummary[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (orders.length === 0) return html`<p>${t.noOrders}</p>`;
    return html`<div class="scroll" role="group" tabindex="0" aria-label=${t.orders}><table aria-label=${t.orders}>
      <thead>
        <tr>
          <th scope="col">${t.date}</th>
          <th scope="col">${t.items}</th>
          <th scope="col">${t.total}</th>
          <th scope="col">${t.payment}</th>
        </tr>
      </thead>
      <tbody>
        ${orders.map(
          (order) => html`<tr>
            <td class="date">${i18n.date(order.placedAt)}</td>
            <td>${order.items.join(', ')}</td>
            <td class="number">${i18n.money(order.total.amount, order.total.currency)}</td>
            <td>${order.payment.method === 'store-card' ? t.cardInstallments(order.payment.installments) : t.otherPayment}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  #statements(list: StatementList): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const account = list.account;
    if (!account) return html`<p>${t.noCard}</p>`;
    const money = (amount: number) => i18n.money(amount, account.currency);
    return html`<dl class="figures">
        <div><dt>${t.creditLimit}</dt><dd>${money(account.creditLimit)}</dd></div>
        <div><dt>${t.balance}</dt><dd>${money(account.balance)}</dd></div>
        <div><dt>${t.available}</dt><dd>${money(account.availableCredit)}</dd></div>
      </dl>
      <div class="scroll" role="group" tabindex="0" aria-label=${t.statements}><table aria-label=${t.statements}>
        <thead>
          <tr>
            <th scope="col">${t.period}</th>
            <th scope="col">${t.closingBalance}</th>
            <th scope="col">${t.minimumPayment}</th>
            <th scope="col">${t.due}</th>
          </tr>
        </thead>
        <tbody>
          ${list.statements.slice(0, 12).map(
            (statement) => html`<tr>
              <td>${i18n.month(statement.period)}${statement.status === 'open' ? html` · ${t.openCycle}` : nothing}</td>
              <td class="number">${money(statement.closingBalance)}</td>
              <td class="number">${money(statement.minimumPayment)}</td>
              <td class="date">${i18n.date(statement.dueDate)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  }

  #wishlist(wishlist: Wishlist): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (wishlist.items.length === 0) return html`<p>${t.wishlistEmpty}</p>`;
    return html`<ul class="plain">
      ${wishlist.items.map((item) => html`<li><bdi>${item.product.name}</bdi> · ${i18n.money(item.product.price.amount, item.product.price.currency)}${item.note ? html` · “<bdi>${item.note}</bdi>”` : nothing}</li>`)}
    </ul>`;
  }

  #conversations(conversations: AgentConversation[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (conversations.length === 0) return html`<p>${t.noConversations}</p>`;
    return html`<ul class="plain">
      ${conversations.map(
        (conversation) => html`<li>
          <strong>${conversation.subject || t.untitled}</strong> · ${t.conversationStatus[conversation.status]} ·
          <time datetime=${conversation.updatedAt}>${i18n.date(conversation.updatedAt)}</time>
          ${conversation.lastMessage ? html`<br /><span class="meta">${conversation.lastMessage.body}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
  }
}
