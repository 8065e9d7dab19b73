import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// Conversations, their messages and events, agents online, and support hours.

export interface ConversationTable {
  merchantId: string;
  id: string;
  customerId: string;
  subject: string;
  status: string;
  assignedAgentId: string | null;
  lastSeq: Generated<number>;
  clientId: string | null;
  /** The fingerprint of the request that started it; null for conversations started before it was kept. */
  requestHash: string | null;
  attachment: ColumnType<unknown, string | null, string | null>;
  startedOffline: Generated<boolean>;
  shopperReadSeq: Generated<number>;
  agentReadSeq: Generated<number>;
  rating: number | null;
  ratingComment: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ChatEventTable {
  merchantId: string;
  id: Generated<number>;
  conversationId: string;
  customerId: string;
  payload: ColumnType<unknown, string, string>;
  createdAt: Timestamp;
}

export interface AgentPresenceTable {
  merchantId: string;
  agentId: string;
  seenAt: Timestamp;
}

export interface SupportSettingsTable {
  merchantId: string;
  hours: ColumnType<Array<{ day: number; opens: string; closes: string }>, string, string>;
}

export interface MessageTable {
  merchantId: string;
  conversationId: string;
  seq: number;
  id: string;
  clientId: string;
  author: string;
  authorId: string | null;
  body: string;
  createdAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface ChatTables {
  conversations: ConversationTable;
  messages: MessageTable;
  chatEvents: ChatEventTable;
  agentPresence: AgentPresenceTable;
  supportSettings: SupportSettingsTable;
}
