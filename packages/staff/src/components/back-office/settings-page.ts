import type { CardSettings, StoreKeys, StoreOrigins, SupportSettings, WebhookDelivery, WebhookEndpoint } from '@clientela/contract';
import {
  addOrigin,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getCardSettings,
  getKeys,
  getSupportSettings,
  listOrigins,
  listWebhookDeliveries,
  listWebhookEndpoints,
  putCardSettings,
  putSupportSettings,
  removeOrigin,
  retryWebhookDelivery,
  rollKeys,
} from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { change, formText, load, loadedView, may, outcomeView, type Loadable, type Office, type Outcome } from './office.ts';

type Hours = SupportSettings['hours'];

/** The card rules the form edits, each a whole number as the API keeps it; percentages are shown in percent. */
const cardPercentFields = ['minimumPaymentBps', 'monthlyInterestBps', 'installmentInterestBps'] as const;
const cardDayFields = ['closingDay', 'dueDays'] as const;
const cardMoneyFields = ['lateFee', 'defaultCreditLimit'] as const;

/** Settings: allowed origins, keys, card rules, support hours and webhooks. */
export class SettingsPage {
  readonly #office: Office;
  origins: Loadable<StoreOrigins> = { status: 'loading' };
  keys: Loadable<StoreKeys> = { status: 'loading' };
  card: Loadable<CardSettings> = { status: 'loading' };
  support: Loadable<SupportSettings> = { status: 'loading' };
  endpoints: Loadable<{ items: WebhookEndpoint[] }> = { status: 'loading' };
  deliveries: Loadable<{ items: WebhookDelivery[] }> = { status: 'loading' };
  /** Support hours being edited, before they are saved. */
  hours: Hours | null = null;
  /** A secret shown once: the new secret key, or a new endpoint's signing secret. */
  secret: { label: string; value: string } | null = null;
  outcomes: Record<'origins' | 'keys' | 'card' | 'support' | 'webhooks', Outcome> = { origins: null, keys: null, card: null, support: null, webhooks: null };

  constructor(office: Office) {
    this.#office = office;
  }

  load(): void {
    const { client } = this.#office;
    this.secret = null;
    this.hours = null;
    void load(this.#office, () => client.call(listOrigins), (state) => (this.origins = state));
    void load(this.#office, () => client.call(getKeys), (state) => (this.keys = state));
    void load(this.#office, () => client.call(getCardSettings), (state) => (this.card = state));
    void load(this.#office, () => client.call(getSupportSettings), (state) => (this.support = state));
    this.#loadWebhooks();
  }

  #loadWebhooks(): void {
    const { client } = this.#office;
    void load(this.#office, () => client.call(listWebhookEndpoints), (state) => (this.endpoints = state));
    void load(this.#office, () => client.call(listWebhookDeliveries, { query: { limit: 20 } }), (state) => (this.deliveries = state));
  }

  /** Runs a change, then says how it went under its section. */
  #change(section: keyof SettingsPage['outcomes'], action: () => Promise<string>): Promise<boolean> {
    return change(this.#office, action, (outcome) => (this.outcomes[section] = outcome));
  }

  async #addOrigin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { origin = '' } = formText(form);
    const added = await this.#change('origins', async () => {
      const before = this.origins.status === 'ready' ? this.origins.value.origins : [];
      const after = await this.#office.client.call(addOrigin, { body: { origin } });
      this.origins = { status: 'ready', value: after };
      // As the API keeps it: the origin as browsers send it.
      return this.#office.terms.originAdded(after.origins.find((allowed) => !before.includes(allowed)) ?? origin);
    });
    if (added) form.reset();
  }

  #removeOrigin(origin: string): void {
    void this.#change('origins', async () => {
      await this.#office.client.call(removeOrigin, { query: { origin } });
      this.origins = { status: 'ready', value: await this.#office.client.call(listOrigins) };
      return this.#office.terms.originRemoved(origin);
    });
  }

