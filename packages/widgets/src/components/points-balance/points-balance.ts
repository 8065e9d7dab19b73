import { CrmPointsBalance } from './points-balance.component.ts';

CrmPointsBalance.define('crm-points-balance');

declare global {
  interface HTMLElementTagNameMap {
    'crm-points-balance': CrmPointsBalance;
  }
}

export { CrmPointsBalance };
