import type { ConsentPurpose } from '@clientela/contract';

/** The shopper gave or withdrew a consent in `<crm-privacy>`; a page that tracks for that purpose should follow it. */
export class CrmConsentChangeEvent extends Event {
  static readonly type = 'crm-consent-change';
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;

  constructor(purpose: ConsentPurpose, granted: boolean) {
    super(CrmConsentChangeEvent.type, { bubbles: true, composed: true });
    this.purpose = purpose;
    this.granted = granted;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-consent-change': CrmConsentChangeEvent;
  }
}
