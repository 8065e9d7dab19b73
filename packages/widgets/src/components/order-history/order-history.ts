import { CrmOrderHistory } from './order-history.component.ts';

CrmOrderHistory.define('crm-order-history');

declare global {
  interface HTMLElementTagNameMap {
    'crm-order-history': CrmOrderHistory;
  }
}

export { CrmOrderHistory };
