import { Store } from '../portal-state.ts';

/**
 * Whether the portal's support chat is on the page, so that other widgets
 * offer "ask about this" only where a chat will answer it. The chat store
 * says so; this stays apart from it so that those widgets do not load the
 * chat's code to ask.
 */
export class SupportPresence extends Store {
  #available = false;

  get available(): boolean {
    return this.#available;
  }

  /** The chat store's part: a chat element is on the page, or the last one left. */
  set(available: boolean): void {
    if (available === this.#available) return;
    this.#available = available;
    this.changed();
  }
}
