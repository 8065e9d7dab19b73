import { CrmPrivacy } from './privacy.component.ts';

CrmPrivacy.define('crm-privacy');

declare global {
  interface HTMLElementTagNameMap {
    'crm-privacy': CrmPrivacy;
  }
}

export { CrmPrivacy };
