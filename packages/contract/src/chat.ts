import * as z from 'zod/mini';
import { ExternalId, IsoDateTime, Tier } from './common.ts';
import { Customer } from './customers.ts';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';
import { MyOrderSummary } from './orders.ts';
import { Period, StatementLine } from './statements.ts';
import { conversationStatuses, inboxViews } from './vocabulary.ts';
import { WishlistItem } from './wishlist.ts';

export { conversationStatuses, inboxViews, type InboxView } from './vocabulary.ts';

export const ConversationStatus = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const MessageAuthor = z.enum(['shopper', 'agent', 'system']);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/**
 * A client's own id for something it sends, so that sending it again is
 * sending it once. Each author's ids are their own: the shopper's and each
 * agent's may coincide without one hiding the other.
 */
export const ClientId = z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, _ and - only'));

export const MessageBody = z.string().check(
  z.trim(),
  z.minLength(1, 'Write something'),
  z.maxLength(4000),
);

export const ChatMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Its place in the conversation: 1, 2, 3… with no gaps. */
  seq: z.int(),
  clientId: z.string(),
  author: MessageAuthor,
  /** The agent's name on agent messages. */
  authorName: z.nullable(z.string()),
  body: z.string(),
  sentAt: IsoDateTime,
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** Something the shopper asks about, shown to the agent with the conversation as the store's records have it. */
export const ChatAttachment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('statement-line'), period: Period, line: StatementLine }),
  /** One of the shopper's orders: when, how much, what, and where it is now. */
  z.object({ kind: z.literal('order'), order: MyOrderSummary }),
]);
export type ChatAttachment = z.infer<typeof ChatAttachment>;

/**
 * What a shopper starting a conversation asks about, by reference only: a
 * line of one of their own statements, by period and the line's `seq`, or
 * one of their orders, by its id. The store fills in the line from the
 * statement (the order from their orders), so what the agent sees is what
 * the statement says. An open cycle's lines are numbered as of now: a line
 * billed meanwhile with an earlier date moves those after it.
 */
export const ChatAttachmentReference = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('statement-line'), period: Period, seq: z.int().check(z.minimum(1), z.maximum(1_000_000)) }),
  z.object({ kind: z.literal('order'), orderId: ExternalId }),
]);
export type ChatAttachmentReference = z.infer<typeof ChatAttachmentReference>;

export const Rating = z.object({
  score: z.int().check(z.minimum(1), z.maximum(5)),
  comment: z._default(z.string().check(z.trim(), z.maxLength(1000)), ''),
});
export type Rating = z.infer<typeof Rating>;

