/** A widget could not load or save something; the widget shows it too, this tells the host page. */
export class CrmErrorEvent extends Event {
  static readonly type = 'crm-error';
  readonly error: unknown;
  /** The tag of the element that met the error. */
  readonly source: string;

  constructor(error: unknown, source: string) {
    super(CrmErrorEvent.type, { bubbles: true, composed: true });
    this.error = error;
    this.source = source;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-error': CrmErrorEvent;
  }
}
