import type { Client } from '@clientela/client';
import type { Statement, StatementLine, StatementList } from '@clientela/contract';
import { exportMyStatement, getMyStatement, listMyStatements } from '@clientela/contract/routes';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmStatementPayEvent } from '../../events/statement-pay.ts';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { ShopperResource } from '../../internal/shopper-resource.ts';
import { errorMessage, messageView, notReadyView } from '../../internal/state-views.ts';
import { SupportPresence } from '../../state/chat/support-presence.ts';
import { PaymentWatch } from '../../state/statement/payment-watch.ts';
import { StoreController } from '../../state/store-controller.ts';
import styles from './account-statement.styles.ts';

interface StatementData {
  list: StatementList;
  /** The statement shown, with every line loaded so far; null without a store card. */
  statement: Statement | null;
  lines: StatementLine[];
  nextCursor: string | null;
}

type ExportFormat = 'csv' | 'pdf';

type PayChoice = 'minimum' | 'total' | 'other';

/** Why an amount typed in the pay form cannot be paid. */
type PayError = { kind: 'empty' | 'positive' } | { kind: 'decimals'; digits: number } | { kind: 'too-much'; max: number };

/** What the shopper may pay of the statement shown: the total, and the minimum still due when it is less. */
interface Payable {
  total: number;
  minimum: number | null;
}

/** A statement as shown: its first page of transactions, and where the next one starts. */
const shown = (statement: Statement) => ({ statement, lines: statement.transactions.items, nextCursor: statement.transactions.nextCursor });

/** Money going the other way, without the "−0" of an empty total. */
const negative = (amount: number) => (amount === 0 ? 0 : -amount);

/** Lines per request when the shopper asks for all of them (printing). */
const bulkPageSize = 1000;

/**
 * An amount as typed in major units (as `<input type=number>` gives it) in
 * minor units, or why it cannot be paid. The decimals are counted as typed:
 * "10.000" is not ten pesos to a Chilean, so it is refused, not rounded.
 */
