import { ApiError } from '@clientela/client';
import type { PointsAccount, PointsEntry, Redemption, Reward } from '@clientela/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmRewardRedeemEvent } from '../../events/reward-redeem.ts';
import { consume, shopperContext } from '../../internal/context.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { newIdempotencyKey } from '../../internal/idempotency-key.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { notReadyView } from '../../internal/state-views.ts';
import { PointsStore, type PointsData } from '../../state/points/points-store.ts';
import { waitingFor } from '../../state/shopper/shopper-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import styles from './points-balance.styles.ts';

/** Where a redemption in the confirmation dialog is at. The key stays the same across retries of one redemption. */
type Redeeming =
  | { step: 'confirm'; reward: Reward; key: string; error?: 'short' | 'failed' }
  | { step: 'sending'; reward: Reward; key: string }
  | { step: 'done'; reward: Reward; redemption: Redemption };

/**
 * Place it inside `<crm-portal>`; it takes no attributes. A redemption is
 * confirmed in a dialog, which then shows the reward's code; the new balance
 * shows at once in every widget of the portal (the greeting's too).
 *
 * @summary The shopper's points: balance, tier and progress to the next, points expiring soon, rewards to redeem with a confirmation, and the history of every movement with its reason.
 *
 * @csspart base - The widget's box.
 * @csspart summary - Balance and tier.
 * @csspart balance - The points balance.
 * @csspart tier - The tier badge.
 * @csspart progress - Progress to the next tier.
 * @csspart expiring - The list of points expiring soon.
 * @csspart rewards - The rewards list.
 * @csspart reward - One reward.
 * @csspart redeem-button - A reward's redeem button.
 * @csspart history - The points history list.
 * @csspart more-button - Loads more history.
 * @csspart dialog - The confirmation dialog.
 * @csspart message - Signed-out, empty or error message.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --crm-points-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-points-accent - Balance, costs and the redeem button; defaults to --crm-color-accent.
 * @cssproperty --crm-points-gain-color - Points coming in, in the history; defaults to --crm-color-success.
 * @cssproperty --crm-points-radius - Corner radius; defaults to --crm-radius.
 * @cssproperty --crm-points-border - Border colour; defaults to --crm-color-border.
 *
 * @fires {CrmRewardRedeemEvent} crm-reward-redeem - The shopper redeemed a reward; carries the reward and the redemption with its code.
 * @fires {CrmErrorEvent} crm-error - Loading or redeeming failed, or the API refused the page (its publishable key, its origin) or the shopper's token; `reason` says what to fix.
 */
export class CrmPointsBalance extends CrmElement {
  static override styles = styles;
  static override properties = { redeeming: { state: true }, loadingMore: { state: true } };

  declare redeeming: Redeeming | null;
  declare loadingMore: boolean;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #points = new StoreController(this, PointsStore);
  readonly #shopper = consume(this, shopperContext);

  constructor() {
    super();
    this.redeeming = null;
    this.loadingMore = false;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #loadMore(): Promise<void> {
    const points = this.#points.store;
    if (!points) return;
    this.loadingMore = true;
    try {
      await points.loadMore();
    } catch (error) {
      this.emit(new CrmErrorEvent(error, this.localName));
    } finally {
      this.loadingMore = false;
    }
  }

