import type { PointsAccount, PointsEntry, Redemption, Reward } from '@clientela/contract';
import { getMyPoints, getMyPointsHistory, listRewards, redeemReward } from '@clientela/contract/routes';
import { nextTask } from '../../internal/next-task.ts';
import { Store, type PortalState } from '../portal-state.ts';
import { waitingFor, type ResourceState } from '../shopper/shopper-store.ts';

export interface PointsData {
  account: PointsAccount;
  rewards: Reward[];
  history: PointsEntry[];
  nextCursor: string | null;
}

const historyPage = 10;

/**
 * The signed-in shopper's points in this portal: the account (balance,
 * tier, expiries), the rewards and the history, loaded once for every widget
 * that shows them. A redemption changes the balance for the whole portal at
 * once, the shopper's included (the greeting shows it); the history and the
 * expiries follow from the server.
 */
export class PointsStore extends Store {
  #state: ResourceState<PointsData> = { status: 'signed-out' };
  /** The shopper the points were loaded for. */
  #loadedFor: string | null = null;
  #generation = 0;
  readonly #onShopper = () => this.#follow();

  constructor(portal: PortalState) {
    super(portal);
    portal.shopper.addEventListener('change', this.#onShopper);
    this.#follow();
  }

  override dispose(): void {
    this.portal.shopper.removeEventListener('change', this.#onShopper);
  }

  get state(): ResourceState<PointsData> {
    return this.#state;
  }

  #set(state: ResourceState<PointsData>): void {
    this.#state = state;
    if (state.status === 'ready') this.portal.shopper.setPointsBalance(state.value.account.balance);
    this.changed();
  }

  #follow(): void {
    const shopper = this.portal.shopper;
    if (shopper.id === null) {
      this.#generation++;
      this.#loadedFor = null;
      this.#set(waitingFor(shopper.state));
    } else if (shopper.id !== this.#loadedFor) {
      this.#loadedFor = shopper.id;
      void this.#load();
    }
  }

  override localeChanged(): void {
    if (this.#loadedFor !== null) void this.#load();
  }

  /** After an error: asks the portal for the shopper again if that failed, else loads the points again. */
  retry(): void {
    const shopper = this.portal.shopper.state;
    if (shopper.status === 'error') shopper.retry();
    else void this.#load();
  }

  async #fetch(): Promise<PointsData> {
    const { client, locale } = this.portal;
    const [account, rewards, history] = await Promise.all([
      client.call(getMyPoints),
      client.call(listRewards, { query: { locale } }),
      client.call(getMyPointsHistory, { query: { limit: historyPage, locale } }),
    ]);
    return { account, rewards: rewards.items, history: history.items, nextCursor: history.nextCursor };
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    this.#set({ status: 'loading' });
    // The shopper's arrival reaches every store in one task: each starts its requests in a task of its own.
    await nextTask();
    if (generation !== this.#generation) return;
    try {
      const value = await this.#fetch();
      if (generation === this.#generation) this.#set({ status: 'ready', value });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#set({ status: 'error', error });
      this.fail(error);
    }
  }

  /** The next page of the history; rejects, leaving what is shown, when it cannot be loaded. */
  async loadMore(): Promise<void> {
    const state = this.#state;
    if (state.status !== 'ready' || !state.value.nextCursor) return;
    const generation = this.#generation;
    const page = await this.portal.client.call(getMyPointsHistory, { query: { limit: historyPage, after: state.value.nextCursor, locale: this.portal.locale } });
    const now = this.#state;
    if (generation !== this.#generation || now.status !== 'ready') return;
    this.#set({ status: 'ready', value: { ...now.value, history: [...now.value.history, ...page.items], nextCursor: page.nextCursor } });
  }

  /** Redeems a reward; `key` stays the same across retries of one redemption. Rejects when the API refuses (409 when the points fall short). */
  async redeem(reward: Reward, key: string): Promise<Redemption> {
    const redemption = await this.portal.client.call(redeemReward, { body: { rewardId: reward.id }, headers: { 'idempotency-key': key } });
    const state = this.#state;
    if (state.status === 'ready') {
      const generation = this.#generation;
      this.#set({ status: 'ready', value: { ...state.value, account: { ...state.value.account, balance: redemption.balanceAfter } } });
      void this.#fetch().then(
        (value) => generation === this.#generation && this.#set({ status: 'ready', value }),
        () => undefined,
      );
    } else {
      this.portal.shopper.setPointsBalance(redemption.balanceAfter);
    }
    return redemption;
  }
}
