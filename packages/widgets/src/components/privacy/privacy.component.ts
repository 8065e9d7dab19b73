import type { Client } from '@clientela/client';
import type { AccessLogEntry, ConsentPurpose, Consents, CustomerExport } from '@clientela/contract';
import { exportMyData, getMyConsents, putMyConsents, requestMyErasure } from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { CrmConsentChangeEvent } from '../../events/consent-change.ts';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmPrivacyEraseEvent } from '../../events/privacy-erase.ts';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { ShopperResource } from '../../internal/shopper-resource.ts';
import { messageView, notReadyView } from '../../internal/state-views.ts';
import { SupportPresence } from '../../state/chat/support-presence.ts';
import { StoreController } from '../../state/store-controller.ts';
import styles from './privacy.styles.ts';

interface PrivacyData {
  consents: Consents;
  held: CustomerExport;
}

/**
 * Place it inside `<crm-portal>`, on the shopper's account page. It shows what
 * the store keeps about the shopper, their consents as switches (each change
 * is recorded with the text version the store shows), a download of all
 * their data as JSON, who at the store looked at their data, and the request
 * to erase it, which asks for a confirmation first. Once erased, the
 * shopper's session has ended: the page should sign them out on
 * `crm-privacy-erase`.
 *
 * @summary The shopper's data and privacy: what the store keeps, their consents, a copy of their data, who looked at it, and erasure.
 *
 * @csspart base - The panel's box.
 * @csspart held - What the store keeps: profile and counts.
 * @csspart correct-button - Asks the store, in the page's `<crm-support-chat>`, to correct the data (shown when there is one).
 * @csspart consents - The list of consents.
 * @csspart consent - One consent: its switch, label and hint.
 * @csspart download-button - Downloads all the shopper's data as JSON.
 * @csspart access-log - Who at the store looked at the data.
 * @csspart erase - The erasure section.
 * @csspart erase-button - Asks to erase; then confirms.
 * @csspart cancel-button - Keeps the data after asking.
 * @csspart status - Announces a saved choice.
 * @csspart message - The signed-out, erased or error message.
 * @csspart retry-button - The button that tries loading again after an error.
 *
 * @cssproperty --crm-privacy-background - Background of the box; defaults to --crm-color-surface.
 * @cssproperty --crm-privacy-accent - Colour of the switches and buttons; defaults to --crm-color-accent.
 * @cssproperty --crm-privacy-border - Border colour; defaults to --crm-color-border.
 * @cssproperty --crm-privacy-radius - Corner radius; defaults to --crm-radius.
 *
 * @fires {CrmConsentChangeEvent} crm-consent-change - The shopper gave or withdrew a consent; `purpose` and `granted` say which.
 * @fires {CrmSupportRequestEvent} crm-support-request - The shopper asks the store to correct their data; `<crm-support-chat>` opens a conversation about it.
 * @fires {CrmPrivacyEraseEvent} crm-privacy-erase - The shopper's data was erased and their session ended: sign them out.
 * @fires {CrmErrorEvent} crm-error - Loading or saving failed, or the API refused the page or the shopper's token; `reason` says what to fix.
 */
export class CrmPrivacy extends CrmElement {
  static override styles = styles;
  static override properties = { confirmation: { state: true }, status: { state: true }, erased: { state: true } };

