import { LitElement } from 'lit';

/** The base of every Clientela element: safe registration and typed, bubbling, composed events. */
export class CrmElement extends LitElement {
  /** Registers the element under `tag` unless that tag is taken already; defining twice never throws. */
  static define(tag: string, constructor: CustomElementConstructor = this): void {
    if (!customElements.get(tag)) customElements.define(tag, constructor);
  }

  /** Dispatches one of the `crm-*` events (they bubble and cross shadow roots); false when the host page cancelled it. */
  emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
