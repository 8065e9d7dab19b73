/** What the shopper chose to pay of a store-card statement. */
export interface StatementPayDetail {
  /** The statement (`YYYY-MM`) the payment is for. */
  readonly period: string;
  /** In integer minor units of `currency`, more than zero. */
  readonly amount: number;
  readonly currency: string;
}

/**
 * The shopper chose to pay their store card. The host page takes the payment
 * through the merchant's own gateway, and the merchant's backend credits it
 * with `POST /v1/payments`; the widget only watches its statement until the
 * payment shows there. Call `waitUntil()` with the payment's promise, while
 * handling the event, and the widget checks as soon as it settles; cancel the
 * event when the page takes no payment, and the widget waits for none.
 */
export class CrmStatementPayEvent extends Event {
  static readonly type = 'crm-statement-pay';
  readonly detail: StatementPayDetail;
  readonly #extensions: Promise<unknown>[] = [];

  constructor(detail: StatementPayDetail) {
    super(CrmStatementPayEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = Object.freeze({ ...detail });
  }

  /**
   * Tells the widget the payment is under way until `promise` settles, as
   * ExtendableEvent's does; only while the event is being dispatched. Its
   * outcome is not taken as the truth: either way the widget asks the API.
   * Reject it with an `AbortError` DOMException when the shopper leaves the
   * checkout, and the widget stops waiting for the payment.
   */
  waitUntil(promise: Promise<unknown>): void {
    if (this.eventPhase === Event.NONE) throw new DOMException('waitUntil() is called while the event is being handled', 'InvalidStateError');
    this.#extensions.push(Promise.resolve(promise));
  }

  /** Settles when every promise given to `waitUntil()` has: fulfilled when all did, rejected when one failed. */
  get settled(): Promise<void> {
    return Promise.all(this.#extensions).then(() => undefined);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-statement-pay': CrmStatementPayEvent;
  }
}
