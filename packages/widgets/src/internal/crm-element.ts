import { LitElement } from 'lit';
import { nextTask } from './next-task.ts';

/** The base of every Clientela element: safe registration, typed, bubbling, composed events, and updates that never block the page. */
export class CrmElement extends LitElement {
  readonly #waits: Array<() => Promise<void> | undefined> = [];

  /** Registers the element under `tag` unless that tag is taken already; defining twice never throws. */
  static define(tag: string, constructor: CustomElementConstructor = this): void {
    if (!customElements.get(tag)) customElements.define(tag, constructor);
  }

  /**
   * Each update runs in a task of its own instead of the microtask after the
   * change: when an answer from the API reaches many elements at once (the
   * hearts of a whole catalog, say), they render one by one between the
   * page's own work and the shopper's input, not in one long task.
   */
  protected override async scheduleUpdate(): Promise<void> {
    await nextTask();
    for (const wait of this.#waits) await wait();
    super.scheduleUpdate();
  }

  /**
   * Holds every update until what `wait` answers has settled (undefined: go
   * ahead): the strings of the shopper's language, say, which are loaded the
   * first time any element needs them.
   */
  waitBeforeUpdates(wait: () => Promise<void> | undefined): void {
    this.#waits.push(wait);
  }

  /** Dispatches one of the `crm-*` events (they bubble and cross shadow roots); false when the host page cancelled it. */
  emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
