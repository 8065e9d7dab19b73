import * as z from 'zod/mini';
import { IsoDateTime } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

export const conversationStatuses = ['open', 'pending', 'resolved'] as const;
export const ConversationStatus = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const MessageAuthor = z.enum(['shopper', 'agent', 'system']);

export const InboxConversation = z.object({
  id: z.string(),
  status: ConversationStatus,
  subject: z.string(),
  customer: z.object({ id: z.string(), name: z.string() }),
  assignedAgentId: z.nullable(z.string()),
  lastMessage: z.nullable(z.object({ author: MessageAuthor, body: z.string(), sentAt: IsoDateTime })),
  updatedAt: IsoDateTime,
});
export type InboxConversation = z.infer<typeof InboxConversation>;

export const listAgentConversations = defineEndpoint({
  id: 'listAgentConversations',
  method: 'GET',
  path: '/v1/agent/conversations',
  audience: 'agent',
  tag: 'Support',
  summary: "The merchant's conversations with a given status, most recently active first.",
  query: z.object({
    status: z._default(ConversationStatus, 'open'),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  }),
  response: z.object({ items: z.array(InboxConversation) }),
});
