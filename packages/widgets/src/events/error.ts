import { ApiError } from '@clientela/client';

/** Refusals of the page itself (its origin, its publishable key, its shopper's token): the merchant's to fix, not the shopper's. */
const refusalsOfThePage = ['forbidden-origin', 'unknown-publishable-key', 'invalid-token'] as const;

/** Whether the API refused the page rather than something the shopper did. */
export const isRefusalOfThePage = (error: unknown): error is ApiError => error instanceof ApiError && refusalsOfThePage.some((kind) => error.is(kind));

/** Reasons already written to the console: each once a page. */
const logged = new Set<string>();

/** A widget could not load or save something; the widget shows it too, this tells the host page. */
export class CrmErrorEvent extends Event {
  static readonly type = 'crm-error';
  readonly error: unknown;
  /** The tag of the element that met the error. */
  readonly source: string;
  /**
   * What went wrong, in the API's words when it answered: for a refused page
   * it says what to do ("Origin https://… is not allowed for pk_…: add it under
   * Settings → Origins").
   */
  readonly reason: string;

  constructor(error: unknown, source: string) {
    super(CrmErrorEvent.type, { bubbles: true, composed: true });
    this.error = error;
    this.source = source;
    this.reason = error instanceof Error ? error.message : String(error);
    // Said once in the console too, for a merchant who looks there before listening for events.
    if (isRefusalOfThePage(error) && !logged.has(this.reason)) {
      logged.add(this.reason);
      console.error(`Clientela: ${this.reason}`);
    }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-error': CrmErrorEvent;
  }
}
