import type { ShopperState } from '../state/shopper/shopper-store.ts';

/** `<crm-portal>` signed a shopper in or out, or finished loading them. */
export class CrmShopperChangeEvent extends Event {
  static readonly type = 'crm-shopper-change';
  readonly state: ShopperState;

  constructor(state: ShopperState) {
    super(CrmShopperChangeEvent.type, { bubbles: true, composed: true });
    this.state = state;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-shopper-change': CrmShopperChangeEvent;
  }
}