export const Conversation = z.object({
  id: z.string(),
  status: ConversationStatus,
  subject: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  lastMessage: z.nullable(ChatMessage),
  /** Messages from the store the shopper has not read. */
  unread: z.int(),
  /** The store has read the shopper's messages up to this one (read receipts). */
  agentReadSeq: z.int(),
  assignedAgent: z.nullable(z.object({ id: z.string(), name: z.string() })),
  rating: z.nullable(Rating),
  attachment: z.nullable(ChatAttachment),
  /** Started when no agent was online: the store answers when it is back. */
  startedOffline: z.boolean(),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationList = z.object({
  items: z.array(Conversation),
  /** Resume the event stream after this id to see everything that happens from here on. */
  eventCursor: z.string(),
});
export type ConversationList = z.infer<typeof ConversationList>;

export const listMyConversations = defineEndpoint({
  id: 'listMyConversations',
  method: 'GET',
  path: '/v1/me/conversations',
  audience: 'shopper',
  tag: 'Support',
  summary: "The shopper's conversations with the store, most recently active first, on every device.",
  response: ConversationList,
});

export const NewConversation = z.object({
  /** The client's id for this conversation: starting it again returns the same one. */
  clientId: ClientId,
  subject: z._default(z.string().check(z.trim(), z.maxLength(200)), ''),
  message: z.object({ clientId: ClientId, body: MessageBody }),
  attachment: z.optional(ChatAttachmentReference),
});
export type NewConversation = z.input<typeof NewConversation>;

export const startConversation = defineEndpoint({
  id: 'startConversation',
  method: 'POST',
  path: '/v1/me/conversations',
  audience: 'shopper',
  tag: 'Support',
  summary:
    'Starts a conversation with its first message, about a line of one of the shopper’s statements if it names one (404 when the statement has no such line). Idempotent on the client id: a retry answers 200 with the same conversation; the same client id with other content, 409.',
  body: NewConversation,
  response: Conversation,
  status: 201,
  errors: [404, 409, 429],
});

const ConversationParams = z.object({ id: ExternalId });

export const MessagePage = z.object({
  /** Oldest first. */
  items: z.array(ChatMessage),
  hasMore: z.boolean(),
});

const MessagePageQuery = z.object({
  /** Messages before this seq; the latest when left out. */
  before: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});

export const listMyMessages = defineEndpoint({
  id: 'listMyMessages',
  method: 'GET',
  path: '/v1/me/conversations/{id}/messages',
  audience: 'shopper',
  tag: 'Support',
  summary: 'Messages of one of the shopper’s conversations, a page before a seq.',
  params: ConversationParams,
  query: MessagePageQuery,
  response: MessagePage,
  errors: [404],
});

export const NewMessage = z.object({ clientId: ClientId, body: MessageBody });
export type NewMessage = z.input<typeof NewMessage>;

export const sendMyMessage = defineEndpoint({
  id: 'sendMyMessage',
  method: 'POST',
  path: '/v1/me/conversations/{id}/messages',
  audience: 'shopper',
  tag: 'Support',
  summary:
    'Sends a message. Idempotent on the shopper’s client id: a resend is stored once and answered (200) with the same id and seq; the same client id with another body, 409. A message to a resolved conversation opens it again.',
  params: ConversationParams,
  body: NewMessage,
  response: ChatMessage,
  status: 201,
  errors: [404, 409, 429],
});

const ReadBody = z.object({ seq: z.int().check(z.minimum(0)) });

export const markMyConversationRead = defineEndpoint({
  id: 'markMyConversationRead',
  method: 'POST',
  path: '/v1/me/conversations/{id}/read',
  audience: 'shopper',
  tag: 'Support',
  summary: 'The shopper has read up to this seq; the store sees a read receipt.',
  params: ConversationParams,
  body: ReadBody,
  response: null,
  status: 204,
  errors: [404],
});

export const signalMyTyping = defineEndpoint({
  id: 'signalMyTyping',
  method: 'POST',
  path: '/v1/me/conversations/{id}/typing',
  audience: 'shopper',
  tag: 'Support',
  summary: 'The shopper is typing: passed on to the agent at once, never stored.',
  params: ConversationParams,
  response: null,
  status: 204,
  errors: [404],
});

export const rateMyConversation = defineEndpoint({
  id: 'rateMyConversation',
  method: 'POST',
  path: '/v1/me/conversations/{id}/rating',
  audience: 'shopper',
  tag: 'Support',
  summary: 'Rates a resolved conversation from 1 to 5; a 409 while it is not resolved.',
  params: ConversationParams,
  body: Rating,
  response: Conversation,
  errors: [404, 409],
});

/** What the event streams carry. Every event but `typing` has an id to resume after. */
export const ChatEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), conversationId: z.string(), message: ChatMessage }),
  z.object({ type: z.literal('conversation'), conversationId: z.string() }),
  z.object({ type: z.literal('read'), conversationId: z.string(), reader: z.enum(['shopper', 'agent']), seq: z.int() }),
  z.object({ type: z.literal('typing'), conversationId: z.string(), author: z.enum(['shopper', 'agent']) }),
]);
export type ChatEvent = z.infer<typeof ChatEvent>;

