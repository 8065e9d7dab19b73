import { listAgentConversations, type InboxConversation } from '@clientela/contract';
import type { AppDeps } from '../../app.ts';
import type { Api } from '../../http/api.ts';
import { listInbox } from './chat.repository.ts';

export function chatRoutes(api: Api, deps: AppDeps): void {
  api.mount(listAgentConversations, async ({ caller, query }) => {
    const rows = await listInbox(deps.db, caller.merchant.id, query.status, query.limit);
    const items = rows.map(
      (row): InboxConversation => ({
        id: row.id,
        status: row.status as InboxConversation['status'],
        subject: row.subject,
        customer: { id: row.customerId, name: row.customerName },
        assignedAgentId: row.assignedAgentId,
        lastMessage:
          row.lastAuthor && row.lastBody !== null && row.lastSentAt
            ? { author: row.lastAuthor as 'shopper' | 'agent' | 'system', body: row.lastBody, sentAt: row.lastSentAt.toISOString() }
            : null,
        updatedAt: row.updatedAt.toISOString(),
      }),
    );
    return { items };
  });
}
