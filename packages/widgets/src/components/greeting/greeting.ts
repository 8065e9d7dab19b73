import { CrmGreeting } from './greeting.component.ts';

CrmGreeting.define('crm-greeting');

declare global {
  interface HTMLElementTagNameMap {
    'crm-greeting': CrmGreeting;
  }
}

export { CrmGreeting };
