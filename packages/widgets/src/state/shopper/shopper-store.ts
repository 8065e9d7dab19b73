import type { Me } from '@clientela/contract';

/** Where the signed-in shopper is at, as every widget inside `<crm-portal>` sees it. */
export type ShopperState =
  /** Nobody is signed in; `refusal` is set when the API refused the shopper's token (the page hears why with `crm-error`). */
  | { status: 'signed-out'; refusal?: Error }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ready'; me: Me; refresh: () => void };

/**
 * The portal's shopper: set by the portal as it signs them in and out (from
 * its token), read by every widget through `shopperContext` and by every
 * store. Fires `change`. One shopper for every widget, so a change made by
 * one is seen by all at once: the greeting shows the balance a redemption in
 * `<crm-points-balance>` left.
 */
export class ShopperStore extends EventTarget {
  #state: ShopperState = { status: 'signed-out' };

  get state(): ShopperState {
    return this.#state;
  }

  /** The id of the signed-in shopper; null for anyone else. */
  get id(): string | null {
    return this.#state.status === 'ready' ? this.#state.me.id : null;
  }

  /** The portal's part: the shopper signed in or out, is loading, failed to load, or loaded. */
  set(state: ShopperState): void {
    this.#state = state;
    this.dispatchEvent(new Event('change'));
  }

  /** The same shopper now holds `balance` points (after a redemption, say). */
  setPointsBalance(balance: number): void {
    const state = this.#state;
    if (state.status !== 'ready' || state.me.points.balance === balance) return;
    this.set({ ...state, me: { ...state.me, points: { ...state.me.points, balance } } });
  }
}

/** Data loaded for the shopper, as a widget shows it: signed out, loading, failed, or ready. */
export type ResourceState<T> =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/** What data of the shopper's is while the shopper is not loaded yet: whatever the shopper is. */
export function waitingFor(shopper: ShopperState): Exclude<ResourceState<never>, { status: 'ready' }> {
  if (shopper.status === 'signed-out') return shopper;
  if (shopper.status === 'error') return { status: 'error', error: shopper.error };
  return { status: 'loading' };
}
