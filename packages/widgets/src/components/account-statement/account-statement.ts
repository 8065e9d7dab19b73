import { CrmAccountStatement } from './account-statement.component.ts';

CrmAccountStatement.define('crm-account-statement');

declare global {
  interface HTMLElementTagNameMap {
    'crm-account-statement': CrmAccountStatement;
  }
}

export { CrmAccountStatement };
