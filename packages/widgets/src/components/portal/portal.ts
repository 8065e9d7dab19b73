import { CrmPortal } from './portal.component.ts';

CrmPortal.define('crm-portal');

declare global {
  interface HTMLElementTagNameMap {
    'crm-portal': CrmPortal;
  }
}

export { CrmPortal };
