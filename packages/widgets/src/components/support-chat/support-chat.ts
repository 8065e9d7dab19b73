import { CrmSupportChat } from './support-chat.component.ts';

CrmSupportChat.define('crm-support-chat');

declare global {
  interface HTMLElementTagNameMap {
    'crm-support-chat': CrmSupportChat;
  }
}

export { CrmSupportChat };
