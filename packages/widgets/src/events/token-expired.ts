/**
 * The shopper's token has expired. Answer by setting a fresh token on
 * `<crm-portal>` (property or attribute); the call that failed is retried
 * once with it. Without an answer in 15 seconds the portal signs out.
 */
export class CrmTokenExpiredEvent extends Event {
  static readonly type = 'crm-token-expired';

  constructor() {
    super(CrmTokenExpiredEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-token-expired': CrmTokenExpiredEvent;
  }
}
