/** The shopper's data was erased at their request: their session has ended, so the page should sign them out. */
export class CrmPrivacyEraseEvent extends Event {
  static readonly type = 'crm-privacy-erase';
  readonly erasedAt: string;

  constructor(erasedAt: string) {
    super(CrmPrivacyEraseEvent.type, { bubbles: true, composed: true });
    this.erasedAt = erasedAt;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-privacy-erase': CrmPrivacyEraseEvent;
  }
}
