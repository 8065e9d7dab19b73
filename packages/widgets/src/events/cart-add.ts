import type { Money } from '@clientela/contract';

/** The shopper wants this product in their cart: the host page adds it, the kit has no cart of its own. */
export class CrmCartAddEvent extends Event {
  static readonly type = 'crm-cart-add';
  readonly productId: string;
  readonly quantity: number;
  readonly price: Money;

  constructor(productId: string, price: Money, quantity = 1) {
    super(CrmCartAddEvent.type, { bubbles: true, composed: true });
    this.productId = productId;
    this.quantity = quantity;
    this.price = price;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-cart-add': CrmCartAddEvent;
  }
}
