import type { Statement } from '@clientela/contract';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the pay status line says. */
export type PaymentStatus = { status: 'idle' | 'processing' | 'missing' } | { status: 'received'; amount: number; currency: string };

/** A payment being waited for on a statement: what had reached that statement before it, and until when to poll. */
interface Watch {
  period: string;
  paidBefore: number;
  until: number;
  /** The page's `waitUntil()` promise failed: the payment may never come, so say so while still checking. */
  hostFailed: boolean;
  /** The shopper left the page's checkout: one last look, then nothing to wait for. */
  abandoned: boolean;
}

/** How often, and for how long after the shopper chose to pay, the statement is asked for again until the payment shows. */
const pollEvery = 3_000;
const watchFor = 120_000;

/** The money that has reached a statement: since it closed for the latest closed one, the cycle's payments for the open one. */
const paidSoFar = (statement: Statement) => statement.settlement?.paid ?? statement.payments;

export interface PaymentWatchOptions {
  /** The statement of a period as the API has it now. */
  fetch: (period: string) => Promise<Statement>;
  /** The payment is on the statement (here as fetched): the host shows the new figures before the status says so. */
  arrived: (statement: Statement) => Promise<void>;
}

/**
 * Watches a statement for the payment the shopper chose to make. The widget
 * never takes money (the page does, after `crm-statement-pay`), so it asks
 * the API for the statement again when the page's `waitUntil()` promise
 * settles, every few seconds for two minutes, and when the page is shown
 * again (back from the gateway's tab or app), until what has been paid on it
 * grows. The page's promise only says when to look first: a payment that
 * arrives anyway is seen, and one the page failed is still looked for.
 */
export class PaymentWatch implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: PaymentWatchOptions;
  #status: PaymentStatus = { status: 'idle' };
  #watch: Watch | null = null;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #checking = false;
  #checkAgain = false;
  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'visible') void this.#check();
  };

  constructor(host: ReactiveControllerHost & HTMLElement, options: PaymentWatchOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get status(): PaymentStatus {
    return this.#status;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#pollLater();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    clearTimeout(this.#poll);
  }

  #set(status: PaymentStatus): void {
    this.#status = status;
    this.#host.requestUpdate();
  }

  /** Waits for a payment of `statement`, which the page is taking; `settled` is the page's promise for it. */
  watch(statement: Statement, settled: Promise<void>): void {
    const watch: Watch = { period: statement.period, paidBefore: paidSoFar(statement), until: Date.now() + watchFor, hostFailed: false, abandoned: false };
    this.#watch = watch;
    this.#set({ status: 'processing' });
    this.#pollLater();
    void settled.then(
      () => this.#check(watch),
      (error: unknown) => {
        // An AbortError: the shopper left the page's checkout, so no payment is coming.
        if (error instanceof DOMException && error.name === 'AbortError') watch.abandoned = true;
        else watch.hostFailed = true;
        return this.#check(watch);
      },
    );
  }

  /** The shopper asks again about a payment not seen yet. */
  checkAgain(): void {
    this.#set({ status: 'processing' });
    void this.#check();
  }

  #pollLater(): void {
    clearTimeout(this.#poll);
    const watch = this.#watch;
    if (!watch || !this.#host.isConnected) return;
    const left = watch.until - Date.now();
    if (left > 0) this.#poll = setTimeout(() => void this.#check(watch), Math.min(pollEvery, left));
  }

  /** Asks the API whether the watched payment has reached the statement; shows it when it has. */
  async #check(watch = this.#watch): Promise<void> {
    if (!watch || watch !== this.#watch) return;
    if (this.#checking) {
      this.#checkAgain = true;
      return;
    }
    this.#checking = true;
    let statement: Statement | null = null;
    try {
      statement = await this.#options.fetch(watch.period);
    } catch {
      // A failed look is tried again at the next one.
    } finally {
      this.#checking = false;
    }
    if (watch !== this.#watch) return;
    const arrived = statement ? paidSoFar(statement) - watch.paidBefore : 0;
    if (statement && arrived > 0) {
      this.#stop();
      await this.#options.arrived(statement);
      this.#set({ status: 'received', amount: arrived, currency: statement.currency });
      return;
    }
    if (this.#checkAgain) {
      this.#checkAgain = false;
      return this.#check(watch);
    }
    if (watch.abandoned) {
      this.#stop();
      this.#set({ status: 'idle' });
      return;
    }
    if (watch.hostFailed || Date.now() >= watch.until) this.#set({ status: 'missing' });
    this.#pollLater();
  }

  #stop(): void {
    this.#watch = null;
    clearTimeout(this.#poll);
  }
}
