import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { ConversationTable, MessageTable } from './chat.tables.ts';

export type ConversationRow = Selectable<ConversationTable> & {
  customerName: string;
  customerTier: string;
  agentName: string | null;
  unreadByShopper: number;
  unreadByAgents: number;
};
export type MessageRow = Selectable<MessageTable> & { authorName: string | null };

/** Conversations with what every view shows of them: customer, assigned agent, unread counts. */
function conversations(db: Db, merchantId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('customers as cu', (join) => join.onRef('cu.merchantId', '=', 'c.merchantId').onRef('cu.id', '=', 'c.customerId'))
    .leftJoin('staff as a', (join) => join.onRef('a.merchantId', '=', 'c.merchantId').onRef('a.id', '=', 'c.assignedAgentId'))
    .selectAll('c')
    .select([
      sql<string>`cu.first_name || ' ' || cu.last_name`.as('customerName'),
      'cu.tier as customerTier',
      'a.name as agentName',
      sql<number>`(select count(*) from messages m where m.merchant_id = c.merchant_id and m.conversation_id = c.id and m.author <> 'shopper' and m.seq > c.shopper_read_seq)::int`.as('unreadByShopper'),
      sql<number>`(select count(*) from messages m where m.merchant_id = c.merchant_id and m.conversation_id = c.id and m.author = 'shopper' and m.seq > c.agent_read_seq)::int`.as('unreadByAgents'),
    ])
    .where('c.merchantId', '=', merchantId);
}

export async function findConversation(db: Db, merchantId: string, id: string, customerId?: string): Promise<ConversationRow | undefined> {
  let query = conversations(db, merchantId).where('c.id', '=', id);
  if (customerId !== undefined) query = query.where('c.customerId', '=', customerId);
  return query.executeTakeFirst();
}

export async function findConversationByClientId(db: Db, merchantId: string, customerId: string, clientId: string) {
  return conversations(db, merchantId).where('c.customerId', '=', customerId).where('c.clientId', '=', clientId).executeTakeFirst();
}

export async function conversationsOf(db: Db, merchantId: string, customerId: string) {
  return conversations(db, merchantId).where('c.customerId', '=', customerId).orderBy('c.updatedAt', 'desc').orderBy('c.createdAt', 'desc').orderBy('c.id').execute();
}

export async function inbox(db: Db, merchantId: string, filter: { view: 'unassigned' | 'mine' | 'all'; status: string; agentId: string; limit: number }) {
  let query = conversations(db, merchantId).where('c.status', '=', filter.status);
  if (filter.view === 'unassigned') query = query.where('c.assignedAgentId', 'is', null);
  if (filter.view === 'mine') query = query.where('c.assignedAgentId', '=', filter.agentId);
  return query.orderBy('c.updatedAt', 'desc').orderBy('c.createdAt', 'desc').orderBy('c.id').limit(filter.limit).execute();
}

/** The conversation row locked until the transaction ends: messages get their seq under this lock. */
export async function lockConversation(db: Db, merchantId: string, id: string, customerId?: string) {
  let query = db.selectFrom('conversations').selectAll().where('merchantId', '=', merchantId).where('id', '=', id);
  if (customerId !== undefined) query = query.where('customerId', '=', customerId);
  return query.forUpdate().executeTakeFirst();
}

export async function insertConversation(db: Db, conversation: Insertable<ConversationTable>) {
  await db.insertInto('conversations').values(conversation).execute();
}

export async function updateConversation(db: Db, merchantId: string, id: string, changes: Partial<Omit<Insertable<ConversationTable>, 'merchantId' | 'id'>>) {
  await db.updateTable('conversations').set(changes).where('merchantId', '=', merchantId).where('id', '=', id).execute();
}

function messages(db: Db, merchantId: string) {
  return db
    .selectFrom('messages as m')
    .leftJoin('staff as a', (join) => join.onRef('a.merchantId', '=', 'm.merchantId').onRef('a.id', '=', 'm.authorId'))
    .selectAll('m')
    .select(sql<string | null>`case when m.author = 'agent' then a.name end`.as('authorName'))
    .where('m.merchantId', '=', merchantId);
}

/** Who wrote a message: client ids are unique per author within a conversation. */
export interface Author {
  author: 'shopper' | 'agent';
  authorId: string;
}

