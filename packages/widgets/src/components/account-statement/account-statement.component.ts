import type { Client } from '@clientela/client';
import type { Statement, StatementLine, StatementList } from '@clientela/contract';
import { exportMyStatement, getMyStatement, listMyStatements } from '@clientela/contract/routes';
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { ShopperResource } from '../../internal/shopper-resource.ts';
import { errorMessage, messageView, notReadyView } from '../../internal/state-views.ts';
import { supportPresence } from '../../internal/support-presence.ts';
import styles from './account-statement.styles.ts';

interface StatementData {
  list: StatementList;
  /** The statement shown, with every line loaded so far; null without a store card. */
  statement: Statement | null;
  lines: StatementLine[];
  nextCursor: string | null;
}

/** Money going the other way, without the "−0" of an empty total. */
const negative = (amount: number) => (amount === 0 ? 0 : -amount);

/** Lines per request when the shopper asks for all of them (printing). */
const bulkPageSize = 1000;

/**
 * Place it inside `<crm-portal>`; it loads the shopper's statements itself.
 * `period` opens a given cycle and `page-size` sets how many transactions come
 * per page. With a `<crm-support-chat>` in the page, every transaction gets a
 * button to ask the store about it.
 *
 * @summary The shopper's store-card statement: period picker, balance and minimum payment, credit, a payoff hint, and the transactions with their installments, paged, as CSV or printed.
 *
 * @csspart base - The statement's box.
 * @csspart header - Title and period picker.
 * @csspart period-picker - The period select.
 * @csspart summary - Balance, minimum payment, due date, credit limit and available credit.
 * @csspart usage - The credit usage meter and its label.
 * @csspart figures - The cycle's breakdown: previous balance, purchases, installments, payments, refunds, fees, interest.
 * @csspart payoff - What paying only the minimum costs.
 * @csspart table - The transactions table.
 * @csspart actions - Count, "show more", download and print.
 * @csspart load-more-button - Loads the next page of transactions.
 * @csspart download-button - Downloads the statement as CSV.
 * @csspart print-button - Prints the whole statement.
 * @csspart ask-button - Asks the store about a transaction, in the page's `<crm-support-chat>` (shown when there is one).
 * @csspart message - Signed-out, no card, empty or error message.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --crm-statement-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-statement-accent - Colour of the headline figures; defaults to --crm-color-accent.
 * @cssproperty --crm-statement-credit-color - Colour of payments and refunds; defaults to --crm-color-success.
 * @cssproperty --crm-statement-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-statement-border - Border colour; defaults to --crm-color-border.
 *
 * @fires {CrmErrorEvent} crm-error - Loading or downloading failed.
 * @fires {CrmSupportRequestEvent} crm-support-request - The shopper asks about a transaction; `<crm-support-chat>` opens a conversation with it attached.
 */
export class CrmAccountStatement extends CrmElement {
  static override styles = styles;

  static override properties = {
    period: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    busy: { state: true },
  };

  /** The period (`YYYY-MM`) to open with; the cycle in progress when left out. */
  declare period: string | undefined;
  /** Transactions per page, 50 by default. */
  declare pageSize: number;
  declare busy: 'period' | 'more' | 'print' | 'download' | null;

  readonly #i18n = new LocalizeController(this);
  readonly #data = new ShopperResource<StatementData>(this, (client) => this.#loadAll(client));

  readonly #onSupportChange = () => this.requestUpdate();