function parseAmount(typed: string, digits: number, max: number): number | PayError {
  const value = typed.trim();
  const number = Number(value);
  if (value === '' || Number.isNaN(number)) return { kind: 'empty' };
  if (number <= 0) return { kind: 'positive' };
  const parts = /^(\d*)(?:\.(\d+))?$/.exec(value);
  if (!parts) return { kind: 'empty' };
  const [, whole = '', fraction = ''] = parts;
  if (fraction.length > digits) return { kind: 'decimals', digits };
  const amount = Number(whole || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (amount <= 0) return { kind: 'positive' };
  if (amount > max) return { kind: 'too-much', max };
  return amount;
}

/** An amount of the statement's currency, formatted. */
type Money = (amount: number) => string;

/** Figures as a description list, a term and its value to each row; `kind` (total, highlight) goes on both. */
const figures = (rows: Array<[term: unknown, value: string, kind?: string]>, part?: string) =>
  html`<dl part=${part ?? nothing}>
    ${rows.map(([term, value, kind]) => html`<div><dt class=${kind ?? nothing}>${term}</dt><dd class=${kind ?? nothing}>${value}</dd></div>`)}
  </dl>`;

/** One of the disclosures below the summary: its part, its title (which names its table) and what it says. */
const disclosure = (part: string, title: string, content: unknown) => html`<div part=${part}>
  <h3 id="${part}-title">${title}</h3>
  ${content}
</div>`;

/**
 * A small table of a disclosure, named by its title: the columns' names
 * (numbers aligned at the end), then the rows; with an unnamed first column,
 * each row's first cell names the row.
 */
function table(name: string, columns: Array<[label: string, number?: boolean]>, rows: unknown[][]) {
  const rowHeaders = columns[0]![0] === '';
  const align = (index: number) => (columns[index]![1] ? 'number' : nothing);
  return html`<table aria-labelledby="${name}-title">
    <thead>
      <tr>
        ${columns.map(([label], index) => (label ? html`<th scope="col" class=${align(index)}>${label}</th>` : html`<td></td>`))}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (cells) =>
          html`<tr>
            ${cells.map((cell, index) => (rowHeaders && index === 0 ? html`<th scope="row">${cell}</th>` : html`<td class=${align(index)}>${cell}</td>`))}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * Place it inside `<crm-portal>`; it loads the shopper's statements itself.
 * It opens the latest closed statement while some of it is still to pay, the
 * cycle in progress otherwise; `period` opens a given one, and `page-size`
 * sets how many transactions come per page. With a `<crm-support-chat>` in the
 * page, every transaction gets a button to ask the store about it.
 *
 * "Pagar" lets the shopper choose an amount and fires `crm-statement-pay`; the
 * page takes the payment through the merchant's gateway and the merchant's
 * backend credits it with `POST /v1/payments`. The widget never takes money:
 * it asks the API for the statement again (when the event's `waitUntil()`
 * promise settles, every few seconds for two minutes, and when the page is
 * shown again) and says "Pago recibido" once the payment is on it.
 *
 * Narrower than about 34rem (the host is a size container), transactions show
 * as stacked cards.
 *
 * @summary The shopper's store-card statement: period picker, balance, the minimum payment and how it is made up, what is left to pay, rates and CAE, coming installments, the cost of prepaying, paying, and the transactions with their installments, paged, as CSV, PDF or printed.
 *
 * @csspart base - The statement's box.
 * @csspart header - Title, billing period and period picker.
 * @csspart period-picker - The period select.
 * @csspart summary - Balance, minimum payment, due date, credit limit and available credit.
 * @csspart usage - The credit usage meter and its label.
 * @csspart pay - What is left to pay, the pay button, the pay form and the payment's status.
 * @csspart settlement - For the latest closed statement: paid since closing, left to pay, minimum left to pay.
 * @csspart pay-button - Opens the pay form.
 * @csspart pay-form - The choice of what to pay: the minimum, the total, or another amount.
 * @csspart pay-amount - The other amount's input.
 * @csspart pay-error - Why the other amount cannot be paid.
 * @csspart pay-confirm-button - Confirms the choice; the page then takes the payment.
 * @csspart pay-cancel-button - Closes the pay form.
 * @csspart pay-status - The payment's status: processing, received, or not seen yet.
 * @csspart refresh-button - Asks again whether a payment not seen yet has arrived.
 * @csspart payoff - What paying only the minimum costs.
 * @csspart disclosures - The disclosures below the summary: cycle breakdown, minimum payment, rates, coming installments, prepayment.
 * @csspart figures - The cycle's breakdown: previous balance, purchases, installments, payments, refunds, fees, interest.
 * @csspart minimum - How the minimum payment is made up: non-financeable plus a share of the financeable, and what is past due.
 * @csspart rates - The monthly and annual rates and the CAE of revolving credit and of installment purchases.
 * @csspart upcoming - Installments due in each of the next four cycles.
 * @csspart prepayment - The cost of paying off the whole debt, and per purchase in installments.
 * @csspart table - The transactions table.
 * @csspart actions - Count, "show more", downloads and print.
 * @csspart load-more-button - Loads the next page of transactions.
 * @csspart download-button - Downloads the statement as CSV.
 * @csspart pdf-button - Downloads the statement as PDF.
 * @csspart print-button - Prints the whole statement.
 * @csspart ask-button - Asks the store about a transaction, in the page's `<crm-support-chat>` (shown when there is one).
 * @csspart message - Signed-out, no card, empty or error message.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --crm-statement-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-statement-accent - Colour of the headline figures; defaults to --crm-color-accent.
 * @cssproperty --crm-statement-credit-color - Colour of payments and refunds; defaults to --crm-color-success.
 * @cssproperty --crm-statement-danger-color - Colour of what is past due and of an amount that cannot be paid; defaults to --crm-color-danger.
 * @cssproperty --crm-statement-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-statement-border - Border colour; defaults to --crm-color-border.
 *
 * @fires {CrmStatementPayEvent} crm-statement-pay - The shopper chose to pay `detail.amount` (minor units of `detail.currency`) of statement `detail.period`; take the payment, and pass its promise to `waitUntil()`. Cancel it when the page takes no payment.
 * @fires {CrmErrorEvent} crm-error - Loading or downloading failed, or the API refused the page (its publishable key, its origin) or the shopper's token; `reason` says what to fix.
 * @fires {CrmSupportRequestEvent} crm-support-request - The shopper asks about a transaction; `<crm-support-chat>` opens a conversation with it attached.
 */
export class CrmAccountStatement extends CrmElement {
  static override styles = styles;

  static override properties = {
    period: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    busy: { state: true },
    payOpen: { state: true },
    payChoice: { state: true },
    payError: { state: true },
  };

  /** The period (`YYYY-MM`) to open with; when left out, the latest closed statement while some of it is still to pay, else the cycle in progress. */
  declare period: string | undefined;
  /** Transactions per page, 50 by default. */
  declare pageSize: number;
  declare busy: 'period' | 'more' | 'print' | ExportFormat | null;
  declare payOpen: boolean;
  declare payChoice: PayChoice;
  declare payError: PayError | null;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #data = new ShopperResource<StatementData>(this, { load: (client) => this.#loadAll(client) });

  /** Whether a chat in the portal will answer "ask about this". */
  readonly #support = new StoreController(this, SupportPresence);
  /** The payment the shopper chose, watched for until it shows on the statement. */
  readonly #payment = new PaymentWatch(this, {
    fetch: (period) => this.#fetchStatement(this.#data.client!, period),
    arrived: (statement) => this.#showArrival(statement),
  });

  constructor() {
    super();
    this.pageSize = 50;
    this.busy = null;
    this.payOpen = false;
    this.payChoice = 'total';
    this.payError = null;
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
    if (changed.has('period') && this.period && state.status === 'ready' && state.value.statement && state.value.statement.period !== this.period) {
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
    const wanted =
      list.statements.find((s) => s.period === this.period) ??
      // What the shopper most likely came for: the statement they still have to pay.
      list.statements.find((s) => s.status === 'closed' && (s.settlement?.remaining ?? 0) > 0) ??
      first;
    const statement = (wanted.period === this.period ? await asked : null) ?? (await this.#fetchStatement(client, wanted.period));
    return { list, ...shown(statement) };
  }

  /** Runs a request on top of the shown statement; a failure is announced and leaves what is shown in place. */
  async #work(kind: NonNullable<CrmAccountStatement['busy']>, task: (client: Client, data: StatementData) => Promise<void>): Promise<void> {
    const state = this.#data.state;
    const client = this.#data.client;
    if (state.status !== 'ready' || !client || this.busy) return;
    this.busy = kind;
    this.#failure = null;
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
      const statement = await this.#fetchStatement(client, period);
      this.payOpen = false;
      this.payError = null;
      this.#data.update({ ...data, ...shown(statement) });
    });
  }

  async #loadMore(limit = this.pageSize): Promise<void> {
    await this.#work(limit === bulkPageSize ? 'print' : 'more', async (client, data) => {
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

  async #download(format: ExportFormat): Promise<void> {
    await this.#work(format, async (client, data) => {
      const period = data.statement!.period;
      const blob = await client.call(exportMyStatement, { params: { period }, query: { format, locale: this.#i18n.locale } });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${this.#i18n.term.statement.title}-${period}.${format}`.replace(/\s+/g, '-').toLowerCase();
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
  }

  #onPeriodChange(event: Event): void {
    const period = (event.target as HTMLSelectElement).value;
    // The same period again after a failed switch: `period` does not change, so ask directly.
    if (period === this.period) void this.#showPeriod(period);
    else this.period = period;
  }

  /** What the shopper may pay of a statement: what is left of the latest closed one, or the balance to date of the open cycle. */
  #payable(statement: Statement): Payable | null {
    if (statement.status === 'open') return statement.closingBalance > 0 ? { total: statement.closingBalance, minimum: null } : null;
    const settlement = statement.settlement;
    if (!settlement || settlement.remaining <= 0) return null;
    const minimum = settlement.minimumRemaining > 0 && settlement.minimumRemaining < settlement.remaining ? settlement.minimumRemaining : null;
    return { total: settlement.remaining, minimum };
  }

  async #togglePay(): Promise<void> {
    if (this.#payment.status.status === 'processing') return;
    this.payChoice = 'total';
    this.payError = null;
    this.payOpen = !this.payOpen;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part~=pay-form] input[type=radio]:checked')?.focus();
  }

  async #closePay(): Promise<void> {
    this.payOpen = false;
    this.payError = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=pay-button]')?.focus();
  }

  #onPayChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.name !== 'choice') return;
    this.payChoice = input.value as PayChoice;
    this.payError = null;
  }

  #onPayKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    void this.#closePay();
  }

  #onPaySubmit(event: SubmitEvent, statement: Statement, payable: Payable): void {
    event.preventDefault();
    let amount = this.payChoice === 'minimum' && payable.minimum !== null ? payable.minimum : payable.total;
    if (this.payChoice === 'other') {
      const input = this.renderRoot.querySelector<HTMLInputElement>('[part~=pay-amount]')!;
      const parsed = parseAmount(input.value, this.#i18n.minorDigits(statement.currency), payable.total);
      if (typeof parsed !== 'number') {
        this.payError = parsed;
        input.focus();
        return;
      }
      amount = parsed;
    }
    void this.#closePay();
    const pay = new CrmStatementPayEvent({ period: statement.period, amount, currency: statement.currency });
    if (this.emit(pay)) this.#payment.watch(statement, pay.settled);
  }

  /** The figures after a payment: the paid statement (when shown) and the list, whose settlement changed. */
  async #showArrival(paid: Statement): Promise<void> {
    const list = (await this.#data.client?.call(listMyStatements).catch(() => null)) ?? null;
    const state = this.#data.state;
    if (state.status !== 'ready') return;
    const data = state.value;
    this.#data.update({
      ...data,
      list: list ?? data.list,
      ...(data.statement?.period === paid.period ? shown(paid) : {}),
    });
  }

  /** What a line is, in words: the product for purchases, the kind for the rest. */
  #what(line: StatementLine): string {
    const t = this.#i18n.term.statement;
    return line.kind === 'purchase' || line.kind === 'installment' ? line.description : t.lineKinds[line.kind];
  }

  /** What a line is, as its row shows it: a purchase's product apart from the words after it (a right-to-left override in its name stays in it), with how many other items. */
  #whatShown(line: StatementLine) {
    const t = this.#i18n.term.statement;
    if (line.kind !== 'purchase' && line.kind !== 'installment') return t.lineKinds[line.kind];
    return html`<bdi>${line.description}</bdi>${line.moreItems > 0 ? ` ${t.moreItems(line.moreItems)}` : nothing}`;
  }

  #row(line: StatementLine, index: number, currency: string, ask: boolean) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const date = i18n.date(line.date);
    // data-label names the column on narrow screens, where the rows stack as cards.
    return html`<tr>
      <td class="date">${date}</td>
      <td class="description">
        ${this.#whatShown(line)}
        ${line.purchaseTotal !== null ? html`<span class="detail">${t.statement.purchaseTotal(i18n.money(line.purchaseTotal, currency))}</span>` : nothing}
      </td>
      <td class="installment" data-label=${t.statement.installment}>${line.installment ? t.statement.installmentOf(line.installment.number, line.installment.count) : nothing}</td>
      <td class="number ${line.amount < 0 ? 'credit' : ''}">${i18n.money(line.amount, currency)}</td>
      ${ask
        ? html`<td class="ask">
            <button part="ask-button" type="button" data-line=${index} aria-label=${t.chatAskLabel(this.#what(line), date)}>${t.chatAsk}</button>
          </td>`
        : nothing}
    </tr>`;
  }

  #header(data: StatementData, statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term.statement;
    const shopper = this.#data.shopper;
    return html`<div part="header">
      <div class="heading">
        <h2>${t.title} · ${i18n.month(statement.period)}</h2>
        <p class="period-dates muted">${t.periodDates(i18n.date(statement.periodStart, { day: 'numeric', month: 'long' }), this.#longDate(statement.closingDate))}</p>
        ${shopper.status === 'ready'
          ? html`<p class="cardholder muted">${isolatedText(t.cardholder(`${shopper.me.firstName} ${shopper.me.lastName}`, shopper.me.merchant.name))}</p>`
          : nothing}
      </div>
      <label class="muted">
        ${t.period}
        <select part="period-picker" .value=${statement.period} @change=${this.#onPeriodChange} ?disabled=${this.busy !== null}>
          ${data.list.statements.map(
            (s) => html`<option value=${s.period} ?selected=${s.period === statement.period}>
              ${s.status === 'open' ? t.inProgress(i18n.month(s.period)) : i18n.month(s.period)}
            </option>`,
          )}
        </select>
      </label>
    </div>`;
  }

  #longDate(date: string): string {
    return this.#i18n.date(date, { dateStyle: 'long' });
  }

  #pay(statement: Statement, money: Money) {
    const t = this.#i18n.term.statement;
    const settlement = statement.settlement;
    const payable = this.#payable(statement);
    const payment = this.#payment.status;
    if (!settlement && !payable && payment.status === 'idle') return nothing;
    const status =
      payment.status === 'processing'
        ? t.payProcessing
        : payment.status === 'received'
          ? t.payReceived(this.#i18n.money(payment.amount, payment.currency))
          : payment.status === 'missing'
            ? t.payMissing
            : nothing;
    return html`<div part="pay">
      ${settlement
        ? html`${figures(
            [
              [t.paidSinceClosing, money(settlement.paid)],
              [t.remaining, money(settlement.remaining)],
              [t.minimumRemaining, money(settlement.minimumRemaining)],
            ],
            'settlement',
          )}
          ${settlement.remaining <= 0 ? html`<p class="paid-in-full">${t.paidInFull}</p>` : nothing}
          ${settlement.overdue
            ? html`<p class="overdue" role="note">${t.overdue(this.#longDate(statement.dueDate), money(settlement.minimumRemaining))}</p>`
            : nothing}`
        : nothing}
      ${payable
        ? html`<button
              part="pay-button"
              type="button"
              class="primary"
              aria-expanded=${this.payOpen ? 'true' : 'false'}
              aria-controls=${this.payOpen ? 'pay-form' : nothing}
              aria-disabled=${payment.status === 'processing' ? 'true' : 'false'}
              @click=${this.#togglePay}
            >
              ${t.pay}
            </button>
            ${this.payOpen ? this.#payForm(statement, payable, money) : nothing}`
        : nothing}
      <p part="pay-status" class=${status === nothing ? 'visually-hidden' : nothing} role="status">${status}</p>
      ${payment.status === 'missing' ? html`<button part="refresh-button" type="button" @click=${() => this.#payment.checkAgain()}>${t.payRefresh}</button>` : nothing}
    </div>`;
  }

  #payForm(statement: Statement, payable: Payable, money: Money) {
    const t = this.#i18n.term.statement;
    const digits = this.#i18n.minorDigits(statement.currency);
    const choices: Array<[choice: PayChoice, label: string, amount?: number]> = [
      ['total', statement.status === 'open' ? t.balanceToDate : t.payTotal, payable.total],
      ['other', t.payOther],
    ];
    if (payable.minimum !== null) choices.unshift(['minimum', t.payMinimum, payable.minimum]);
    const error = this.payError;
    const errors = t.payErrors;
    const message = !error
      ? nothing
      : error.kind === 'decimals'
        ? errors.decimals(error.digits)
        : error.kind === 'too-much'
          ? errors['too-much'](money(error.max))
          : errors[error.kind];
    return html`<form
      id="pay-form"
      part="pay-form"
      novalidate
      @change=${this.#onPayChange}
      @keydown=${this.#onPayKeydown}
      @submit=${(event: SubmitEvent) => this.#onPaySubmit(event, statement, payable)}
    >
      <fieldset>
        <legend>${t.payTitle}</legend>
        ${choices.map(
          ([choice, label, amount]) => html`<label class="choice">
            <input type="radio" name="choice" value=${choice} .checked=${this.payChoice === choice} />
            <span>${label}</span>
            ${amount !== undefined ? html`<span class="amount">${money(amount)}</span>` : nothing}
          </label>`,
        )}
        ${this.payChoice === 'other'
          ? html`<div class="other-amount">
              <label for="pay-amount">${t.payAmount(statement.currency)}</label>
              <input
                id="pay-amount"
                part="pay-amount"
                name="amount"
                type="number"
                inputmode=${digits > 0 ? 'decimal' : 'numeric'}
                step=${1 / 10 ** digits}
                autocomplete="off"
                aria-invalid=${error ? 'true' : 'false'}
                aria-describedby="pay-amount-hint pay-amount-error"
              />
              <span id="pay-amount-hint" class="detail">${t.payUpTo(money(payable.total))}</span>
              <span id="pay-amount-error" part="pay-error" role=${error ? 'alert' : nothing}>${message}</span>
            </div>`
          : nothing}
      </fieldset>
      <div class="pay-actions">
        <button part="pay-confirm-button" type="submit" class="primary">${t.payConfirm}</button>
        <button part="pay-cancel-button" type="button" @click=${this.#closePay}>${t.payCancel}</button>
      </div>
    </form>`;
  }

  #payoff(statement: Statement, money: Money) {
    const t = this.#i18n.term.statement;
    const { minimumOnly, payInFullSaves } = statement.payoff;
    // Nothing to decide once the statement is paid.
    if (statement.closingBalance <= 0 || (statement.settlement && statement.settlement.remaining <= 0)) return nothing;
    if (minimumOnly.months === 1 && minimumOnly.totalInterest === 0) {
      return html`<p part="payoff">${t.payoffWholeBalance(this.#longDate(statement.dueDate))}</p>`;
    }
    if (payInFullSaves <= 0 && minimumOnly.months !== null) return nothing;
    return html`<p part="payoff">
      ${minimumOnly.months === null ? t.payoffNever : t.payoffMinimum(minimumOnly.months, money(minimumOnly.totalInterest))}
      ${payInFullSaves > 0 ? t.payoffSaves(money(payInFullSaves)) : nothing}
    </p>`;
  }

  /** The disclosures below the summary: the cycle's figures, how the minimum is made up, rates, coming installments, prepaying. */
  #disclosures(statement: Statement, money: Money) {
    const i18n = this.#i18n;
    const t = i18n.term.statement;
    // Rates with two decimals, as Chilean statements write them ("2,50%"); shares with as many as they need ("5%").
    const percent = (bps: number, decimals = 0) => i18n.number(bps / 10_000, { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: 2 });
    const { minimum, rates, upcomingInstallments: upcoming, prepayment } = statement;
    return html`<div part="disclosures">
      <div>
        <h3>${t.summary}</h3>
        ${figures(
          [
            [t.previous, money(statement.previousBalance)],
            [t.purchases, money(statement.purchases)],
            [t.installments, money(statement.installments)],
            [t.payments, money(negative(statement.payments))],
            [t.credits, money(negative(statement.credits))],
            [t.fees, money(statement.fees)],
            [t.interest, money(statement.interest)],
            [statement.status === 'open' ? t.balanceToDate : t.closingBalance, money(statement.closingBalance), 'total'],
          ],
          'figures',
        )}
      </div>
      ${minimum && statement.closingBalance > 0
        ? disclosure(
            'minimum',
            t.minimumTitle,
            html`${figures([
              [
                html`${t.nonFinanceable}
                ${minimum.pastDue > 0 ? html`<span class="detail past-due">${t.pastDue(money(minimum.pastDue))}</span>` : nothing}`,
                money(minimum.nonFinanceable),
              ],
              [t.financeableShare(percent(minimum.financeableShareBps), money(minimum.financeable)), money(Math.max(0, statement.minimumPayment - minimum.nonFinanceable))],
              [t.minimumPayment, money(statement.minimumPayment), 'total'],
            ])}
            ${minimum.interestFreeInstallmentsShareBps > 0
              ? html`<p class="detail">${t.interestFreeShare(percent(minimum.interestFreeInstallmentsShareBps))}</p>`
              : nothing}`,
          )
        : nothing}
      ${rates
        ? disclosure(
            'rates',
            t.ratesTitle,
            table(
              'rates',
              [[''], [t.revolving, true], [t.installmentPurchases, true]],
              (
                [
                  [t.monthlyRate, 'monthlyBps'],
                  [t.annualRate, 'annualBps'],
                  [t.cae, 'caeBps'],
                ] as const
              ).map(([label, key]) => [label, percent(rates.revolving[key], 2), percent(rates.installments[key], 2)]),
            ),
          )
        : nothing}
      ${upcoming && upcoming.length > 0
        ? disclosure(
            'upcoming',
            t.upcomingTitle,
            html`${table(
                'upcoming',
                [[t.upcomingDue], [t.amount, true]],
                upcoming.map((due) => [i18n.date(due.dueDate), money(due.amount)]),
              )}
              <p class="detail">${t.upcomingNote}</p>`,
          )
        : nothing}
      ${prepayment
        ? disclosure(
            'prepayment',
            t.prepaymentTitle,
            html`${figures([[t.prepaymentTotal, money(prepayment.total)]])}
            ${prepayment.plans.length > 0
              ? html`<details>
                  <summary>${t.prepaymentPlans(prepayment.plans.length)}</summary>
                  ${table(
                    'prepayment',
                    [[t.prepaymentPurchase], [t.prepaymentCapital, true], [t.prepaymentCommission, true]],
                    prepayment.plans.map((plan) => [
                      html`<bdi>${plan.description}</bdi> <span class="detail">${t.prepaymentLeft(plan.installmentsLeft, money(plan.scheduled))}</span>`,
                      money(plan.capital),
                      money(plan.commission),
                    ]),
                  )}
                </details>`
              : nothing}`,
          )
        : nothing}
    </div>`;
  }

  #transactions(data: StatementData, statement: Statement) {
    const t = this.#i18n.term;
    const ask = this.#support.store?.available ?? false;
    return html`<div>
      <h3 id="transactions-title">${t.statement.transactions}</h3>
      ${data.lines.length === 0
        ? html`<p part="message">${t.statement.noTransactions}</p>`
        : html`<div class="table-wrap">
            <table part="table" aria-labelledby="transactions-title">
              <thead>
                <tr>
                  <th scope="col">${t.statement.date}</th>
                  <th scope="col">${t.statement.description}</th>
                  <th scope="col">${t.statement.installment}</th>
                  <th scope="col" class="number">${t.statement.amount}</th>
                  ${ask ? html`<th scope="col" class="ask"><span class="visually-hidden">${t.chatAsk}</span></th>` : nothing}
                </tr>
              </thead>
              <tbody @click=${ask ? (event: Event) => this.#onAsk(event, data.lines, statement.period) : nothing}>
                ${repeat(data.lines, (line) => line, (line, index) => this.#row(line, index, statement.currency, ask))}
              </tbody>
            </table>
          </div>`}
    </div>`;
  }

  #actions(data: StatementData, statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const busy = this.busy;
    const action = (part: string, kind: NonNullable<typeof busy>, label: string, run: () => void) =>
      html`<button part=${part} type="button" @click=${run} ?disabled=${busy !== null}>${busy === kind ? t.statement.preparing : label}</button>`;
    return html`<div part="actions">
      <span class="count muted" role="status">${t.statement.showing(i18n.number(data.lines.length), i18n.number(statement.transactionCount))}</span>
      ${data.nextCursor
        ? html`<button part="load-more-button" type="button" @click=${() => this.#loadMore()} ?disabled=${busy !== null}>
            ${busy === 'more' ? t.loading : t.statement.loadMore}
          </button>`
        : nothing}
      ${action('download-button', 'csv', t.statement.download, () => this.#download('csv'))}
      ${action('pdf-button', 'pdf', t.statement.downloadPdf, () => this.#download('pdf'))}
      ${action('print-button', 'print', t.statement.print, () => this.#print())}
    </div>`;
  }

  #statement(data: StatementData, statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const money: Money = (amount) => i18n.money(amount, statement.currency);
    const open = statement.status === 'open';
    const used = Math.max(0, statement.creditLimit - statement.availableCredit);
    const usage = t.statement.usage(money(used), money(statement.creditLimit));
    return html`<section part="base" aria-label=${t.statement.title} aria-busy=${this.busy === 'period' ? 'true' : 'false'}>
      ${this.#header(data, statement)}
      ${open ? html`<p class="note">${t.statement.openNote(this.#longDate(statement.closingDate))}</p>` : nothing}
      ${figures(
        [
          [open ? t.statement.balanceToDate : t.statement.closingBalance, money(statement.closingBalance), 'highlight'],
          [t.statement.minimumPayment, money(statement.minimumPayment), 'highlight'],
          [t.statement.dueDate, this.#longDate(statement.dueDate)],
          [t.statement.creditLimit, money(statement.creditLimit)],
          [t.statement.availableCredit, money(statement.availableCredit)],
          [t.statement.pending, money(statement.pendingInstallments)],
        ],
        'summary',
      )}
      <div part="usage" class="muted">
        <meter min="0" max=${statement.creditLimit} value=${Math.min(used, statement.creditLimit)} aria-label=${usage}></meter>
        <span aria-hidden="true">${usage}</span>
      </div>
      ${this.#pay(statement, money)} ${this.#payoff(statement, money)} ${this.#disclosures(statement, money)} ${this.#transactions(data, statement)}
      ${this.#failure ? html`<p part="message" role="alert">${errorMessage(this.#failure, t)}</p>` : nothing}
      ${this.#actions(data, statement)}
    </section>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const state = this.#data.state;
    if (state.status !== 'ready') return notReadyView(state, t.statement.title, t.statement.signedOut, t, () => this.#data.retry());
    const { statement } = state.value;
    if (!statement) {
      const shopper = this.#data.shopper;
      return messageView(t.statement.title, t.statement.noCard(shopper.status === 'ready' ? shopper.me.merchant.name : ''));
    }
    return this.#statement(state.value, statement);
  }
}