export async function findMessageByClientId(db: Db, merchantId: string, conversationId: string, by: Author, clientId: string): Promise<MessageRow | undefined> {
  return messages(db, merchantId)
    .where('m.conversationId', '=', conversationId)
    .where('m.author', '=', by.author)
    .where('m.authorId', '=', by.authorId)
    .where('m.clientId', '=', clientId)
    .executeTakeFirst();
}

export async function findMessage(db: Db, merchantId: string, conversationId: string, seq: number): Promise<MessageRow | undefined> {
  return messages(db, merchantId).where('m.conversationId', '=', conversationId).where('m.seq', '=', seq).executeTakeFirst();
}

/** Seqs are PostgreSQL integers; a bound past the largest asks for the latest page, as no bound does. */
const largestSeq = 2 ** 31 - 1;

/** A page of messages before `before` (the latest when undefined), returned oldest first. */
export async function messagesBefore(db: Db, merchantId: string, conversationId: string, before: number | undefined, limit: number) {
  let query = messages(db, merchantId).where('m.conversationId', '=', conversationId);
  if (before !== undefined && before <= largestSeq) query = query.where('m.seq', '<', before);
  const rows = await query.orderBy('m.seq', 'desc').limit(limit + 1).execute();
  return { rows: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

export async function insertMessage(db: Db, message: Insertable<MessageTable>) {
  await db.insertInto('messages').values(message).execute();
}

/**
 * Appends an event to the merchant's sequence. The advisory lock makes a
 * merchant's events commit in the order of their ids, so a stream reading
 * "after id N" can never miss one that commits late.
 */
export async function appendChatEvent(db: Db, merchantId: string, event: { conversationId: string; customerId: string; payload: unknown; at: Date }) {
  await sql`select pg_advisory_xact_lock(hashtext(${`chat:${merchantId}`}))`.execute(db);
  const row = await db
    .insertInto('chatEvents')
    .values({ merchantId, conversationId: event.conversationId, customerId: event.customerId, payload: JSON.stringify(event.payload), createdAt: event.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface EventScope {
  customerId?: string;
  conversationId?: string;
}

export async function eventsAfter(db: Db, merchantId: string, afterId: number, scope: EventScope, limit: number) {
  let query = db.selectFrom('chatEvents').select(['id', 'conversationId', 'customerId', 'payload']).where('merchantId', '=', merchantId).where('id', '>', afterId);
  if (scope.customerId !== undefined) query = query.where('customerId', '=', scope.customerId);
  if (scope.conversationId !== undefined) query = query.where('conversationId', '=', scope.conversationId);
  return query.orderBy('id').limit(limit).execute();
}

export async function lastEventId(db: Db, merchantId: string): Promise<number> {
  const row = await db
    .selectFrom('chatEvents')
    .select((eb) => eb.fn.max<number>('id').as('id'))
    .where('merchantId', '=', merchantId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function touchPresence(db: Db, merchantId: string, agentId: string, at: Date) {
  await db
    .insertInto('agentPresence')
    .values({ merchantId, agentId, seenAt: at })
    .onConflict((conflict) => conflict.columns(['merchantId', 'agentId']).doUpdateSet({ seenAt: at }))
    .execute();
}

/** The name of an agent of the store, as messages show their author; undefined when the store has no such agent. */
export async function agentName(db: Db, merchantId: string, agentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('staff').select('name').where('merchantId', '=', merchantId).where('id', '=', agentId).executeTakeFirst();
  return row?.name;
}

export async function agentsSeenSince(db: Db, merchantId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('agentPresence')
    .select((eb) => eb.fn.countAll<number>().as('agents'))
    .where('merchantId', '=', merchantId)
    .where('seenAt', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.agents);
}

export async function supportHours(db: Db, merchantId: string) {
  return (await db.selectFrom('supportSettings').select('hours').where('merchantId', '=', merchantId).executeTakeFirst())?.hours;
}

export async function putSupportHours(db: Db, merchantId: string, hours: Array<{ day: number; opens: string; closes: string }>) {
  await db
    .insertInto('supportSettings')
    .values({ merchantId, hours: JSON.stringify(hours) })
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet({ hours: JSON.stringify(hours) }))
    .execute();
}
