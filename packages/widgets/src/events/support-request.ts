import type { ChatAttachment } from '@clientela/contract';

/**
 * The shopper asked the store about something, such as a statement
 * transaction. `<crm-support-chat>` answers it by opening a new conversation
 * with the subject and the attachment; cancelled once a chat has taken it.
 */
export class CrmSupportRequestEvent extends Event {
  static readonly type = 'crm-support-request';
  readonly subject: string;
  readonly attachment: ChatAttachment | null;

  constructor(subject: string, attachment: ChatAttachment | null = null) {
    super(CrmSupportRequestEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.subject = subject;
    this.attachment = attachment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-support-request': CrmSupportRequestEvent;
  }
}