  async #ask(reward: Reward): Promise<void> {
    this.redeeming = { step: 'confirm', reward, key: newIdempotencyKey() };
    await this.updateComplete;
    this.#dialog?.showModal();
  }

  async #confirm(): Promise<void> {
    const redeeming = this.redeeming;
    const points = this.#points.store;
    if (redeeming?.step !== 'confirm' || !points) return;
    const { reward, key } = redeeming;
    this.redeeming = { step: 'sending', reward, key };
    try {
      const redemption = await points.redeem(reward, key);
      this.redeeming = { step: 'done', reward, redemption };
      this.emit(new CrmRewardRedeemEvent(reward, redemption));
    } catch (error) {
      const short = error instanceof ApiError && error.is('insufficient-points');
      this.redeeming = { step: 'confirm', reward, key, error: short ? 'short' : 'failed' };
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  #close(): void {
    this.#dialog?.close();
  }

  #onDialogClose(): void {
    this.redeeming = null;
  }

  #describe(entry: PointsEntry): string {
    const t = this.#i18n.term;
    // A promotion keeps its name; a purchase or a refund says what the order bought (an API from before orders were named gives only its id).
    const bought = entry.order && t.pointsOrderItems(entry.order.description, entry.order.moreItems);
    const detail = entry.label ?? bought ?? entry.reference ?? '';
    return t.pointsReasons[entry.reason](detail);
  }

  #dialogContent(account: PointsAccount) {
    const t = this.#i18n.term;
    const n = (value: number) => this.#i18n.number(value);
    const redeeming = this.redeeming;
    if (!redeeming) return nothing;
    if (redeeming.step === 'done') {
      return html`<h3 id="dialog-title">${t.pointsRedeemed(redeeming.reward.name)}</h3>
        <p>${t.pointsCode}</p>
        <p class="code">${redeeming.redemption.code}</p>
        <div class="dialog-actions"><button type="button" @click=${this.#close} autofocus>${t.pointsClose}</button></div>`;
    }
    const { reward } = redeeming;
    const sending = redeeming.step === 'sending';
    const error = redeeming.step === 'confirm' ? redeeming.error : undefined;
    return html`<h3 id="dialog-title">${t.pointsConfirmTitle}</h3>
      <p>${t.pointsConfirmBody(reward.name, n(reward.cost), n(account.balance - reward.cost))}</p>
      ${error ? html`<p role="alert">${error === 'short' ? t.pointsShortError : t.pointsRedeemError}</p>` : nothing}
      <div class="dialog-actions">
        <button type="button" @click=${this.#close} ?disabled=${sending}>${t.pointsCancel}</button>
        <button type="button" part="redeem-button" class="primary" @click=${this.#confirm} ?disabled=${sending || error === 'short'} autofocus>
          ${sending ? t.pointsRedeeming : t.pointsConfirm}
        </button>
      </div>`;
  }

  #ready(data: PointsData) {
    const i18n = this.#i18n;
    const t = i18n.term;
    const n = (value: number) => i18n.number(value);
    const { account } = data;
    const progress = account.progress;
    return html`<section part="base" aria-labelledby="points-title">
      <h2 id="points-title">${t.pointsTitle}</h2>
      <div part="summary">
        <p part="balance"><span class="visually-hidden">${t.pointsBalance}: </span>${t.points(n(account.balance))}</p>
        <span part="tier" data-tier=${account.tier}><span class="visually-hidden">${t.tierLabel}: </span>${t.tiers[account.tier]}</span>
      </div>
      <div part="progress">
        ${progress
          ? html`<span>${t.pointsNextTier(i18n.money(progress.remaining.amount, progress.remaining.currency), t.tiers[progress.next])}</span>
              <meter min="0" max=${progress.needed.amount} value=${Math.min(progress.spent.amount, progress.needed.amount)}
                aria-label=${t.pointsProgress(i18n.money(progress.spent.amount, progress.spent.currency), i18n.money(progress.needed.amount, progress.needed.currency))}></meter>
              <span class="muted" aria-hidden="true">${t.pointsProgress(i18n.money(progress.spent.amount, progress.spent.currency), i18n.money(progress.needed.amount, progress.needed.currency))}</span>`
          : account.tier === 'top'
            ? html`<span>${t.pointsTopTier}</span>`
            : nothing}
      </div>
      <div>
        <h3>${t.pointsExpiringTitle}</h3>
        ${account.expiring.length > 0
          ? html`<ul part="expiring">
              ${account.expiring.map((e) => html`<li>${t.pointsExpiring(n(e.points), i18n.date(e.date, { dateStyle: 'long' }))}</li>`)}
            </ul>`
          : html`<p class="muted">${t.pointsNoneExpiring}</p>`}
      </div>
      <div>
        <h3>${t.pointsRewardsTitle}</h3>
        ${data.rewards.length === 0
          ? html`<p part="message">${t.pointsNoRewards}</p>`
          : html`<ul part="rewards">
              ${data.rewards.map((reward) => {
                const short = reward.cost - account.balance;
                return html`<li part="reward">
                  <h4 id="reward-${reward.id}">${reward.name}</h4>
                  ${reward.description ? html`<p class="muted">${reward.description}</p>` : nothing}
                  <p class="cost">${t.pointsRewardCost(n(reward.cost))}</p>
                  <button type="button" part="redeem-button" class="primary" ?disabled=${short > 0} aria-describedby="reward-${reward.id}" @click=${() => this.#ask(reward)}>
                    ${short > 0 ? t.pointsShort(n(short)) : t.pointsRedeem}
                  </button>
                </li>`;
              })}
            </ul>`}
      </div>
      <div>
        <h3>${t.pointsHistoryTitle}</h3>
        ${data.history.length === 0
          ? html`<p part="message">${t.pointsNoHistory}</p>`
          : html`<ul part="history">
              ${data.history.map(
                (entry) => html`<li>
                  <span>${this.#describe(entry)}</span>
                  <span class="amount ${entry.amount > 0 ? 'gain' : ''}">${entry.amount > 0 ? '+' : ''}${n(entry.amount)}</span>
                  <span class="muted">${i18n.date(entry.createdAt)}</span>
                </li>`,
              )}
            </ul>`}
        ${data.nextCursor
          ? html`<button part="more-button" type="button" @click=${this.#loadMore} ?disabled=${this.loadingMore}>${this.loadingMore ? t.loading : t.pointsMore}</button>`
          : nothing}
      </div>
      <dialog part="dialog" aria-labelledby="dialog-title" @close=${this.#onDialogClose}>${this.#dialogContent(account)}</dialog>
    </section>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const points = this.#points.store;
    const state = points?.state ?? waitingFor(this.#shopper.value ?? { status: 'signed-out' });
    if (state.status !== 'ready') return notReadyView(state, t.pointsTitle, t.pointsSignedOut, t, () => points?.retry());
    return this.#ready(state.value);
  }
}
