import { ApiError } from '@clientela/client';
import type { TillRedemption } from '@clientela/contract';
import { getRedemption, useRedemption } from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { formText, problemText, type Office } from './office.ts';

/** At the till: a code typed or scanned (a scanner types it and presses Enter), the redemption it names, and marking it used. */
export class TillPage {
  readonly #office: Office;
  redemption: TillRedemption | null = null;
  /** What the last look-up or use came to, said aloud. */
  message: { kind: 'error' | 'ok'; text: string } | null = null;
  busy = false;

  constructor(office: Office) {
    this.#office = office;
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = null;
    this.#office.update();
    try {
      await action();
    } catch (error) {
      const t = this.#office.terms;
      this.message = { kind: 'error', text: error instanceof ApiError && error.status === 404 ? t.unknownCode : problemText(error, t) };
      if (error instanceof ApiError && error.status === 401) this.#office.failed(error);
    }
    this.busy = false;
    this.#office.update();
  }

  #lookUp(event: SubmitEvent): void {
    event.preventDefault();
    const { code = '' } = formText(event.target as HTMLFormElement);
    this.redemption = null;
    void this.#run(async () => {
      this.redemption = await this.#office.client.call(getRedemption, { params: { code } });
    });
  }

  #use(code: string): void {
    void this.#run(async () => {
      try {
        this.redemption = await this.#office.client.call(useRedemption, { params: { code } });
        this.message = { kind: 'ok', text: this.#office.terms.honoured(this.redemption.reward.name, `${this.redemption.customer.firstName} ${this.redemption.customer.lastName}`) };
      } catch (error) {
        // Used or expired meanwhile: show the redemption as it stands now, beside the refusal.
        if (error instanceof ApiError && error.status === 409) this.redemption = await this.#office.client.call(getRedemption, { params: { code } }).catch(() => this.redemption);
        throw error;
      }
    });
  }

  render(): TemplateResult {
    const { terms: t } = this.#office;
    return html`<form class="till" part="till" @submit=${(event: SubmitEvent) => this.#lookUp(event)}>
        <label for="code">${t.code}</label>
        <input id="code" class="field code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" required aria-describedby="code-hint" />
        <span id="code-hint" class="meta">${t.codeHint}</span>
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.lookUp}</button>
      </form>
      <div role="status" aria-live="polite" class="till-message ${this.message?.kind ?? ''}" part="till-message">${this.message?.text ?? ''}</div>
      ${this.redemption ? this.#card(this.redemption) : nothing}`;
  }

  #card(redemption: TillRedemption): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const when = (iso: string) => i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<section class="card redemption" part="redemption" data-status=${redemption.status} aria-labelledby="redemption-title">
      <h3 id="redemption-title">${redemption.reward.name}</h3>
      <p class="status ${redemption.status}">${t.redemptionStatus[redemption.status]}</p>
      <dl class="figures">
        <div><dt>${t.code}</dt><dd>${redemption.code}</dd></div>
        <div>
          <dt>${t.customer}</dt>
          <dd><button type="button" class="link" @click=${() => this.#office.openCustomer(redemption.customer.id)}>${redemption.customer.firstName} ${redemption.customer.lastName}</button></dd>
        </div>
        <div><dt>${t.cost}</dt><dd>${i18n.number(redemption.cost)}</dd></div>
        <div><dt>${t.redeemedOn}</dt><dd>${when(redemption.createdAt)}</dd></div>
        ${redemption.expiresAt ? html`<div><dt>${t.expires}</dt><dd>${when(redemption.expiresAt)}</dd></div>` : nothing}
        ${redemption.usedAt
          ? html`<div><dt>${t.usedAt}</dt><dd>${when(redemption.usedAt)} · ${redemption.usedBy?.kind === 'staff' ? redemption.usedBy.name : t.backend}</dd></div>`
          : nothing}
      </dl>
      ${redemption.status === 'valid'
        ? html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.#use(redemption.code)}>${t.markUsed}</button>`
        : nothing}
    </section>`;
  }
}
