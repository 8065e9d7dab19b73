import type { Money } from '@clientela/contract';

/** One product for the cart, as many as the shopper bought before. */
export interface CartLine {
  productId: string;
  quantity: number;
  price: Money;
}

/**
 * The shopper wants these products in their cart at once ("Volver a comprar"):
 * the host page adds them all; the kit has no cart of its own. Only products
 * on sale and in stock are in it.
 */
export class CrmCartAddManyEvent extends Event {
  static readonly type = 'crm-cart-add-many';
  readonly items: readonly CartLine[];

  constructor(items: readonly CartLine[]) {
    super(CrmCartAddManyEvent.type, { bubbles: true, composed: true });
    this.items = items;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-cart-add-many': CrmCartAddManyEvent;
  }
}