export const streamMyConversation = defineEndpoint({
  id: 'streamMyConversation',
  method: 'GET',
  path: '/v1/me/conversations/{id}/events',
  audience: 'shopper',
  tag: 'Support',
  summary:
    'Server-sent events of one conversation (messages, status, read receipts, typing). Send Last-Event-ID to resume: every event after it arrives exactly once, in order. A session, a shopper and a store may each hold only so many streams open: past that, 429.',
  params: ConversationParams,
  response: null,
  produces: 'text/event-stream',
  errors: [404, 429],
});

export const streamMyEvents = defineEndpoint({
  id: 'streamMyEvents',
  method: 'GET',
  path: '/v1/me/events',
  audience: 'shopper',
  tag: 'Support',
  summary: 'Server-sent events of all the shopper’s conversations, resumable with Last-Event-ID and limited like one conversation’s.',
  response: null,
  produces: 'text/event-stream',
  errors: [429],
});

export const Availability = z.object({
  /** An agent is online within business hours: a chat gets answered now. */
  online: z.boolean(),
  withinHours: z.boolean(),
  /** When business hours start next, if outside them. */
  opensAt: z.nullable(IsoDateTime),
});
export type Availability = z.infer<typeof Availability>;

export const getSupportAvailability = defineEndpoint({
  id: 'getSupportAvailability',
  method: 'GET',
  path: '/v1/support/availability',
  audience: 'publishable',
  tag: 'Support',
  summary: 'Whether an agent will answer a chat now.',
  response: Availability,
});

const Time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time such as 09:30'), z.maxLength(5));

export const SupportSettings = z.object({
  /** Opening hours in the merchant's time zone; day 0 is Sunday. */
  hours: z
    .array(z.object({ day: z.int().check(z.minimum(0), z.maximum(6)), opens: Time, closes: Time }))
    .check(z.maxLength(21)),
});
export type SupportSettings = z.infer<typeof SupportSettings>;

export const getSupportSettings = defineEndpoint({
  id: 'getSupportSettings',
  method: 'GET',
  path: '/v1/support-settings',
  audience: 'secret',
  staff: allStaff,
  tag: 'Support',
  summary: 'The business hours of support chat; none set means support is open whenever an agent is online.',
  response: SupportSettings,
});

export const putSupportSettings = defineEndpoint({
  id: 'putSupportSettings',
  method: 'PUT',
  path: '/v1/support-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Support',
  summary: 'Replaces the business hours of support chat.',
  body: SupportSettings,
  response: SupportSettings,
});

export const AgentConversation = z.object({
  ...Conversation.shape,
  customer: z.object({ id: z.string(), name: z.string(), tier: Tier }),
  /** Shopper messages the agents have not read. */
  unreadByAgents: z.int(),
  /** The shopper has read up to this seq. */
  shopperReadSeq: z.int(),
});
export type AgentConversation = z.infer<typeof AgentConversation>;


export const listAgentConversations = defineEndpoint({
  id: 'listAgentConversations',
  method: 'GET',
  path: '/v1/agent/conversations',
  audience: 'agent',
  tag: 'Support',
  summary: 'The inbox: conversations with a status, unassigned, the agent’s own or all, most recently active first.',
  query: z.object({
    view: z._default(z.enum(inboxViews), 'all'),
    status: z._default(ConversationStatus, 'open'),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  }),
  response: z.object({ items: z.array(AgentConversation), eventCursor: z.string() }),
});

export const getAgentConversation = defineEndpoint({
  id: 'getAgentConversation',
  method: 'GET',
  path: '/v1/agent/conversations/{id}',
  audience: 'agent',
  tag: 'Support',
  summary: 'One conversation, for an agent.',
  params: ConversationParams,
  response: AgentConversation,
  errors: [404],
});

export const listAgentMessages = defineEndpoint({
  id: 'listAgentMessages',
  method: 'GET',
  path: '/v1/agent/conversations/{id}/messages',
  audience: 'agent',
  tag: 'Support',
  summary: 'Messages of a conversation, a page before a seq.',
  params: ConversationParams,
  query: MessagePageQuery,
  response: MessagePage,
  errors: [404],
});