  constructor() {
    super();
    this.pageSize = 50;
    this.busy = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    supportPresence.addEventListener('change', this.#onSupportChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    supportPresence.removeEventListener('change', this.#onSupportChange);
  }

  /** One listener for every "Preguntar" button of the table: the shopper asks about that line. */
  #onAsk(event: Event, lines: StatementLine[], period: string): void {
    const index = (event.target as Element).closest<HTMLElement>('[part~=ask-button]')?.dataset.line;
    const line = index === undefined ? undefined : lines[Number(index)];
    if (!line) return;
    const i18n = this.#i18n;
    this.emit(new CrmSupportRequestEvent(i18n.term.chatAskSubject(this.#what(line), i18n.date(line.date)), { kind: 'statement-line', period, line }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const state = this.#data.state;
    if (changed.has('period') && changed.get('period') !== undefined && state.status === 'ready' && this.period) {
      void this.#showPeriod(this.period);
    }
  }

  async #fetchStatement(client: Client, period: string, after?: string, limit = this.pageSize) {
    return client.call(getMyStatement, { params: { period }, query: { limit, ...(after ? { after } : {}) } });
  }

  async #loadAll(client: Client): Promise<StatementData> {
    // With a period asked for, its statement is fetched alongside the list rather than after it.
    const asked = this.period ? this.#fetchStatement(client, this.period).catch(() => null) : Promise.resolve(null);
    const list = await client.call(listMyStatements);
    const first = list.statements[0];
    if (!list.account || !first) return { list, statement: null, lines: [], nextCursor: null };
    const wanted = list.statements.find((s) => s.period === this.period) ?? first;
    const statement = (wanted.period === this.period ? await asked : null) ?? (await this.#fetchStatement(client, wanted.period));
    return { list, statement, lines: statement.transactions.items, nextCursor: statement.transactions.nextCursor };
  }

  /** Runs a request on top of the shown statement; a failure is announced and leaves what is shown in place. */
  async #work(kind: NonNullable<CrmAccountStatement['busy']>, task: (client: Client, data: StatementData) => Promise<void>): Promise<void> {
    const state = this.#data.state;
    const client = this.#data.client;
    if (state.status !== 'ready' || !client || this.busy) return;
    this.busy = kind;
    try {
      await task(client, state.value);
    } catch (error) {
      this.emit(new CrmErrorEvent(error, this.localName));
      this.#failure = error;
    } finally {
      this.busy = null;
    }
  }

  #failure: unknown = null;

  async #showPeriod(period: string): Promise<void> {
    await this.#work('period', async (client, data) => {
      this.#failure = null;
      const statement = await this.#fetchStatement(client, period);
      this.#data.update({ ...data, statement, lines: statement.transactions.items, nextCursor: statement.transactions.nextCursor });
    });
  }

  async #loadMore(limit = this.pageSize): Promise<void> {
    await this.#work(limit === bulkPageSize ? 'print' : 'more', async (client, data) => {
      this.#failure = null;
      let { lines, nextCursor } = data;
      do {
        const page = await this.#fetchStatement(client, data.statement!.period, nextCursor!, limit);
        lines = [...lines, ...page.transactions.items];
        nextCursor = page.transactions.nextCursor;
      } while (nextCursor && limit === bulkPageSize);
      this.#data.update({ ...data, lines, nextCursor });
    });
  }

  async #print(): Promise<void> {
    const state = this.#data.state;
    if (state.status === 'ready' && state.value.nextCursor) await this.#loadMore(bulkPageSize);
    await this.updateComplete;
    window.print();
  }

  async #download(): Promise<void> {
    await this.#work('download', async (client, data) => {
      this.#failure = null;
      const period = data.statement!.period;
      const blob = await client.call(exportMyStatement, { params: { period }, query: { locale: this.#i18n.locale } });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${this.#i18n.term.statementTitle}-${period}.csv`.replace(/\s+/g, '-').toLowerCase();
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
  }

  #onPeriodChange(event: Event): void {
    this.period = (event.target as HTMLSelectElement).value;
  }

  #describe(line: StatementLine) {
    const t = this.#i18n.term;
    if (line.kind === 'purchase' || line.kind === 'installment') {
      return html`${line.description}${line.moreItems > 0 ? ` ${t.statementMoreItems(line.moreItems)}` : ''}`;
    }
    return t.statementLineKinds[line.kind];
  }

  /** What a line is, in words: the product for purchases, the kind for the rest. */
  #what(line: StatementLine): string {
    const t = this.#i18n.term;
    return line.kind === 'purchase' || line.kind === 'installment' ? line.description : t.statementLineKinds[line.kind];
  }

  #row(line: StatementLine, index: number, currency: string, ask: boolean) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const date = i18n.date(line.date);
    return html`<tr>
      <td>${date}</td>
      <td>
        ${this.#describe(line)}
        ${line.purchaseTotal !== null ? html`<span class="detail">${t.statementPurchaseTotal(i18n.money(line.purchaseTotal, currency))}</span>` : nothing}
      </td>
      <td>${line.installment ? t.statementInstallmentOf(line.installment.number, line.installment.count) : nothing}</td>
      <td class="number ${line.amount < 0 ? 'credit' : ''}">${i18n.money(line.amount, currency)}</td>
      ${ask
        ? html`<td class="ask">
            <button part="ask-button" type="button" data-line=${index} aria-label=${t.chatAskLabel(this.#what(line), date)}>${t.chatAsk}</button>
          </td>`
        : nothing}
    </tr>`;
  }

  #statement(data: StatementData, statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    const open = statement.status === 'open';
    const used = Math.max(0, statement.creditLimit - statement.availableCredit);
    const payoff = statement.payoff.minimumOnly;
    const ask = supportPresence.available;
    return html`<section part="base" aria-label=${t.statementTitle} aria-busy=${this.busy === 'period' ? 'true' : 'false'}>
      <div part="header">
        <h2>${t.statementTitle} · ${i18n.month(statement.period)}</h2>
        <label>
          ${t.statementPeriod}
          <select part="period-picker" .value=${statement.period} @change=${this.#onPeriodChange} ?disabled=${this.busy !== null}>
            ${data.list.statements.map(
              (s) => html`<option value=${s.period} ?selected=${s.period === statement.period}>
                ${s.status === 'open' ? t.statementInProgress(i18n.month(s.period)) : i18n.month(s.period)}
              </option>`,
            )}
          </select>
        </label>
      </div>
      ${open ? html`<p class="note">${t.statementOpenNote(i18n.date(statement.closingDate, { dateStyle: 'long' }))}</p>` : nothing}
      <dl part="summary">
        <div class="highlight"><dt>${open ? t.statementBalanceToDate : t.statementClosingBalance}</dt><dd>${money(statement.closingBalance)}</dd></div>
        <div class="highlight"><dt>${t.statementMinimumPayment}</dt><dd>${money(statement.minimumPayment)}</dd></div>
        <div><dt>${t.statementDueDate}</dt><dd>${i18n.date(statement.dueDate, { dateStyle: 'long' })}</dd></div>
        <div><dt>${t.statementCreditLimit}</dt><dd>${money(statement.creditLimit)}</dd></div>
        <div><dt>${t.statementAvailableCredit}</dt><dd>${money(statement.availableCredit)}</dd></div>
        <div><dt>${t.statementPending}</dt><dd>${money(statement.pendingInstallments)}</dd></div>
      </dl>
      <div part="usage">
        <meter min="0" max=${statement.creditLimit} value=${Math.min(used, statement.creditLimit)} aria-label=${t.statementUsage(money(used), money(statement.creditLimit))}></meter>
        <span aria-hidden="true">${t.statementUsage(money(used), money(statement.creditLimit))}</span>
      </div>
      <div>
        <h3>${t.statementSummary}</h3>
        <dl part="figures">
          <dt>${t.statementPrevious}</dt><dd>${money(statement.previousBalance)}</dd>
          <dt>${t.statementPurchases}</dt><dd>${money(statement.purchases)}</dd>
          <dt>${t.statementInstallments}</dt><dd>${money(statement.installments)}</dd>
          <dt>${t.statementPayments}</dt><dd>${money(negative(statement.payments))}</dd>
          <dt>${t.statementCredits}</dt><dd>${money(negative(statement.credits))}</dd>
          <dt>${t.statementFees}</dt><dd>${money(statement.fees)}</dd>
          <dt>${t.statementInterest}</dt><dd>${money(statement.interest)}</dd>
          <dt class="total">${open ? t.statementBalanceToDate : t.statementClosingBalance}</dt><dd class="total">${money(statement.closingBalance)}</dd>
        </dl>
      </div>
      ${statement.payoff.payInFullSaves > 0 || payoff.months === null
        ? html`<p part="payoff">
            ${payoff.months === null ? t.statementPayoffNever : t.statementPayoffMinimum(payoff.months, money(payoff.totalInterest))}
            ${statement.payoff.payInFullSaves > 0 ? t.statementPayoffSaves(money(statement.payoff.payInFullSaves)) : nothing}
          </p>`
        : nothing}
      <div>
        <h3 id="transactions-title">${t.statementTransactions}</h3>
        ${data.lines.length === 0
          ? html`<p part="message">${t.statementNoTransactions}</p>`
          : html`<div class="table-wrap">
              <table part="table" aria-labelledby="transactions-title">
                <thead>
                  <tr>
                    <th scope="col">${t.statementDate}</th>
                    <th scope="col">${t.statementDescription}</th>
                    <th scope="col">${t.statementInstallment}</th>
                    <th scope="col" class="number">${t.statementAmount}</th>
                    ${ask ? html`<th scope="col" class="ask"><span class="visually-hidden">${t.chatAsk}</span></th>` : nothing}
                  </tr>
                </thead>
                <tbody @click=${ask ? (event: Event) => this.#onAsk(event, data.lines, statement.period) : nothing}>
                  ${repeat(data.lines, (line) => line, (line, index) => this.#row(line, index, statement.currency, ask))}
                </tbody>
              </table>
            </div>`}
      </div>
      ${this.#failure ? html`<p part="message" role="alert">${errorMessage(this.#failure, t)}</p>` : nothing}
      <div part="actions">
        <span class="count" role="status">${t.statementShowing(i18n.number(data.lines.length), i18n.number(statement.transactionCount))}</span>
        ${data.nextCursor
          ? html`<button part="load-more-button" type="button" @click=${() => this.#loadMore()} ?disabled=${this.busy !== null}>
              ${this.busy === 'more' ? t.loading : t.statementLoadMore}
            </button>`
          : nothing}
        <button part="download-button" type="button" @click=${this.#download} ?disabled=${this.busy !== null}>
          ${this.busy === 'download' ? t.statementPreparing : t.statementDownload}
        </button>
        <button part="print-button" type="button" @click=${this.#print} ?disabled=${this.busy !== null}>
          ${this.busy === 'print' ? t.statementPreparing : t.statementPrint}
        </button>
      </div>
    </section>`;
  }

  protected override render() {
    const t = this.#i18n.term;
    const state = this.#data.state;
    if (state.status !== 'ready') return notReadyView(state, t.statementTitle, t.statementSignedOut, t, () => this.#data.retry());
    const { statement } = state.value;
    if (!statement) {
      const shopper = this.#data.shopper;
      return messageView(t.statementTitle, t.statementNoCard(shopper.status === 'ready' ? shopper.me.merchant.name : ''));
    }
    return this.#statement(state.value, statement);
  }
}
