import type { Client } from '@clientela/client';
import type { Locale, Statement, StatementLine, StatementList } from '@clientela/contract';
import { exportMyStatement, getMyStatement, listMyStatements } from '@clientela/contract/routes';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmStatementPayEvent } from '../../events/statement-pay.ts';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
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

/** Money going the other way, without the "−0" of an empty total. */
const negative = (amount: number) => (amount === 0 ? 0 : -amount);

/** Lines per request when the shopper asks for all of them (printing). */
const bulkPageSize = 1000;

/** Decimals of a currency's minor unit: 0 for CLP, 2 for USD. */
const minorDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

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

// Rates are written as Chilean statements write them ("2,50%"), so with the same regional tags as the money.
const percentTags: Record<Locale, string> = { es: 'es-CL', en: 'en-US' };
const percentFormats = new Map<string, Intl.NumberFormat>();

/** Basis points as a percentage: rates with two decimals ("2,50%"), shares with as many as they need ("5%"). */
function percent(locale: Locale, bps: number, style: 'rate' | 'share'): string {
  const key = `${locale} ${style}`;
  let format = percentFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(percentTags[locale], { style: 'percent', minimumFractionDigits: style === 'rate' ? 2 : 0, maximumFractionDigits: 2 });
    percentFormats.set(key, format);
  }
  return format.format(bps / 10_000);
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
 * @fires {CrmErrorEvent} crm-error - Loading or downloading failed.
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
      this.payOpen = false;
      this.payError = null;
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

  async #download(format: ExportFormat): Promise<void> {
    await this.#work(format, async (client, data) => {
      this.#failure = null;
      const period = data.statement!.period;
      const blob = await client.call(exportMyStatement, { params: { period }, query: { format, locale: this.#i18n.locale } });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${this.#i18n.term.statementTitle}-${period}.${format}`.replace(/\s+/g, '-').toLowerCase();
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

  get #payButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[part~=pay-button]');
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
    this.#payButton?.focus();
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
      const parsed = parseAmount(input.value, minorDigits(statement.currency), payable.total);
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
    const shown = data.statement?.period === paid.period;
    this.#data.update({
      ...data,
      list: list ?? data.list,
      ...(shown ? { statement: paid, lines: paid.transactions.items, nextCursor: paid.transactions.nextCursor } : {}),
    });
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
    // data-label names the column on narrow screens, where the rows stack as cards.
    return html`<tr>
      <td class="date">${date}</td>
      <td class="description">
        ${this.#describe(line)}
        ${line.purchaseTotal !== null ? html`<span class="detail">${t.statementPurchaseTotal(i18n.money(line.purchaseTotal, currency))}</span>` : nothing}
      </td>
      <td class="installment" data-label=${t.statementInstallment}>${line.installment ? t.statementInstallmentOf(line.installment.number, line.installment.count) : nothing}</td>
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
    const t = i18n.term;
    const shopper = this.#data.shopper;
    return html`<div part="header">
      <div class="heading">
        <h2>${t.statementTitle} · ${i18n.month(statement.period)}</h2>
        <p class="period-dates">
          ${t.statementPeriodDates(i18n.date(statement.periodStart, { day: 'numeric', month: 'long' }), i18n.date(statement.closingDate, { dateStyle: 'long' }))}
        </p>
        ${shopper.status === 'ready'
          ? html`<p class="cardholder">${t.statementCardholder(`${shopper.me.firstName} ${shopper.me.lastName}`, shopper.me.merchant.name)}</p>`
          : nothing}
      </div>
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
    </div>`;
  }

  #pay(statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    const settlement = statement.settlement;
    const payable = this.#payable(statement);
    const payment = this.#payment.status;
    if (!settlement && !payable && payment.status === 'idle') return nothing;
    const status =
      payment.status === 'processing'
        ? t.statementPayProcessing
        : payment.status === 'received'
          ? t.statementPayReceived(i18n.money(payment.amount, payment.currency))
          : payment.status === 'missing'
            ? t.statementPayMissing
            : nothing;
    return html`<div part="pay">
      ${settlement
        ? html`<dl part="settlement">
            <div><dt>${t.statementPaidSinceClosing}</dt><dd>${money(settlement.paid)}</dd></div>
            <div><dt>${t.statementRemaining}</dt><dd>${money(settlement.remaining)}</dd></div>
            <div><dt>${t.statementMinimumRemaining}</dt><dd>${money(settlement.minimumRemaining)}</dd></div>
          </dl>`
        : nothing}
      ${settlement && settlement.remaining <= 0 ? html`<p class="paid-in-full">${t.statementPaidInFull}</p>` : nothing}
      ${settlement?.overdue
        ? html`<p class="overdue" role="note">${t.statementOverdue(i18n.date(statement.dueDate, { dateStyle: 'long' }), money(settlement.minimumRemaining))}</p>`
        : nothing}
      ${payable
        ? html`<button
            part="pay-button"
            type="button"
            aria-expanded=${this.payOpen ? 'true' : 'false'}
            aria-controls=${this.payOpen ? 'pay-form' : nothing}
            aria-disabled=${payment.status === 'processing' ? 'true' : 'false'}
            @click=${this.#togglePay}
          >
            ${t.statementPay}
          </button>`
        : nothing}
      ${payable && this.payOpen ? this.#payForm(statement, payable) : nothing}
      <p part="pay-status" role="status">${status}</p>
      ${payment.status === 'missing' ? html`<button part="refresh-button" type="button" @click=${() => this.#payment.checkAgain()}>${t.statementPayRefresh}</button>` : nothing}
    </div>`;
  }

  #payErrorText(error: PayError, currency: string): string {
    const i18n = this.#i18n;
    const errors = i18n.term.statementPayErrors;
    if (error.kind === 'decimals') return errors.decimals(error.digits);
    if (error.kind === 'too-much') return errors['too-much'](i18n.money(error.max, currency));
    return errors[error.kind];
  }

  #payForm(statement: Statement, payable: Payable) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    const digits = minorDigits(statement.currency);
    const choices: Array<{ choice: PayChoice; label: string; amount: number | null }> = [
      ...(payable.minimum !== null ? [{ choice: 'minimum' as const, label: t.statementPayMinimum, amount: payable.minimum }] : []),
      { choice: 'total', label: statement.status === 'open' ? t.statementBalanceToDate : t.statementPayTotal, amount: payable.total },
      { choice: 'other', label: t.statementPayOther, amount: null },
    ];
    const error = this.payError;
    return html`<form
      id="pay-form"
      part="pay-form"
      novalidate
      @change=${this.#onPayChange}
      @keydown=${this.#onPayKeydown}
      @submit=${(event: SubmitEvent) => this.#onPaySubmit(event, statement, payable)}
    >
      <fieldset>
        <legend>${t.statementPayTitle}</legend>
        ${choices.map(
          ({ choice, label, amount }) => html`<label class="choice">
            <input type="radio" name="choice" value=${choice} .checked=${this.payChoice === choice} />
            <span>${label}</span>
            ${amount !== null ? html`<span class="amount">${money(amount)}</span>` : nothing}
          </label>`,
        )}
        ${this.payChoice === 'other'
          ? html`<div class="other-amount">
              <label for="pay-amount">${t.statementPayAmount(statement.currency)}</label>
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
              <span id="pay-amount-hint" class="detail">${t.statementPayUpTo(money(payable.total))}</span>
              <span id="pay-amount-error" part="pay-error" role=${error ? 'alert' : nothing}>${error ? this.#payErrorText(error, statement.currency) : nothing}</span>
            </div>`
          : nothing}
      </fieldset>
      <div class="pay-actions">
        <button part="pay-confirm-button" type="submit">${t.statementPayConfirm}</button>
        <button part="pay-cancel-button" type="button" @click=${this.#closePay}>${t.statementPayCancel}</button>
      </div>
    </form>`;
  }

  #payoff(statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    const { minimumOnly, payInFullSaves } = statement.payoff;
    // Nothing to decide once the statement is paid.
    if (statement.closingBalance <= 0 || (statement.settlement && statement.settlement.remaining <= 0)) return nothing;
    if (minimumOnly.months === 1 && minimumOnly.totalInterest === 0) {
      return html`<p part="payoff">${t.statementPayoffWholeBalance(i18n.date(statement.dueDate, { dateStyle: 'long' }))}</p>`;
    }
    if (payInFullSaves <= 0 && minimumOnly.months !== null) return nothing;
    return html`<p part="payoff">
      ${minimumOnly.months === null ? t.statementPayoffNever : t.statementPayoffMinimum(minimumOnly.months, money(minimumOnly.totalInterest))}
      ${payInFullSaves > 0 ? t.statementPayoffSaves(money(payInFullSaves)) : nothing}
    </p>`;
  }

  #figures(statement: Statement) {
    const t = this.#i18n.term;
    const money = (amount: number) => this.#i18n.money(amount, statement.currency);
    return html`<div>
      <h3>${t.statementSummary}</h3>
      <dl part="figures">
        <dt>${t.statementPrevious}</dt><dd>${money(statement.previousBalance)}</dd>
        <dt>${t.statementPurchases}</dt><dd>${money(statement.purchases)}</dd>
        <dt>${t.statementInstallments}</dt><dd>${money(statement.installments)}</dd>
        <dt>${t.statementPayments}</dt><dd>${money(negative(statement.payments))}</dd>
        <dt>${t.statementCredits}</dt><dd>${money(negative(statement.credits))}</dd>
        <dt>${t.statementFees}</dt><dd>${money(statement.fees)}</dd>
        <dt>${t.statementInterest}</dt><dd>${money(statement.interest)}</dd>
        <dt class="total">${statement.status === 'open' ? t.statementBalanceToDate : t.statementClosingBalance}</dt><dd class="total">${money(statement.closingBalance)}</dd>
      </dl>
    </div>`;
  }

  #minimum(statement: Statement) {
    const minimum = statement.minimum;
    if (!minimum || statement.closingBalance <= 0) return nothing;
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    return html`<div part="minimum">
      <h3>${t.statementMinimumTitle}</h3>
      <dl>
        <dt>
          ${t.statementNonFinanceable}
          ${minimum.pastDue > 0 ? html`<span class="detail past-due">${t.statementPastDue(money(minimum.pastDue))}</span>` : nothing}
        </dt>
        <dd>${money(minimum.nonFinanceable)}</dd>
        <dt>${t.statementFinanceableShare(percent(i18n.locale, minimum.financeableShareBps, 'share'), money(minimum.financeable))}</dt>
        <dd>${money(Math.max(0, statement.minimumPayment - minimum.nonFinanceable))}</dd>
        <dt class="total">${t.statementMinimumPayment}</dt>
        <dd class="total">${money(statement.minimumPayment)}</dd>
      </dl>
      ${minimum.interestFreeInstallmentsShareBps > 0
        ? html`<p class="detail">${t.statementInterestFreeShare(percent(i18n.locale, minimum.interestFreeInstallmentsShareBps, 'share'))}</p>`
        : nothing}
    </div>`;
  }

  #rates(statement: Statement) {
    const rates = statement.rates;
    if (!rates) return nothing;
    const i18n = this.#i18n;
    const t = i18n.term;
    const rows = [
      [t.statementMonthlyRate, 'monthlyBps'],
      [t.statementAnnualRate, 'annualBps'],
      [t.statementCae, 'caeBps'],
    ] as const;
    return html`<div part="rates">
      <h3 id="rates-title">${t.statementRatesTitle}</h3>
      <table aria-labelledby="rates-title">
        <thead>
          <tr>
            <td></td>
            <th scope="col" class="number">${t.statementRevolving}</th>
            <th scope="col" class="number">${t.statementInstallmentPurchases}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([label, key]) => html`<tr>
              <th scope="row">${label}</th>
              <td class="number">${percent(i18n.locale, rates.revolving[key], 'rate')}</td>
              <td class="number">${percent(i18n.locale, rates.installments[key], 'rate')}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #upcoming(statement: Statement) {
    const upcoming = statement.upcomingInstallments;
    if (!upcoming || upcoming.length === 0) return nothing;
    const i18n = this.#i18n;
    const t = i18n.term;
    return html`<div part="upcoming">
      <h3 id="upcoming-title">${t.statementUpcomingTitle}</h3>
      <table aria-labelledby="upcoming-title">
        <thead>
          <tr>
            <th scope="col">${t.statementUpcomingDue}</th>
            <th scope="col" class="number">${t.statementAmount}</th>
          </tr>
        </thead>
        <tbody>
          ${upcoming.map(
            (due) => html`<tr>
              <td>${i18n.date(due.dueDate)}</td>
              <td class="number">${i18n.money(due.amount, statement.currency)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="detail">${t.statementUpcomingNote}</p>
    </div>`;
  }

  #prepayment(statement: Statement) {
    const prepayment = statement.prepayment;
    if (!prepayment) return nothing;
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    return html`<div part="prepayment">
      <h3 id="prepayment-title">${t.statementPrepaymentTitle}</h3>
      <dl>
        <dt>${t.statementPrepaymentTotal}</dt>
        <dd>${money(prepayment.total)}</dd>
      </dl>
      ${prepayment.plans.length > 0
        ? html`<details>
            <summary>${t.statementPrepaymentPlans(prepayment.plans.length)}</summary>
            <table aria-labelledby="prepayment-title">
              <thead>
                <tr>
                  <th scope="col">${t.statementPrepaymentPurchase}</th>
                  <th scope="col" class="number">${t.statementPrepaymentCapital}</th>
                  <th scope="col" class="number">${t.statementPrepaymentCommission}</th>
                </tr>
              </thead>
              <tbody>
                ${prepayment.plans.map(
                  (plan) => html`<tr>
                    <td>
                      ${plan.description}
                      <span class="detail">${t.statementPrepaymentLeft(plan.installmentsLeft, money(plan.scheduled))}</span>
                    </td>
                    <td class="number">${money(plan.capital)}</td>
                    <td class="number">${money(plan.commission)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </details>`
        : nothing}
    </div>`;
  }

  #transactions(data: StatementData, statement: Statement) {
    const t = this.#i18n.term;
    const ask = this.#support.store?.available ?? false;
    return html`<div>
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
    </div>`;
  }

  #actions(data: StatementData, statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const busy = this.busy;
    return html`<div part="actions">
      <span class="count" role="status">${t.statementShowing(i18n.number(data.lines.length), i18n.number(statement.transactionCount))}</span>
      ${data.nextCursor
        ? html`<button part="load-more-button" type="button" @click=${() => this.#loadMore()} ?disabled=${busy !== null}>
            ${busy === 'more' ? t.loading : t.statementLoadMore}
          </button>`
        : nothing}
      <button part="download-button" type="button" @click=${() => this.#download('csv')} ?disabled=${busy !== null}>
        ${busy === 'csv' ? t.statementPreparing : t.statementDownload}
      </button>
      <button part="pdf-button" type="button" @click=${() => this.#download('pdf')} ?disabled=${busy !== null}>
        ${busy === 'pdf' ? t.statementPreparing : t.statementDownloadPdf}
      </button>
      <button part="print-button" type="button" @click=${this.#print} ?disabled=${busy !== null}>
        ${busy === 'print' ? t.statementPreparing : t.statementPrint}
      </button>
    </div>`;
  }

  #statement(data: StatementData, statement: Statement) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const money = (amount: number) => i18n.money(amount, statement.currency);
    const open = statement.status === 'open';
    const used = Math.max(0, statement.creditLimit - statement.availableCredit);
    return html`<section part="base" aria-label=${t.statementTitle} aria-busy=${this.busy === 'period' ? 'true' : 'false'}>
      ${this.#header(data, statement)}
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
      ${this.#pay(statement)}
      ${this.#payoff(statement)}
      <div part="disclosures">
        ${this.#figures(statement)} ${this.#minimum(statement)} ${this.#rates(statement)} ${this.#upcoming(statement)} ${this.#prepayment(statement)}
      </div>
      ${this.#transactions(data, statement)}
      ${this.#failure ? html`<p part="message" role="alert">${errorMessage(this.#failure, t)}</p>` : nothing}
      ${this.#actions(data, statement)}
    </section>`;
  }

  protected override render(): TemplateResult {
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