export const sendAgentMessage = defineEndpoint({
  id: 'sendAgentMessage',
  method: 'POST',
  path: '/v1/agent/conversations/{id}/messages',
  audience: 'agent',
  tag: 'Support',
  summary: 'Answers a conversation. Idempotent on the agent’s own client id, like the shopper’s messages.',
  params: ConversationParams,
  body: NewMessage,
  response: ChatMessage,
  status: 201,
  errors: [404, 409, 429],
});

export const assignConversation = defineEndpoint({
  id: 'assignConversation',
  method: 'POST',
  path: '/v1/agent/conversations/{id}/assign',
  audience: 'agent',
  tag: 'Support',
  summary: 'Assigns the conversation to an agent of the store (the caller when none is named), or unassigns it with null.',
  params: ConversationParams,
  body: z.object({ agentId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(64)))) }),
  response: AgentConversation,
  errors: [404],
});

export const resolveConversation = defineEndpoint({
  id: 'resolveConversation',
  method: 'POST',
  path: '/v1/agent/conversations/{id}/resolve',
  audience: 'agent',
  tag: 'Support',
  summary: 'Marks the conversation resolved; the shopper is asked to rate it.',
  params: ConversationParams,
  response: AgentConversation,
  errors: [404],
});

export const markAgentRead = defineEndpoint({
  id: 'markAgentRead',
  method: 'POST',
  path: '/v1/agent/conversations/{id}/read',
  audience: 'agent',
  tag: 'Support',
  summary: 'The agents have read up to this seq; the shopper sees a read receipt.',
  params: ConversationParams,
  body: ReadBody,
  response: null,
  status: 204,
  errors: [404],
});

export const signalAgentTyping = defineEndpoint({
  id: 'signalAgentTyping',
  method: 'POST',
  path: '/v1/agent/conversations/{id}/typing',
  audience: 'agent',
  tag: 'Support',
  summary: 'The agent is typing: passed on to the shopper at once, never stored.',
  params: ConversationParams,
  response: null,
  status: 204,
  errors: [404],
});

export const streamAgentEvents = defineEndpoint({
  id: 'streamAgentEvents',
  method: 'GET',
  path: '/v1/agent/events',
  audience: 'agent',
  tag: 'Support',
  summary:
    'Server-sent events of all the store’s conversations, resumable with Last-Event-ID; an open stream marks the agent online. An agent’s session and the store’s agents may each hold only so many streams open: past that, 429.',
  response: null,
  produces: 'text/event-stream',
  errors: [429],
});

export const CustomerPanel = z.object({
  customer: Customer,
  card: z.nullable(
    z.object({
      creditLimit: z.int(),
      balance: z.int(),
      availableCredit: z.int(),
      lastStatement: z.nullable(z.object({ period: Period, closingBalance: z.int(), minimumPayment: z.int(), dueDate: z.iso.date() })),
    }),
  ),
  wishlist: z.array(WishlistItem),
  recentOrders: z.array(
    z.object({
      id: z.string(),
      placedAt: IsoDateTime,
      total: z.int(),
      items: z.array(z.string()),
      paidWithStoreCard: z.boolean(),
    }),
  ),
  currency: z.string(),
});
export type CustomerPanel = z.infer<typeof CustomerPanel>;

export const getAgentCustomer = defineEndpoint({
  id: 'getAgentCustomer',
  method: 'GET',
  path: '/v1/agent/customers/{id}',
  audience: 'agent',
  tag: 'Support',
  summary: 'The whole customer for the agent: tier, points, lifetime value, store card, wishlist and recent orders.',
  params: z.object({ id: ExternalId }),
  response: CustomerPanel,
  errors: [404],
});

export const listCustomerConversations = defineEndpoint({
  id: 'listCustomerConversations',
  method: 'GET',
  path: '/v1/customers/{id}/conversations',
  audience: 'secret',
  staff: allStaff,
  tag: 'Support',
  summary: "A customer's conversations with the store, most recently active first, as the agent console shows them.",
  params: z.object({ id: ExternalId }),
  response: z.object({ items: z.array(AgentConversation) }),
  errors: [404],
});
