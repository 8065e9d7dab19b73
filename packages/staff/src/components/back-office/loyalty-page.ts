import type { LoyaltySettings, ManagedReward, Promotion } from '@clientela/contract';
import { getLoyaltySettings, listPromotions, listRewardCatalog, putLoyaltySettings, putPromotion, putReward, tiers } from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { change, formText, load, loadedView, outcomeView, type Loadable, type Office, type Outcome } from './office.ts';


type Texts = { es?: string; en?: string };

/** Texts in Spanish and English, leaving out the empty ones. */
function texts(es: string | null | undefined, en: string | null | undefined): Texts {
  return { ...(es ? { es } : {}), ...(en ? { en } : {}) };
}

/** A form's `<name>-es` and `<name>-en` fields. */
const localized = (fields: Record<string, string>, name: string): Texts => texts(fields[`${name}-es`], fields[`${name}-en`]);

/** A description to send: none at all when neither language has one (the API takes an empty one by default). */
const description = (value: Texts) => (value.es || value.en ? { description: value } : {});

/** An id for something new, from its name: `cafe-gratis-k3x9`. */
function newId(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .slice(0, 40);
  return `${slug || 'item'}-${Math.random().toString(36).slice(2, 6)}`;
}

/** `datetime-local` wants the local time without a zone. */
const localInput = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Loyalty: the rewards catalog, scheduled promotions, and the earning rules (tier multipliers, the birthday bonus). */
export class LoyaltyPage {
  readonly #office: Office;
  rewards: Loadable<{ items: ManagedReward[] }> = { status: 'loading' };
  promotions: Loadable<{ items: Promotion[] }> = { status: 'loading' };
  settings: Loadable<LoyaltySettings> = { status: 'loading' };
  /** The reward being edited; null for a new one. */
  editing: ManagedReward | null = null;
  rewardOutcome: Outcome = null;
  promotionOutcome: Outcome = null;
  settingsOutcome: Outcome = null;

  constructor(office: Office) {
    this.#office = office;
  }

  load(): void {
    const { client } = this.#office;
    void load(this.#office, () => client.call(listRewardCatalog), (state) => (this.rewards = state));
    void load(this.#office, () => client.call(listPromotions), (state) => (this.promotions = state));
    void load(this.#office, () => client.call(getLoyaltySettings), (state) => (this.settings = state));
  }

  async #saveReward(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fields = formText(form);
    const { client, terms: t } = this.#office;
    const name = localized(fields, 'name');
    const id = this.editing?.id ?? newId(name.es ?? name.en ?? '');
    const saved = await change(this.#office, async () => {
      const reward = await client.call(putReward, {
        params: { id },
        body: { name, ...description(localized(fields, 'description')), cost: Number(fields.cost), active: form.querySelector<HTMLInputElement>('[name=active]')!.checked },
      });
      return t.rewardSaved(reward.name);
    }, (outcome) => (this.rewardOutcome = outcome));
    if (saved) {
      this.editing = null;
      form.reset();
      void load(this.#office, () => client.call(listRewardCatalog), (state) => (this.rewards = state));
    }
  }

  #pause(reward: ManagedReward, active: boolean): void {
    const { client, terms: t } = this.#office;
    const { name, description: about } = reward.localized;
    void change(this.#office, async () => {
      await client.call(putReward, {
        params: { id: reward.id },
        body: { name: texts(name.es, name.en), ...description(texts(about.es, about.en)), cost: reward.cost, imageUrl: reward.imageUrl, active },
      });
      await load(this.#office, () => client.call(listRewardCatalog), (state) => (this.rewards = state));
      return active ? t.rewardResumed(reward.name) : t.rewardPaused(reward.name);
    }, (outcome) => (this.rewardOutcome = outcome));
  }

  async #savePromotion(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fields = formText(form);
    const { client, terms: t } = this.#office;
    const name = localized(fields, 'name');
    const saved = await change(this.#office, async () => {
      const promotion = await client.call(putPromotion, {
        params: { id: newId(name.es ?? name.en ?? '') },
        body: {
          name,
          startsAt: new Date(fields.startsAt ?? '').toISOString(),
          endsAt: new Date(fields.endsAt ?? '').toISOString(),
          multiplier: Math.round(Number(fields.multiplier) * 10_000),
        },
      });
      return t.promotionSaved(promotion.name);
    }, (outcome) => (this.promotionOutcome = outcome));
    if (saved) {
      form.reset();
      void load(this.#office, () => client.call(listPromotions), (state) => (this.promotions = state));
    }
  }