  /** The confirmation the API gave when the shopper asked to erase; set while it waits for them. */
  declare confirmation: string | undefined;
  /** What the polite status line says last. */
  declare status: string;
  declare erased: boolean;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  /** Whether a chat on the page will take a request to correct the data (the store's backend owns the profile). */
  readonly #support = new StoreController(this, SupportPresence);
  readonly #data = new ShopperResource<PrivacyData>(this, {
    load: async (client) => {
      const [consents, held] = await Promise.all([client.call(getMyConsents), client.call(exportMyData)]);
      return { consents, held };
    },
  });

  constructor() {
    super();
    this.status = '';
    this.erased = false;
  }

  async #act<T>(work: (client: Client) => Promise<T>): Promise<T | undefined> {
    const client = this.#data.client;
    if (!client) return undefined;
    try {
      return await work(client);
    } catch (error) {
      this.emit(new CrmErrorEvent(error, this.localName));
      return undefined;
    }
  }

  async #toggle(purpose: ConsentPurpose, granted: boolean, data: PrivacyData): Promise<void> {
    const consents = await this.#act((client) => client.call(putMyConsents, { body: { textVersion: data.consents.textVersion, consents: { [purpose]: granted } } }));
    if (!consents) return this.#data.reload();
    this.#data.update({ ...data, consents });
    this.status = this.#i18n.term.privacy.consentSaved;
    this.emit(new CrmConsentChangeEvent(purpose, granted));
  }

  async #download(): Promise<void> {
    const held = await this.#act((client) => client.call(exportMyData));
    if (!held) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(held, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${held.store.name}-${held.profile.id}.json`.replace(/[^\w.-]+/g, '-').toLowerCase();
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async #erase(): Promise<void> {
    const step = await this.#act((client) => client.call(requestMyErasure, { body: this.confirmation === undefined ? {} : { confirmation: this.confirmation } }));
    if (!step) return;
    if (step.status === 'confirm') {
      this.confirmation = step.confirmation;
      return;
    }
    this.confirmation = undefined;
    this.erased = true;
    this.emit(new CrmPrivacyEraseEvent(step.erasedAt));
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const p = t.privacy;
    if (this.erased) return messageView(p.title, p.erased);
    const state = this.#data.state;
    if (state.status !== 'ready') return notReadyView(state, p.title, p.signedOut, t, () => this.#data.retry());
    const data = state.value;
    const { profile } = data.held;
    const value = (text: string | null) => (text === null ? p.none : isolatedText(text));
    return html`<section part="base" aria-label=${p.title}>
      <h2>${p.title}</h2>
      <div part="held">
        <h3>${p.heldTitle}</h3>
        <dl>
          <dt>${p.profile}</dt>
          <dd>${isolatedText(`${profile.firstName} ${profile.lastName}`)}</dd>
          <dt>${p.email}</dt>
          <dd>${value(profile.email)}</dd>
          <dt>${p.phone}</dt>
          <dd>${value(profile.phone)}</dd>
          <dt>${p.birthday}</dt>
          <dd>${profile.birthday === null ? p.none : this.#i18n.date(`${profile.birthday}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' })}</dd>
        </dl>
        <p>${p.counts(data.held.orders.length, data.held.conversations.length, data.held.wishlist.length, data.held.points.ledger.length)}</p>
        ${this.#support.store?.available
          ? html`<button part="correct-button" type="button" @click=${() => this.emit(new CrmSupportRequestEvent(p.correctSubject))}>${p.correct}</button>`
          : html`<p>${p.correctElsewhere}</p>`}
      </div>
      <fieldset part="consents">
        <legend>${p.consentsTitle}</legend>
        ${data.consents.items.map(
          (consent) => html`<label part="consent">
            <input type="checkbox" role="switch" .checked=${consent.granted} @change=${(event: Event) => this.#toggle(consent.purpose, (event.target as HTMLInputElement).checked, data)} />
            <span><strong>${p.purposes[consent.purpose].label}</strong> <small>${p.purposes[consent.purpose].hint}</small></span>
          </label>`,
        )}
      </fieldset>
      <p part="status" role="status">${this.status}</p>
      <div>
        <h3>${p.downloadTitle}</h3>
        <button part="download-button" type="button" @click=${() => this.#download()}>${p.download}</button>
      </div>
      <div part="access-log">
        <h3>${p.accessTitle}</h3>
        ${data.held.accessLog.length === 0 ? html`<p>${p.accessEmpty}</p>` : html`<ul>${data.held.accessLog.map((entry) => this.#accessEntry(entry))}</ul>`}
      </div>
      <div part="erase">
        <h3>${p.eraseTitle}</h3>
        <p>${this.confirmation === undefined ? p.eraseNote : p.eraseConfirmNote}</p>
        <button part="erase-button" type="button" class="danger" @click=${() => this.#erase()}>${this.confirmation === undefined ? p.eraseAsk : p.eraseConfirm}</button>
        ${this.confirmation === undefined ? nothing : html`<button part="cancel-button" type="button" @click=${() => (this.confirmation = undefined)}>${p.eraseCancel}</button>`}
      </div>
    </section>`;
  }

  #accessEntry(entry: AccessLogEntry): TemplateResult {
    const p = this.#i18n.term.privacy;
    const who = entry.by.kind === 'staff' ? entry.by.name : p.accessBackend;
    return html`<li><time datetime=${entry.at}>${this.#i18n.date(entry.at, { dateStyle: 'medium', timeStyle: 'short' })}</time> · ${isolatedText(p.accessEntry(who, p.accessViews[entry.view]))}</li>`;
  }
}
