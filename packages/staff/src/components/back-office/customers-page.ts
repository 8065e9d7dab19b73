import type { CustomerListItem, CustomerSort, Tier } from '@clientela/contract';
import { listCustomers, tiers } from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { formText, problemText, type Office } from './office.ts';

/** Finding customers: by name, email or id, of a tier, sorted by what they are worth or how recently they bought, a page at a time. */
export class CustomersPage {
  readonly #office: Office;
  query = '';
  tier: Tier | '' = '';
  sort: CustomerSort = 'lifetime-value';
  items: CustomerListItem[] = [];
  next: string | null = null;
  asOf: string | null = null;
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error: unknown = null;
  #search = 0;

  constructor(office: Office) {
    this.#office = office;
  }

  /** Lists the customers of a tier, from the most valuable. */
  showTier(tier: Tier): void {
    this.query = '';
    this.tier = tier;
    this.sort = 'lifetime-value';
    void this.load();
  }

  /** The first page of the current search, or the page after the last one shown. */
  async load(more = false): Promise<void> {
    const search = more ? this.#search : ++this.#search;
    if (!more) this.items = [];
    this.status = 'loading';
    this.#office.update();
    try {
      const page = await this.#office.client.call(listCustomers, {
        query: { sort: this.sort, limit: 20, ...(this.query ? { query: this.query } : {}), ...(this.tier ? { tier: this.tier } : {}), ...(more && this.next ? { cursor: this.next } : {}) },
      });
      if (search !== this.#search) return;
      this.items = [...this.items, ...page.items];
      this.next = page.nextCursor;
      this.asOf = page.asOf;
      this.status = 'ready';
    } catch (error) {
      if (search !== this.#search) return;
      this.status = 'error';
      this.error = error;
      this.#office.failed(error);
    }
    this.#office.update();
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const fields = formText(event.target as HTMLFormElement);
    this.query = fields.query ?? '';
    this.tier = (fields.tier ?? '') as Tier | '';
    this.sort = (fields.sort ?? 'lifetime-value') as CustomerSort;
    void this.load();
  }

  render(): TemplateResult {
    const { terms: t, i18n } = this.#office;
    return html`<form class="search" role="search" @submit=${(event: SubmitEvent) => this.#submit(event)}>
        <label>${t.search}<input class="field" name="query" type="search" .value=${this.query} placeholder=${t.searchHint} maxlength="200" /></label>
        <label
          >${t.tier}
          <select class="field" name="tier">
            <option value="" ?selected=${this.tier === ''}>${t.allTiers}</option>
            ${tiers.map((tier) => html`<option value=${tier} ?selected=${this.tier === tier}>${i18n.term.tiers[tier]}</option>`)}
          </select></label
        >
        <label
          >${t.sortBy}
          <select class="field" name="sort">
            ${(Object.keys(t.sorts) as CustomerSort[]).map((sort) => html`<option value=${sort} ?selected=${this.sort === sort}>${t.sorts[sort]}</option>`)}
          </select></label
        >
        <button type="submit" class="primary">${t.find}</button>
      </form>
      ${this.asOf ? html`<p class="meta">${t.valuesAsOf(i18n.date(this.asOf, { dateStyle: 'medium', timeStyle: 'short' }))}</p>` : nothing}
      ${this.#results()}`;
  }

  #results(): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (this.status === 'error') {
      return html`<p role="alert">${problemText(this.error, t)}</p>
        <button type="button" @click=${() => this.load()}>${t.retry}</button>`;
    }
    if (this.status === 'ready' && this.items.length === 0) return html`<p role="status">${t.noCustomers}</p>`;
    return html`<div class="scroll" role="group" tabindex="0" aria-label=${t.customers}><table part="customer-list" aria-label=${t.customers} aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col">${t.email}</th>
            <th scope="col">${t.tier}</th>
            <th scope="col">${t.lifetimeValue}</th>
            <th scope="col">${t.spent}</th>
            <th scope="col">${t.lastPurchase}</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (customer) => html`<tr>
              <th scope="row"><button type="button" class="link" @click=${() => this.#office.openCustomer(customer.id)}>${customer.firstName} ${customer.lastName}</button></th>
              <td>${customer.email ?? ''}</td>
              <td><span part="tier" data-tier=${customer.tier}>${i18n.term.tiers[customer.tier]}</span></td>
              <td>${i18n.money(customer.lifetimeValue.amount, customer.lifetimeValue.currency)}</td>
              <td>${i18n.money(customer.spentToDate.amount, customer.spentToDate.currency)}</td>
              <td>${customer.lastPurchaseAt ? i18n.date(customer.lastPurchaseAt) : t.never}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${this.status === 'loading' ? html`<p aria-busy="true">${t.loading}</p>` : nothing}
      ${this.next && this.status === 'ready' ? html`<button type="button" class="more" @click=${() => this.load(true)}>${t.more}</button>` : nothing}`;
  }
}
