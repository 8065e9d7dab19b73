import { CrmBackOffice } from './back-office.component.ts';

CrmBackOffice.define('crm-back-office');

declare global {
  interface HTMLElementTagNameMap {
    'crm-back-office': CrmBackOffice;
  }
}

export { CrmBackOffice };