  async #saveSettings(event: SubmitEvent, current: LoyaltySettings): Promise<void> {
    event.preventDefault();
    const fields = formText(event.target as HTMLFormElement);
    const { client, terms: t } = this.#office;
    await change(this.#office, async () => {
      const settings = await client.call(putLoyaltySettings, {
        body: {
          ...current,
          tierMultipliers: Object.fromEntries(tiers.map((tier) => [tier, Math.round(Number(fields[`multiplier-${tier}`]) * 10_000)])) as LoyaltySettings['tierMultipliers'],
          birthdayBonus: Number(fields.birthdayBonus),
          redemptionValidDays: fields.redemptionValidDays ? Number(fields.redemptionValidDays) : null,
        },
      });
      this.settings = { status: 'ready', value: settings };
      return t.saved;
    }, (outcome) => (this.settingsOutcome = outcome));
  }

  render(): TemplateResult {
    const { terms: t } = this.#office;
    return html`<div class="sheet">
      <section class="card wide" aria-labelledby="rewards-title" part="rewards">
        <h3 id="rewards-title">${t.rewards}</h3>
        ${loadedView(this.#office, this.rewards, (rewards) => this.#rewardTable(rewards.items))} ${this.#rewardForm()}
      </section>
      <section class="card wide" aria-labelledby="promotions-title" part="promotions">
        <h3 id="promotions-title">${t.promotions}</h3>
        ${loadedView(this.#office, this.promotions, (promotions) => this.#promotionTable(promotions.items))} ${this.#promotionForm()}
      </section>
      <section class="card wide" aria-labelledby="rules-title" part="earning-rules">
        <h3 id="rules-title">${t.earningRules}</h3>
        ${loadedView(this.#office, this.settings, (settings) => this.#settingsForm(settings))}
      </section>
    </div>`;
  }

  #rewardTable(rewards: ManagedReward[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (rewards.length === 0) return html`<p>${t.noRewards}</p>`;
    return html`<div class="scroll" role="group" tabindex="0" aria-labelledby="rewards-title"><table aria-labelledby="rewards-title">
      <thead>
        <tr>
          <th scope="col">${t.name}</th>
          <th scope="col">${t.cost}</th>
          <th scope="col">${t.state}</th>
          <th scope="col"><span class="visually-hidden">${t.actions}</span></th>
        </tr>
      </thead>
      <tbody>
        ${rewards.map(
          (reward) => html`<tr>
            <th scope="row">${reward.name}</th>
            <td class="number">${i18n.number(reward.cost)}</td>
            <td>${reward.active ? t.active : t.paused}</td>
            <td class="actions">
              <button type="button" @click=${() => this.#edit(reward)}>${t.edit}<span class="visually-hidden"> ${reward.name}</span></button>
              <button type="button" @click=${() => this.#pause(reward, !reward.active)}>
                ${reward.active ? t.pause : t.resume}<span class="visually-hidden"> ${reward.name}</span>
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  #edit(reward: ManagedReward | null): void {
    this.editing = reward;
    this.rewardOutcome = null;
    this.#office.update();
  }

  #rewardForm() {
    const { terms: t } = this.#office;
    const reward = this.editing;
    // A form of its own for each reward edited, its fields starting from the reward's values.
    return keyed(reward?.id ?? '', html`<form class="grid" part="reward-form" @submit=${(event: SubmitEvent) => this.#saveReward(event)}>
      <fieldset>
        <legend>${reward ? t.editReward(reward.name) : t.newReward}</legend>
        <label>${t.nameEs}<input class="field" name="name-es" maxlength="120" value=${reward?.localized.name.es ?? ''} /></label>
        <label>${t.nameEn}<input class="field" name="name-en" maxlength="120" value=${reward?.localized.name.en ?? ''} /></label>
        <label>${t.descriptionEs}<input class="field" name="description-es" maxlength="1000" value=${reward?.localized.description.es ?? ''} /></label>
        <label>${t.descriptionEn}<input class="field" name="description-en" maxlength="1000" value=${reward?.localized.description.en ?? ''} /></label>
        <label>${t.costInPoints}<input class="field" name="cost" type="number" min="1" step="1" required value=${reward ? String(reward.cost) : ''} /></label>
        <label class="check"><input name="active" type="checkbox" ?checked=${reward?.active ?? true} /> ${t.activeLabel}</label>
        <div class="buttons">
          <button type="submit" class="primary">${reward ? t.saveReward : t.createReward}</button>
          ${reward ? html`<button type="button" @click=${() => this.#edit(null)}>${t.cancel}</button>` : nothing}
        </div>
      </fieldset>
      ${outcomeView(this.rewardOutcome)}
    </form>`);
  }

  #promotionTable(promotions: Promotion[]): TemplateResult {
    const { terms: t, i18n } = this.#office;
    if (promotions.length === 0) return html`<p>${t.noPromotions}</p>`;
    const when = (iso: string) => i18n.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<div class="scroll" role="group" tabindex="0" aria-labelledby="promotions-title"><table aria-labelledby="promotions-title">
      <thead>
        <tr>
          <th scope="col">${t.name}</th>
          <th scope="col">${t.window}</th>
          <th scope="col">${t.multiplier}</th>
          <th scope="col">${t.state}</th>
        </tr>
      </thead>
      <tbody>
        ${promotions.map(
          (promotion) => html`<tr>
            <th scope="row">${promotion.name}</th>
            <td>${when(promotion.startsAt)} – ${when(promotion.endsAt)}</td>
            <td>×${i18n.number(promotion.multiplier / 10_000)}</td>
            <td>${t.promotionStatus[promotion.status]}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  #promotionForm(): TemplateResult {
    const { terms: t } = this.#office;
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setHours(0, 0, 0, 0);
    return html`<form class="grid" part="promotion-form" @submit=${(event: SubmitEvent) => this.#savePromotion(event)}>
      <fieldset>
        <legend>${t.newPromotion}</legend>
        <label>${t.nameEs}<input class="field" name="name-es" maxlength="120" /></label>
        <label>${t.nameEn}<input class="field" name="name-en" maxlength="120" /></label>
        <label>${t.startsAt}<input class="field" name="startsAt" type="datetime-local" required value=${localInput(tomorrow.toISOString())} /></label>
        <label>${t.endsAt}<input class="field" name="endsAt" type="datetime-local" required value=${localInput(new Date(tomorrow.getTime() + 86_400_000).toISOString())} /></label>
        <label>${t.multiplierTimes}<input class="field" name="multiplier" type="number" min="1" max="10" step="0.1" value="2" required /></label>
        <div class="buttons"><button type="submit" class="primary">${t.schedule}</button></div>
      </fieldset>
      ${outcomeView(this.promotionOutcome)}
    </form>`;
  }

  #settingsForm(settings: LoyaltySettings): TemplateResult {
    const { terms: t, i18n } = this.#office;
    return html`<form class="grid" @submit=${(event: SubmitEvent) => this.#saveSettings(event, settings)}>
      <fieldset>
        <legend>${t.tierMultipliers}</legend>
        ${tiers.map(
          (tier) =>
            html`<label>${i18n.term.tiers[tier]}<input class="field" name="multiplier-${tier}" type="number" min="0" max="10" step="0.05" required value=${String(settings.tierMultipliers[tier] / 10_000)} /></label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${t.otherRules}</legend>
        <label>${t.birthdayBonus}<input class="field" name="birthdayBonus" type="number" min="0" max="1000000" step="1" required value=${String(settings.birthdayBonus)} /></label>
        <label>${t.codesValidDays}<input class="field" name="redemptionValidDays" type="number" min="1" max="3650" step="1" value=${settings.redemptionValidDays === null ? '' : String(settings.redemptionValidDays)} /></label>
        <div class="buttons"><button type="submit" class="primary">${t.save}</button></div>
      </fieldset>
      ${outcomeView(this.settingsOutcome)}
    </form>`;
  }
}