  #roll(event: SubmitEvent): void {
    event.preventDefault();
    const { key = 'secret', grace = '0' } = formText(event.target as HTMLFormElement);
    const { terms: t } = this.#office;
    if (!confirm(t.rollConfirm(key === 'secret' ? t.secretKey : t.publishableKey))) return;
    void this.#change('keys', async () => {
      const rolled = await this.#office.client.call(rollKeys, { body: { key: key === 'publishable' ? 'publishable' : 'secret', graceSeconds: Number(grace) } });
      this.keys = { status: 'ready', value: rolled };
      if (rolled.secretKey) this.secret = { label: t.newSecretKey, value: rolled.secretKey };
      return t.rolled;
    });
  }

  #saveCard(event: SubmitEvent, current: CardSettings): void {
    event.preventDefault();
    const fields = formText(event.target as HTMLFormElement);
    const whole = (name: string) => Number(fields[name]);
    const next: CardSettings = { ...current };
    for (const name of cardDayFields) next[name] = whole(name);
    for (const name of cardMoneyFields) next[name] = Math.round(whole(name) * 10 ** this.#office.i18n.minorDigits(this.#currency));
    for (const name of cardPercentFields) next[name] = Math.round(whole(name) * 100);
    void this.#change('card', async () => {
      this.card = { status: 'ready', value: await this.#office.client.call(putCardSettings, { body: next }) };
      return this.#office.terms.saved;
    });
  }

  get #currency(): string {
    return this.#office.currency;
  }

  #saveHours(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const rows = [...form.querySelectorAll<HTMLElement>('.hours-row')].map((row) => ({
      day: Number(row.querySelector<HTMLSelectElement>('select')!.value),
      opens: row.querySelector<HTMLInputElement>('[name=opens]')!.value,
      closes: row.querySelector<HTMLInputElement>('[name=closes]')!.value,
    }));
    void this.#change('support', async () => {
      this.support = { status: 'ready', value: await this.#office.client.call(putSupportSettings, { body: { hours: rows } }) };
      this.hours = null;
      return this.#office.terms.saved;
    });
  }

  async #addEndpoint(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { url = '', description = '' } = formText(form);
    const { terms: t, client } = this.#office;
    const added = await this.#change('webhooks', async () => {
      const endpoint = await client.call(createWebhookEndpoint, { body: { url, ...(description ? { description } : {}) } });
      this.secret = { label: t.signingSecret(endpoint.url), value: endpoint.secret };
      return t.endpointAdded;
    });
    if (added) {
      form.reset();
      this.#loadWebhooks();
    }
  }

  #deleteEndpoint(endpoint: WebhookEndpoint): void {
    const { terms: t, client } = this.#office;
    if (!confirm(t.deleteEndpointConfirm(endpoint.url))) return;
    void this.#change('webhooks', async () => {
      await client.call(deleteWebhookEndpoint, { params: { id: endpoint.id } });
      this.#loadWebhooks();
      return t.endpointDeleted;
    });
  }

  #retry(delivery: WebhookDelivery): void {
    const { terms: t, client } = this.#office;
    void this.#change('webhooks', async () => {
      await client.call(retryWebhookDelivery, { params: { id: delivery.id } });
      this.#loadWebhooks();
      return t.retrying;
    });
  }

  render(): TemplateResult {
    const { terms: t } = this.#office;
    return html`${this.secret
        ? html`<div class="secret" role="alert" part="secret">
            <p><strong>${this.secret.label}</strong></p>
            <p><code>${this.secret.value}</code></p>
            <p>${t.shownOnce}</p>
            <button type="button" @click=${() => ((this.secret = null), this.#office.update())}>${t.secretKept}</button>
          </div>`
        : nothing}
      <div class="sheet">
        <section class="card" aria-labelledby="origins-title" part="origins">
          <h3 id="origins-title">${t.origins}</h3>
          <p class="meta">${t.originsHelp}</p>
          ${loadedView(this.#office, this.origins, (origins) => this.#originList(origins.origins))}
          <form class="inline" @submit=${(event: SubmitEvent) => this.#addOrigin(event)}>
            <label>${t.newOrigin}<input class="field" name="origin" type="url" placeholder="https://shop.example" required maxlength="2048" /></label>
            <button type="submit" class="primary">${t.addOrigin}</button>
          </form>
          ${outcomeView(this.outcomes.origins)}
        </section>
        <section class="card" aria-labelledby="keys-title" part="keys">
          <h3 id="keys-title">${t.keys}</h3>
          ${loadedView(this.#office, this.keys, (keys) => this.#keys(keys))}
        </section>
        <section class="card" aria-labelledby="card-rules-title" part="card-rules">
          <h3 id="card-rules-title">${t.cardRules}</h3>
          ${loadedView(this.#office, this.card, (card) => this.#cardForm(card))}
        </section>
        <section class="card" aria-labelledby="hours-title" part="support-hours">
          <h3 id="hours-title">${t.supportHours}</h3>
          ${loadedView(this.#office, this.support, (support) => this.#hoursForm(this.hours ?? support.hours))}
        </section>
        <section class="card wide" aria-labelledby="webhooks-title" part="webhooks">
          <h3 id="webhooks-title">${t.webhooks}</h3>
          ${loadedView(this.#office, this.endpoints, (endpoints) => this.#endpointList(endpoints.items))}
          <form class="inline" @submit=${(event: SubmitEvent) => this.#addEndpoint(event)}>
            <label>${t.endpointUrl}<input class="field" name="url" type="url" required maxlength="2048" /></label>
            <label>${t.description}<input class="field" name="description" maxlength="200" /></label>
            <button type="submit" class="primary">${t.addEndpoint}</button>
          </form>
          ${outcomeView(this.outcomes.webhooks)}
          <h4>${t.deliveries}</h4>
          ${loadedView(this.#office, this.deliveries, (deliveries) => this.#deliveryList(deliveries.items))}
        </section>
      </div>`;
  }

  #originList(origins: string[]): TemplateResult {
    const { terms: t } = this.#office;
    if (origins.length === 0) return html`<p>${t.noOrigins}</p>`;
    return html`<ul class="plain rows">
      ${origins.map(
        (origin) => html`<li>
          <code>${origin}</code>
          <button type="button" @click=${() => this.#removeOrigin(origin)}>${t.remove}<span class="visually-hidden"> ${origin}</span></button>
        </li>`,
      )}
    </ul>`;
  }

  #keys(keys: StoreKeys): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const until = (iso: string | null) => (iso ? i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' }) : null);
    return html`<dl class="figures">
        <div class="wide"><dt>${t.publishableKey}</dt><dd><code>${keys.publishableKey}</code></dd></div>
        <div class="wide"><dt>${t.secretKey}</dt><dd>${t.secretHidden}</dd></div>
        ${until(keys.previousPublishableKeyValidUntil) ? html`<div class="wide"><dt>${t.previousPublishable}</dt><dd>${until(keys.previousPublishableKeyValidUntil)}</dd></div>` : nothing}
        ${until(keys.previousSecretKeyValidUntil) ? html`<div class="wide"><dt>${t.previousSecret}</dt><dd>${until(keys.previousSecretKeyValidUntil)}</dd></div>` : nothing}
      </dl>
      ${may(this.#office, rollKeys)
        ? html`<form class="inline" part="roll" @submit=${(event: SubmitEvent) => this.#roll(event)}>
            <label
              >${t.keyToRoll}
              <select class="field" name="key">
                <option value="secret">${t.secretKey}</option>
                <option value="publishable">${t.publishableKey}</option>
              </select></label
            >
            <label
              >${t.oldKeyWorks}
              <select class="field" name="grace">
                <option value="0">${t.graceNone}</option>
                <option value="3600">${t.graceHour}</option>
                <option value="86400">${t.graceDay}</option>
              </select></label
            >
            <button type="submit">${t.roll}</button>
          </form>`
        : html`<p class="meta">${t.ownersRoll}</p>`}
      ${outcomeView(this.outcomes.keys)}`;
  }

  #cardForm(card: CardSettings): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const digits = i18n.minorDigits(this.#currency);
    const field = (name: string, label: string, value: number, attributes: { min: number; max: number; step: number }) =>
      html`<label>${label}<input class="field" name=${name} type="number" min=${attributes.min} max=${attributes.max} step=${attributes.step} required .value=${String(value)} /></label>`;
    return html`<form class="grid" @submit=${(event: SubmitEvent) => this.#saveCard(event, card)}>
      <fieldset>
        <legend class="visually-hidden">${t.cardRules}</legend>
        ${field('closingDay', t.closingDay, card.closingDay, { min: 1, max: 28, step: 1 })} ${field('dueDays', t.dueDays, card.dueDays, { min: 5, max: 25, step: 1 })}
        ${field('minimumPaymentBps', t.minimumPercent, card.minimumPaymentBps / 100, { min: 0, max: 100, step: 0.01 })}
        ${field('monthlyInterestBps', t.monthlyInterest, card.monthlyInterestBps / 100, { min: 0, max: 10, step: 0.01 })}
        ${field('installmentInterestBps', t.installmentInterest, card.installmentInterestBps / 100, { min: 0, max: 10, step: 0.01 })}
        ${field('lateFee', t.lateFee(this.#currency), card.lateFee / 10 ** digits, { min: 0, max: 1e12, step: 1 / 10 ** digits })}
        ${field('defaultCreditLimit', t.defaultCreditLimit(this.#currency), card.defaultCreditLimit / 10 ** digits, { min: 0, max: 1e12, step: 1 / 10 ** digits })}
        <div class="buttons"><button type="submit" class="primary">${t.save}</button></div>
      </fieldset>
      ${outcomeView(this.outcomes.card)}
    </form>`;
  }

  #hoursForm(hours: Hours): TemplateResult {
    const { terms: t } = this.#office;
    const edit = (next: Hours) => {
      this.hours = next;
      this.#office.update();
    };
    return html`<form @submit=${(event: SubmitEvent) => this.#saveHours(event)}>
      ${hours.length === 0 ? html`<p>${t.alwaysOpen}</p>` : nothing}
      ${hours.map(
        (row, i) => html`<fieldset class="hours-row inline">
          <legend class="visually-hidden">${t.opening(i + 1)}</legend>
          <label
            >${t.day}
            <select class="field" name="day">
              ${t.days.map((name, day) => html`<option value=${day} ?selected=${row.day === day}>${name}</option>`)}
            </select></label
          >
          <label>${t.opens}<input class="field" name="opens" type="time" required .value=${row.opens} /></label>
          <label>${t.closes}<input class="field" name="closes" type="time" required .value=${row.closes} /></label>
          <button type="button" @click=${() => edit(hours.filter((_, j) => j !== i))}>${t.remove}<span class="visually-hidden"> ${t.opening(i + 1)}</span></button>
        </fieldset>`,
      )}
      <div class="buttons">
        <button type="button" @click=${() => edit([...hours, { day: 1, opens: '09:00', closes: '18:00' }])}>${t.addHours}</button>
        <button type="submit" class="primary">${t.save}</button>
      </div>
      ${outcomeView(this.outcomes.support)}
    </form>`;
  }

  #endpointList(endpoints: WebhookEndpoint[]): TemplateResult {
    const { terms: t } = this.#office;
    if (endpoints.length === 0) return html`<p>${t.noEndpoints}</p>`;
    return html`<ul class="plain rows">
      ${endpoints.map(
        (endpoint) => html`<li>
          <span><code>${endpoint.url}</code>${endpoint.description ? html` · ${endpoint.description}` : nothing}<br /><span class="meta">${endpoint.events.join(', ')}</span></span>
          <button type="button" @click=${() => this.#deleteEndpoint(endpoint)}>${t.remove}<span class="visually-hidden"> ${endpoint.url}</span></button>
        </li>`,
      )}
    </ul>`;
  }

  #deliveryList(deliveries: WebhookDelivery[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (deliveries.length === 0) return html`<p>${t.noDeliveries}</p>`;
    return html`<div class="scroll" role="group" tabindex="0" aria-label=${t.deliveries}><table aria-label=${t.deliveries}>
      <thead>
        <tr>
          <th scope="col">${t.date}</th>
          <th scope="col">${t.event}</th>
          <th scope="col">${t.state}</th>
          <th scope="col">${t.attempts}</th>
          <th scope="col"><span class="visually-hidden">${t.actions}</span></th>
        </tr>
      </thead>
      <tbody>
        ${deliveries.map(
          (delivery) => html`<tr>
            <td>${i18n.date(delivery.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</td>
            <td>${delivery.eventType}</td>
            <td>${t.deliveryStatus[delivery.status]}${delivery.lastStatusCode ? ` (${delivery.lastStatusCode})` : delivery.lastError ? ` (${delivery.lastError})` : ''}</td>
            <td class="number">${delivery.attempts}</td>
            <td>${delivery.status === 'failed' ? html`<button type="button" @click=${() => this.#retry(delivery)}>${t.retryDelivery}</button>` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}
